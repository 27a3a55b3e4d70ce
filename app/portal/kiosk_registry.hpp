#pragma once
// The kiosks the district trusts (README "The district's portal"): a JSON file staff
// edit by hand or with `bangvang-portal enroll`, mapping each kiosk id to its report
// key's public half, its site and the place it stands:
//   {"kiosks": [{"id": "nhan-chinh-01", "public_key": "<base64>", "site": "phuong-nhan-chinh",
//                "place": "UBND phường Nhân Chính, sảnh tầng 1"}]}
// Only an enrolled kiosk may report, and only with its own key.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "sync/signing_keys.hpp"

namespace bangvang::portal {

struct EnrolledKiosk {
    std::string kiosk_id;
    sync::PublicKey public_key;
    std::string site;
    std::string place;
};

struct KioskRegistry {
    std::map<std::string, EnrolledKiosk> kiosks;  // by id

    const EnrolledKiosk* find(const std::string& kiosk_id) const;
};

core::Result<KioskRegistry> parse_kiosk_registry(std::string_view json, std::string_view origin);
// A missing file is an empty registry (nothing enrolled yet), not an error.
core::Result<KioskRegistry> load_kiosk_registry(const std::filesystem::path& file);

std::string registry_json(const KioskRegistry& registry);

// Adds or replaces one kiosk in `file` (temporary file, fsync, rename): staff run it on the
// portal host after provisioning a kiosk. A Problem says why the file was left unchanged.
core::Result<KioskRegistry> enroll_kiosk(const std::filesystem::path& file, const EnrolledKiosk& kiosk);

}  // namespace bangvang::portal
