#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "core/store/database.h"
#include "core/util/atomic_file.h"

namespace winnow::core {

// A Winnow project: one SQLite file (*.winnow) plus a sibling cache folder
// (<name>.winnow-cache/) for thumbnails, decoded arrays and run outputs. Media files stay
// where they are. A Project owns one connection; use one Project per thread.
class Project {
public:
    // Creates a new project file; fails if the file exists.
    static std::unique_ptr<Project> create(const std::filesystem::path& file);
    // Opens an existing project, migrating an older schema after writing a backup copy
    // (<file>.v<N>.bak). A file from a newer Winnow, an empty file or another SQLite file is
    // refused with Error, and so is a project that cannot be written (read-only file or
    // folder): the message says so and that read-only commands still work.
    static std::unique_ptr<Project> open(const std::filesystem::path& file);
    // Opens read-only and writes nothing: no migration (an older or newer schema is refused),
    // no journal or WAL change. A project in a read-only folder opens too (as an immutable
    // file when SQLite cannot create its -shm index there; readOnlyNote() then says so).
    static std::unique_ptr<Project> openReadOnly(const std::filesystem::path& file);

    Database& db() { return *m_db; }
    const std::filesystem::path& file() const { return m_file; }
    std::filesystem::path cacheDir() const;
    // Creates (if needed) and returns a sub-folder of the cache folder.
    std::filesystem::path cacheSubdir(const std::string& name) const;
    int schemaVersion();

    std::string meta(const std::string& key, const std::string& fallback = {});
    void setMeta(const std::string& key, const std::string& value);
    // Like setMeta, but waits at most `waitMs` for another connection's write lock (for
    // conveniences written from a GUI thread, e.g. the review position). Throws Error
    // ("database is locked") when the lock stays taken.
    void setMetaWithin(const std::string& key, const std::string& value, int waitMs);

    // UTC timestamp in ISO 8601, as stored in every *_at column.
    static std::string nowUtc();

    // Why writing `path` would damage this project (it is the project file, its -wal/-shm/
    // -journal, a backup, the cache folder or inside it, or the file of a sample or import),
    // or empty when it would not. See ProtectedPaths (protected_paths.h) for many paths.
    std::string protectedPathReason(const std::filesystem::path& path);
    // Throws Error naming `path` and the reason when protectedPathReason() is not empty.
    void refuseProtectedPath(const std::filesystem::path& path);
    // The output file of an export: refuses a protected path, then returns an AtomicFile (the
    // target appears, replacing an older one, only when commit() succeeds).
    AtomicFile createExportFile(const std::filesystem::path& path,
                                AtomicFile::Sync sync = AtomicFile::Sync::Yes);

    // Set when openReadOnly() had to open the file as immutable (its folder is read-only).
    const std::string& readOnlyNote() const { return m_readOnlyNote; }

private:
    Project(std::filesystem::path file, std::unique_ptr<Database> db);
    void configureConnection();
    std::filesystem::path m_file;
    std::unique_ptr<Database> m_db;
    std::string m_readOnlyNote;
};

// Applies pending migrations to `db` (backup first when the file already had a schema).
// Returns the number of steps applied. Exposed for tests.
int migrateDatabase(Database& db, const std::filesystem::path& file);

}  // namespace winnow::core
