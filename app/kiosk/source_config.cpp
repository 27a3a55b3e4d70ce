#include "kiosk/source_config.hpp"

namespace bangvang::kiosk {

namespace {

// A source's "keys": one or more base64 Ed25519 public keys (one line of NAME.public each).
std::vector<sync::PublicKey> read_keys(const core::JsonFieldReader& reader, const Json& entry, const std::string& field) {
    std::vector<sync::PublicKey> keys;
    const Json* found = reader.find(entry, "keys");
    if (found == nullptr) {
        reader.reject(field + ".keys", "is missing: every source needs the public key(s) its feeds are signed with");
    }
    if (!found->is_array() || found->empty() || found->size() > 8) {
        reader.reject(field + ".keys", "must be an array of 1 to 8 base64 public keys");
    }
    for (std::size_t index = 0; index < found->size(); ++index) {
        const std::string key_field = core::element_path(field + ".keys", index);
        auto key = sync::parse_public_key(reader.string((*found)[index], key_field), key_field);
        if (!key) reader.reject(key_field, key.problem().reason);
        keys.push_back(*key);
    }
    return keys;
}

// Where the source's feed is: an http(s) URL, or a folder (file:// or a path).
void read_location(const core::JsonFieldReader& reader, const Json& entry, const std::string& field,
                   const std::filesystem::path& config_directory, SourceConfig& source) {
    std::string url = config_text(reader, entry, "url", field + ".url", true);
    if (url.rfind("file://", 0) == 0) {
        source.feed_directory = resolve(config_directory, url.substr(7));
    } else if (is_http_url(url)) {
        source.url = url;
    } else if (url.find("://") != std::string::npos) {
        reader.reject(field + ".url", "must be an https://, http:// or file:// URL or a folder path (got \"" + url + "\")");
    } else if (!url.empty()) {
        source.feed_directory = resolve(config_directory, url);
    }
}

}  // namespace

void read_sources(const core::JsonFieldReader& reader, const Json& document,
                  const std::filesystem::path& config_directory, std::vector<SourceConfig>& configured) {
    const Json* sources = reader.find(document, "sources");
    if (sources == nullptr) return;
    if (!sources->is_array()) reader.reject("sources", "must be an array");
    for (std::size_t index = 0; index < sources->size(); ++index) {
        const std::string field = core::element_path("sources", index);
        const Json& entry = reader.object((*sources)[index], field);
        SourceConfig source;
        source.id = config_identifier(reader, entry, "id", field + ".id");
        read_location(reader, entry, field, config_directory, source);
        source.keys = read_keys(reader, entry, field);
        source.report_url = config_text(reader, entry, "report_url", field + ".report_url", false);
        if (!source.report_url.empty() && !is_http_url(source.report_url)) {
            reader.reject(field + ".report_url", "must be an https:// or http:// URL");
        }
        for (const auto& other : configured) {
            if (other.id == source.id) reader.reject(field + ".id", "repeats source \"" + source.id + "\"");
        }
        configured.push_back(std::move(source));
    }
}

}  // namespace bangvang::kiosk
