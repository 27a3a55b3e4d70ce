#include "store/media_store.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <system_error>

#include "files/durable_file.hpp"

namespace bangvang::store {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view temporary_prefix = ".incoming-";
constexpr std::size_t read_chunk_bytes = 64 * 1024;

void require_sodium() {
    // sodium_init is idempotent and thread-safe; it returns 1 when already initialised.
    if (sodium_init() < 0) throw StoreError("libsodium could not be initialised");
}

std::string system_reason(int error_number) {
    return std::generic_category().message(error_number);
}

std::string hex_digest(crypto_hash_sha256_state& state) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&state, digest.data());
    std::array<char, 2 * crypto_hash_sha256_BYTES + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return hex.data();
}

core::Problem media_problem(const fs::path& file, std::string reason) {
    return core::Problem{.where = file.string(), .field = "", .reason = std::move(reason)};
}

// Reads `source_file` once, hashing it and, when `copy_descriptor` is given, copying it.
// Returns the problem if the bytes do not match `expected`.
std::optional<core::Problem> stream_and_verify(const fs::path& source_file, const core::MediaRef& expected,
                                               std::optional<int> copy_descriptor, const fs::path& copy_path) {
    std::ifstream input(source_file, std::ios::binary);
    if (!input) throw StoreError(source_file.string() + ": cannot open for reading: " + system_reason(errno));
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::vector<char> buffer(read_chunk_bytes);
    std::int64_t total = 0;
    while (input) {
        input.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto count = static_cast<std::size_t>(input.gcount());
        if (count == 0) break;
        total += static_cast<std::int64_t>(count);
        if (total > expected.size_bytes) {
            return media_problem(source_file, "grew past the " + std::to_string(expected.size_bytes) +
                                                  " bytes the manifest lists while being read (size mismatch)");
        }
        crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()), count);
        if (copy_descriptor) files::write_all(*copy_descriptor, std::string_view(buffer.data(), count), copy_path);
    }
    if (input.bad()) throw StoreError(source_file.string() + ": read error");
    if (total != expected.size_bytes) {
        return media_problem(source_file, "size mismatch: " + std::to_string(total) + " bytes read, the manifest lists " +
                                              std::to_string(expected.size_bytes));
    }
    const std::string actual = hex_digest(state);
    if (actual != expected.sha256) {
        return media_problem(source_file, "hash mismatch: sha256 is " + actual + ", the manifest lists " + expected.sha256);
    }
    return std::nullopt;
}

}  // namespace

bool is_sha256_hex(std::string_view text) {
    if (text.size() != 2 * crypto_hash_sha256_BYTES) return false;
    for (const char character : text) {
        const bool digit = character >= '0' && character <= '9';
        const bool lower_hex = character >= 'a' && character <= 'f';
        if (!digit && !lower_hex) return false;
    }
    return true;
}

std::string sha256_hex(std::string_view bytes) {
    require_sodium();
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return hex_digest(state);
}

std::string sha256_of_file(const fs::path& file) {
    require_sodium();
    std::ifstream input(file, std::ios::binary);
    if (!input) throw StoreError(file.string() + ": cannot open for reading: " + system_reason(errno));
    crypto_hash_sha256_state state;
    crypto_hash_sha256_init(&state);
    std::vector<char> buffer(read_chunk_bytes);
    while (input) {
        input.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto count = static_cast<std::size_t>(input.gcount());
        if (count == 0) break;
        crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()), count);
    }
    if (input.bad()) throw StoreError(file.string() + ": read error");
    return hex_digest(state);
}

core::Result<fs::path> import_media_file(const fs::path& source_file, const core::MediaRef& expected,
                                         const fs::path& media_directory) {
    require_sodium();
    if (!is_sha256_hex(expected.sha256)) {
        return media_problem(source_file, "the manifest names it by \"" + expected.sha256.substr(0, 80) +
                                              "\", which is not 64 lowercase hex digits");
    }
    std::error_code error;
    const auto status = fs::status(source_file, error);
    if (!fs::exists(status)) return media_problem(source_file, "is missing (the manifest lists it)");
    if (!fs::is_regular_file(status)) return media_problem(source_file, "is not a regular file");
    const std::uintmax_t size = fs::file_size(source_file, error);
    if (error) throw StoreError(source_file.string() + ": cannot read its size: " + error.message());
    // Size first: it costs nothing and catches truncated downloads before hashing.
    if (size != static_cast<std::uintmax_t>(expected.size_bytes)) {
        return media_problem(source_file, "size mismatch: the file has " + std::to_string(size) +
                                              " bytes, the manifest lists " + std::to_string(expected.size_bytes));
    }

    const fs::path destination = media_directory / expected.sha256;
    const std::uintmax_t stored_size = fs::file_size(destination, error);
    if (!error && stored_size == size) {
        // Already stored (verified when it was written); still check the feed's copy so a
        // corrupt feed is reported rather than silently accepted.
        if (auto problem = stream_and_verify(source_file, expected, std::nullopt, {})) return *problem;
        return destination;
    }

    fs::create_directories(media_directory, error);
    if (error) throw StoreError(media_directory.string() + ": cannot create the media folder: " + error.message());
    try {
        files::TemporaryFile temporary(media_directory, std::string(temporary_prefix) + expected.sha256 + "-");
        if (auto problem = stream_and_verify(source_file, expected, temporary.descriptor(), temporary.path())) return *problem;
        temporary.put_in_place(destination);
    } catch (const files::FileError& failure) {
        throw StoreError(std::string(failure.what()));
    }
    return destination;
}

std::string partial_download_name(const std::string& sha256) {
    return std::string(temporary_prefix) + "download-" + sha256;
}

MediaCleanup remove_unreferenced_media(const ContentCache& cache, const std::set<std::string>& still_wanted) {
    MediaCleanup cleanup;
    const std::set<std::string> referenced = cache.referenced_media();
    std::error_code error;
    fs::directory_iterator entries(cache.media_directory(), error);
    if (error) {
        if (error == std::errc::no_such_file_or_directory) return cleanup;
        throw StoreError(cache.media_directory().string() + ": cannot list: " + error.message());
    }
    for (const fs::directory_entry& entry : entries) {
        const std::string name = entry.path().filename().string();
        const bool resumable = std::any_of(still_wanted.begin(), still_wanted.end(), [&](const std::string& sha256) {
            return name == partial_download_name(sha256);
        });
        const bool leftover = name.starts_with(temporary_prefix) && !resumable;
        // Files derived from a media file (its screen-sized copy) are named <sha256>.<something>
        // and go with it.
        const std::string_view stem = std::string_view(name).substr(0, std::min(name.size(), name.find('.')));
        const bool unreferenced = is_sha256_hex(stem) && !referenced.contains(std::string(stem));
        if (!leftover && !unreferenced) continue;
        std::uintmax_t size = entry.file_size(error);
        if (error) size = 0;
        if (fs::remove(entry.path(), error)) {
            ++cleanup.files_removed;
            cleanup.bytes_removed += size;
        } else if (error) {
            throw StoreError(entry.path().string() + ": cannot remove: " + error.message());
        }
    }
    return cleanup;
}

}  // namespace bangvang::store
