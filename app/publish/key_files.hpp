#pragma once
// `bangvang-publish keygen`: a signing key pair as two files, NAME.secret (readable by
// its owner only) and NAME.public (one base64 line, pasted into each kiosk's config).
#include <filesystem>

#include "sync/signing_keys.hpp"

namespace bangvang::publish {

struct KeyPairFiles {
    std::filesystem::path secret_file;
    std::filesystem::path public_file;
    sync::PublicKey public_key;
};

// `name` is DIR/NAME. Refuses (PublishError) to overwrite an existing key file:
// losing a secret key means re-configuring every kiosk that trusts it.
KeyPairFiles generate_key_files(const std::filesystem::path& name);

}  // namespace bangvang::publish
