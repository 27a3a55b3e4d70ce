#include "publish/key_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "publish/publish_error.hpp"
#include "publish/staff_messages.hpp"

namespace bangvang::publish {

namespace {

namespace fs = std::filesystem;

// O_EXCL: never replaces a key; the mode is set at creation so the secret is never readable by others.
void write_new_file(const fs::path& file, const std::string& text, mode_t mode) {
    const int descriptor = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (descriptor < 0) {
        const int cause = errno;
        throw PublishError(cause == EEXIST ? say::key_exists(file.string())
                                           : say::cannot_write(file.string(), std::strerror(cause)));
    }
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t result = ::write(descriptor, text.data() + written, text.size() - written);
        if (result < 0 && errno == EINTR) continue;
        if (result <= 0) {
            const int cause = errno;
            ::close(descriptor);
            throw PublishError(say::cannot_write(file.string(), std::strerror(cause)));
        }
        written += static_cast<std::size_t>(result);
    }
    if (::fsync(descriptor) != 0 || ::close(descriptor) != 0) {
        throw PublishError(say::cannot_write(file.string(), std::strerror(errno)));
    }
}

}  // namespace

KeyPairFiles generate_key_files(const fs::path& name) {
    if (name.filename().empty()) throw PublishError(say::key_name_needed(name.string()));
    std::error_code error;
    if (name.has_parent_path()) fs::create_directories(name.parent_path(), error);
    if (error) throw PublishError(say::cannot_create_folder(name.parent_path().string(), error.message()));
    KeyPairFiles files{.secret_file = fs::path(name.string() + ".secret"),
                       .public_file = fs::path(name.string() + ".public"),
                       .public_key = {}};
    if (fs::exists(files.public_file)) {
        throw PublishError(say::key_exists(files.public_file.string()));
    }
    const sync::SecretKey secret = sync::generate_secret_key();
    files.public_key = secret.public_key();
    write_new_file(files.secret_file, secret.to_base64() + "\n", 0600);
    write_new_file(files.public_file, files.public_key.to_base64() + "\n", 0644);
    return files;
}

}  // namespace bangvang::publish
