// The sync module stands on core, store and media alone (issue #11): this program
// links bangvang_sync and nothing else of ours, with --no-as-needed, so every library
// sync asks for is loaded here. Neither render nor its SDL_ttf and qrencode may be.
#include <catch2/catch.hpp>

#include <link.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>
#include "support/build_paths.hpp"

namespace {

std::vector<std::string> loaded_libraries() {
    std::vector<std::string> names;
    dl_iterate_phdr(
        [](dl_phdr_info* info, std::size_t, void* data) {
            static_cast<std::vector<std::string>*>(data)->emplace_back(info->dlpi_name ? info->dlpi_name : "");
            return 0;
        },
        &names);
    return names;
}

}  // namespace

TEST_CASE("the sync module links neither render nor SDL_ttf nor qrencode", "[sync][link]") {
    // CMake writes bangvang_sync's LINK_LIBRARIES there at generation time.
    std::ifstream listing(bangvang::testing::paths::sync_link_listing);
    REQUIRE(listing);
    const std::string direct((std::istreambuf_iterator<char>(listing)), std::istreambuf_iterator<char>());
    INFO("bangvang_sync links: " << direct);
    CHECK(direct.find("bangvang_render") == std::string::npos);
    CHECK(direct.find("bangvang_media") != std::string::npos);

    bool sodium = false;
    for (const std::string& name : loaded_libraries()) {
        INFO(name);
        CHECK(name.find("libSDL2_ttf") == std::string::npos);
        CHECK(name.find("libqrencode") == std::string::npos);
        CHECK(name.find("libfreetype") == std::string::npos);
        // Loaded by the first HTTP client (curl_library.hpp), never at exec.
        CHECK(name.find("libcurl") == std::string::npos);
        if (name.find("libsodium") != std::string::npos) sodium = true;
    }
    CHECK(sodium);  // the check sees sync's own libraries, so it would see SDL_ttf too
}
