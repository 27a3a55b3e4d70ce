#include "files/bounded_read.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "files/durable_file.hpp"

namespace bangvang::files {

std::string read_whole_file(const std::filesystem::path& file, std::size_t max_bytes) {
    const FileDescriptor input = open_file(file, O_RDONLY);
    std::string bytes;
    char buffer[64 * 1024];
    for (;;) {
        const ssize_t count = ::read(input.get(), buffer, sizeof buffer);
        if (count < 0) {
            if (errno == EINTR) continue;
            throw FileError(file.string() + ": cannot read: " + std::generic_category().message(errno));
        }
        if (count == 0) return bytes;
        if (bytes.size() + static_cast<std::size_t>(count) > max_bytes) {
            throw FileError(file.string() + ": is larger than " + std::to_string(max_bytes) + " bytes");
        }
        bytes.append(buffer, static_cast<std::size_t>(count));
    }
}

}  // namespace bangvang::files
