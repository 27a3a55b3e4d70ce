#include "store/version_ledger.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <sstream>
#include <system_error>

#include "core/identifier.hpp"
#include "files/bounded_read.hpp"
#include "files/durable_file.hpp"
#include "store/content_cache.hpp"

namespace bangvang::store {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t largest_ledger_bytes = 1024 * 1024;  // thousands of sources; anything larger is not ours
constexpr std::string_view ledger_header =
    "# bangvang: the highest feed version accepted per source (rollback protection). Do not edit.\n";


}  // namespace

fs::path version_ledger_file(const fs::path& database_file) {
    return database_file.parent_path() / "accepted-versions.txt";
}

namespace {

// Every well-formed line; the number of the first bad one (0: none).
VersionLedger parse_ledger(const std::string& bytes, int& first_bad_line) {
    VersionLedger ledger;
    first_bad_line = 0;
    std::istringstream lines(bytes);
    int number = 0;
    for (std::string line; std::getline(lines, line);) {
        ++number;
        if (line.empty() || line.starts_with('#')) continue;
        const std::size_t space = line.find(' ');
        const std::string_view id = std::string_view(line).substr(0, space);
        std::int64_t version = 0;
        const char* digits = space == std::string::npos ? line.data() + line.size() : line.data() + space + 1;
        const auto [end, parsed] = std::from_chars(digits, line.data() + line.size(), version);
        if (!core::is_identifier(id) || parsed != std::errc() || end != line.data() + line.size() || version < 0) {
            if (first_bad_line == 0) first_bad_line = number;
            continue;
        }
        std::int64_t& highest = ledger[std::string(id)];
        highest = std::max(highest, version);
    }
    return ledger;
}

// The file's bytes (empty when it does not exist), or nullopt when it is larger than any
// ledger we write: damaged.
std::optional<std::string> read_ledger_bytes(const fs::path& file) {
    std::error_code error;
    if (!fs::exists(file, error)) return std::string();
    if (fs::file_size(file, error) > largest_ledger_bytes && !error) return std::nullopt;
    try {
        return files::read_whole_file(file, largest_ledger_bytes);
    } catch (const files::FileError& failure) {
        throw StoreError(failure.what());
    }
}

}  // namespace

core::Result<VersionLedger> read_version_ledger(const fs::path& file) {
    const std::optional<std::string> bytes = read_ledger_bytes(file);
    if (!bytes) {
        return core::Problem{file.string(), "", "larger than " + std::to_string(largest_ledger_bytes) + " bytes: damaged"};
    }
    int bad_line = 0;
    VersionLedger ledger = parse_ledger(*bytes, bad_line);
    if (bad_line > 0) {
        return core::Problem{file.string() + ":" + std::to_string(bad_line), "",
                             "not \"<source id> <version>\": the file is damaged"};
    }
    return ledger;
}

VersionLedger readable_version_ledger(const fs::path& file) {
    const std::optional<std::string> bytes = read_ledger_bytes(file);
    if (!bytes) return {};
    int bad_line = 0;
    return parse_ledger(*bytes, bad_line);
}

void record_accepted_version(const fs::path& file, const std::string& source_id, std::int64_t version) {
    if (!core::is_identifier(source_id)) throw StoreError(file.string() + ": \"" + source_id + "\" is not a source id");
    VersionLedger ledger = readable_version_ledger(file);  // a damaged line is dropped, the others kept
    if (ledger.contains(source_id) && ledger.at(source_id) >= version) return;
    ledger[source_id] = version;
    std::string bytes(ledger_header);
    for (const auto& [id, recorded] : ledger) bytes += id + " " + std::to_string(recorded) + "\n";
    try {
        files::write_file_atomically(file, bytes);
    } catch (const files::FileError& failure) {
        throw StoreError(failure.what());
    }
}

}  // namespace bangvang::store
