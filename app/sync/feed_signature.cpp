#include "sync/feed_signature.hpp"

#include <optional>

#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"

namespace bangvang::sync {

using Json = nlohmann::json;

std::string sign_manifest(std::string_view manifest_bytes, const std::vector<SecretKey>& keys) {
    Json signatures = Json::array();
    for (const SecretKey& key : keys) {
        unsigned char signature[crypto_sign_BYTES];
        crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(manifest_bytes.data()),
                             manifest_bytes.size(), key.data());
        signatures.push_back({{"key_id", key.public_key().id()}, {"signature", to_base64(signature, sizeof signature)}});
    }
    Json envelope = {{"format", "bangvang.signature/1"}, {"signatures", signatures}};
    return envelope.dump(2) + "\n";
}

core::Result<VerifiedSignature> verify_manifest(std::string_view manifest_bytes, std::string_view signature_file,
                                                const std::vector<PublicKey>& trusted_keys, std::string_view where) {
    auto problem = [&](std::string field, std::string reason) {
        return core::Problem{std::string(where), std::move(field), std::move(reason)};
    };
    if (signature_file.size() > max_signature_file_bytes) {
        return problem("", "signature file is larger than " + std::to_string(max_signature_file_bytes) + " bytes");
    }
    core::Result<Json> parsed = core::read_json(signature_file, where, core::JsonLimits{.max_bytes = max_signature_file_bytes});
    if (!parsed) return problem("", "signature file is not a JSON object (" + parsed.problem().reason + ")");
    const Json& envelope = *parsed;
    if (!envelope.is_object()) return problem("", "signature file is not a JSON object");
    if (envelope.value("format", std::string()) != "bangvang.signature/1") {
        return problem("format", "signature file is not \"bangvang.signature/1\"");
    }
    auto signatures = envelope.find("signatures");
    if (signatures == envelope.end() || !signatures->is_array() || signatures->empty()) {
        return problem("signatures", "signature file holds no signatures");
    }

    std::string untrusted_ids;
    bool trusted_signature_failed = false;
    for (const Json& entry : *signatures) {
        if (!entry.is_object() || !entry.contains("key_id") || !entry["key_id"].is_string() ||
            !entry.contains("signature") || !entry["signature"].is_string()) {
            return problem("signatures", "each signature needs a \"key_id\" and a \"signature\" string");
        }
        const std::string& key_id = entry["key_id"].get_ref<const std::string&>();
        auto signature = from_base64(entry["signature"].get_ref<const std::string&>(), crypto_sign_BYTES);
        const PublicKey* key = nullptr;
        for (const PublicKey& trusted : trusted_keys) {
            if (trusted.id() == key_id) key = &trusted;
        }
        if (!key) {
            untrusted_ids += (untrusted_ids.empty() ? "" : ", ") + key_id;
            continue;
        }
        if (signature && crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature->data()),
                                                     reinterpret_cast<const unsigned char*>(manifest_bytes.data()),
                                                     manifest_bytes.size(), key->bytes.data()) == 0) {
            return VerifiedSignature{*key};
        }
        trusted_signature_failed = true;
    }
    if (trusted_signature_failed) {
        return problem("signatures", "the signature by a trusted key does not verify: the manifest was altered");
    }
    return problem("signatures", "no signature by a trusted key (signed by key " + untrusted_ids + ")");
}

}  // namespace bangvang::sync
