#include "files/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <cerrno>
#include <system_error>

namespace bangvang::files {

MappedFile::MappedFile(const std::filesystem::path& file) {
    const FileDescriptor input = open_file(file, O_RDONLY);
    struct stat status {};
    if (::fstat(input.get(), &status) != 0) {
        throw FileError(file.string() + ": cannot read its size: " + std::generic_category().message(errno));
    }
    if (!S_ISREG(status.st_mode)) throw FileError(file.string() + ": is not a regular file");
    if (status.st_size == 0) throw FileError(file.string() + ": is empty");
    size_ = static_cast<std::size_t>(status.st_size);
    // The descriptor may close at once: the mapping keeps the file.
    void* mapped = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, input.get(), 0);
    if (mapped == MAP_FAILED) throw FileError(file.string() + ": cannot map: " + std::generic_category().message(errno));
    data_ = mapped;
}

MappedFile::~MappedFile() {
    if (data_) ::munmap(data_, size_);
}

}  // namespace bangvang::files
