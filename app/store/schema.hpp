#pragma once
// The cache's schema as an ordered list of migration steps. PRAGMA user_version
// records how many steps a database has had; opening runs the missing ones, each
// in its own transaction, so a power cut mid-upgrade leaves a whole earlier version.
#include <sqlite3.h>

#include <span>
#include <string_view>

namespace bangvang::store {

struct Migration {
    int version;              // user_version after this step
    std::string_view purpose;
    std::string_view sql;
};

std::span<const Migration> schema_migrations();
int latest_schema_version();

int read_schema_version(sqlite3* database);

// Brings `database` to latest_schema_version(). Throws StoreError when the file comes
// from a newer bangvang (a user_version we do not know): writing to it could corrupt it.
void migrate_schema(sqlite3* database);

// The same for another database's own ordered steps (bangvang-portal's file): runs the
// steps whose version is above the file's user_version, each in its own transaction.
void migrate_schema(sqlite3* database, std::span<const Migration> steps);

}  // namespace bangvang::store
