#include "core/manifest_parser.hpp"

#include <limits>
#include <map>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"
#include "core/item_reader.hpp"
#include "core/json_field_reader.hpp"

namespace bangvang::core {

namespace {

using nlohmann::json;

constexpr std::string_view supported_format = "bangvang.feed/1";

Result<json> parse_json_document(std::string_view bytes, std::string_view where) {
    return read_json(bytes, where, JsonLimits{.max_bytes = max_manifest_bytes, .max_depth = max_json_depth});
}

std::vector<MediaRef> read_media(const json& document, const JsonFieldReader& manifest_reader, std::string_view origin,
                                 std::set<std::string>& listed) {
    std::vector<MediaRef> media;
    const json* list_value = manifest_reader.find(document, "media");
    if (list_value == nullptr) return media;
    const json& list = manifest_reader.array(*list_value, "media", 0, max_media_files);
    for (std::size_t index = 0; index < list.size(); ++index) {
        const JsonFieldReader reader(join_where(origin, element_path("media", index)));
        const json& entry = reader.object(list[index], "");
        MediaRef ref;
        ref.sha256 = reader.sha256(reader.require(entry, "sha256", "sha256"), "sha256");
        if (!listed.insert(ref.sha256).second) reader.reject("sha256", "is listed twice in \"media\"");
        ref.size_bytes = reader.integer(reader.require(entry, "size", "size"), "size", 1, max_media_bytes);
        ref.width = static_cast<int>(reader.integer(reader.require(entry, "width", "width"), "width", 1, max_image_side));
        ref.height = static_cast<int>(reader.integer(reader.require(entry, "height", "height"), "height", 1, max_image_side));
        const json& type = reader.require(entry, "type", "type");
        if (!type.is_string() || (type != "image/jpeg" && type != "image/png")) {
            reader.reject("type", "must be \"image/jpeg\" or \"image/png\"");
        }
        ref.mime_type = type.get<std::string>();
        media.push_back(std::move(ref));
    }
    return media;
}

bool is_base64_public_key(const std::string& text) {
    // 32 bytes in standard base64: 43 characters of the alphabet and one '=' pad.
    // The last character before the pad carries 4 bits, so its low 2 bits must be zero.
    static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    if (text.size() != 44 || text[43] != '=') return false;
    for (std::size_t index = 0; index < 43; ++index) {
        if (alphabet.find(text[index]) == std::string_view::npos) return false;
    }
    return alphabet.find(text[42]) % 4 == 0;
}

std::vector<std::string> read_next_keys(const json& document, const JsonFieldReader& reader) {
    std::vector<std::string> keys;
    const json* list_value = reader.find(document, "next_keys");
    if (list_value == nullptr) return keys;
    const json& list = reader.array(*list_value, "next_keys", 0, max_next_keys);
    for (std::size_t index = 0; index < list.size(); ++index) {
        const std::string field = element_path("next_keys", index);
        if (!list[index].is_string() || !is_base64_public_key(list[index].get<std::string>())) {
            reader.reject(field, "must be an Ed25519 public key: base64 of 32 bytes (44 characters ending in '=')");
        }
        std::string key = list[index].get<std::string>();
        for (const std::string& earlier : keys) {
            if (earlier == key) reader.reject(field, "repeats an earlier key");
        }
        keys.push_back(std::move(key));
    }
    return keys;
}

Manifest read_manifest(const json& document, std::string_view origin) {
    const JsonFieldReader reader{std::string(origin)};
    if (!document.is_object()) {
        reader.reject("", "is not a feed manifest: the top level is " + std::string(json_type_name(document)) +
                              ", not an object");
    }
    const json* format = reader.find(document, "format");
    if (format == nullptr) {
        reader.reject("format", "is missing: not a bangvang feed manifest (expected \"format\": \"" +
                                    std::string(supported_format) + "\")");
    }
    if (!format->is_string() || *format != supported_format) {
        reader.reject("format", "is not supported: this kiosk reads \"" + std::string(supported_format) + "\"");
    }

    Manifest manifest;
    const json& source = reader.object(reader.require(document, "source", "source"), "source");
    manifest.source_id = reader.identifier(reader.require(source, "id", "source.id"), "source.id");
    manifest.source_name = reader.text(reader.find(source, "name"), "source.name",
                                       TextRules{.max_graphemes = max_name_graphemes, .single_line = true, .required = true});
    manifest.version = reader.integer(reader.require(document, "version", "version"), "version", 1,
                                      std::numeric_limits<std::int64_t>::max());
    manifest.issued_at = reader.instant(reader.require(document, "issued_at", "issued_at"), "issued_at");
    manifest.expires_at = reader.instant(reader.require(document, "expires_at", "expires_at"), "expires_at");
    if (manifest.expires_at <= manifest.issued_at) reader.reject("expires_at", "must be after issued_at");

    std::set<std::string> listed_media;
    manifest.media = read_media(document, reader, origin, listed_media);
    manifest.next_keys = read_next_keys(document, reader);

    const json& items = reader.array(reader.require(document, "items", "items"), "items", 0, max_items);
    std::map<std::string, std::size_t, std::less<>> index_of_id;
    for (std::size_t index = 0; index < items.size(); ++index) {
        JsonFieldReader item_reader(join_where(origin, element_path("items", index)));
        Item item = read_item(items[index], item_reader, &listed_media);
        const auto [existing, inserted] = index_of_id.emplace(item.id, index);
        if (!inserted) {
            item_reader.reject("id", "is already used by items[" + std::to_string(existing->second) +
                                         "]; ids must be unique in a manifest");
        }
        manifest.items.push_back(std::move(item));
    }
    return manifest;
}

}  // namespace

Result<Manifest> parse_manifest(std::string_view json_bytes, std::string_view origin) {
    Result<json> document = parse_json_document(json_bytes, origin);
    if (!document) return document.problem();
    try {
        return read_manifest(*document, origin);
    } catch (const RejectedInput& rejected) {
        return rejected.problem;
    }
}

Result<Item> parse_item(std::string_view item_json, std::string_view where) {
    Result<json> document = parse_json_document(item_json, where);
    if (!document) return document.problem();
    try {
        JsonFieldReader reader{std::string(where)};
        return read_item(*document, reader, nullptr);
    } catch (const RejectedInput& rejected) {
        return rejected.problem;
    }
}

}  // namespace bangvang::core
