#include "files/durable_file.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <system_error>

namespace bangvang::files {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& path, const std::string& what, int error_number) {
    throw FileError(path.string() + ": " + what + ": " + std::generic_category().message(error_number));
}

std::string random_hex() {
    std::array<unsigned char, 8> random{};
    std::size_t filled = 0;
    while (filled < random.size()) {
        const ssize_t count = ::getrandom(random.data() + filled, random.size() - filled, 0);
        if (count < 0) {
            if (errno == EINTR) continue;
            fail("getrandom", "cannot name a temporary file", errno);
        }
        filled += static_cast<std::size_t>(count);
    }
    std::string hex;
    for (const unsigned char byte : random) {
        constexpr char digits[] = "0123456789abcdef";
        hex += digits[byte >> 4];
        hex += digits[byte & 0x0f];
    }
    return hex;
}

}  // namespace

FileDescriptor::~FileDescriptor() {
    if (descriptor_ >= 0) ::close(descriptor_);
}

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& other) noexcept {
    if (this != &other) {
        if (descriptor_ >= 0) ::close(descriptor_);
        descriptor_ = other.release();
    }
    return *this;
}

int FileDescriptor::release() noexcept {
    const int descriptor = descriptor_;
    descriptor_ = -1;
    return descriptor;
}

FileDescriptor open_file(const fs::path& path, int flags, int mode) {
    FileDescriptor descriptor(::open(path.c_str(), flags | O_CLOEXEC, mode));
    if (!descriptor) fail(path, (flags & O_CREAT) ? "cannot create" : "cannot open", errno);
    return descriptor;
}

void write_all(int descriptor, std::string_view bytes, const fs::path& path) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(descriptor, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            fail(path, "cannot write", errno);
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
}

void sync_descriptor(int descriptor, const fs::path& path) {
    if (::fsync(descriptor) != 0) fail(path, "fsync failed", errno);
}

void sync_path(const fs::path& path) {
    const FileDescriptor handle = open_file(path, O_RDONLY);
    sync_descriptor(handle.get(), path);
}

void sync_directory(const fs::path& directory) {
    const FileDescriptor handle = open_file(directory, O_RDONLY | O_DIRECTORY);
    sync_descriptor(handle.get(), directory);
}

TemporaryFile::TemporaryFile(const fs::path& folder, std::string_view prefix)
    : path_(folder / (std::string(prefix) + random_hex())),
      descriptor_(open_file(path_, O_WRONLY | O_CREAT | O_EXCL)) {}

TemporaryFile::~TemporaryFile() {
    if (path_.empty()) return;
    std::error_code ignored;
    fs::remove(path_, ignored);
}

void TemporaryFile::put_in_place(const fs::path& target) {
    sync_descriptor(descriptor_.get(), path_);
    if (::close(descriptor_.release()) != 0) fail(path_, "cannot close", errno);
    if (::rename(path_.c_str(), target.c_str()) != 0) fail(target, "cannot rename " + path_.string() + " into place", errno);
    path_.clear();
    sync_directory(target.has_parent_path() ? target.parent_path() : fs::path("."));
}

void write_file_atomically(const fs::path& file, std::string_view bytes) {
    const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
    TemporaryFile temporary(folder, "." + file.filename().string() + ".partial-");
    temporary.write(bytes);
    temporary.put_in_place(file);
}

}  // namespace bangvang::files
