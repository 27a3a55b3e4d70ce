#pragma once
// One kiosk per cache folder: an exclusive flock on the folder itself, held for the
// life of the process (the kernel releases it when the process ends, even by SIGKILL).
// A second kiosk on the same folder would download every medium twice and fight over
// the version history; it must refuse to start instead.
#include <filesystem>
#include <optional>

#include "files/durable_file.hpp"

namespace bangvang::store {

class CacheLock {
public:
    // Creates `cache_directory` if needed and locks it. nullopt when another process holds
    // the lock; StoreError when the folder cannot be created or opened.
    static std::optional<CacheLock> try_lock(const std::filesystem::path& cache_directory);

private:
    explicit CacheLock(files::FileDescriptor folder) : folder_(std::move(folder)) {}
    files::FileDescriptor folder_;  // closing it releases the lock
};

}  // namespace bangvang::store
