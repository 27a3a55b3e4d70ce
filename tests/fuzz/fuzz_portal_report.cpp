// What the portal reads from the network before anything is stored: the value of the
// X-Bangvang-Signature header and the body of a report POST (content/FORMAT.md
// "Reports"); the input is a byte of choice, the body, then the header. Any bytes are refused with a reason or accepted; an accepted header,
// written again, reads back the same; an accepted report has its times checked.
#include <cstdio>
#include <cstdlib>

#include "core/report_parser.hpp"
#include "core/report_signature.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bangvang;
    fuzz::InputParts input(fuzz::as_text(data, size));
    const std::uint8_t choice = input.choice();
    const std::string_view body = input.part();
    const std::string_view header_value = input.part();
    if (const auto header = core::parse_report_signature_header(header_value)) {
        const auto again = core::parse_report_signature_header(core::format_report_signature_header(*header));
        if (!again || again->kiosk_id != header->kiosk_id || again->timestamp_milliseconds != header->timestamp_milliseconds ||
            again->signature_base64 != header->signature_base64) {
            std::fprintf(stderr, "an accepted signature header, written again, does not read back the same\n");
            std::abort();
        }
        (void)core::report_signed_message(header->kiosk_id, header->timestamp_milliseconds, body);
    }
    if (const auto report = core::parse_report(body)) {
        (void)core::check_report_times(*report, 1'733'000'000 + choice * 86'400LL, 300);
    }
    return 0;
}
