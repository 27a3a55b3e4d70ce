// A fetched manifest.json: parsed and validated as the kiosk does after its signature
// verified (a signed feed is still staff-written JSON). What is accepted must survive
// the way back: written again it parses to the same items, and each item written as the
// store saves it reads back (parse_item).
#include <cstdlib>
#include <cstdio>

#include "core/manifest_parser.hpp"
#include "core/manifest_writer.hpp"
#include "fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bangvang;
    const auto parsed = core::parse_manifest(fuzz::as_text(data, size), "fuzz manifest.json");
    if (!parsed) return 0;
    const auto again = core::parse_manifest(core::write_manifest(*parsed), "fuzz written manifest.json");
    if (!again || again->items.size() != parsed->items.size()) {
        std::fprintf(stderr, "an accepted manifest, written again, does not parse: %s\n",
                     again ? "item count differs" : again.problem().message().c_str());
        std::abort();
    }
    for (const core::Item& item : parsed->items) {
        const auto read_back = core::parse_item(core::write_item(item), "fuzz stored item");
        if (!read_back || read_back->id != item.id) {
            std::fprintf(stderr, "item %s as stored does not read back: %s\n", item.id.c_str(),
                         read_back ? "id differs" : read_back.problem().message().c_str());
            std::abort();
        }
    }
    return 0;
}
