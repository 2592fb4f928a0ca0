#include "core/store/database.h"

#include <sqlite3.h>

#include <cctype>

#include "core/util/error.h"

namespace winnow::core {
namespace {

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
    throw Error(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

// file: URI of a path (RFC 3986 percent-encoding of everything but unreserved characters and '/').
std::string fileUri(const std::string& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string uri = "file:";
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
            uri += char(c);
        } else {
            uri += '%';
            uri += hex[c >> 4];
            uri += hex[c & 15];
        }
    }
    return uri;
}

}  // namespace

Statement::Statement(Statement&& o) noexcept : m_db(o.m_db), m_stmt(o.m_stmt) {
    o.m_stmt = nullptr;
}

Statement& Statement::operator=(Statement&& o) noexcept {
    if (this != &o) {
        sqlite3_finalize(m_stmt);
        m_db = o.m_db;
        m_stmt = o.m_stmt;
        o.m_stmt = nullptr;
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::bind(int index, int64_t value) {
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK) fail(m_db, "bind");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (sqlite3_bind_double(m_stmt, index, value) != SQLITE_OK) fail(m_db, "bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    if (sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT,
                            SQLITE_UTF8) != SQLITE_OK)
        fail(m_db, "bind");
    return *this;
}

Statement& Statement::bindBlob(int index, const void* data, size_t size) {
    if (sqlite3_bind_blob64(m_stmt, index, data, size, SQLITE_TRANSIENT) != SQLITE_OK)
        fail(m_db, "bind");
    return *this;
}

Statement& Statement::bindNull(int index) {
    if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK) fail(m_db, "bind");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    std::string sql = sqlite3_sql(m_stmt) ? sqlite3_sql(m_stmt) : "";
    std::string msg = sqlite3_errmsg(m_db);
    sqlite3_reset(m_stmt);
    throw Error("database error: " + msg + " (in: " + sql.substr(0, 80) + ")");
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

namespace {
// A statement is "busy" exactly while its last step returned a row: not before the first
// step, not after SQLITE_DONE, an error or reset().
void requireRow(sqlite3_stmt* stmt, int col) {
    if (stmt && sqlite3_stmt_busy(stmt)) return;
    const char* sql = stmt ? sqlite3_sql(stmt) : nullptr;
    throw Error("database error: column " + std::to_string(col) + " read with no row (in: " +
                std::string(sql ? sql : "").substr(0, 80) + ")");
}
}  // namespace

bool Statement::isNull(int col) const {
    requireRow(m_stmt, col);
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}
int64_t Statement::int64(int col) const {
    requireRow(m_stmt, col);
    return sqlite3_column_int64(m_stmt, col);
}
double Statement::real(int col) const {
    requireRow(m_stmt, col);
    return sqlite3_column_double(m_stmt, col);
}

std::string Statement::text(int col) const {
    requireRow(m_stmt, col);
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    return p ? std::string(p, size_t(sqlite3_column_bytes(m_stmt, col))) : std::string();
}

std::vector<uint8_t> Statement::blob(int col) const {
    requireRow(m_stmt, col);
    auto p = static_cast<const uint8_t*>(sqlite3_column_blob(m_stmt, col));
    int n = sqlite3_column_bytes(m_stmt, col);
    return p ? std::vector<uint8_t>(p, p + n) : std::vector<uint8_t>();
}

std::optional<int64_t> Statement::optInt64(int col) const {
    if (isNull(col)) return std::nullopt;
    return int64(col);
}

Database::Database(const std::filesystem::path& path, Mode mode) : m_path(path) {
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
        case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
        case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
        case Mode::ReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
        case Mode::ReadOnlyImmutable: flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI; break;
    }
    const std::string name = mode == Mode::ReadOnlyImmutable
                                 ? fileUri(std::filesystem::absolute(path).string()) + "?immutable=1"
                                 : path.string();
    if (sqlite3_open_v2(name.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
        std::string msg = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        m_db = nullptr;
        throw Error("cannot open " + path.string() + ": " + msg);
    }
    sqlite3_extended_result_codes(m_db, 1);
    // Concurrent CLI and GUI access: wait rather than fail with "database is locked".
    sqlite3_busy_timeout(m_db, kDefaultBusyTimeoutMs);
    exec("PRAGMA foreign_keys=ON");
}

Database::~Database() { sqlite3_close_v2(m_db); }

void Database::exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        throw Error("database error in " + m_path.filename().string() + ": " + msg);
    }
}

Statement Database::prepare(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.c_str(), int(sql.size()), &stmt, nullptr) != SQLITE_OK)
        fail(m_db, "cannot prepare statement '" + sql.substr(0, 80) + "'");
    return Statement(m_db, stmt);
}

int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(m_db); }

void Database::setBusyTimeout(int ms) { sqlite3_busy_timeout(m_db, ms); }
int Database::changes() const { return sqlite3_changes(m_db); }

int64_t Database::queryInt64(const std::string& sql, int64_t fallback) {
    auto st = prepare(sql);
    return st.step() && !st.isNull(0) ? st.int64(0) : fallback;
}

std::string Database::queryText(const std::string& sql, const std::string& fallback) {
    auto st = prepare(sql);
    return st.step() && !st.isNull(0) ? st.text(0) : fallback;
}

void Database::backupTo(const std::filesystem::path& dest) {
    sqlite3* out = nullptr;
    if (sqlite3_open(dest.string().c_str(), &out) != SQLITE_OK) {
        sqlite3_close(out);
        throw Error("cannot create backup " + dest.string());
    }
    sqlite3_backup* b = sqlite3_backup_init(out, "main", m_db, "main");
    int rc = b ? sqlite3_backup_step(b, -1) : SQLITE_ERROR;
    sqlite3_backup_finish(b);
    std::string msg = sqlite3_errmsg(out);
    sqlite3_close(out);
    if (rc != SQLITE_DONE) throw Error("backup to " + dest.string() + " failed: " + msg);
}

Transaction::Transaction(Database& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (m_open) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
        }
    }
}

void Transaction::commit() {
    m_db.exec("COMMIT");
    m_open = false;
}

}  // namespace winnow::core
