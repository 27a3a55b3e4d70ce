#include "portal/kiosk_registry.hpp"

#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"
#include "core/identifier.hpp"
#include "core/json_field_reader.hpp"
#include "files/bounded_read.hpp"
#include "files/durable_file.hpp"

namespace bangvang::portal {

namespace {

using Json = nlohmann::ordered_json;
using core::Problem;

}  // namespace

const EnrolledKiosk* KioskRegistry::find(const std::string& kiosk_id) const {
    const auto found = kiosks.find(kiosk_id);
    return found == kiosks.end() ? nullptr : &found->second;
}

namespace {

// One enrolled kiosk: {"id", "public_key", "site", "place"}; problems thrown by `reader`.
EnrolledKiosk read_kiosk(const core::JsonFieldReader& reader, const nlohmann::json& entry, const std::string& where) {
    if (!entry.is_object()) reader.reject(where, "phải là một đối tượng JSON");
    const auto text = [&](const char* key) -> std::optional<std::string> {
        const nlohmann::json* found = reader.find(entry, key);
        if (found == nullptr || !found->is_string()) return std::nullopt;
        return found->get<std::string>();
    };
    EnrolledKiosk kiosk;
    const std::optional<std::string> id = text("id");
    if (!id || !core::is_identifier(*id)) reader.reject(where + ".id", "phải là mã máy: chữ thường, số và '-', tối đa 64 ký tự");
    kiosk.kiosk_id = *id;
    const std::optional<std::string> key = text("public_key");
    core::Result<sync::PublicKey> parsed = sync::parse_public_key(key.value_or(""), where + ".public_key");
    if (!key || !parsed) {
        reader.reject(where + ".public_key", "phải là khóa công khai Ed25519 của máy (base64 của 32 byte, in ra khi cài máy)");
    }
    kiosk.public_key = *parsed;
    const std::optional<std::string> site = text("site");
    if (!site || !core::is_identifier(*site)) reader.reject(where + ".site", "phải là mã điểm đặt: chữ thường, số và '-'");
    kiosk.site = *site;
    kiosk.place = text("place").value_or("");
    return kiosk;
}

}  // namespace

core::Result<KioskRegistry> parse_kiosk_registry(std::string_view json, std::string_view origin) {
    core::Result<nlohmann::json> read = core::read_json(json, origin, core::JsonLimits{.max_bytes = 64 * 1024 * 1024});
    if (!read) return Problem{std::string(origin), "", "không phải JSON hợp lệ (" + read.problem().reason + ")"};
    const nlohmann::json& document = *read;
    const core::JsonFieldReader reader{std::string(origin)};
    return core::read_fields([&] {
        if (!document.is_object() || !document.contains("kiosks") || !document["kiosks"].is_array()) {
            reader.reject("kiosks", "phải có danh sách \"kiosks\": [ {\"id\", \"public_key\", \"site\", \"place\"} ... ]");
        }
        KioskRegistry registry;
        const nlohmann::json& list = document["kiosks"];
        for (std::size_t index = 0; index < list.size(); ++index) {
            const std::string where = core::element_path("kiosks", index);
            EnrolledKiosk kiosk = read_kiosk(reader, list[index], where);
            if (!registry.kiosks.emplace(kiosk.kiosk_id, kiosk).second) {
                reader.reject(where + ".id", "máy \"" + kiosk.kiosk_id + "\" đã có ở trên: mỗi máy một dòng");
            }
        }
        return registry;
    });
}

core::Result<KioskRegistry> load_kiosk_registry(const std::filesystem::path& file) {
    std::error_code error;
    if (!std::filesystem::exists(file, error)) return KioskRegistry{};
    try {
        return parse_kiosk_registry(files::read_whole_file(file, 64 * 1024 * 1024), file.string());
    } catch (const files::FileError& failure) {
        return Problem{file.string(), "", std::string("không đọc được tệp: ") + failure.what()};
    }
}

std::string registry_json(const KioskRegistry& registry) {
    Json list = Json::array();
    for (const auto& [id, kiosk] : registry.kiosks) {
        list.push_back(Json{{"id", id}, {"public_key", kiosk.public_key.to_base64()}, {"site", kiosk.site}, {"place", kiosk.place}});
    }
    return Json{{"kiosks", std::move(list)}}.dump(2) + "\n";
}

core::Result<KioskRegistry> enroll_kiosk(const std::filesystem::path& file, const EnrolledKiosk& kiosk) {
    core::Result<KioskRegistry> registry = load_kiosk_registry(file);
    if (!registry) return registry.problem();
    registry->kiosks.insert_or_assign(kiosk.kiosk_id, kiosk);
    try {
        files::write_file_atomically(file, registry_json(*registry));
    } catch (const files::FileError& failure) {
        return Problem{file.string(), "", std::string("không ghi được: ") + failure.what()};
    }
    return registry;
}

}  // namespace bangvang::portal
