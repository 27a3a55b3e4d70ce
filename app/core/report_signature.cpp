#include "core/report_signature.hpp"

#include <charconv>

#include "core/identifier.hpp"

namespace bangvang::core {

namespace {

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool is_base64(std::string_view text) {
    if (text.empty() || text.size() > 128) return false;
    for (char character : text) {
        const bool allowed = (character >= 'A' && character <= 'Z') || (character >= 'a' && character <= 'z') ||
                             (character >= '0' && character <= '9') || character == '+' || character == '/' ||
                             character == '=';
        if (!allowed) return false;
    }
    return true;
}

}  // namespace

std::string report_signed_message(std::string_view kiosk_id, std::int64_t timestamp_milliseconds, std::string_view body) {
    std::string message = "bangvang.report-signature/1\n";
    message += kiosk_id;
    message += '\n';
    message += std::to_string(timestamp_milliseconds);
    message += '\n';
    message += body;
    return message;
}

std::string format_report_signature_header(const ReportSignatureHeader& header) {
    return "kiosk=" + header.kiosk_id + ", t=" + std::to_string(header.timestamp_milliseconds) +
           ", ed25519=" + header.signature_base64;
}

Result<ReportSignatureHeader> parse_report_signature_header(std::string_view value) {
    const auto problem = [](std::string field, std::string reason) {
        return Problem{.where = std::string(report_signature_header_name), .field = std::move(field), .reason = std::move(reason)};
    };
    if (value.size() > 512) return problem("", "is too long");
    ReportSignatureHeader header;
    bool has_kiosk = false, has_time = false, has_signature = false;
    while (!value.empty()) {
        const std::size_t comma = value.find(',');
        const std::string_view part = trimmed(value.substr(0, comma));
        value = comma == std::string_view::npos ? std::string_view{} : value.substr(comma + 1);
        const std::size_t equals = part.find('=');
        if (equals == std::string_view::npos) return problem("", "has a part without '=': expected kiosk=, t= and ed25519=");
        const std::string_view name = part.substr(0, equals);
        const std::string_view text = part.substr(equals + 1);
        if (name == "kiosk") {
            if (!is_identifier(text)) return problem("kiosk", "is not a kiosk id ([a-z0-9-], at most 64)");
            header.kiosk_id = std::string(text);
            has_kiosk = true;
        } else if (name == "t") {
            std::int64_t number = 0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
            if (error != std::errc{} || end != text.data() + text.size() || number <= 0) {
                return problem("t", "is not a positive number of Unix milliseconds");
            }
            header.timestamp_milliseconds = number;
            has_time = true;
        } else if (name == "ed25519") {
            if (!is_base64(text)) return problem("ed25519", "is not base64");
            header.signature_base64 = std::string(text);
            has_signature = true;
        }  // unknown parts are ignored, for later additions
    }
    if (!has_kiosk) return problem("kiosk", "is missing");
    if (!has_time) return problem("t", "is missing");
    if (!has_signature) return problem("ed25519", "is missing");
    return header;
}

}  // namespace bangvang::core
