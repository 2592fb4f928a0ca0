#include "widgets/grid_query.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/review/decision.h"

namespace winnow::widgets {

namespace {

int sortKey(const core::SampleTable& t, size_t i, GridSortKey key) {
    switch (key) {
    case GridSortKey::Label: return t.label[i] + 1;  // unlabelled (-1) first
    case GridSortKey::Split: return t.split[i];
    case GridSortKey::Status: return t.status[i];
    case GridSortKey::Id:
    case GridSortKey::Value: break;
    }
    return 0;
}

// For each table position, the index of the same sample id in `ids` (both ascending), or -1.
std::vector<int32_t> align(const std::vector<int64_t>& tableIds, const std::vector<int64_t>& ids) {
    std::vector<int32_t> at(tableIds.size(), -1);
    size_t j = 0;
    for (size_t i = 0; i < tableIds.size(); ++i) {
        while (j < ids.size() && ids[j] < tableIds[i]) ++j;
        if (j < ids.size() && ids[j] == tableIds[i]) at[i] = int32_t(j);
    }
    return at;
}

char fold(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

bool containsFolded(const std::string& text, const std::string& foldedNeedle) {
    if (foldedNeedle.size() > text.size()) return false;
    for (size_t s = 0; s + foldedNeedle.size() <= text.size(); ++s) {
        size_t k = 0;
        while (k < foldedNeedle.size() && fold(text[s + k]) == foldedNeedle[k]) ++k;
        if (k == foldedNeedle.size()) return true;
    }
    return false;
}

// Everything the filters need about one query, aligned to the table once.
struct Prepared {
    const core::SampleTable& t;
    const GridQuery& q;
    const GridFacts* facts = nullptr;
    std::vector<int32_t> factAt;   // table position -> facts row
    std::vector<int32_t> valueAt;  // table position -> value row
    std::string needle;

    Prepared(const core::SampleTable& table, const GridQuery& query) : t(table), q(query) {
        facts = q.facts.get();
        const bool wantFacts = q.review != GridReviewFilter::Any || !q.nameContains.empty();
        if (facts && wantFacts) factAt = align(t.ids, facts->ids);
        const bool wantValue = q.sort == GridSortKey::Value || q.review == GridReviewFilter::Flagged;
        if (facts && wantValue) valueAt = align(t.ids, facts->valueIds);
        for (char c : q.nameContains) needle.push_back(fold(c));
    }

    int8_t decision(size_t i) const {
        if (factAt.empty() || factAt[i] < 0) return -1;
        return facts->decision[size_t(factAt[i])];
    }

    bool reviewPasses(size_t i) const {
        using A = core::ReviewAction;
        switch (q.review) {
        case GridReviewFilter::Any: return true;
        case GridReviewFilter::Trusted: return t.trusted[i] != 0;
        case GridReviewFilter::Flagged:
            return !valueAt.empty() && valueAt[i] >= 0 && facts->flagged[size_t(valueAt[i])] != 0;
        case GridReviewFilter::Relabelled: return decision(i) == int8_t(A::Relabel);
        case GridReviewFilter::Excluded:
            // Applied (the sample's flag) or decided and not applied yet.
            return decision(i) == int8_t(A::Exclude) ||
                   (!factAt.empty() && factAt[i] >= 0 && facts->excluded[size_t(factAt[i])] != 0);
        case GridReviewFilter::Decided: return decision(i) >= 0;
        case GridReviewFilter::Undecided: return !factAt.empty() && factAt[i] >= 0 && decision(i) < 0;
        }
        return true;
    }

    bool passes(size_t i) const {
        if (q.classIdx == -2 && t.label[i] != -1) return false;
        if (q.classIdx >= 0 && t.label[i] != q.classIdx) return false;
        if (q.split >= 0 && t.split[i] != q.split) return false;
        if (q.status >= 0 && t.status[i] != q.status) return false;
        if (!reviewPasses(i)) return false;
        if (q.onlyIds && !std::binary_search(q.onlyIds->begin(), q.onlyIds->end(), t.ids[i])) return false;
        if (!needle.empty()) {
            if (factAt.empty() || factAt[i] < 0) return false;
            if (!containsFolded(facts->fileNames[size_t(factAt[i])], needle)) return false;
        }
        return true;
    }

    float value(size_t i) const {
        if (valueAt.empty() || valueAt[i] < 0) return std::numeric_limits<float>::quiet_NaN();
        return facts->value[size_t(valueAt[i])];
    }
};

void sortByValue(std::vector<uint32_t>& rows, const Prepared& p, bool descending) {
    std::vector<float> v(p.t.size());
    for (uint32_t r : rows) v[r] = p.value(r);
    // Samples without a value go last either way; ties keep id order (rows are in id order).
    std::stable_sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) {
        const float va = v[a], vb = v[b];
        const bool na = std::isnan(va), nb = std::isnan(vb);
        if (na || nb) return !na && nb;
        return descending ? va > vb : va < vb;
    });
}

}  // namespace

std::vector<uint32_t> computeGridRows(const core::SampleTable& t, const GridQuery& q) {
    const Prepared p(t, q);
    std::vector<uint32_t> rows;
    rows.reserve(t.size());
    for (size_t i = 0; i < t.size(); ++i)
        if (p.passes(i)) rows.push_back(uint32_t(i));
    // The table is in id order, so the filtered rows already are too.
    if (q.sort == GridSortKey::Value) {
        sortByValue(rows, p, q.descending);
        return rows;
    }
    if (q.sort != GridSortKey::Id) {
        int maxKey = 0;
        for (uint32_t r : rows) maxKey = std::max(maxKey, sortKey(t, r, q.sort));
        std::vector<size_t> start(size_t(maxKey) + 2, 0);
        for (uint32_t r : rows) ++start[size_t(sortKey(t, r, q.sort)) + 1];
        for (size_t k = 1; k < start.size(); ++k) start[k] += start[k - 1];
        std::vector<uint32_t> sorted(rows.size());
        for (uint32_t r : rows) sorted[start[size_t(sortKey(t, r, q.sort))]++] = r;
        rows.swap(sorted);
    }
    // Descending reverses the key order but keeps ids ascending within a key.
    if (q.descending) {
        if (q.sort == GridSortKey::Id) {
            std::reverse(rows.begin(), rows.end());
        } else {
            std::stable_sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) {
                return sortKey(t, a, q.sort) > sortKey(t, b, q.sort);
            });
        }
    }
    return rows;
}

}  // namespace winnow::widgets
