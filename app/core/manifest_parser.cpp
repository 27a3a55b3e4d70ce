#include "core/manifest_parser.hpp"

#include <cstdio>
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

// "1920x1080" -> {1920, 1080}; nullopt for anything else.
std::optional<std::pair<int, int>> screen_of(const std::string& text) {
    int width = 0;
    int height = 0;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%dx%d%c", &width, &height, &extra) != 2) return std::nullopt;
    if (width < 1 || height < 1 || width > max_image_side || height > max_image_side) return std::nullopt;
    if (text != std::to_string(width) + "x" + std::to_string(height)) return std::nullopt;
    return std::pair{width, height};
}

int crop_member(const json& crop, const JsonFieldReader& reader, const std::string& at, const char* key, int least,
                int most) {
    return static_cast<int>(reader.integer(reader.require(crop, key, member_path(at, key)), member_path(at, key), least, most));
}

// A rendition's "screen" and "crop": cut for one screen, both or neither.
void read_cut(const json& object, const JsonFieldReader& reader, const std::string& at, const MediaRef& original,
              Rendition& rendition) {
    const json* screen = reader.find(object, "screen");
    const json* crop = reader.find(object, "crop");
    if (screen == nullptr && crop == nullptr) return;
    if (screen == nullptr || crop == nullptr) {
        reader.reject(member_path(at, screen == nullptr ? "crop" : "screen"),
                      "needs \"screen\" and \"crop\" together: a rendition cut for one screen names both");
    }
    const auto shape = screen->is_string() ? screen_of(screen->get<std::string>()) : std::nullopt;
    if (!shape) reader.reject(member_path(at, "screen"), "must be a screen size written WIDTHxHEIGHT, e.g. \"1920x1080\"");
    rendition.screen_width = shape->first;
    rendition.screen_height = shape->second;
    const std::string crop_at = member_path(at, "crop");
    const json& part = reader.object(*crop, crop_at);
    MediaCrop cut;
    cut.x = crop_member(part, reader, crop_at, "x", 0, original.width - 1);
    cut.y = crop_member(part, reader, crop_at, "y", 0, original.height - 1);
    cut.width = crop_member(part, reader, crop_at, "width", 1, original.width - cut.x);
    cut.height = crop_member(part, reader, crop_at, "height", 1, original.height - cut.y);
    // Shrunk from the part, never enlarged.
    if (rendition.width > cut.width || rendition.height > cut.height) {
        reader.reject(member_path(at, "width"), "is larger than its crop: a rendition is never enlarged");
    }
    rendition.crop = cut;
}

// "renditions": smaller copies of the same picture (content/FORMAT.md "Renditions").
std::vector<Rendition> read_renditions(const json& entry, const JsonFieldReader& reader, const MediaRef& original,
                                       std::set<std::string>& listed) {
    std::vector<Rendition> renditions;
    const json* list_value = reader.find(entry, "renditions");
    if (list_value == nullptr) return renditions;
    const json& list = reader.array(*list_value, "renditions", 0, max_renditions);
    for (std::size_t index = 0; index < list.size(); ++index) {
        const std::string at = element_path("renditions", index);
        const json& object = reader.object(list[index], at);
        Rendition rendition;
        rendition.sha256 = reader.sha256(reader.require(object, "sha256", member_path(at, "sha256")), member_path(at, "sha256"));
        if (!listed.insert(rendition.sha256).second) reader.reject(member_path(at, "sha256"), "is listed twice in the manifest");
        rendition.size_bytes =
            reader.integer(reader.require(object, "size", member_path(at, "size")), member_path(at, "size"), 1, max_media_bytes);
        rendition.width = static_cast<int>(reader.integer(reader.require(object, "width", member_path(at, "width")),
                                                          member_path(at, "width"), 1, original.width));
        rendition.height = static_cast<int>(reader.integer(reader.require(object, "height", member_path(at, "height")),
                                                           member_path(at, "height"), 1, original.height));
        if (rendition.width == original.width && rendition.height == original.height) {
            reader.reject(member_path(at, "width"), "is the original's size: a rendition must be smaller");
        }
        read_cut(object, reader, at, original, rendition);
        renditions.push_back(std::move(rendition));
    }
    return renditions;
}

// "boxes": the largest box the picture is drawn into at each screen shape.
std::vector<MediaBox> read_boxes(const json& entry, const JsonFieldReader& reader) {
    std::vector<MediaBox> boxes;
    const json* list_value = reader.find(entry, "boxes");
    if (list_value == nullptr) return boxes;
    const json& list = reader.array(*list_value, "boxes", 0, max_media_boxes);
    for (std::size_t index = 0; index < list.size(); ++index) {
        const std::string at = element_path("boxes", index);
        const json& object = reader.object(list[index], at);
        const json& screen = reader.require(object, "screen", member_path(at, "screen"));
        const auto shape = screen.is_string() ? screen_of(screen.get<std::string>()) : std::nullopt;
        if (!shape) reader.reject(member_path(at, "screen"), "must be a screen size written WIDTHxHEIGHT, e.g. \"1920x1080\"");
        MediaBox box{.screen_width = shape->first, .screen_height = shape->second};
        box.width = static_cast<int>(reader.integer(reader.require(object, "width", member_path(at, "width")),
                                                    member_path(at, "width"), 1, max_image_side));
        box.height = static_cast<int>(reader.integer(reader.require(object, "height", member_path(at, "height")),
                                                     member_path(at, "height"), 1, max_image_side));
        for (const MediaBox& earlier : boxes) {
            if (earlier.screen_width == box.screen_width && earlier.screen_height == box.screen_height) {
                reader.reject(member_path(at, "screen"), "repeats an earlier screen");
            }
        }
        boxes.push_back(box);
    }
    return boxes;
}

std::vector<MediaRef> read_media(const json& document, const JsonFieldReader& manifest_reader, std::string_view origin,
                                 std::set<std::string>& listed) {
    std::vector<MediaRef> media;
    std::set<std::string> rendition_hashes;
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
        ref.renditions = read_renditions(entry, reader, ref, rendition_hashes);
        ref.boxes = read_boxes(entry, reader);
        media.push_back(std::move(ref));
    }
    // A rendition is fetched instead of its original, never as an item's own picture.
    for (const std::string& hash : rendition_hashes) {
        if (listed.contains(hash)) {
            JsonFieldReader(std::string(origin)).reject("media", "lists " + hash + " both as a picture and as a rendition");
        }
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
