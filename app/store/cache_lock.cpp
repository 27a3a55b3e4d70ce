#include "store/cache_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>

#include <cerrno>
#include <system_error>

#include "store/content_cache.hpp"

namespace bangvang::store {

std::optional<CacheLock> CacheLock::try_lock(const std::filesystem::path& cache_directory) {
    std::error_code error;
    std::filesystem::create_directories(cache_directory, error);
    if (error) throw StoreError(cache_directory.string() + ": cannot create the cache folder: " + error.message());
    // O_CLOEXEC (open_file's): display commands the kiosk starts must not inherit, and outlive it with, the lock.
    files::FileDescriptor folder;
    try {
        folder = files::open_file(cache_directory, O_RDONLY | O_DIRECTORY);
    } catch (const files::FileError& failure) {
        throw StoreError(std::string(failure.what()) + " (to lock the cache folder)");
    }
    while (::flock(folder.get(), LOCK_EX | LOCK_NB) != 0) {
        if (errno == EINTR) continue;
        if (errno == EWOULDBLOCK) return std::nullopt;
        throw StoreError(cache_directory.string() + ": cannot lock the cache folder: " +
                         std::generic_category().message(errno));
    }
    return CacheLock(std::move(folder));
}

}  // namespace bangvang::store
