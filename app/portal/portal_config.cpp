#include "portal/portal_config.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"
#include "core/identifier.hpp"
#include "core/json_field_reader.hpp"
#include "files/bounded_read.hpp"

namespace bangvang::portal {

namespace {

using Json = nlohmann::json;
using core::Problem;

// The portal config's words (Vietnamese, for district staff) on top of core's one JSON
// reader: its problems are thrown by the reader and caught once, in parse_portal_config.
std::string text(const core::JsonFieldReader& reader, const Json& object, const char* key, const std::string& field,
                 bool required) {
    const Json* found = reader.find(object, key);
    if (found == nullptr) {
        if (required) reader.reject(field, "bắt buộc nhưng chưa có");
        return {};
    }
    if (!found->is_string() || found->get_ref<const std::string&>().empty()) {
        reader.reject(field, "phải là một chuỗi không rỗng");
    }
    return found->get<std::string>();
}

int integer(const core::JsonFieldReader& reader, const Json& object, const char* key, const std::string& field,
            int fallback, int min, int max) {
    const Json* found = reader.find(object, key);
    if (found == nullptr) return fallback;
    if (!found->is_number_integer() || found->get<std::int64_t>() < min || found->get<std::int64_t>() > max) {
        reader.reject(field, "phải là số nguyên từ " + std::to_string(min) + " đến " + std::to_string(max));
    }
    return found->get<int>();
}

// A path, relative to the config's folder unless absolute.
std::filesystem::path path(const core::JsonFieldReader& reader, const std::filesystem::path& directory, const Json& object,
                           const char* key, const std::string& field, bool required) {
    const std::string value = text(reader, object, key, field, required);
    if (value.empty()) return {};
    const std::filesystem::path given(value);
    return given.is_absolute() ? given : directory / given;
}

ServedFeed read_feed(const core::JsonFieldReader& reader, const std::filesystem::path& directory, const Json& entry,
                     const std::string& field) {
    if (!entry.is_object()) reader.reject(field, "phải là một đối tượng JSON {\"source\", \"directory\", \"keys\"}");
    ServedFeed feed;
    feed.source_id = text(reader, entry, "source", field + ".source", true);
    if (!core::is_identifier(feed.source_id)) reader.reject(field + ".source", "phải là mã nguồn tin: chữ thường, số và '-'");
    feed.directory = path(reader, directory, entry, "directory", field + ".directory", true);
    const auto keys = entry.find("keys");
    if (keys == entry.end() || !keys->is_array() || keys->empty()) {
        reader.reject(field + ".keys", "phải là danh sách khóa công khai Ed25519 (base64), ít nhất một khóa");
    }
    for (std::size_t index = 0; index < keys->size(); ++index) {
        const std::string key_field = field + ".keys[" + std::to_string(index) + "]";
        const Json& key = (*keys)[index];
        if (!key.is_string()) reader.reject(key_field, "phải là khóa công khai Ed25519 (base64 của 32 byte)");
        core::Result<sync::PublicKey> parsed = sync::parse_public_key(key.get<std::string>(), key_field);
        if (!parsed) reader.reject(key_field, "không phải khóa công khai Ed25519 (base64 của 32 byte)");
        feed.keys.push_back(*parsed);
    }
    return feed;
}

// A member the portal does not know is most likely a typing mistake: refused, listing the known ones.
void refuse_unknown_members(const core::JsonFieldReader& reader, const Json& document) {
    static const std::vector<std::string> known{"listen_address", "port", "database", "registry", "district_name",
                                                "utc_offset_minutes", "poll_interval_seconds", "raw_play_days",
                                                "clock_tolerance_seconds", "max_connections",
                                                "connection_timeout_seconds", "feeds"};
    for (const auto& [key, value] : document.items()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            reader.reject(key, "không có trường này (gõ nhầm tên?); các trường: listen_address, port, database, "
                               "registry, district_name, utc_offset_minutes, poll_interval_seconds, raw_play_days, "
                               "clock_tolerance_seconds, max_connections, connection_timeout_seconds, feeds");
        }
    }
}

PortalConfig read_config(const core::JsonFieldReader& reader, const std::filesystem::path& config_directory,
                         const Json& document) {
    PortalConfig config;
    if (const std::string address = text(reader, document, "listen_address", "listen_address", false); !address.empty()) {
        if (address != "127.0.0.1" && address != "::1" && address != "localhost") {
            reader.reject("listen_address", "chỉ được là 127.0.0.1 hoặc ::1: cổng thông tin chỉ nghe trên máy, nginx đứng trước");
        }
        config.listen_address = address == "localhost" ? "127.0.0.1" : address;
    }
    config.port = integer(reader, document, "port", "port", config.port, 0, 65535);
    config.database_file = path(reader, config_directory, document, "database", "database", true);
    config.registry_file = path(reader, config_directory, document, "registry", "registry", true);
    if (const std::string name = text(reader, document, "district_name", "district_name", false); !name.empty()) {
        config.district_name = name;
    }
    config.utc_offset_minutes = integer(reader, document, "utc_offset_minutes", "utc_offset_minutes",
                                        config.utc_offset_minutes, -12 * 60, 14 * 60);
    config.poll_interval_seconds = integer(reader, document, "poll_interval_seconds", "poll_interval_seconds",
                                           config.poll_interval_seconds, 10, 86'400);
    config.raw_play_days = integer(reader, document, "raw_play_days", "raw_play_days", config.raw_play_days, 1, 3650);
    config.clock_tolerance_seconds = integer(reader, document, "clock_tolerance_seconds", "clock_tolerance_seconds",
                                             config.clock_tolerance_seconds, 10, 86'400);
    config.max_connections = static_cast<std::size_t>(
        integer(reader, document, "max_connections", "max_connections", static_cast<int>(config.max_connections), 16, 60'000));
    config.connection_timeout_seconds = integer(reader, document, "connection_timeout_seconds", "connection_timeout_seconds",
                                                config.connection_timeout_seconds, 1, 600);
    if (const auto feeds = document.find("feeds"); feeds != document.end()) {
        if (!feeds->is_array()) reader.reject("feeds", "phải là danh sách [ ... ]");
        for (std::size_t index = 0; index < feeds->size(); ++index) {
            config.feeds.push_back(read_feed(reader, config_directory, (*feeds)[index], "feeds[" + std::to_string(index) + "]"));
        }
    }
    return config;
}

}  // namespace

core::Result<PortalConfig> parse_portal_config(std::string_view json, std::string_view origin,
                                               const std::filesystem::path& config_directory) {
    core::Result<Json> read = core::read_json(json, origin, core::JsonLimits{.max_bytes = 1024 * 1024});
    if (!read) return Problem{std::string(origin), "", "không phải JSON hợp lệ (" + read.problem().reason + ")"};
    const Json& document = *read;
    if (!document.is_object()) return Problem{std::string(origin), "", "phải là một đối tượng JSON { ... }"};
    const core::JsonFieldReader reader{std::string(origin)};
    return core::read_fields([&] {
        refuse_unknown_members(reader, document);
        return read_config(reader, config_directory, document);
    });
}

core::Result<PortalConfig> load_portal_config(const std::filesystem::path& file) {
    std::string contents;
    try {
        contents = files::read_whole_file(file, 1024 * 1024);
    } catch (const files::FileError& error) {
        return Problem{file.string(), "", std::string("không đọc được tệp (có đúng đường dẫn không?): ") + error.what()};
    }
    return parse_portal_config(contents, file.string(), file.parent_path());
}

std::string problem_text(const core::Problem& problem) {
    std::string text = problem.where;
    if (!problem.field.empty()) text += (text.empty() ? "" : ": ") + std::string("trường \"") + problem.field + "\"";
    if (!problem.reason.empty()) text += (text.empty() ? "" : ": ") + problem.reason;
    return text;
}

}  // namespace bangvang::portal
