#include "core/retrieval/caption_text.h"

#include <algorithm>

#include "core/retrieval/unicode_text.h"

namespace winnow::core {

namespace {

bool isStripped(char32_t c) {
    switch (c) {
        case U'.': case U'!': case U'"': case U'(': case U')':
        case U'*': case U'#': case U':': case U';': case U'~':
            return true;
        default:
            return false;
    }
}

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words) {
        if (!out.empty()) out.push_back(' ');
        out += w;
    }
    return out;
}

}  // namespace

std::string normaliseCaption(std::string_view caption, int maxWords) {
    std::u32string s = unicode::toLower(unicode::decodeUtf8(caption));
    for (char32_t& c : s)
        if (isStripped(c)) c = U' ';
    // \s{2,} -> ' '
    std::u32string collapsed;
    collapsed.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        size_t j = i;
        while (j < s.size() && unicode::isSpace(s[j])) ++j;
        if (j - i >= 2) {
            collapsed.push_back(U' ');
            i = j;
        } else if (j - i == 1) {
            collapsed.push_back(s[i++]);
        } else {
            collapsed.push_back(s[i++]);
        }
    }
    // rstrip('\n'), strip(' ')
    while (!collapsed.empty() && collapsed.back() == U'\n') collapsed.pop_back();
    size_t b = 0, e = collapsed.size();
    while (b < e && collapsed[b] == U' ') ++b;
    while (e > b && collapsed[e - 1] == U' ') --e;
    std::u32string_view body = std::u32string_view(collapsed).substr(b, e - b);
    if (maxWords > 0) {
        int words = 1;
        for (size_t i = 0; i < body.size(); ++i)
            if (body[i] == U' ' && ++words > maxWords) {
                body = body.substr(0, i);
                break;
            }
    }
    return unicode::encodeUtf8(body);
}

std::vector<std::string> diffWords(std::string_view caption) {
    const std::u32string s = unicode::decodeUtf8(normaliseCaption(caption, 0));
    std::vector<std::string> words;
    for (size_t i = 0; i < s.size();) {
        if (!unicode::isLetter(s[i]) && !unicode::isNumber(s[i])) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < s.size() && (unicode::isLetter(s[j]) || unicode::isNumber(s[j]))) ++j;
        words.push_back(unicode::encodeUtf8(std::u32string_view(s).substr(i, j - i)));
        i = j;
    }
    return words;
}

std::vector<WordSwap> diffCaptions(std::string_view source, std::string_view target) {
    const std::vector<std::string> a = diffWords(source);
    const std::vector<std::string> b = diffWords(target);
    // The common head and tail are matched first, so that one word changed among equal words
    // ("x y" -> "y y") is one swap, not a deletion plus an insertion.
    size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
    size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head &&
           a[a.size() - 1 - tail] == b[b.size() - 1 - tail])
        ++tail;
    const size_t n = a.size() - tail, m = b.size() - tail;
    // lcs[i][j] = LCS length of a[i:n], b[j:m] (only the middle is filled in)
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (size_t i = n; i-- > head;)
        for (size_t j = m; j-- > head;)
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::vector<WordSwap> swaps;
    WordSwap open;
    bool isOpen = false;
    const auto close = [&]() {
        if (!isOpen) return;
        if (open.source.size() == 1 && open.target.size() == 1) {
            const std::u32string x = unicode::decodeUtf8(open.source[0]);
            const std::u32string y = unicode::decodeUtf8(open.target[0]);
            size_t p = 0;
            while (p < x.size() && p < y.size() && x[p] == y[p]) ++p;
            size_t q = 0;
            while (q < x.size() - p && q < y.size() - p && x[x.size() - 1 - q] == y[y.size() - 1 - q]) ++q;
            const std::u32string xs = x.substr(p, x.size() - p - q);
            const std::u32string ys = y.substr(p, y.size() - p - q);
            open.sourceCore = unicode::encodeUtf8(xs);
            open.targetCore = unicode::encodeUtf8(ys);
            open.insideWord = p + q >= 2 && xs.size() >= 3 && ys.size() >= 3;
        } else {
            open.sourceCore = join(open.source);
            open.targetCore = join(open.target);
        }
        swaps.push_back(open);
        open = WordSwap{};
        isOpen = false;
    };
    size_t i = head, j = head;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) {
            close();
            ++i, ++j;
            continue;
        }
        if (!isOpen) {
            open.sourceIndex = i;
            open.targetIndex = j;
            isOpen = true;
        }
        if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) open.source.push_back(a[i++]);
        else open.target.push_back(b[j++]);
    }
    close();
    return swaps;
}

bool isSingleWordSwap(const std::vector<WordSwap>& swaps) {
    return swaps.size() == 1 && swaps[0].source.size() == 1 && swaps[0].target.size() == 1;
}

}  // namespace winnow::core
