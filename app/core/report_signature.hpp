#pragma once
// How a kiosk proves that a report is its own (content/FORMAT.md "Reports": signed
// reports). Each POST carries one header
//   X-Bangvang-Signature: kiosk=<kiosk id>, t=<Unix milliseconds>, ed25519=<base64 of 64 bytes>
// whose Ed25519 signature, by the kiosk's own key, covers report_signed_message(): the
// kiosk id, the timestamp and the exact body bytes. The timestamp is unique per kiosk
// (the kiosk never uses one twice), so the portal refuses a replayed request. Only the
// text lives here; the cryptography is libsodium's, in sync.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace bangvang::core {

inline constexpr std::string_view report_signature_header_name = "X-Bangvang-Signature";

struct ReportSignatureHeader {
    std::string kiosk_id;
    std::int64_t timestamp_milliseconds = 0;
    std::string signature_base64;
};

std::string report_signed_message(std::string_view kiosk_id, std::int64_t timestamp_milliseconds, std::string_view body);

std::string format_report_signature_header(const ReportSignatureHeader& header);
// The header's value (without its name); a Problem names what is missing or malformed.
Result<ReportSignatureHeader> parse_report_signature_header(std::string_view value);

}  // namespace bangvang::core
