#include "store/sqlite_handle.hpp"

namespace bangvang::store {

namespace {

std::string database_name(sqlite3* database) {
    const char* file = database ? sqlite3_db_filename(database, "main") : nullptr;
    return (file && *file) ? file : "SQLite database";
}

}  // namespace

void throw_sqlite_error(sqlite3* database, std::string_view what) {
    const char* reason = database ? sqlite3_errmsg(database) : "out of memory";
    throw StoreError(database_name(database) + ": " + std::string(what) + ": " + reason);
}

DatabasePtr open_database(const std::filesystem::path& database_file) {
    sqlite3* raw = nullptr;
    const int status = sqlite3_open_v2(database_file.c_str(), &raw,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    // sqlite3_open_v2 hands out a handle even on failure; owning it first frees it on every path.
    DatabasePtr database(raw);
    if (status != SQLITE_OK) {
        const std::string reason = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(status);
        throw StoreError(database_file.string() + ": cannot open the database: " + reason);
    }
    sqlite3_extended_result_codes(database.get(), 1);
    return database;
}

void execute(sqlite3* database, std::string_view sql) {
    const std::string statements(sql);
    char* message = nullptr;
    const int status = sqlite3_exec(database, statements.c_str(), nullptr, nullptr, &message);
    const std::unique_ptr<char, decltype(&sqlite3_free)> owned_message(message, &sqlite3_free);
    if (status != SQLITE_OK) {
        throw StoreError(database_name(database) + ": " + statements.substr(0, 80) + ": " +
                         (message ? message : sqlite3_errstr(status)));
    }
}

Statement::Statement(sqlite3* database, std::string_view sql) : database_(database), sql_(sql) {
    sqlite3_stmt* raw = nullptr;
    const int status = sqlite3_prepare_v2(database, sql_.data(), static_cast<int>(sql_.size()), &raw, nullptr);
    statement_.reset(raw);
    if (status != SQLITE_OK) throw_sqlite_error(database_, "cannot prepare \"" + sql_ + "\"");
}

Statement& Statement::bind(int position, std::int64_t value) {
    if (sqlite3_bind_int64(statement_.get(), position, value) != SQLITE_OK) {
        throw_sqlite_error(database_, "cannot bind parameter " + std::to_string(position) + " of \"" + sql_ + "\"");
    }
    return *this;
}

Statement& Statement::bind(int position, std::string_view text) {
    if (sqlite3_bind_text64(statement_.get(), position, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8) !=
        SQLITE_OK) {
        throw_sqlite_error(database_, "cannot bind parameter " + std::to_string(position) + " of \"" + sql_ + "\"");
    }
    return *this;
}

Statement& Statement::bind(int position, std::optional<std::int64_t> value) {
    if (value) return bind(position, *value);
    if (sqlite3_bind_null(statement_.get(), position) != SQLITE_OK) {
        throw_sqlite_error(database_, "cannot bind parameter " + std::to_string(position) + " of \"" + sql_ + "\"");
    }
    return *this;
}

bool Statement::step() {
    const int status = sqlite3_step(statement_.get());
    if (status == SQLITE_ROW) return true;
    if (status == SQLITE_DONE) return false;
    throw_sqlite_error(database_, "\"" + sql_ + "\" failed");
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(statement_.get());
    sqlite3_clear_bindings(statement_.get());
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(statement_.get(), column);
}

std::string Statement::text(int column) const {
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(statement_.get(), column));
    const int size = sqlite3_column_bytes(statement_.get(), column);
    return bytes ? std::string(bytes, static_cast<std::size_t>(size)) : std::string();
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(statement_.get(), column) == SQLITE_NULL;
}

Transaction::Transaction(sqlite3* database) : database_(database) {
    execute(database_, "BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (!finished_) {
        // Nothing useful can be done with a failed rollback in a destructor: SQLite
        // rolls the journal back on the next open anyway.
        sqlite3_exec(database_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    execute(database_, "COMMIT");
    finished_ = true;
}

}  // namespace bangvang::store
