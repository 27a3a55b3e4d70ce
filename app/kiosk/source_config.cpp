#include "kiosk/source_config.hpp"

namespace bangvang::kiosk {

namespace {

// A source's "keys": one or more base64 Ed25519 public keys (one line of NAME.public each).
std::vector<sync::PublicKey> read_keys(ConfigReader& reader, const Json& entry, const std::string& field) {
    std::vector<sync::PublicKey> keys;
    auto found = entry.find("keys");
    if (found == entry.end()) {
        reader.fail(field + ".keys", "is missing: every source needs the public key(s) its feeds are signed with");
        return keys;
    }
    if (!found->is_array() || found->empty() || found->size() > 8) {
        reader.fail(field + ".keys", "must be an array of 1 to 8 base64 public keys");
        return keys;
    }
    for (std::size_t index = 0; index < found->size(); ++index) {
        const std::string key_field = field + ".keys[" + std::to_string(index) + "]";
        const Json& value = (*found)[index];
        if (!value.is_string()) {
            reader.fail(key_field, "must be a string");
            continue;
        }
        auto key = sync::parse_public_key(value.get_ref<const std::string&>(), key_field);
        if (!key) {
            reader.fail(key_field, key.problem().reason);
            continue;
        }
        keys.push_back(*key);
    }
    return keys;
}

}  // namespace

void read_sources(ConfigReader& reader, const Json& document, const std::filesystem::path& config_directory,
                  std::vector<SourceConfig>& configured) {
    if (auto sources = document.find("sources"); sources != document.end()) {
        if (!sources->is_array()) {
            reader.fail("sources", "must be an array");
        } else {
            for (std::size_t index = 0; index < sources->size(); ++index) {
                const Json& entry = (*sources)[index];
                std::string field = "sources[" + std::to_string(index) + "]";
                if (!entry.is_object()) {
                    reader.fail(field, "must be an object");
                    continue;
                }
                SourceConfig source;
                source.id = reader.identifier(entry, "id", field + ".id", true);
                std::string url = reader.text(entry, "url", field + ".url", true);
                if (url.rfind("file://", 0) == 0) {
                    source.feed_directory = resolve(config_directory, url.substr(7));
                } else if (is_http_url(url)) {
                    source.url = url;
                } else if (url.find("://") != std::string::npos) {
                    reader.fail(field + ".url",
                                "must be an https://, http:// or file:// URL or a folder path (got \"" + url + "\")");
                } else if (!url.empty()) {
                    source.feed_directory = resolve(config_directory, url);
                }
                source.keys = read_keys(reader, entry, field);
                source.report_url = reader.text(entry, "report_url", field + ".report_url", false);
                if (!source.report_url.empty() && !is_http_url(source.report_url)) {
                    reader.fail(field + ".report_url", "must be an https:// or http:// URL");
                }
                for (const auto& other : configured) {
                    if (other.id == source.id) reader.fail(field + ".id", "repeats source \"" + source.id + "\"");
                }
                configured.push_back(std::move(source));
            }
        }
    }
}

}  // namespace bangvang::kiosk
