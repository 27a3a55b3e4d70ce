#include "publish/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "publish/publish_error.hpp"

namespace bangvang::publish {

namespace {

namespace fs = std::filesystem;

struct FileDescriptor {
    int value = -1;
    explicit FileDescriptor(int descriptor) : value(descriptor) {}
    ~FileDescriptor() {
        if (value >= 0) ::close(value);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
};

[[noreturn]] void fail(const std::string& what, const fs::path& file) {
    throw PublishError("cannot " + what + " " + file.string() + ": " + std::strerror(errno));
}

}  // namespace

void write_file_atomically(const fs::path& file, std::string_view bytes) {
    const fs::path temporary = file.parent_path() / ("." + file.filename().string() + ".partial");
    {
        FileDescriptor descriptor(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
        if (descriptor.value < 0) fail("create", temporary);
        std::size_t written = 0;
        while (written < bytes.size()) {
            const ssize_t count = ::write(descriptor.value, bytes.data() + written, bytes.size() - written);
            if (count < 0) {
                if (errno == EINTR) continue;
                fail("write", temporary);
            }
            written += static_cast<std::size_t>(count);
        }
        if (::fsync(descriptor.value) != 0) fail("flush", temporary);
        if (::close(descriptor.value) != 0) {
            descriptor.value = -1;
            fail("close", temporary);
        }
        descriptor.value = -1;
    }
    if (::rename(temporary.c_str(), file.c_str()) != 0) {
        const int rename_error = errno;
        ::unlink(temporary.c_str());
        errno = rename_error;
        fail("rename " + temporary.string() + " to", file);
    }
}

}  // namespace bangvang::publish
