// manifest.json.sig as a server sends it, checked against the manifest's bytes with the
// kiosk's trusted key: any bytes are refused with a reason or verify, never crash. When
// the first byte is odd the signature file is the one bangvang-publish writes for these
// manifest bytes, and it must verify (the way the kiosk accepts every real feed).
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <sodium.h>

#include "fuzz/fuzz_input.hpp"
#include "sync/feed_signature.hpp"
#include "sync/signing_keys.hpp"

namespace {

// A fixed key, so that the corpus's signature files keep meaning the same thing.
const bangvang::sync::SecretKey& fuzz_key() {
    static const bangvang::sync::SecretKey key = [] {
        if (sodium_init() < 0) std::abort();
        std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
        seed.fill(7);
        std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_bytes{};
        bangvang::sync::SecretKey secret;
        crypto_sign_seed_keypair(public_bytes.data(), secret.data(), seed.data());
        return secret;
    }();
    return key;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bangvang;
    fuzz::InputParts input(fuzz::as_text(data, size));
    const bool signed_by_us = (input.choice() & 1) != 0;
    const std::string_view manifest = input.part();
    const std::string_view given_signature = input.part();
    const std::vector<sync::PublicKey> trusted{fuzz_key().public_key()};
    if (signed_by_us) {
        const std::string signature_file = sync::sign_manifest(manifest, {fuzz_key()});
        const auto verified = sync::verify_manifest(manifest, signature_file, trusted, "fuzz manifest.json.sig");
        if (!verified) {
            std::fprintf(stderr, "a signature file bangvang-publish wrote does not verify: %s\n",
                         verified.problem().message().c_str());
            std::abort();
        }
        return 0;
    }
    (void)sync::verify_manifest(manifest, given_signature, trusted, "fuzz manifest.json.sig");
    return 0;
}
