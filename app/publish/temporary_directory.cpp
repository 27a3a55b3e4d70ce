#include "publish/temporary_directory.hpp"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "publish/publish_error.hpp"
#include "publish/staff_messages.hpp"

namespace bangvang::publish {

TemporaryDirectory::TemporaryDirectory(std::string_view prefix) {
    std::string pattern = (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw PublishError(say::cannot_create_folder(pattern, std::strerror(errno)));
    }
    path_ = pattern;
}

TemporaryDirectory::~TemporaryDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

}  // namespace bangvang::publish
