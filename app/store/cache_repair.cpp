#include "store/cache_repair.hpp"

#include <algorithm>
#include <array>
#include <system_error>

#include "store/sqlite_handle.hpp"

namespace bangvang::store {

namespace fs = std::filesystem;

namespace {

// SQLite's answers that mean the bytes of the file are wrong, not that it is busy or
// that we may not open it (moving a file aside would not help with those).
bool means_damage(int status) {
    switch (status & 0xff) {
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
        case SQLITE_IOERR:
        case SQLITE_FORMAT: return true;
        default: return false;
    }
}

std::string with_suffix(const fs::path& file, std::string_view suffix) {
    return file.string() + std::string(suffix);
}

// The database and its WAL and shared-memory files, as SQLite names them.
constexpr std::array<std::string_view, 3> database_file_suffixes{"", "-wal", "-shm"};

// Moves the database and its -wal/-shm to <file>.damaged*, replacing an older damaged copy.
// Returns where the database went.
fs::path move_aside(const fs::path& database_file) {
    const fs::path kept = with_suffix(database_file, ".damaged");
    std::error_code error;
    for (std::string_view suffix : database_file_suffixes) fs::remove(with_suffix(kept, suffix), error);
    for (std::string_view suffix : database_file_suffixes) {
        const fs::path from = with_suffix(database_file, suffix);
        if (!fs::exists(from, error)) continue;
        fs::rename(from, with_suffix(kept, suffix), error);
        if (error) {
            // Not even renaming works: remove it, a cache is only a copy.
            std::error_code removal;
            fs::remove(from, removal);
            if (removal) {
                throw StoreError(from.string() + ": damaged, and can be neither moved aside (" + error.message() +
                                 ") nor removed (" + removal.message() + ")");
            }
        }
    }
    return kept;
}

}  // namespace

std::optional<std::string> cache_damage(const fs::path& database_file) {
    std::error_code error;
    if (!fs::exists(database_file, error)) return std::nullopt;
    sqlite3* raw = nullptr;
    const int opened = sqlite3_open_v2(database_file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    const DatabasePtr database(raw);
    if (opened != SQLITE_OK) {
        if (!means_damage(opened)) return std::nullopt;  // the constructor will say why it cannot open
        return std::string("cannot open: ") + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(opened));
    }
    sqlite3_extended_result_codes(database.get(), 1);
    sqlite3_stmt* raw_statement = nullptr;
    const int prepared = sqlite3_prepare_v2(database.get(), "PRAGMA quick_check(5)", -1, &raw_statement, nullptr);
    const StatementPtr statement(raw_statement);
    if (prepared != SQLITE_OK) {
        if (!means_damage(prepared)) return std::nullopt;
        return std::string("quick_check failed: ") + sqlite3_errmsg(database.get());
    }
    std::string findings;
    for (;;) {
        const int stepped = sqlite3_step(statement.get());
        if (stepped == SQLITE_DONE) break;
        if (stepped != SQLITE_ROW) {
            if (!means_damage(stepped)) return std::nullopt;
            return std::string("quick_check failed: ") + sqlite3_errmsg(database.get());
        }
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
        std::string line = text ? text : "";
        std::replace(line.begin(), line.end(), '\n', ' ');  // one log line; quick_check puts several in a row
        if (line == "ok") return std::nullopt;
        findings += (findings.empty() ? "" : "; ") + line;
    }
    return "quick_check: " + (findings.empty() ? std::string("no answer") : findings);
}

OpenedCache open_cache_repairing(const fs::path& database_file, const fs::path& media_directory) {
    std::optional<std::string> damage = cache_damage(database_file);
    if (!damage) {
        try {
            return OpenedCache{ContentCache(database_file, media_directory), std::nullopt};
        } catch (const StoreError& error) {
            // Passed the check, yet will not open (say, a schema from a newer bangvang).
            damage = error.what();
        }
    }
    const fs::path kept = move_aside(database_file);
    std::string repaired = database_file.string() + " was damaged (" + *damage + "): moved aside to " +
                           kept.filename().string() + " for diagnosis; a fresh cache is filled again from the sources";
    return OpenedCache{ContentCache(database_file, media_directory), std::move(repaired)};
}

}  // namespace bangvang::store
