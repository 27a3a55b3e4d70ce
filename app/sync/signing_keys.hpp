#pragma once
// Ed25519 keys (libsodium) as staff and kiosks handle them: one line of base64 each,
// in key files and in the kiosk's config. A key's id is the first 16 hex digits of
// the SHA-256 of its public key; signature files name the key they were made with.
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include <sodium.h>

#include "core/result.hpp"

namespace bangvang::sync {

struct PublicKey {
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> bytes{};

    std::string id() const;
    std::string to_base64() const;
    bool operator==(const PublicKey&) const = default;
};

// Wiped from memory when destroyed.
class SecretKey {
public:
    SecretKey();
    ~SecretKey();
    SecretKey(const SecretKey& other);
    SecretKey& operator=(const SecretKey& other);

    PublicKey public_key() const;
    std::string to_base64() const;
    const unsigned char* data() const { return bytes_.data(); }
    unsigned char* data() { return bytes_.data(); }

private:
    std::array<unsigned char, crypto_sign_SECRETKEYBYTES> bytes_{};
};

SecretKey generate_secret_key();

// `where` names the file or config field in the Problem.
core::Result<PublicKey> parse_public_key(std::string_view base64, std::string_view where);
core::Result<SecretKey> parse_secret_key(std::string_view base64, std::string_view where);

std::string to_base64(const unsigned char* bytes, std::size_t length);
// nullopt when the text is not base64 of exactly `length` bytes.
std::optional<std::string> from_base64(std::string_view text, std::size_t expected_length);

}  // namespace bangvang::sync
