#include "core/dataset/sample_store.h"

#include <algorithm>

#include "core/store/database.h"

namespace winnow::core {

std::vector<ClassInfo> SampleStore::classes() {
    std::vector<ClassInfo> out;
    auto st = m_db.prepare("SELECT id, idx, name FROM classes ORDER BY idx");
    while (st.step()) out.push_back({st.int64(0), st.int32(1), st.text(2)});
    return out;
}

int64_t SampleStore::ensureClass(const std::string& name) {
    auto find = m_db.prepare("SELECT id FROM classes WHERE name=?");
    find.bind(1, name);
    if (find.step()) return find.int64(0);
    auto ins = m_db.prepare(
        "INSERT INTO classes(idx, name) VALUES((SELECT coalesce(max(idx)+1, 0) FROM classes), ?)");
    ins.bind(1, name).run();
    return m_db.lastInsertId();
}

namespace {

// Every Sample field, with the label indices joined in; readSample reads one row of it.
constexpr const char* kSampleSelect =
    "SELECT s.id, s.media_kind, s.path, coalesce(s.array_id,-1), s.item_index, s.frame_start,"
    " s.frame_end, s.split, coalesce(c.idx,-1), coalesce(o.idx,-1), s.trusted, s.status,"
    " coalesce(s.error,''), s.width, s.height"
    " FROM samples s LEFT JOIN classes c ON c.id=s.label"
    " LEFT JOIN classes o ON o.id=s.original_label ";

Sample readSample(Statement& st) {
    Sample s;
    s.id = st.int64(0);
    s.kind = MediaKind(st.int32(1));
    s.path = st.text(2);
    s.arrayId = st.int64(3);
    s.itemIndex = st.int64(4);
    s.frameStart = st.int64(5);
    s.frameEnd = st.int64(6);
    s.split = Split(st.int32(7));
    s.labelIdx = st.int32(8);
    s.originalLabelIdx = st.int32(9);
    s.trusted = st.int32(10) != 0;
    s.status = SampleStatus(st.int32(11));
    s.error = st.text(12);
    s.width = st.int32(13);
    s.height = st.int32(14);
    return s;
}

}  // namespace

std::optional<Sample> SampleStore::sample(int64_t id) {
    auto st = m_db.prepare(std::string(kSampleSelect) + "WHERE s.id=?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readSample(st);
}

std::vector<Sample> SampleStore::readableSamples() {
    std::vector<Sample> out;
    auto st = m_db.prepare(std::string(kSampleSelect) + "WHERE s.status=0 ORDER BY s.id");
    while (st.step()) out.push_back(readSample(st));
    return out;
}

SampleTable SampleStore::loadTable(int64_t limit) {
    SampleTable t;
    size_t n = size_t(limit >= 0 ? std::min(limit, count()) : count());
    t.ids.reserve(n);
    t.label.reserve(n);
    t.originalLabel.reserve(n);
    t.split.reserve(n);
    t.status.reserve(n);
    t.trusted.reserve(n);
    t.kind.reserve(n);
    auto st = m_db.prepare(
        "SELECT s.id, coalesce(c.idx,-1), coalesce(o.idx,-1), s.split, s.status, s.trusted,"
        " s.media_kind FROM samples s LEFT JOIN classes c ON c.id=s.label"
        " LEFT JOIN classes o ON o.id=s.original_label ORDER BY s.id LIMIT ?");
    st.bind(1, limit);  // SQLite: a negative LIMIT means no limit
    while (st.step()) {
        t.ids.push_back(st.int64(0));
        t.label.push_back(st.int32(1));
        t.originalLabel.push_back(st.int32(2));
        t.split.push_back(int8_t(st.int32(3)));
        t.status.push_back(int8_t(st.int32(4)));
        t.trusted.push_back(int8_t(st.int32(5)));
        t.kind.push_back(int8_t(st.int32(6)));
    }
    return t;
}

int64_t SampleStore::count() { return m_db.queryInt64("SELECT count(*) FROM samples"); }

}  // namespace winnow::core
