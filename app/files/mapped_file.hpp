#pragma once
// A whole file mapped read-only into memory, unmapped when the object goes away: the
// pages come from the page cache as they are touched and are shared with every other
// process mapping the same file (a font opened at a dozen sizes is in memory once,
// and read without a system call per glyph). Throws FileError naming the file.
#include <cstddef>
#include <filesystem>

#include "files/durable_file.hpp"  // FileError

namespace bangvang::files {

class MappedFile {
public:
    // Reasons: "cannot open: …", "is empty", "is not a regular file", "cannot map: …".
    explicit MappedFile(const std::filesystem::path& file);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const void* data() const { return data_; }
    std::size_t size() const { return size_; }

private:
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace bangvang::files
