// Runs one import: a single `imports` row and every sample in one transaction, so a
// cancelled or failed import leaves the project exactly as it was; the attempt itself is then
// recorded in a small transaction of its own.
#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <unordered_map>

#include "core/dataset/import_formats.h"
#include "core/dataset/importer.h"
#include "core/dataset/sample_store.h"
#include "core/store/project.h"
#include "core/util/error.h"
#include "core/util/utf8.h"

#if defined(WINNOW_HAVE_FFMPEG) && __has_include("core/dataset/video_import.h")
#include "core/dataset/video_import.h"
#define WINNOW_REGISTER_VIDEO 1
#endif

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

constexpr size_t kKeptIssues = 1000;

struct Registry {
    std::mutex mutex;
    std::map<std::string, FormatImporter> formats;
};

Registry& registry() {
    static Registry r;
    return r;
}

class ImportRun : public ImportContext {
public:
    ImportRun(Project& p, const ImportOptions& o, const ProgressFn& fn, const CancelToken* c)
        : m_project(p), m_options(o), m_fn(fn), m_cancel(c), m_store(p.db()) {}

    const ImportOptions& options() const override { return m_options; }
    Project& project() override { return m_project; }

    void begin() {
        m_tx = std::make_unique<Transaction>(m_project.db());
        m_importId = insertImportRow("running");
        m_report.importId = m_importId;
        m_insertSample = m_project.db().prepare(
            "INSERT OR IGNORE INTO samples(media_kind, path, array_id, item_index, frame_start,"
            " frame_end, split, label, status, error, width, height, import_id, content_sha256)"
            " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        m_insertIssue = m_project.db().prepare(
            "INSERT INTO import_issues(import_id, path, line, reason, sample_id) VALUES(?,?,?,?,?)");
        for (const auto& c : m_store.classes()) m_classes.emplace(c.name, c.id);
        m_existingSamples = m_project.db().queryInt64("SELECT count(*) FROM samples");
        removeOrphanedCaches();
    }

    ImportReport finish() {
        auto st = m_project.db().prepare(
            "UPDATE imports SET state='done', finished_at=?, n_imported=?, n_issues=? WHERE id=?");
        st.bind(1, Project::nowUtc()).bind(2, m_report.imported).bind(3, m_report.issueCount);
        st.bind(4, m_importId).run();
        for (const auto& sql : m_deferredIndexes) m_project.db().exec(sql);
        m_report.exactCopies = countExactCopies();
        m_insertSample.reset();
        m_insertIssue.reset();
        m_tx->commit();
        m_tx.reset();
        if (m_fn) m_fn(Progress{1.0, "imported " + std::to_string(m_report.imported) + " samples"});
        return m_report;
    }

    // Undoes everything this run wrote, then records the attempt on its own.
    void abandon(const std::string& state, const std::string& why) {
        m_insertSample.reset();
        m_insertIssue.reset();
        m_tx.reset();  // rollback
        std::error_code ec;
        for (const auto& f : m_cacheFiles) fs::remove(f, ec);
        // Folders this run made, innermost first, and only when empty: a cache folder that
        // was there before (with whatever the user keeps in it) is never touched.
        for (auto it = m_createdDirs.rbegin(); it != m_createdDirs.rend(); ++it) fs::remove(*it, ec);
        Transaction tx(m_project.db());
        int64_t id = insertImportRow(state);
        auto st = m_project.db().prepare("UPDATE imports SET finished_at=? WHERE id=?");
        st.bind(1, Project::nowUtc()).bind(2, id).run();
        if (!why.empty()) {
            auto is = m_project.db().prepare(
                "INSERT INTO import_issues(import_id, path, reason) VALUES(?,?,?)");
            is.bind(1, id).bind(2, escapeInvalidUtf8(m_options.source.string())).bind(3, escapeInvalidUtf8(why)).run();
            m_project.db().exec("UPDATE imports SET n_issues=1 WHERE id=" + std::to_string(id));
        }
        tx.commit();
        m_report = ImportReport{};
        m_report.importId = id;
    }

    ImportReport report() const { return m_report; }

    // This import's samples whose content another sample already had: per content hash, every
    // row of this import when an earlier import holds it, else all but the first. Only the
    // hashes this import brought are grouped, so a small import into a large project stays quick.
    int64_t countExactCopies() {
        auto st = m_project.db().prepare(
            "SELECT coalesce(sum(CASE WHEN b = 0 THEN a - 1 ELSE a END), 0) FROM ("
            " SELECT sum(import_id = ?1) AS a, sum(import_id <> ?1) AS b FROM samples"
            " WHERE content_sha256 IN (SELECT content_sha256 FROM samples"
            "  WHERE import_id = ?1 AND content_sha256 IS NOT NULL)"
            " GROUP BY content_sha256 HAVING a + b > 1)");
        st.bind(1, m_importId);
        return st.step() ? st.int64(0) : 0;
    }

    bool addSample(const NewSample& s) override {
        // Whatever enters the project must be valid UTF-8 (it is written as JSON later): a
        // bad class name or file name is this file's issue, at every importer alike.
        if (!isValidUtf8(s.label)) {
            addIssue({s.path, s.line, "class name '" + escapeInvalidUtf8(s.label) +
                                          "' is not valid UTF-8 text; skipped (rename the folder or fix the label)"},
                     true);
            return false;
        }
        if (!isValidUtf8(s.path)) {
            addIssue({s.path, s.line, "file name is not valid UTF-8 text; skipped (rename the file)"}, true);
            return false;
        }
        auto& st = *m_insertSample;
        st.bind(1, int(s.kind)).bind(2, s.path);
        if (s.arrayId >= 0) st.bind(3, s.arrayId); else st.bindNull(3);
        st.bind(4, s.itemIndex).bind(5, s.frameStart).bind(6, s.frameEnd).bind(7, int(s.split));
        if (s.label.empty()) st.bindNull(8); else st.bind(8, classId(s.label));
        st.bind(9, int(s.status));
        if (s.error.empty()) st.bindNull(10); else st.bind(10, s.error);
        st.bind(11, s.width).bind(12, s.height).bind(13, m_importId);
        if (s.contentHash) st.bindBlob(14, s.contentHash->data(), s.contentHash->size()); else st.bindNull(14);
        st.run();
        if (m_project.db().changes() == 0) {
            std::string what = s.kind == MediaKind::ImageFile ? "file" : "record";
            addIssue({s.path, s.line, "duplicate " + what + " (already in the project or listed twice); skipped"},
                     true);
            return false;
        }
        if (++m_report.imported == kDeferIndexesAfter) deferIndexes();
        if (s.status == SampleStatus::Unreadable) {
            ++m_report.unreadable;
            recordIssue({s.path, s.line, s.error}, m_project.db().lastInsertId());
        }
        return true;
    }

    void addIssue(const ImportIssue& issue, bool skipped) override {
        if (skipped) ++m_report.skipped;
        recordIssue(issue, -1);
    }

    int64_t addArray(const std::string& source, const std::string& cacheFile, int64_t count,
                     int height, int width, int channels) override {
        // Stored relative to the cache folder so a project can be moved with its cache.
        fs::path rel = fs::path(cacheFile).lexically_relative(m_project.cacheDir());
        std::string stored = rel.empty() || *rel.begin() == ".." ? cacheFile : rel.string();
        auto st = m_project.db().prepare(
            "INSERT INTO arrays(source, cache_file, count, height, width, channels)"
            " VALUES(?,?,?,?,?,?)");
        st.bind(1, source).bind(2, stored).bind(3, count).bind(4, height).bind(5, width);
        st.bind(6, channels).run();
        m_cacheFiles.push_back(cacheFile);
        return m_project.db().lastInsertId();
    }

    void progress(int64_t done, int64_t total, const std::string& message) override {
        if (m_cancel) m_cancel->throwIfCancelled();
        if (!m_fn) return;
        // However fine-grained the caller is, the listener gets a report per half percent
        // (at most ~200 an import, at deterministic points) or when 100 ms have passed.
        double f = total > 0 ? std::min(1.0, double(done) / double(total)) : 0.0;
        auto now = std::chrono::steady_clock::now();
        if (f - m_lastFraction < 0.005 && now - m_lastReport < std::chrono::milliseconds(100)) return;
        m_lastReport = now;
        m_lastFraction = f;
        m_fn(Progress{f, message});
    }

    void declareClass(const std::string& name) override {
        if (isValidUtf8(name)) classId(name);  // a bad name's samples are refused one by one
    }

    const CancelToken* cancelToken() const override { return m_cancel; }

    fs::path newCacheFile(const std::string& stem) override {
        fs::path f = makeCacheDir(m_project.cacheDir() / "arrays") /
                     ("import" + std::to_string(m_importId) + "-" + std::to_string(m_cacheFiles.size()) +
                      "-" + stem + ".u8");
        m_cacheFiles.push_back(f);
        return f;
    }

private:
    // Creates `dir` (and missing parents), remembering each folder this run created so a
    // failed or cancelled import removes exactly those.
    fs::path makeCacheDir(const fs::path& dir) {
        std::error_code ec;
        std::vector<fs::path> missing;
        for (fs::path d = dir; !d.empty() && d != d.parent_path() && !fs::exists(d, ec); d = d.parent_path())
            missing.push_back(d);
        fs::create_directories(dir);
        m_createdDirs.insert(m_createdDirs.end(), missing.rbegin(), missing.rend());
        return dir;
    }

    // An import killed while decoding (crash, kill -9, power loss) leaves its arrays/import*.u8
    // behind with no `arrays` row. This run holds the write lock, and every import writes
    // its cache files inside its own transaction, so an unreferenced one is such a leftover.
    void removeOrphanedCaches() {
        std::error_code ec;
        const fs::path dir = m_project.cacheDir() / "arrays";
        if (!fs::is_directory(dir, ec)) return;
        std::set<std::string> known;
        auto st = m_project.db().prepare("SELECT cache_file FROM arrays");
        while (st.step()) {
            fs::path f = st.text(0);
            if (f.is_relative()) f = m_project.cacheDir() / f;
            known.insert(f.lexically_normal().string());
        }
        for (const auto& e : fs::directory_iterator(dir, ec)) {
            const std::string name = e.path().filename().string();
            if (name.rfind("import", 0) != 0 || name.size() < 3 || name.substr(name.size() - 3) != ".u8") continue;
            if (!e.is_regular_file(ec) || known.count(e.path().lexically_normal().string())) continue;
            if (fs::remove(e.path(), ec))
                recordIssue({e.path().string(), -1,
                             "removed an array cache file left behind by an import that did not finish"},
                            -1);
        }
    }

    // A large import into a small project: keeping the secondary indexes of `samples` up to
    // date row by row costs more than building them once at the end (bulk-load trick). The
    // UNIQUE index stays: it is what detects duplicates. Rolled back with everything else.
    static constexpr int64_t kDeferIndexesAfter = 50000;
    void deferIndexes() {
        if (m_existingSamples > kDeferIndexesAfter) return;
        std::vector<std::pair<std::string, std::string>> indexes;
        auto st = m_project.db().prepare(
            "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='samples'"
            " AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'");
        while (st.step()) indexes.emplace_back(st.text(0), st.text(1));
        for (const auto& [name, sql] : indexes) {
            m_project.db().exec("DROP INDEX \"" + name + "\"");
            m_deferredIndexes.push_back(sql);
        }
    }

    int64_t insertImportRow(const std::string& state) {
        auto st = m_project.db().prepare(
            "INSERT INTO imports(format, source, started_at, state) VALUES(?,?,?,?)");
        st.bind(1, m_options.format).bind(2, escapeInvalidUtf8(fs::absolute(m_options.source).string()));
        st.bind(3, m_startedAt).bind(4, state).run();
        return m_project.db().lastInsertId();
    }

    int64_t classId(const std::string& name) {
        auto it = m_classes.find(name);
        if (it != m_classes.end()) return it->second;
        int64_t id = m_store.ensureClass(name);
        m_classes.emplace(name, id);
        return id;
    }

    void recordIssue(const ImportIssue& raw, int64_t sampleId) {
        // Issues name bad files, whose names may be bad text themselves: shown escaped.
        const ImportIssue issue{escapeInvalidUtf8(raw.path), raw.line, escapeInvalidUtf8(raw.reason)};
        ++m_report.issueCount;
        if (m_report.issues.size() < kKeptIssues) m_report.issues.push_back(issue);
        auto& st = *m_insertIssue;
        st.bind(1, m_importId).bind(2, issue.path);
        if (issue.line >= 0) st.bind(3, issue.line); else st.bindNull(3);
        st.bind(4, issue.reason);
        if (sampleId > 0) st.bind(5, sampleId); else st.bindNull(5);
        st.run();
    }

    Project& m_project;
    const ImportOptions& m_options;
    const ProgressFn& m_fn;
    const CancelToken* m_cancel;
    SampleStore m_store;
    std::unique_ptr<Transaction> m_tx;
    std::optional<Statement> m_insertSample;
    std::optional<Statement> m_insertIssue;
    std::unordered_map<std::string, int64_t> m_classes;
    std::vector<fs::path> m_cacheFiles;
    std::vector<fs::path> m_createdDirs;          // outermost first
    std::vector<std::string> m_deferredIndexes;  // CREATE INDEX statements to run at the end
    int64_t m_existingSamples = 0;
    ImportReport m_report;
    int64_t m_importId = 0;
    std::string m_startedAt = Project::nowUtc();
    std::chrono::steady_clock::time_point m_lastReport{};
    double m_lastFraction = -1.0;
};

}  // namespace

void ImportContext::declareClass(const std::string&) {}

fs::path ImportContext::newCacheFile(const std::string& stem) {
    return project().cacheSubdir("arrays") / (stem + ".u8");
}

void registerImportFormat(const std::string& name, FormatImporter importer) {
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    r.formats[name] = std::move(importer);
}

void registerBuiltinImportFormats() {
    static std::once_flag once;
    std::call_once(once, [] {
        registerImportFormat("imagefolder", importImageFolder);
        registerImportFormat("csv", importCsv);
        registerImportFormat("idx", importIdx);
        registerImportFormat("cifar", importCifar);
#ifdef WINNOW_REGISTER_VIDEO
        registerVideoImportFormats();
#endif
    });
}

std::vector<std::string> importFormats() {
    registerBuiltinImportFormats();
    auto& r = registry();
    std::lock_guard lock(r.mutex);
    std::vector<std::string> names;
    for (const auto& [name, fn] : r.formats) names.push_back(name);
    return names;
}

ImportReport importDataset(Project& project, const ImportOptions& options,
                           const ProgressFn& progress, const CancelToken* cancel) {
    registerBuiltinImportFormats();
    FormatImporter fn;
    {
        auto& r = registry();
        std::lock_guard lock(r.mutex);
        auto it = r.formats.find(options.format);
        if (it != r.formats.end()) fn = it->second;
    }
    if (!fn) {
        std::string known;
        for (const auto& n : importFormats()) known += (known.empty() ? "" : ", ") + n;
        throw Error("unknown import format '" + options.format + "' (known: " + known + ")");
    }
    std::error_code ec;
    if (!fs::exists(options.source, ec))
        throw Error("cannot import " + options.source.string() + ": no such file or folder");

    ImportRun run(project, options, progress, cancel);
    // A big page cache keeps the path index in memory while a million rows go in. Foreign
    // keys are off for the import's own transaction: every id it writes comes from rows it
    // just read or wrote, so the per-row parent look-ups would only cost time.
    project.db().exec("PRAGMA cache_size=-65536");
    project.db().exec("PRAGMA foreign_keys=OFF");
    struct RestoreSettings {
        Database& db;
        ~RestoreSettings() {
            try {
                db.exec("PRAGMA cache_size=-2000");
                db.exec("PRAGMA foreign_keys=ON");
            } catch (...) {
            }
        }
    } restore{project.db()};
    try {
        run.begin();
        fn(run);
        if (cancel) cancel->throwIfCancelled();  // a late Cancel still wins over the commit
        return run.finish();
    } catch (const Cancelled&) {
        run.abandon("cancelled", "");
        ImportReport r = run.report();
        r.cancelled = true;
        return r;
    } catch (const Error& e) {
        run.abandon("failed", e.what());
        throw;
    } catch (const std::exception& e) {
        run.abandon("failed", e.what());
        throw Error("importing " + options.source.string() + " failed: " + e.what());
    }
}

}  // namespace winnow::core
