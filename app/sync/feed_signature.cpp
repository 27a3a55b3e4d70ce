#include "sync/feed_signature.hpp"

#include <optional>

#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"
#include "core/json_field_reader.hpp"

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

namespace {

struct SignatureEntry {
    std::string key_id;
    std::string signature;  // base64
};

// The envelope {"format": "bangvang.signature/1", "signatures": [{"key_id", "signature"}, ...]};
// a problem is thrown by `reader`.
std::vector<SignatureEntry> read_signatures(const core::JsonFieldReader& reader, const Json& envelope) {
    if (!envelope.is_object()) reader.reject("", "signature file is not a JSON object");
    const Json* format = reader.find(envelope, "format");
    if (format == nullptr || !format->is_string() || format->get_ref<const std::string&>() != "bangvang.signature/1") {
        reader.reject("format", "signature file is not \"bangvang.signature/1\"");
    }
    const Json* signatures = reader.find(envelope, "signatures");
    if (signatures == nullptr || !signatures->is_array() || signatures->empty()) {
        reader.reject("signatures", "signature file holds no signatures");
    }
    std::vector<SignatureEntry> entries;
    for (const Json& entry : *signatures) {
        const Json* key_id = reader.find(entry, "key_id");
        const Json* signature = reader.find(entry, "signature");
        if (key_id == nullptr || !key_id->is_string() || signature == nullptr || !signature->is_string()) {
            reader.reject("signatures", "each signature needs a \"key_id\" and a \"signature\" string");
        }
        entries.push_back({key_id->get<std::string>(), signature->get<std::string>()});
    }
    return entries;
}

}  // namespace

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
    const core::JsonFieldReader reader{std::string(where)};
    const core::Result<std::vector<SignatureEntry>> entries = core::read_fields([&] { return read_signatures(reader, *parsed); });
    if (!entries) return entries.problem();

    std::string untrusted_ids;
    bool trusted_signature_failed = false;
    for (const SignatureEntry& entry : *entries) {
        const std::string& key_id = entry.key_id;
        auto signature = from_base64(entry.signature, crypto_sign_BYTES);
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
