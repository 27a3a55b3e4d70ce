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

// Reads members one by one and stops at the first mistake, in the staff's language.
class FieldReader {
public:
    FieldReader(std::string origin, const std::filesystem::path& directory) : origin_(std::move(origin)), directory_(directory) {}

    [[noreturn]] void refuse(std::string field, std::string reason) const {
        throw core::RejectedInput{Problem{origin_, std::move(field), std::move(reason)}};
    }

    std::string text(const Json& object, const char* key, const std::string& field, bool required) const {
        const auto found = object.find(key);
        if (found == object.end() || found->is_null()) {
            if (required) refuse(field, "bắt buộc nhưng chưa có");
            return {};
        }
        if (!found->is_string() || found->get_ref<const std::string&>().empty()) {
            refuse(field, "phải là một chuỗi không rỗng");
        }
        return found->get<std::string>();
    }

    int integer(const Json& object, const char* key, const std::string& field, int fallback, int min, int max) const {
        const auto found = object.find(key);
        if (found == object.end()) return fallback;
        if (!found->is_number_integer() || found->get<std::int64_t>() < min || found->get<std::int64_t>() > max) {
            refuse(field, "phải là số nguyên từ " + std::to_string(min) + " đến " + std::to_string(max));
        }
        return found->get<int>();
    }

    std::filesystem::path path(const Json& object, const char* key, const std::string& field, bool required) const {
        const std::string value = text(object, key, field, required);
        if (value.empty()) return {};
        const std::filesystem::path given(value);
        return given.is_absolute() ? given : directory_ / given;
    }

private:
    std::string origin_;
    std::filesystem::path directory_;
};

ServedFeed read_feed(const FieldReader& reader, const Json& entry, const std::string& field) {
    if (!entry.is_object()) reader.refuse(field, "phải là một đối tượng JSON {\"source\", \"directory\", \"keys\"}");
    ServedFeed feed;
    feed.source_id = reader.text(entry, "source", field + ".source", true);
    if (!core::is_identifier(feed.source_id)) reader.refuse(field + ".source", "phải là mã nguồn tin: chữ thường, số và '-'");
    feed.directory = reader.path(entry, "directory", field + ".directory", true);
    const auto keys = entry.find("keys");
    if (keys == entry.end() || !keys->is_array() || keys->empty()) {
        reader.refuse(field + ".keys", "phải là danh sách khóa công khai Ed25519 (base64), ít nhất một khóa");
    }
    for (std::size_t index = 0; index < keys->size(); ++index) {
        const std::string key_field = field + ".keys[" + std::to_string(index) + "]";
        const Json& key = (*keys)[index];
        if (!key.is_string()) reader.refuse(key_field, "phải là khóa công khai Ed25519 (base64 của 32 byte)");
        core::Result<sync::PublicKey> parsed = sync::parse_public_key(key.get<std::string>(), key_field);
        if (!parsed) reader.refuse(key_field, "không phải khóa công khai Ed25519 (base64 của 32 byte)");
        feed.keys.push_back(*parsed);
    }
    return feed;
}

}  // namespace

core::Result<PortalConfig> parse_portal_config(std::string_view json, std::string_view origin,
                                               const std::filesystem::path& config_directory) {
    core::Result<Json> read = core::read_json(json, origin, core::JsonLimits{.max_bytes = 1024 * 1024});
    if (!read) return Problem{std::string(origin), "", "không phải JSON hợp lệ (" + read.problem().reason + ")"};
    const Json& document = *read;
    if (!document.is_object()) return Problem{std::string(origin), "", "phải là một đối tượng JSON { ... }"};
    const FieldReader reader(std::string(origin), config_directory);
    static const std::vector<std::string> known{"listen_address", "port", "database", "registry", "district_name",
                                                "utc_offset_minutes", "poll_interval_seconds", "raw_play_days",
                                                "clock_tolerance_seconds", "max_connections",
                                                "connection_timeout_seconds", "feeds"};
    try {
        for (const auto& [key, value] : document.items()) {
            if (std::find(known.begin(), known.end(), key) == known.end()) {
                reader.refuse(key, "không có trường này (gõ nhầm tên?); các trường: listen_address, port, database, "
                                   "registry, district_name, utc_offset_minutes, poll_interval_seconds, raw_play_days, "
                                   "clock_tolerance_seconds, max_connections, connection_timeout_seconds, feeds");
            }
        }
        PortalConfig config;
        if (const std::string address = reader.text(document, "listen_address", "listen_address", false); !address.empty()) {
            if (address != "127.0.0.1" && address != "::1" && address != "localhost") {
                reader.refuse("listen_address", "chỉ được là 127.0.0.1 hoặc ::1: cổng thông tin chỉ nghe trên máy, nginx đứng trước");
            }
            config.listen_address = address == "localhost" ? "127.0.0.1" : address;
        }
        config.port = reader.integer(document, "port", "port", config.port, 0, 65535);
        config.database_file = reader.path(document, "database", "database", true);
        config.registry_file = reader.path(document, "registry", "registry", true);
        if (const std::string name = reader.text(document, "district_name", "district_name", false); !name.empty()) {
            config.district_name = name;
        }
        config.utc_offset_minutes = reader.integer(document, "utc_offset_minutes", "utc_offset_minutes",
                                                   config.utc_offset_minutes, -12 * 60, 14 * 60);
        config.poll_interval_seconds = reader.integer(document, "poll_interval_seconds", "poll_interval_seconds",
                                                      config.poll_interval_seconds, 10, 86'400);
        config.raw_play_days = reader.integer(document, "raw_play_days", "raw_play_days", config.raw_play_days, 1, 3650);
        config.clock_tolerance_seconds = reader.integer(document, "clock_tolerance_seconds", "clock_tolerance_seconds",
                                                        config.clock_tolerance_seconds, 10, 86'400);
        config.max_connections = static_cast<std::size_t>(
            reader.integer(document, "max_connections", "max_connections", static_cast<int>(config.max_connections), 16, 60'000));
        config.connection_timeout_seconds = reader.integer(document, "connection_timeout_seconds", "connection_timeout_seconds",
                                                           config.connection_timeout_seconds, 1, 600);
        if (const auto feeds = document.find("feeds"); feeds != document.end()) {
            if (!feeds->is_array()) reader.refuse("feeds", "phải là danh sách [ ... ]");
            for (std::size_t index = 0; index < feeds->size(); ++index) {
                config.feeds.push_back(read_feed(reader, (*feeds)[index], "feeds[" + std::to_string(index) + "]"));
            }
        }
        return config;
    } catch (const core::RejectedInput& rejected) {
        return rejected.problem;
    }
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
