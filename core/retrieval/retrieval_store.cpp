#include "core/retrieval/retrieval_store.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <system_error>

#include "core/store/database.h"
#include "core/store/project.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

ImageStatus statusFromName(const std::string& s) {
    if (s == "found") return ImageStatus::Found;
    if (s == "missing") return ImageStatus::Missing;
    if (s == "not-a-file") return ImageStatus::NotAFile;
    if (s == "corrupt") return ImageStatus::Corrupt;
    return ImageStatus::Unchecked;
}

CaptionFormat formatFromName(const std::string& s) {
    if (s == "coco") return CaptionFormat::CocoCaptions;
    if (s == "csv") return CaptionFormat::Csv;
    return CaptionFormat::KarpathyList;
}

// "man>criminal; dog>weapon": the cores of each swap (empty side for an insertion/deletion).
std::string swappedText(const std::vector<WordSwap>& swaps) {
    std::string out;
    for (const WordSwap& w : swaps) {
        if (!out.empty()) out += "; ";
        out += w.sourceCore + ">" + w.targetCore;
    }
    return out;
}

int64_t fileSizeOf(const fs::path& p) {
    std::error_code ec;
    const auto n = fs::file_size(p, ec);
    return ec ? 0 : int64_t(n);
}

std::string absoluteText(const fs::path& p) {
    std::error_code ec;
    const fs::path a = fs::absolute(p, ec);
    return (ec ? p : a).lexically_normal().string();
}

StoredCaptionSet readSetRow(Statement& st) {
    StoredCaptionSet s;
    s.id = st.int64(0);
    s.name = st.text(1);
    s.file = st.text(2);
    s.fileSize = st.int64(3);
    s.format = st.text(4);
    s.imageFolder = st.text(5);
    s.rococo = st.int64(6) != 0;
    s.images = st.int64(7);
    s.groundTruthCaptions = st.int64(8);
    s.adversarialCaptions = st.int64(9);
    s.missingImages = st.int64(10);
    s.importedAt = st.text(11);
    return s;
}

const char* kSetColumns =
    "SELECT id, name, file, file_size, format, image_folder, rococo, images, gt_captions, adv_captions, "
    "missing_images, imported_at FROM retrieval_sets ";

std::string seedsText(const std::vector<int64_t>& seeds) {
    std::string out;
    for (int64_t s : seeds) out += (out.empty() ? "" : ",") + std::to_string(s);
    return out;
}

std::vector<int64_t> seedsFromText(const std::string& text) {
    std::vector<int64_t> out;
    size_t i = 0;
    while (i < text.size()) {
        size_t j = text.find(',', i);
        if (j == std::string::npos) j = text.size();
        int64_t v = 0;
        if (std::from_chars(text.data() + i, text.data() + j, v).ec == std::errc()) out.push_back(v);
        i = j + 1;
    }
    return out;
}

RetrievalRun readRunRow(Statement& st) {
    RetrievalRun r;
    r.id = st.int64(0);
    r.setId = st.int64(1);
    r.encoderId = st.int64(2);
    r.createdAt = st.text(3);
    r.finishedAt = st.isNull(4) ? "" : st.text(4);
    r.status = st.text(5);
    r.message = st.text(6);
    r.pairing = st.text(7);
    if (!st.isNull(8)) r.lambda = st.real(8);
    r.seeds = seedsFromText(st.text(9));
    r.normalisation = st.text(10);
    r.ties = st.text(11);
    r.imagesUsed = st.int64(12);
    r.imagesExcluded = st.int64(13);
    r.truncated = st.int64(14);
    return r;
}

const char* kRunColumns =
    "SELECT id, set_id, encoder_id, created_at, finished_at, status, message, pairing, lambda, seeds, "
    "normalisation, ties, images_used, images_excluded, truncated FROM retrieval_runs ";

// Numbers as text without the locale: shortest round-trip form.
void appendNumber(std::string& out, float v) {
    if (std::isnan(v)) {
        out += "nan";
        return;
    }
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}
void appendNumber(std::string& out, int32_t v) {
    char buf[16];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

}  // namespace

std::string StoredCaptionSet::attackName() const {
    std::string n = name;
    for (char& c : n)
        if (c == '_') c = '-';
    return n;
}

const char* imageStatusName(ImageStatus s) {
    switch (s) {
        case ImageStatus::Found: return "found";
        case ImageStatus::Missing: return "missing";
        case ImageStatus::NotAFile: return "not-a-file";
        case ImageStatus::Corrupt: return "corrupt";
        case ImageStatus::Unchecked: return "unchecked";
    }
    return "unchecked";
}

int64_t saveCaptionSet(Database& db, const CaptionSet& set, const fs::path& imageFolder) {
    Transaction tx(db);
    auto st = db.prepare(
        "INSERT INTO retrieval_sets(name, file, file_size, format, image_folder, rococo, images, gt_captions, "
        "adv_captions, missing_images, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, set.file.stem().string())
        .bind(2, absoluteText(set.file))
        .bind(3, fileSizeOf(set.file))
        .bind(4, captionFormatName(set.format))
        .bind(5, imageFolder.empty() ? std::string() : absoluteText(imageFolder))
        .bind(6, int64_t(set.rococoAttack ? 1 : 0))
        .bind(7, int64_t(set.images.size()))
        .bind(8, int64_t(set.groundTruthCaptions()))
        .bind(9, int64_t(set.adversarialCaptions()))
        .bind(10, int64_t(set.missingImages()))
        .bind(11, Project::nowUtc());
    st.run();
    const int64_t id = db.lastInsertId();
    auto img = db.prepare("INSERT INTO retrieval_images(set_id, idx, image, path, status) VALUES (?,?,?,?,?)");
    auto cap = db.prepare(
        "INSERT INTO retrieval_captions(set_id, image_idx, idx, text, adversarial, source, swapped) "
        "VALUES (?,?,?,?,?,?,?)");
    for (size_t i = 0; i < set.images.size(); ++i) {
        const CaptionedImage& im = set.images[i];
        img.bind(1, id).bind(2, int64_t(i)).bind(3, im.image).bind(4, im.path.string()).bind(5, imageStatusName(im.status));
        img.run();
        for (size_t c = 0; c < im.captions.size(); ++c) {
            const CaptionEntry& e = im.captions[c];
            cap.bind(1, id)
                .bind(2, int64_t(i))
                .bind(3, int64_t(c))
                .bind(4, e.text)
                .bind(5, int64_t(e.adversarial ? 1 : 0))
                .bind(6, int64_t(e.source))
                .bind(7, swappedText(e.swaps));
            cap.run();
        }
    }
    auto iss = db.prepare("INSERT INTO retrieval_issues(set_id, item, message) VALUES (?,?,?)");
    for (const CaptionSetIssue& is : set.issues) {
        iss.bind(1, id).bind(2, is.item).bind(3, is.message);
        iss.run();
    }
    tx.commit();
    return id;
}

std::vector<StoredCaptionSet> listCaptionSets(Database& db) {
    std::vector<StoredCaptionSet> out;
    auto st = db.prepare(std::string(kSetColumns) + "ORDER BY id");
    while (st.step()) out.push_back(readSetRow(st));
    return out;
}

std::optional<StoredCaptionSet> findCaptionSet(Database& db, int64_t id) {
    auto st = db.prepare(std::string(kSetColumns) + "WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readSetRow(st);
}

std::optional<StoredCaptionSet> findCaptionSetByFile(Database& db, const fs::path& file) {
    auto st = db.prepare(std::string(kSetColumns) + "WHERE file = ? AND file_size = ? ORDER BY id DESC LIMIT 1");
    st.bind(1, absoluteText(file)).bind(2, fileSizeOf(file));
    if (!st.step()) return std::nullopt;
    return readSetRow(st);
}

CaptionSet loadStoredCaptionSet(Database& db, int64_t id) {
    const auto meta = findCaptionSet(db, id);
    if (!meta) throw Error("No caption set " + std::to_string(id) + " in the project");
    CaptionSet set;
    set.file = meta->file;
    set.format = formatFromName(meta->format);
    set.rococoAttack = meta->rococo;
    auto img = db.prepare("SELECT idx, image, path, status FROM retrieval_images WHERE set_id = ? ORDER BY idx");
    img.bind(1, id);
    while (img.step()) {
        CaptionedImage im;
        im.image = img.text(1);
        im.path = img.text(2);
        im.status = statusFromName(img.text(3));
        if (img.int64(0) != int64_t(set.images.size()))
            throw Error("Caption set " + std::to_string(id) + " in the project is damaged (image rows out of order)");
        set.images.push_back(std::move(im));
    }
    auto cap = db.prepare(
        "SELECT image_idx, text, adversarial, source FROM retrieval_captions WHERE set_id = ? "
        "ORDER BY image_idx, idx");
    cap.bind(1, id);
    while (cap.step()) {
        const int64_t i = cap.int64(0);
        if (i < 0 || i >= int64_t(set.images.size()))
            throw Error("Caption set " + std::to_string(id) + " in the project is damaged (caption of image " +
                        std::to_string(i) + ")");
        CaptionEntry e;
        e.text = cap.text(1);
        e.adversarial = cap.int64(2) != 0;
        e.source = int(cap.int64(3));
        auto& caps = set.images[size_t(i)].captions;
        if (e.adversarial && e.source >= 0 && size_t(e.source) < caps.size())
            e.swaps = diffCaptions(caps[size_t(e.source)].text, e.text);
        caps.push_back(std::move(e));
    }
    set.issues = captionSetIssues(db, id);
    return set;
}

std::vector<CaptionSetIssue> captionSetIssues(Database& db, int64_t setId) {
    std::vector<CaptionSetIssue> out;
    auto st = db.prepare("SELECT item, message FROM retrieval_issues WHERE set_id = ? AND run_id IS NULL ORDER BY id");
    st.bind(1, setId);
    while (st.step()) out.push_back({st.text(0), st.text(1)});
    return out;
}

int64_t saveEncoder(Database& db, const EncoderRecord& e) {
    auto find = db.prepare("SELECT id FROM retrieval_encoders WHERE identity = ? AND preprocessing = ?");
    find.bind(1, e.identity).bind(2, e.preprocessing);
    if (find.step()) return find.int64(0);
    auto st = db.prepare("INSERT INTO retrieval_encoders(identity, description, dim, preprocessing) VALUES (?,?,?,?)");
    st.bind(1, e.identity).bind(2, e.description).bind(3, e.dim).bind(4, e.preprocessing);
    st.run();
    return db.lastInsertId();
}

std::optional<EncoderRecord> findEncoder(Database& db, int64_t id) {
    auto st = db.prepare("SELECT id, identity, description, dim, preprocessing FROM retrieval_encoders WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return EncoderRecord{st.int64(0), st.text(1), st.text(2), st.int64(3), st.text(4)};
}

int64_t beginRun(Database& db, const RetrievalRun& run) {
    auto st = db.prepare(
        "INSERT INTO retrieval_runs(set_id, encoder_id, created_at, status, pairing, lambda, seeds, normalisation, "
        "ties) VALUES (?,?,?,'running',?,?,?,?,?)");
    st.bind(1, run.setId)
        .bind(2, run.encoderId)
        .bind(3, Project::nowUtc())
        .bind(4, run.pairing)
        .bind(5, run.lambda)
        .bind(6, seedsText(run.seeds))
        .bind(7, run.normalisation)
        .bind(8, run.ties);
    st.run();
    return db.lastInsertId();
}

void finishRun(Database& db, int64_t runId, const std::string& status, const std::string& message,
               int64_t imagesUsed, int64_t imagesExcluded, int64_t truncated) {
    auto st = db.prepare(
        "UPDATE retrieval_runs SET status = ?, message = ?, finished_at = ?, images_used = ?, images_excluded = ?, "
        "truncated = ? WHERE id = ?");
    st.bind(1, status).bind(2, message).bind(3, Project::nowUtc()).bind(4, imagesUsed).bind(5, imagesExcluded)
        .bind(6, truncated).bind(7, runId);
    st.run();
}

std::optional<RetrievalRun> findRun(Database& db, int64_t runId) {
    auto st = db.prepare(std::string(kRunColumns) + "WHERE id = ?");
    st.bind(1, runId);
    if (!st.step()) return std::nullopt;
    return readRunRow(st);
}

std::vector<RetrievalRun> listRuns(Database& db) {
    std::vector<RetrievalRun> out;
    auto st = db.prepare(std::string(kRunColumns) + "ORDER BY id");
    while (st.step()) out.push_back(readRunRow(st));
    return out;
}

void addRunIssue(Database& db, int64_t runId, const std::string& item, const std::string& message) {
    auto st = db.prepare("INSERT INTO retrieval_issues(run_id, item, message) VALUES (?,?,?)");
    st.bind(1, runId).bind(2, item).bind(3, message);
    st.run();
}

std::vector<CaptionSetIssue> runIssues(Database& db, int64_t runId) {
    std::vector<CaptionSetIssue> out;
    auto st = db.prepare("SELECT item, message FROM retrieval_issues WHERE run_id = ? ORDER BY id");
    st.bind(1, runId);
    while (st.step()) out.push_back({st.text(0), st.text(1)});
    return out;
}

int64_t addResult(Database& db, const RetrievalResultRow& r) {
    auto st = db.prepare(
        "INSERT INTO retrieval_results(run_id, attack, attack_kind, attack_set_id, direction, seed, lambda, queries, "
        "r1, r5, r10, fr1, drop_abs, drop_rate, outcomes_file) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, r.runId)
        .bind(2, r.attack)
        .bind(3, r.attackKind)
        .bind(4, r.attackSetId)
        .bind(5, r.direction)
        .bind(6, r.seed)
        .bind(7, r.lambda)
        .bind(8, r.scores.queries)
        .bind(9, r.scores.r1)
        .bind(10, r.scores.r5)
        .bind(11, r.scores.r10)
        .bind(12, r.scores.fr1)
        .bind(13, r.drop.absolute)
        .bind(14, r.drop.rate)
        .bind(15, r.outcomesFile);
    st.run();
    return db.lastInsertId();
}

std::vector<RetrievalResultRow> listResults(Database& db, int64_t runId) {
    std::vector<RetrievalResultRow> out;
    auto st = db.prepare(
        "SELECT id, run_id, attack, attack_kind, attack_set_id, direction, seed, lambda, queries, r1, r5, r10, fr1, "
        "drop_abs, drop_rate, outcomes_file FROM retrieval_results WHERE run_id = ? ORDER BY id");
    st.bind(1, runId);
    while (st.step()) {
        RetrievalResultRow r;
        r.id = st.int64(0);
        r.runId = st.int64(1);
        r.attack = st.text(2);
        r.attackKind = st.text(3);
        r.attackSetId = st.optInt64(4);
        r.direction = st.text(5);
        r.seed = st.optInt64(6);
        if (!st.isNull(7)) r.lambda = st.real(7);
        r.scores.queries = st.int64(8);
        r.scores.r1 = st.real(9);
        r.scores.r5 = st.real(10);
        r.scores.r10 = st.real(11);
        r.scores.fr1 = st.real(12);
        r.drop.absolute = st.real(13);
        r.drop.rate = st.real(14);
        r.outcomesFile = st.text(15);
        out.push_back(std::move(r));
    }
    return out;
}

// ---- outcome files ----------------------------------------------------------------------

namespace {

constexpr const char* kOutcomeHeader =
    "# winnow retrieval outcomes v1\tquery_image\tquery_caption\trank\tclean_rank\ttop1_kind\ttop1_image\t"
    "top1_caption\ttop1_score\ttruth_score\tattack_kind\tattack_image\tattack_caption\tattack_score";

void appendRef(std::string& out, const ItemRef& r) {
    out += r.kind;
    out += '\t';
    appendNumber(out, r.image);
    out += '\t';
    appendNumber(out, r.caption);
}

}  // namespace

void writeQueryOutcomes(const fs::path& file, const std::vector<QueryOutcome>& outcomes) {
    AtomicFile f(file, AtomicFile::Sync::No);
    std::string line;
    f << kOutcomeHeader << '\n';
    for (const QueryOutcome& o : outcomes) {
        line.clear();
        appendNumber(line, o.queryImage);
        line += '\t';
        appendNumber(line, o.queryCaption);
        line += '\t';
        appendNumber(line, o.rank);
        line += '\t';
        appendNumber(line, o.cleanRank);
        line += '\t';
        appendRef(line, o.top1);
        line += '\t';
        appendNumber(line, o.top1Score);
        line += '\t';
        appendNumber(line, o.truthScore);
        line += '\t';
        appendRef(line, o.bestAttack);
        line += '\t';
        appendNumber(line, o.bestAttackScore);
        line += '\n';
        f << line;
    }
    f.commit();
}

std::vector<QueryOutcome> readQueryOutcomes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error("Cannot read the retrieval outcomes " + file.string() + ": no such file");
    std::string line;
    if (!std::getline(in, line) || line != kOutcomeHeader)
        throw Error("Cannot read the retrieval outcomes " + file.string() + ": not a Winnow outcomes file");
    std::vector<QueryOutcome> out;
    size_t lineNo = 1;
    while (std::getline(in, line)) {
        ++lineNo;
        std::vector<std::string_view> f;
        size_t i = 0;
        while (true) {
            const size_t j = line.find('\t', i);
            f.emplace_back(line.data() + i, (j == std::string::npos ? line.size() : j) - i);
            if (j == std::string::npos) break;
            i = j + 1;
        }
        auto bad = [&] {
            return Error("Cannot read the retrieval outcomes " + file.string() + ": line " + std::to_string(lineNo) +
                         " is damaged");
        };
        if (f.size() != 13) throw bad();
        auto i32 = [&](std::string_view s) {
            int32_t v = 0;
            auto r = std::from_chars(s.data(), s.data() + s.size(), v);
            if (r.ec != std::errc() || r.ptr != s.data() + s.size()) throw bad();
            return v;
        };
        auto f32 = [&](std::string_view s) {
            if (s == "nan") return std::numeric_limits<float>::quiet_NaN();
            float v = 0;
            auto r = std::from_chars(s.data(), s.data() + s.size(), v);
            if (r.ec != std::errc() || r.ptr != s.data() + s.size()) throw bad();
            return v;
        };
        auto kind = [&](std::string_view s) {
            if (s.size() != 1 || (s[0] != 'g' && s[0] != 'a' && s[0] != 'n')) throw bad();
            return s[0];
        };
        QueryOutcome o;
        o.queryImage = i32(f[0]);
        o.queryCaption = i32(f[1]);
        o.rank = i32(f[2]);
        o.cleanRank = i32(f[3]);
        o.top1 = {kind(f[4]), i32(f[5]), i32(f[6])};
        o.top1Score = f32(f[7]);
        o.truthScore = f32(f[8]);
        o.bestAttack = {kind(f[9]), i32(f[10]), i32(f[11])};
        o.bestAttackScore = f32(f[12]);
        out.push_back(o);
    }
    return out;
}

std::vector<QueryOutcome> loadResultOutcomes(Project& project, const RetrievalResultRow& row) {
    if (row.outcomesFile.empty()) return {};
    return readQueryOutcomes(project.cacheDir() / row.outcomesFile);
}

}  // namespace winnow::core
