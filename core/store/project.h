#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "core/store/database.h"

namespace winnow::core {

// A Winnow project: one SQLite file (*.winnow) plus a sibling cache folder
// (<name>.winnow-cache/) for thumbnails, decoded arrays and run outputs. Media files stay
// where they are. A Project owns one connection; use one Project per thread.
class Project {
public:
    // Creates a new project file; fails if the file exists.
    static std::unique_ptr<Project> create(const std::filesystem::path& file);
    // Opens an existing project, migrating an older schema after writing a backup copy
    // (<file>.v<N>.bak). A file from a newer Winnow is refused with Error.
    static std::unique_ptr<Project> open(const std::filesystem::path& file);
    // Opens read-only; never migrates (refuses an older or newer schema).
    static std::unique_ptr<Project> openReadOnly(const std::filesystem::path& file);

    Database& db() { return *m_db; }
    const std::filesystem::path& file() const { return m_file; }
    std::filesystem::path cacheDir() const;
    // Creates (if needed) and returns a sub-folder of the cache folder.
    std::filesystem::path cacheSubdir(const std::string& name) const;
    int schemaVersion();

    std::string meta(const std::string& key, const std::string& fallback = {});
    void setMeta(const std::string& key, const std::string& value);

    // UTC timestamp in ISO 8601, as stored in every *_at column.
    static std::string nowUtc();

private:
    Project(std::filesystem::path file, std::unique_ptr<Database> db);
    void configureConnection();
    std::filesystem::path m_file;
    std::unique_ptr<Database> m_db;
};

// Applies pending migrations to `db` (backup first when the file already had a schema).
// Returns the number of steps applied. Exposed for tests.
int migrateDatabase(Database& db, const std::filesystem::path& file);

}  // namespace winnow::core
