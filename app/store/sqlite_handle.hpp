#pragma once
// RAII over the SQLite C API: owning handles, a statement wrapper that binds by
// position and reads columns, and a transaction that rolls back unless committed.
// Every failure throws StoreError naming the database file, the SQL and SQLite's reason.
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "store/content_cache.hpp"

namespace bangvang::store {

struct DatabaseCloser {
    void operator()(sqlite3* database) const noexcept { sqlite3_close_v2(database); }
};
struct StatementFinalizer {
    void operator()(sqlite3_stmt* statement) const noexcept { sqlite3_finalize(statement); }
};
using DatabasePtr = std::unique_ptr<sqlite3, DatabaseCloser>;
using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

DatabasePtr open_database(const std::filesystem::path& database_file);

// "<file>: <what>: <sqlite message>"
[[noreturn]] void throw_sqlite_error(sqlite3* database, std::string_view what);

// Runs one or more statements that return no rows.
void execute(sqlite3* database, std::string_view sql);

class Statement {
public:
    Statement(sqlite3* database, std::string_view sql);

    // Positions start at 1, as in SQLite.
    Statement& bind(int position, std::int64_t value);
    Statement& bind(int position, int value) { return bind(position, static_cast<std::int64_t>(value)); }
    Statement& bind(int position, std::string_view text);
    Statement& bind(int position, std::optional<std::int64_t> value);

    // True while a row is available; false once done.
    bool step();
    // For statements that return no rows.
    void run();
    void reset();

    std::int64_t integer(int column) const;
    std::string text(int column) const;
    bool is_null(int column) const;

private:
    sqlite3* database_;
    std::string sql_;
    StatementPtr statement_;
};

// BEGIN IMMEDIATE takes the write lock up front, so a concurrent writer makes us wait
// (busy_timeout) at the start instead of failing half way.
class Transaction {
public:
    explicit Transaction(sqlite3* database);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    sqlite3* database_;
    bool finished_ = false;
};

}  // namespace bangvang::store
