#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace winnow::core {

class Database;

// A prepared statement. Bind indices are 1-based, column indices 0-based (as in SQLite).
class Statement {
public:
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, int64_t value);
    Statement& bind(int index, int value) { return bind(index, int64_t(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bindBlob(int index, const void* data, size_t size);
    Statement& bindNull(int index);
    template <class T>
    Statement& bind(int index, const std::optional<T>& v) {
        return v ? bind(index, *v) : bindNull(index);
    }

    // Steps once; true while a row is available. Throws Error on failure.
    bool step();
    // Runs a statement that returns no rows, then resets it for reuse.
    void run();
    void reset();

    // Column readers; each throws Error unless the last step() returned a row (SQLite leaves
    // a read without one undefined, in practice a silent 0 or empty text).
    bool isNull(int col) const;
    int64_t int64(int col) const;
    int int32(int col) const { return int(int64(col)); }
    double real(int col) const;
    std::string text(int col) const;
    std::vector<uint8_t> blob(int col) const;
    std::optional<int64_t> optInt64(int col) const;

private:
    friend class Database;
    Statement(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

// Thin RAII wrapper over one sqlite3 connection. Not thread-safe: one connection per thread.
class Database {
public:
    // ReadOnlyImmutable: read-only without locks, -wal or -shm (SQLite's immutable=1), for a
    // file in a folder nobody can write; only valid when no -wal holds unsaved pages.
    enum class Mode { ReadWrite, ReadWriteCreate, ReadOnly, ReadOnlyImmutable };

    Database(const std::filesystem::path& path, Mode mode);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(const std::string& sql);
    Statement prepare(const std::string& sql);
    int64_t lastInsertId() const;
    int changes() const;
    // How long a statement waits for another connection's write lock before failing with
    // "database is locked" (kDefaultBusyTimeoutMs unless changed).
    void setBusyTimeout(int ms);
    static constexpr int kDefaultBusyTimeoutMs = 10000;
    // Single-value helpers for short queries.
    int64_t queryInt64(const std::string& sql, int64_t fallback = 0);
    std::string queryText(const std::string& sql, const std::string& fallback = {});

    // Copies the whole database to `dest` with SQLite's online backup API.
    void backupTo(const std::filesystem::path& dest);

    const std::filesystem::path& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }

private:
    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back if destroyed before commit().
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    void commit();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

private:
    Database& m_db;
    bool m_open = true;
};

}  // namespace winnow::core
