#include "sync/signing_keys.hpp"

#include <optional>
#include <stdexcept>

namespace bangvang::sync {

namespace {
void require_sodium() {
    // sodium_init is idempotent and thread-safe; -1 means no usable randomness.
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string trimmed(std::string_view text) {
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}
}  // namespace

std::string to_base64(const unsigned char* bytes, std::size_t length) {
    std::string encoded(sodium_base64_encoded_len(length, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(encoded.data(), encoded.size(), bytes, length, sodium_base64_VARIANT_ORIGINAL);
    encoded.resize(encoded.size() - 1);  // the terminating NUL
    return encoded;
}

std::optional<std::string> from_base64(std::string_view text, std::size_t expected_length) {
    std::string clean = trimmed(text);
    std::string decoded(expected_length + 1, '\0');
    std::size_t decoded_length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(), clean.data(), clean.size(),
                          nullptr, &decoded_length, &end, sodium_base64_VARIANT_ORIGINAL) != 0) {
        return std::nullopt;
    }
    if (end != clean.data() + clean.size() || decoded_length != expected_length) return std::nullopt;
    decoded.resize(decoded_length);
    return decoded;
}

std::string PublicKey::id() const {
    require_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, bytes.data(), bytes.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex, 16);
}

std::string PublicKey::to_base64() const { return sync::to_base64(bytes.data(), bytes.size()); }

SecretKey::SecretKey() { sodium_mlock(bytes_.data(), bytes_.size()); }
SecretKey::~SecretKey() { sodium_munlock(bytes_.data(), bytes_.size()); }  // also zeroes
SecretKey::SecretKey(const SecretKey& other) : SecretKey() { bytes_ = other.bytes_; }
SecretKey& SecretKey::operator=(const SecretKey& other) {
    bytes_ = other.bytes_;
    return *this;
}

PublicKey SecretKey::public_key() const {
    PublicKey key;
    crypto_sign_ed25519_sk_to_pk(key.bytes.data(), bytes_.data());
    return key;
}

std::string SecretKey::to_base64() const { return sync::to_base64(bytes_.data(), bytes_.size()); }

SecretKey generate_secret_key() {
    require_sodium();
    SecretKey secret;
    PublicKey unused;
    crypto_sign_keypair(unused.bytes.data(), secret.data());
    return secret;
}

core::Result<PublicKey> parse_public_key(std::string_view base64, std::string_view where) {
    auto decoded = from_base64(base64, crypto_sign_PUBLICKEYBYTES);
    if (!decoded) {
        return core::Problem{std::string(where), "",
                             "is not an Ed25519 public key (expected base64 of 32 bytes)"};
    }
    PublicKey key;
    std::copy(decoded->begin(), decoded->end(), key.bytes.begin());
    return key;
}

core::Result<SecretKey> parse_secret_key(std::string_view base64, std::string_view where) {
    require_sodium();
    auto decoded = from_base64(base64, crypto_sign_SECRETKEYBYTES);
    if (!decoded) {
        return core::Problem{std::string(where), "",
                             "is not an Ed25519 secret key (expected base64 of 64 bytes)"};
    }
    SecretKey key;
    std::copy(decoded->begin(), decoded->end(), key.data());
    sodium_memzero(decoded->data(), decoded->size());
    return key;
}

}  // namespace bangvang::sync
