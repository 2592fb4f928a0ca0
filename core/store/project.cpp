#include "core/store/project.h"

#include <chrono>
#include <ctime>
#include <utility>
#include <vector>

#include "core/store/migrations.h"
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
    if (!fs::exists(file)) throw Error("cannot open " + file.string() + ": no such file");
    fs::path abs = fs::absolute(file);
    auto db = std::make_unique<Database>(abs, Database::Mode::ReadWrite);
    int app = int(db->queryInt64("PRAGMA application_id"));
    int version = int(db->queryInt64("PRAGMA user_version"));
    if (app != std::stoi(kApplicationId) && version != 0)
        throw Error("cannot open " + file.string() + ": not a Winnow project file");
    if (version == 0 && db->queryInt64("SELECT count(*) FROM sqlite_master") > 0)
        throw Error("cannot open " + file.string() + ": not a Winnow project file");
    refuseNewer(version, abs);
    std::unique_ptr<Project> p(new Project(abs, std::move(db)));
    p->configureConnection();
    if (version == 0) p->db().exec(std::string("PRAGMA application_id=") + kApplicationId);
    migrateDatabase(p->db(), abs);
    markInterruptedWork(p->db());
    return p;
}

std::unique_ptr<Project> Project::openReadOnly(const fs::path& file) {
    if (!fs::exists(file)) throw Error("cannot open " + file.string() + ": no such file");
    fs::path abs = fs::absolute(file);
    auto db = std::make_unique<Database>(abs, Database::Mode::ReadOnly);
    int version = int(db->queryInt64("PRAGMA user_version"));
    refuseNewer(version, abs);
    if (version != latestSchemaVersion())
        throw Error(file.string() + " uses an older project schema; open it once for writing");
    return std::unique_ptr<Project>(new Project(abs, std::move(db)));
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

std::string Project::nowUtc() {
    std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace winnow::core
