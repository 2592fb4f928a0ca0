#include "core/retrieval/attack_details.h"

#include <algorithm>

#include "core/util/error.h"
#include "core/util/json_text.h"

namespace winnow::core {

CaptionAttackDetails readCaptionAttackDetails(const std::filesystem::path& file) {
    const nlohmann::json j = readJsonFile(file);
    const std::string name = file.string();
    if (!j.is_object() || jsonString(jsonField(j, "format")) != "winnow-caption-attack")
        throw Error(name + ": not a caption-attack details file (no \"format\": \"winnow-caption-attack\")");
    CaptionAttackDetails d;
    for (const auto& e : jsonArray(jsonField(j, "encoders"))) d.encoders.push_back(jsonString(e));
    size_t index = 0;
    for (const auto& r : jsonArray(jsonField(j, "captions"))) {
        ++index;
        CaptionAttackDetails::Record rec;
        rec.normalised = jsonString(jsonField(r, "normalised"));
        for (const auto& w : jsonArray(jsonField(r, "words"))) rec.words.push_back(jsonString(w));
        for (const auto& perEncoder : jsonArray(jsonField(r, "ei"))) {
            std::vector<float> values;
            for (const auto& v : jsonArray(perEncoder)) values.push_back(float(jsonDouble(v)));
            if (values.size() != rec.words.size())
                throw Error(name + ": caption record " + std::to_string(index) + " has " + std::to_string(values.size()) +
                            " EI values for " + std::to_string(rec.words.size()) + " words");
            rec.ei.push_back(std::move(values));
        }
        rec.skipped = jsonString(jsonField(r, "skipped"));
        rec.chosen = rec.skipped.empty() ? int(jsonInt(jsonField(r, "source_index"), -1)) : -1;
        if (rec.chosen >= int(rec.words.size())) rec.chosen = -1;
        const std::string image = jsonString(jsonField(r, "image"));
        const int caption = int(jsonInt(jsonField(r, "caption"), -1));
        d.records[{image, caption}] = std::move(rec);
    }
    return d;
}

bool CaptionAttackDetails::find(const std::string& image, int caption, const std::string& encoderIdentity,
                                CaptionInfluence& out) const {
    const auto it = records.find({image, caption});
    if (it == records.end()) return false;
    const Record& r = it->second;
    out = {};
    out.normalised = r.normalised;
    out.words = r.words;
    out.chosen = r.chosen;
    out.skipped = r.skipped;
    if (r.ei.empty()) return true;
    size_t e = 0;
    const auto which = std::find(encoders.begin(), encoders.end(), encoderIdentity);
    if (which != encoders.end() && size_t(which - encoders.begin()) < r.ei.size()) e = size_t(which - encoders.begin());
    out.ei = r.ei[e];
    out.encoder = e < encoders.size() ? encoders[e] : std::string();
    return true;
}

}  // namespace winnow::core
