#include "core/store/project.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <utility>
#include <vector>

#include "core/store/migrations.h"
#include "core/store/protected_paths.h"
#include "core/util/error.h"
#include "core/util/process_tag.h"

namespace winnow::core {
namespace fs = std::filesystem;

namespace {

constexpr const char* kApplicationId = "1466527309";  // 'WINN' as a 32-bit integer

void refuseNewer(int version, const fs::path& file) {
    if (version > latestSchemaVersion())
        throw Error(file.string() + " was written by a newer version of Winnow (project schema " +
                    std::to_string(version) + "; this build reads up to " +
                    std::to_string(latestSchemaVersion()) +
                    "). Open it with a newer Winnow; the file was not changed.");
}

// Work left 'running' by a process that no longer exists (crash, kill -9, power loss) becomes
// 'interrupted'. A training run keeps its epochs and last checkpoint and can be resumed; an
// Influential Rank round was never accepted, so its removals are undone (as a rejected
// round's are). Rows whose owner is alive, on another host, or unknown (rows from before
// schema 6) are left alone.
void markInterruptedWork(Database& db) {
    std::vector<std::pair<int64_t, std::string>> dead;
    {
        auto st = db.prepare("SELECT id, owner FROM runs WHERE state='running' AND owner IS NOT NULL");
        while (st.step())
            if (ownerState(st.text(1)) == OwnerState::Gone) dead.emplace_back(st.int64(0), st.text(1));
    }
    for (const auto& [id, owner] : dead) {
        const int64_t epochs = db.queryInt64("SELECT count(*) FROM run_epochs WHERE run_id=" + std::to_string(id));
        db.prepare("UPDATE runs SET state='interrupted', finished_at=?, owner=NULL, message=? WHERE id=? AND state='running'")
            .bind(1, Project::nowUtc())
            .bind(2, "interrupted: " + describeOwner(owner) + " ended before the run finished, after " +
                         std::to_string(epochs) + " epoch(s); resume it from its last checkpoint "
                         "(winnow-cli train --resume " + std::to_string(id) + ")")
            .bind(3, id)
            .run();
    }
    std::vector<int64_t> rounds;
    {
        auto st = db.prepare("SELECT id, owner FROM influence_rounds WHERE state='running' AND owner IS NOT NULL");
        while (st.step())
            if (ownerState(st.text(1)) == OwnerState::Gone) rounds.push_back(st.int64(0));
    }
    for (int64_t id : rounds) {
        Transaction tx(db);
        db.exec("DELETE FROM working_set_removed WHERE round_id=" + std::to_string(id));
        db.exec("UPDATE influence_rounds SET state='interrupted', owner=NULL WHERE id=" + std::to_string(id));
        tx.commit();
    }
}

// A scoring row is inserted before its result files are written and gets its result_file
// after them; a process killed in between leaves a row without a result. When its owner is
// gone the row is forgotten, with whatever it wrote in the cache's scorings/<id>/, so a later
// scoring that reuses the id starts from an empty folder. Rows without an owner (before
// schema 10) or of a live or unknown owner are left alone; readers skip unfinished rows.
void forgetScoringsOfGoneOwners(Project& project) {
    auto& db = project.db();
    std::vector<int64_t> dead;
    {
        auto st = db.prepare("SELECT id, owner FROM scorings WHERE result_file IS NULL AND owner IS NOT NULL");
        while (st.step())
            if (ownerState(st.text(1)) == OwnerState::Gone) dead.push_back(st.int64(0));
    }
    for (int64_t id : dead) {
        Transaction tx(db);
        db.exec("UPDATE influence_rounds SET scoring_id=NULL WHERE scoring_id=" + std::to_string(id));
        db.exec("DELETE FROM scorings WHERE id=" + std::to_string(id) + " AND result_file IS NULL");
        tx.commit();
        std::error_code ec;
        fs::remove_all(project.cacheDir() / "scorings" / std::to_string(id), ec);
    }
}

// The absolute path of an existing project file, refusing what cannot be one: a missing
// path, a folder or other non-regular file, and an empty file (SQLite would silently turn an
// empty file into a new database).
fs::path checkedProjectPath(const fs::path& file) {
    std::error_code ec;
    const auto st = fs::status(file, ec);
    if (!fs::exists(st)) throw Error("cannot open " + file.string() + ": no such file");
    if (!fs::is_regular_file(st))
        throw Error("cannot open " + file.string() + ": not a Winnow project file (not a regular file)");
    fs::path abs = fs::absolute(file);
    fs::path wal = abs;
    wal += "-wal";
    if (fs::file_size(abs, ec) == 0 && !(fs::exists(wal, ec) && fs::file_size(wal, ec) > 0))
        throw Error("cannot open " + file.string() +
                    ": the file is empty, not a Winnow project; give an existing project, or a new "
                    "name for import to create one");
    return abs;
}

}  // namespace

int migrateDatabase(Database& db, const fs::path& file) {
    int current = int(db.queryInt64("PRAGMA user_version"));
    refuseNewer(current, file);
    if (current == latestSchemaVersion()) return 0;
    if (current > 0) {
        fs::path backup = file;
        backup += ".v" + std::to_string(current) + ".bak";
        db.backupTo(backup);
    }
    int applied = 0;
    for (const auto& m : migrations()) {
        if (m.version <= current) continue;
        Transaction tx(db);
        try {
            db.exec(m.sql);
        } catch (const Error& e) {
            throw Error("migrating " + file.string() + " to schema " + std::to_string(m.version) +
                        " (" + m.name + ") failed: " + e.what());
        }
        db.exec("PRAGMA user_version=" + std::to_string(m.version));
        tx.commit();
        ++applied;
    }
    return applied;
}

Project::Project(fs::path file, std::unique_ptr<Database> db)
    : m_file(std::move(file)), m_db(std::move(db)) {}

void Project::configureConnection() {
    // WAL lets readers (GUI) and one writer (GUI writer or CLI) proceed together.
    m_db->exec("PRAGMA journal_mode=WAL");
    m_db->exec("PRAGMA synchronous=NORMAL");
}

std::unique_ptr<Project> Project::create(const fs::path& file) {
    if (fs::exists(file)) throw Error("cannot create " + file.string() + ": the file exists");
    if (file.has_parent_path() && !fs::exists(file.parent_path()))
        throw Error("cannot create " + file.string() + ": folder " +
                    file.parent_path().string() + " does not exist");
    fs::path abs = fs::absolute(file);
    auto db = std::make_unique<Database>(abs, Database::Mode::ReadWriteCreate);
    std::unique_ptr<Project> p(new Project(abs, std::move(db)));
    p->configureConnection();
    p->db().exec(std::string("PRAGMA application_id=") + kApplicationId);
    migrateDatabase(p->db(), abs);
    p->setMeta("created_at", nowUtc());
    return p;
}

std::unique_ptr<Project> Project::open(const fs::path& file) {
    fs::path abs = checkedProjectPath(file);
    for (const fs::path& p : {abs, abs.parent_path()}) {
        if (::access(p.c_str(), W_OK) == 0) continue;
        const int err = errno;
        throw Error("cannot open " + file.string() + " for writing: " +
                    (p == abs ? std::string("the file") : "its folder " + p.string()) + " is read-only (" +
                    std::strerror(err) + "); commands that only read a project (info, eval, export) "
                    "still open it");
    }
    auto db = std::make_unique<Database>(abs, Database::Mode::ReadWrite);
    int app = int(db->queryInt64("PRAGMA application_id"));
    int version = int(db->queryInt64("PRAGMA user_version"));
    if (app != std::stoi(kApplicationId) ||
        (version == 0 && db->queryInt64("SELECT count(*) FROM sqlite_master") > 0))
        throw Error("cannot open " + file.string() + ": not a Winnow project file");
    refuseNewer(version, abs);
    std::unique_ptr<Project> p(new Project(abs, std::move(db)));
    p->configureConnection();
    migrateDatabase(p->db(), abs);
    markInterruptedWork(p->db());
    forgetScoringsOfGoneOwners(*p);
    return p;
}

std::unique_ptr<Project> Project::openReadOnly(const fs::path& file) {
    fs::path abs = checkedProjectPath(file);
    std::unique_ptr<Database> db;
    std::string note;
    int app = 0, version = 0;
    try {
        db = std::make_unique<Database>(abs, Database::Mode::ReadOnly);
        app = int(db->queryInt64("PRAGMA application_id"));
        version = int(db->queryInt64("PRAGMA user_version"));
    } catch (const Error& e) {
        // SQLite cannot create the -shm index of a WAL project in a read-only folder. With no
        // -wal holding unsaved pages, the file alone is the whole project: read it as immutable.
        fs::path wal = abs;
        wal += "-wal";
        std::error_code ec;
        const bool pendingWal = fs::exists(wal, ec) && fs::file_size(wal, ec) > 0;
        if (::access(abs.parent_path().c_str(), W_OK) == 0 || pendingWal) throw;
        db = std::make_unique<Database>(abs, Database::Mode::ReadOnlyImmutable);
        app = int(db->queryInt64("PRAGMA application_id"));
        version = int(db->queryInt64("PRAGMA user_version"));
        note = "the folder of " + abs.string() + " is read-only: the project was opened read-only, "
               "without the locks that guard against another program writing it at the same time";
    }
    if (app != std::stoi(kApplicationId))
        throw Error("cannot open " + file.string() + ": not a Winnow project file");
    refuseNewer(version, abs);
    if (version != latestSchemaVersion())
        throw Error(file.string() + " uses an older project schema; open it once for writing");
    std::unique_ptr<Project> p(new Project(abs, std::move(db)));
    p->m_readOnlyNote = note;
    return p;
}

std::string Project::protectedPathReason(const fs::path& path) { return ProtectedPaths(*this).reason(path); }

void Project::refuseProtectedPath(const fs::path& path) { ProtectedPaths(*this).refuse(path); }

AtomicFile Project::createExportFile(const fs::path& path, AtomicFile::Sync sync) {
    refuseProtectedPath(path);
    return AtomicFile(path, sync);
}

fs::path Project::cacheDir() const {
    fs::path dir = m_file;
    dir += "-cache";
    return dir;
}

fs::path Project::cacheSubdir(const std::string& name) const {
    fs::path dir = cacheDir() / name;
    fs::create_directories(dir);
    return dir;
}

int Project::schemaVersion() { return int(m_db->queryInt64("PRAGMA user_version")); }

std::string Project::meta(const std::string& key, const std::string& fallback) {
    auto st = m_db->prepare("SELECT value FROM meta WHERE key=?");
    st.bind(1, key);
    return st.step() ? st.text(0) : fallback;
}

void Project::setMeta(const std::string& key, const std::string& value) {
    auto st = m_db->prepare(
        "INSERT INTO meta(key,value) VALUES(?,?) "
        "ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    st.bind(1, key).bind(2, value).run();
}

void Project::setMetaWithin(const std::string& key, const std::string& value, int waitMs) {
    m_db->setBusyTimeout(waitMs);
    try {
        setMeta(key, value);
    } catch (...) {
        m_db->setBusyTimeout(Database::kDefaultBusyTimeoutMs);
        throw;
    }
    m_db->setBusyTimeout(Database::kDefaultBusyTimeoutMs);
}

std::string Project::nowUtc() {
    std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace winnow::core
