#include "publish/atomic_file.hpp"

#include "files/durable_file.hpp"
#include "publish/publish_error.hpp"
#include "publish/staff_messages.hpp"

namespace bangvang::publish {

void write_file_atomically(const std::filesystem::path& file, std::string_view bytes) {
    try {
        files::write_file_atomically(file, bytes);
    } catch (const files::FileError& failure) {
        throw PublishError(say::cannot_write(file.string(), failure.what()));
    }
}

}  // namespace bangvang::publish
