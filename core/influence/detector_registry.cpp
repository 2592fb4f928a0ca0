#include "core/influence/detector_registry.h"

#include <algorithm>
#include <mutex>

#include "core/influence/detectors/detector_list.h"
#include "core/util/error.h"

namespace winnow::core {

#define WINNOW_DECLARE_DETECTOR(fn) DetectorInfo fn();
WINNOW_BUILTIN_DETECTORS(WINNOW_DECLARE_DETECTOR)
#undef WINNOW_DECLARE_DETECTOR

namespace {

struct Registry {
    std::mutex mutex;
    std::vector<DetectorInfo> list;
};

void check(const DetectorInfo& d, const std::vector<DetectorInfo>& taken) {
    if (d.id.empty()) throw Error("a detector needs an id");
    if ((d.compute == nullptr) == (d.scoreStored == nullptr))
        throw Error("detector '" + d.id + "' must set exactly one of compute and scoreStored");
    for (const auto& t : taken)
        if (t.id == d.id) throw Error("detector id '" + d.id + "' is registered twice");
}

void add(std::vector<DetectorInfo>& list, DetectorInfo d) {
    check(d, list);
    list.push_back(std::move(d));
}

std::vector<DetectorInfo> builtins() {
    std::vector<DetectorInfo> list;
#define WINNOW_ADD_DETECTOR(fn) add(list, fn());
    WINNOW_BUILTIN_DETECTORS(WINNOW_ADD_DETECTOR)
#undef WINNOW_ADD_DETECTOR
    return list;
}

Registry& registry() {
    static Registry r{{}, builtins()};
    return r;
}

}  // namespace

bool DetectorInfo::reads(const std::string& setting) const {
    return std::find(settings.begin(), settings.end(), setting) != settings.end();
}

std::vector<DetectorInfo> detectors() {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    return r.list;
}

std::vector<std::string> detectorIds() {
    std::vector<std::string> ids;
    for (const auto& d : detectors()) ids.push_back(d.id);
    return ids;
}

std::optional<DetectorInfo> findDetector(const std::string& id) {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    for (const auto& d : r.list)
        if (d.id == id) return d;
    return std::nullopt;
}

std::string detectorIdList(const std::vector<std::string>& ids) {
    std::string out;
    for (size_t i = 0; i < ids.size(); ++i) {
        if (i > 0) out += i + 1 == ids.size() ? " or " : ", ";
        out += ids[i];
    }
    return out;
}

std::vector<std::string> detectorsReading(const std::string& setting) {
    std::vector<std::string> ids;
    for (const auto& d : detectors())
        if (d.reads(setting)) ids.push_back(d.id);
    return ids;
}

ScopedDetectorRegistration::ScopedDetectorRegistration(DetectorInfo info) : m_id(info.id) {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    add(r.list, std::move(info));
}

ScopedDetectorRegistration::~ScopedDetectorRegistration() {
    Registry& r = registry();
    std::lock_guard<std::mutex> lock(r.mutex);
    r.list.erase(std::remove_if(r.list.begin(), r.list.end(), [&](const DetectorInfo& d) { return d.id == m_id; }),
                 r.list.end());
}

}  // namespace winnow::core
