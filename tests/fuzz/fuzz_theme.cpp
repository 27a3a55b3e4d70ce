// A theme file (assets/themes/*.json, or one an installer wrote): parsed as the kiosk
// and the publisher's preview read it.
#include "fuzz/fuzz_input.hpp"
#include "render/theme.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    (void)bangvang::render::parse_theme(bangvang::fuzz::as_text(data, size), "fuzz theme.json");
    return 0;
}
