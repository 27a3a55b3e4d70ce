#pragma once
// The signed envelope of a feed (content/FORMAT.md "Signatures"): manifest.json is
// published byte for byte as signed, and beside it manifest.json.sig holds detached
// Ed25519 signatures over exactly those bytes:
//   {"format": "bangvang.signature/1",
//    "signatures": [{"key_id": "<16 hex>", "signature": "<base64 of 64 bytes>"}]}
// Several signatures let a source move from one key to the next without a gap.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "sync/signing_keys.hpp"

namespace bangvang::sync {

inline constexpr std::string_view signature_file_name = "manifest.json.sig";
inline constexpr std::size_t max_signature_file_bytes = 64 * 1024;

// The contents of manifest.json.sig, one signature per key.
std::string sign_manifest(std::string_view manifest_bytes, const std::vector<SecretKey>& keys);

struct VerifiedSignature {
    PublicKey key;  // the trusted key whose signature verified
};

// Accepts when any signature in the file verifies over `manifest_bytes` with one of
// `trusted_keys`. Otherwise a Problem saying why: unreadable signature file, no
// signature by a trusted key (naming the key ids found), or a signature that does
// not verify (the manifest was altered).
core::Result<VerifiedSignature> verify_manifest(std::string_view manifest_bytes, std::string_view signature_file,
                                                const std::vector<PublicKey>& trusted_keys, std::string_view where);

}  // namespace bangvang::sync
