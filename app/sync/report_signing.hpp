#pragma once
// Each kiosk's own Ed25519 key for its reports (core/report_signature.hpp has the
// header's text): made at first start in the kiosk's state folder when missing (or by
// provision.sh), kept readable by its owner only, never replaced. The portal's
// registry knows its public half.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/report_signature.hpp"
#include "core/result.hpp"
#include "sync/signing_keys.hpp"

namespace bangvang::sync {

inline constexpr std::string_view report_key_file_name = "report-key.secret";

// Reads `file` (one base64 line); creates it (mode 0600, fsync) when it does not exist.
// A Problem names the file and why it cannot be read, written or parsed.
core::Result<SecretKey> load_or_create_report_key(const std::filesystem::path& file);

// "X-Bangvang-Signature: kiosk=..., t=..., ed25519=..." for `body`.
std::string report_signature_header_line(const SecretKey& key, std::string_view kiosk_id,
                                         std::int64_t timestamp_milliseconds, std::string_view body);

// True when `header` carries a valid signature by `key` over `body`.
bool verify_report_signature(const PublicKey& key, const core::ReportSignatureHeader& header, std::string_view body);

}  // namespace bangvang::sync
