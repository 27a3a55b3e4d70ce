// The kiosk's config file (/etc/bangvang/kiosk.json, written by provisioning or by hand).
#include "fuzz/fuzz_input.hpp"
#include "kiosk/kiosk_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)bangvang::kiosk::parse_kiosk_config(bangvang::fuzz::as_text(data, size), "fuzz kiosk.json", "/etc/bangvang");
    return 0;
}
