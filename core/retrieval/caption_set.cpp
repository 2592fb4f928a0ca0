#include "core/retrieval/caption_set.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "core/dataset/csv_reader.h"
#include "core/util/error.h"
#include "core/util/json_text.h"

namespace winnow::core {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char* kExpected =
    "expected a JSON list of {\"image\": path, \"caption\": [..]} entries (Karpathy / RoCOCO), "
    "a COCO captions JSON object with \"images\" and \"annotations\", or a CSV with columns "
    "image,caption";

struct RawItem {
    std::string image;
    std::vector<std::string> captions;
    // Winnow's own attack files (caption_attack.h): "adversarial_source" names, for each of the
    // entry's last captions, the ground-truth caption it came from. Empty: not given.
    std::vector<int> adversarialSource;
};

// Keeps items in order of first appearance, merging repeated images.
class ItemCollector {
public:
    void add(const std::string& image, std::string caption) {
        auto [it, inserted] = m_index.try_emplace(image, m_items.size());
        if (inserted) m_items.push_back(RawItem{image, {}, {}});
        m_items[it->second].captions.push_back(std::move(caption));
    }
    bool has(const std::string& image) const { return m_index.count(image) != 0; }
    void touch(const std::string& image) {
        auto [it, inserted] = m_index.try_emplace(image, m_items.size());
        if (inserted) m_items.push_back(RawItem{image, {}, {}});
    }
    void setAdversarialSource(const std::string& image, std::vector<int> sources) {
        m_items[m_index.at(image)].adversarialSource = std::move(sources);
    }
    std::vector<RawItem> take() { return std::move(m_items); }

private:
    std::vector<RawItem> m_items;
    std::unordered_map<std::string, size_t> m_index;
};

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(const std::string& s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
}

std::vector<RawItem> readKarpathy(const json& root, const fs::path& file, std::vector<CaptionSetIssue>& issues) {
    ItemCollector items;
    for (size_t k = 0; k < root.size(); ++k) {
        const json& e = root[k];
        const std::string where = "entry " + std::to_string(k + 1);
        const auto image = e.find("image");
        if (image == e.end() || !image->is_string() || image->get<std::string>().empty()) {
            issues.push_back({where, file.string() + ": " + where + " has no \"image\" path; skipped"});
            continue;
        }
        const std::string name = image->get<std::string>();
        const auto caption = e.find("caption");
        std::vector<std::string> captions;
        if (caption != e.end() && caption->is_string()) {
            captions.push_back(caption->get<std::string>());
        } else if (caption != e.end() && caption->is_array()) {
            for (const json& c : *caption)
                if (c.is_string()) captions.push_back(c.get<std::string>());
                else issues.push_back({name, file.string() + ": " + where + " (" + name + ") has a caption that is not text; skipped"});
        }
        if (captions.empty()) {
            issues.push_back({name, file.string() + ": " + where + " (" + name + ") has no captions; skipped"});
            continue;
        }
        // "adversarial_source": [i, ...] (Winnow's attack files): the last captions are adversarial,
        // the k-th made from ground truth i. Checked; a bad list is an issue and the entry loads as
        // ground truth only.
        std::vector<int> sources;
        const auto adv = e.find("adversarial_source");
        if (adv != e.end()) {
            bool ok = adv->is_array() && adv->size() < captions.size();
            const size_t gt = ok ? captions.size() - adv->size() : 0;
            for (size_t i = 0; ok && i < adv->size(); ++i) {
                const json& v = (*adv)[i];
                ok = v.is_number_integer() && v.get<int64_t>() >= 0 && v.get<int64_t>() < int64_t(gt);
                if (ok) sources.push_back(int(v.get<int64_t>()));
            }
            if (!ok) {
                sources.clear();
                issues.push_back({name, file.string() + ": " + where + " (" + name +
                                            ") has an \"adversarial_source\" that is not a list of ground-truth "
                                            "caption indices; all its captions are taken as ground truth"});
            }
        }
        const bool merged = items.has(name);
        for (std::string& c : captions) items.add(name, std::move(c));
        if (!sources.empty() && !merged) items.setAdversarialSource(name, std::move(sources));
    }
    return items.take();
}

std::string idKey(const json& id) { return id.dump(); }

std::vector<RawItem> readCoco(const json& root, const fs::path& file, std::vector<CaptionSetIssue>& issues) {
    ItemCollector items;
    std::unordered_map<std::string, std::string> fileById;
    for (const json& img : root["images"]) {
        const auto id = img.find("id");
        const auto name = img.find("file_name");
        if (id == img.end() || name == img.end() || !name->is_string()) {
            issues.push_back({"images", file.string() + ": an entry of \"images\" lacks \"id\" or \"file_name\"; skipped"});
            continue;
        }
        fileById[idKey(*id)] = name->get<std::string>();
        items.touch(name->get<std::string>());
    }
    for (const json& a : root["annotations"]) {
        const auto id = a.find("image_id");
        const auto caption = a.find("caption");
        if (id == a.end() || caption == a.end() || !caption->is_string()) {
            issues.push_back({"annotations", file.string() + ": an annotation lacks \"image_id\" or \"caption\"; skipped"});
            continue;
        }
        const auto it = fileById.find(idKey(*id));
        if (it == fileById.end()) {
            issues.push_back({"image_id " + idKey(*id), file.string() + ": an annotation names image_id " + idKey(*id) +
                                                            ", which is not in \"images\"; skipped"});
            continue;
        }
        items.add(it->second, caption->get<std::string>());
    }
    std::vector<RawItem> out = items.take();
    std::vector<RawItem> kept;
    for (RawItem& r : out) {
        if (r.captions.empty()) issues.push_back({r.image, file.string() + ": image " + r.image + " has no captions; skipped"});
        else kept.push_back(std::move(r));
    }
    return kept;
}

std::vector<RawItem> readCsv(const fs::path& file, std::vector<CaptionSetIssue>& issues) {
    CsvReader reader(file);
    std::vector<std::string> fields;
    int64_t line = 0;
    std::string error;
    ItemCollector items;
    size_t imageCol = 0, captionCol = 1;
    bool first = true;
    while (reader.next(fields, line, error)) {
        const std::string where = "line " + std::to_string(line);
        if (first) {
            first = false;
            std::vector<std::string> names;
            for (const std::string& f : fields) names.push_back(lower(trim(f)));
            const auto img = std::find(names.begin(), names.end(), "image");
            const auto cap = std::find(names.begin(), names.end(), "caption");
            if (img != names.end() && cap != names.end()) {
                imageCol = size_t(img - names.begin());
                captionCol = size_t(cap - names.begin());
                continue;
            }
            if (fields.size() != 2)
                throw Error(file.string() + " is not a caption set: its first line has " + std::to_string(fields.size()) +
                            " columns and no header naming \"image\" and \"caption\"; " + kExpected);
        }
        if (!error.empty()) {
            issues.push_back({where, error + "; skipped"});  // the error names the file, line and column
            continue;
        }
        if (fields.size() <= std::max(imageCol, captionCol) || fields[imageCol].empty() || fields[captionCol].empty()) {
            issues.push_back({where, file.string() + ": " + where + " lacks an image or a caption; skipped"});
            continue;
        }
        if (!isValidUtf8(fields[captionCol])) {
            issues.push_back({where, file.string() + ": " + where + " has a caption that is not UTF-8 text; skipped"});
            continue;
        }
        items.add(fields[imageCol], fields[captionCol]);
    }
    return items.take();
}

// The RoCOCO split of an entry: ground-truth count, or 0 when the entry is not 10/11 captions.
size_t rococoGroundTruth(size_t captions) { return captions == 10 ? 5 : captions == 11 ? 6 : 0; }

bool looksDerived(const std::vector<WordSwap>& swaps) {
    size_t from = 0, to = 0;
    for (const WordSwap& s : swaps) from += s.source.size(), to += s.target.size();
    return from <= 3 && to <= 3;
}

// Resolves each image against options.imageFolder and checks it (when a folder is given).
void resolveImages(CaptionSet& set, const fs::path& file, const CaptionSetOptions& options) {
    for (CaptionedImage& item : set.images) {
        if (options.imageFolder.empty()) {
            item.path = fs::path(item.image);
            continue;
        }
        const fs::path rel(item.image);
        item.path = rel.is_absolute() ? rel : options.imageFolder / rel;
        std::error_code e2;
        const fs::file_status st = fs::status(item.path, e2);
        if (!fs::exists(st)) {
            item.status = ImageStatus::Missing;
            set.issues.push_back({item.image, "image not found: " + item.path.string() + " (named in " + file.string() + ")"});
        } else if (!fs::is_regular_file(st)) {
            item.status = ImageStatus::NotAFile;
            set.issues.push_back({item.image, "not an image file: " + item.path.string() + " (named in " + file.string() + ")"});
        } else {
            item.status = ImageStatus::Found;
        }
    }
}

}  // namespace

const char* captionFormatName(CaptionFormat format) {
    switch (format) {
        case CaptionFormat::KarpathyList: return "karpathy";
        case CaptionFormat::CocoCaptions: return "coco";
        case CaptionFormat::Csv: return "csv";
    }
    return "?";
}

size_t CaptionedImage::groundTruthCount() const {
    return size_t(std::count_if(captions.begin(), captions.end(), [](const CaptionEntry& c) { return !c.adversarial; }));
}

size_t CaptionSet::groundTruthCaptions() const {
    size_t n = 0;
    for (const CaptionedImage& i : images) n += i.groundTruthCount();
    return n;
}

size_t CaptionSet::adversarialCaptions() const {
    size_t n = 0;
    for (const CaptionedImage& i : images) n += i.captions.size() - i.groundTruthCount();
    return n;
}

size_t CaptionSet::missingImages() const {
    return size_t(std::count_if(images.begin(), images.end(), [](const CaptionedImage& i) {
        return i.status == ImageStatus::Missing || i.status == ImageStatus::NotAFile ||
               i.status == ImageStatus::Corrupt;
    }));
}

CaptionSet loadCaptionSet(const fs::path& file, const CaptionSetOptions& options) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) throw Error("Cannot read the caption file " + file.string() + ": no such file");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error("Cannot read the caption file " + file.string());
    char firstChar = 0;
    while (in.get(firstChar) && (std::isspace(static_cast<unsigned char>(firstChar)) || firstChar == '\xEF' ||
                                 firstChar == '\xBB' || firstChar == '\xBF')) {
    }
    CaptionSet set;
    set.file = file;
    std::vector<RawItem> raw;
    if (firstChar == '[' || firstChar == '{') {
        in.clear();
        in.seekg(0);
        std::stringstream buf;
        buf << in.rdbuf();
        json root;
        try {
            root = parseJson(buf.str(), file.string());  // depth-bounded, strict
        } catch (const Error& e) {
            throw Error("The caption file " + file.string() + " is not valid JSON (" + e.what() + "); " + kExpected);
        }
        if (root.is_array() && !root.empty() && root[0].is_object() && root[0].contains("image") &&
            root[0].contains("caption")) {
            set.format = CaptionFormat::KarpathyList;
            raw = readKarpathy(root, file, set.issues);
        } else if (root.is_object() && root.contains("images") && root["images"].is_array() &&
                   root.contains("annotations") && root["annotations"].is_array()) {
            set.format = CaptionFormat::CocoCaptions;
            raw = readCoco(root, file, set.issues);
        } else {
            throw Error("The caption file " + file.string() + " is JSON in an unknown layout; " + kExpected);
        }
    } else {
        in.close();
        set.format = CaptionFormat::Csv;
        raw = readCsv(file, set.issues);
    }
    if (raw.empty() && set.issues.empty())
        throw Error("The caption file " + file.string() + " holds no captions; " + kExpected);

    // Winnow's attack files say which captions are adversarial; they are read as written.
    bool explicitSources = false;
    for (const RawItem& r : raw) explicitSources = explicitSources || !r.adversarialSource.empty();
    if (explicitSources && options.attacks != AttackLayout::None) {
        set.rococoAttack = true;
        for (RawItem& r : raw) {
            CaptionedImage item;
            item.image = r.image;
            const size_t gt = r.captions.size() - r.adversarialSource.size();
            for (size_t i = 0; i < r.captions.size(); ++i) {
                CaptionEntry c;
                c.text = std::move(r.captions[i]);
                if (i >= gt) {
                    c.adversarial = true;
                    c.source = r.adversarialSource[i - gt];
                    c.swaps = diffCaptions(item.captions[size_t(c.source)].text, c.text);
                }
                item.captions.push_back(std::move(c));
            }
            set.images.push_back(std::move(item));
        }
        resolveImages(set, file, options);
        return set;
    }

    // RoCOCO attack layout.
    std::vector<std::vector<std::vector<WordSwap>>> diffs(raw.size());
    bool rococo = options.attacks == AttackLayout::Rococo;
    if (options.attacks != AttackLayout::None && set.format == CaptionFormat::KarpathyList) {
        size_t pairs = 0, derived = 0;
        bool allTenOrEleven = !raw.empty();
        for (size_t k = 0; k < raw.size(); ++k) {
            const size_t gt = rococoGroundTruth(raw[k].captions.size());
            if (!gt) {
                allTenOrEleven = false;
                continue;
            }
            for (size_t i = 0; i < 5; ++i) {
                diffs[k].push_back(diffCaptions(raw[k].captions[i], raw[k].captions[gt + i]));
                ++pairs;
                derived += looksDerived(diffs[k].back());
            }
        }
        if (options.attacks == AttackLayout::Auto) rococo = allTenOrEleven && derived * 5 >= pairs * 4;
    }
    set.rococoAttack = rococo;

    for (size_t k = 0; k < raw.size(); ++k) {
        CaptionedImage item;
        item.image = raw[k].image;
        const size_t n = raw[k].captions.size();
        size_t gt = rococo ? rococoGroundTruth(n) : n;
        if (rococo && gt == 0) {
            set.issues.push_back({item.image, file.string() + ": " + item.image + " has " + std::to_string(n) +
                                                  " captions, not 10 (5 + 5) or 11 (6 + 5) as a RoCOCO attack entry; "
                                                  "all are taken as ground truth"});
            gt = n;
        }
        for (size_t i = 0; i < n; ++i) {
            CaptionEntry c;
            c.text = std::move(raw[k].captions[i]);
            if (i >= gt) {
                c.adversarial = true;
                c.source = int(i - gt);
                c.swaps = diffs[k].size() == 5 ? diffs[k][i - gt] : diffCaptions(item.captions[i - gt].text, c.text);
            }
            item.captions.push_back(std::move(c));
        }
        set.images.push_back(std::move(item));
    }
    resolveImages(set, file, options);
    return set;
}

}  // namespace winnow::core
