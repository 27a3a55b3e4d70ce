#pragma once
// files: the one place that writes files so that a power cut leaves the old content
// or the new, never a mix: an owned file descriptor, a temporary file beside the
// target (removed unless it is put in place), fsync of the file and of its folder,
// rename. store (media), media (screen-sized copies) and publish (feeds, scaffolds)
// all write through it. POSIX only; no SDL, no SQLite, no curl.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace bangvang::files {

// A system call on a file failed: the message names the file, what was being done and
// the system's reason ("…/media/.incoming-ab12: cannot write: No space left on device").
class FileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Owns an open file descriptor; closes it once.
class FileDescriptor {
public:
    FileDescriptor() = default;
    explicit FileDescriptor(int descriptor) : descriptor_(descriptor) {}
    ~FileDescriptor();
    FileDescriptor(FileDescriptor&& other) noexcept : descriptor_(other.release()) {}
    FileDescriptor& operator=(FileDescriptor&& other) noexcept;
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;

    int get() const { return descriptor_; }
    explicit operator bool() const { return descriptor_ >= 0; }
    int release() noexcept;

private:
    int descriptor_ = -1;
};

// open(2) with O_CLOEXEC; throws FileError "<path>: cannot open: <why>".
FileDescriptor open_file(const std::filesystem::path& path, int flags, int mode = 0644);
// Writes every byte, retrying after signals; throws FileError naming `path`.
void write_all(int descriptor, std::string_view bytes, const std::filesystem::path& path);
// fsync(2) of an open file, or of a file or folder by name; throws FileError.
void sync_descriptor(int descriptor, const std::filesystem::path& path);
void sync_path(const std::filesystem::path& path);
void sync_directory(const std::filesystem::path& directory);

// A uniquely named file beside its target, created empty (O_EXCL), removed when the
// object goes away unless put_in_place() renamed it onto its target first.
class TemporaryFile {
public:
    // Named <folder>/<prefix><random hex>; `prefix` lets cleanups recognise leftovers.
    TemporaryFile(const std::filesystem::path& folder, std::string_view prefix);
    ~TemporaryFile();
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    const std::filesystem::path& path() const { return path_; }
    int descriptor() const { return descriptor_.get(); }
    void write(std::string_view bytes) { write_all(descriptor_.get(), bytes, path_); }
    // fsync, close, rename onto `target`, fsync the folder. Whatever wrote the file by
    // name (an encoder) has closed it by then; the fsync still reaches its blocks.
    void put_in_place(const std::filesystem::path& target);

private:
    std::filesystem::path path_;
    FileDescriptor descriptor_;
};

// The whole of `bytes` as `file`, through a TemporaryFile beside it ("."+name+".partial-…").
void write_file_atomically(const std::filesystem::path& file, std::string_view bytes);

}  // namespace bangvang::files
