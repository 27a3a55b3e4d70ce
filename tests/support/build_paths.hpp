#pragma once
// Where the tests find the checkout, ../shared/corpora, the build folder and the programs
// under test. The values live in one source CMake generates into the build folder
// (tests/build_paths.cpp there), not in compile definitions: a test's object file then
// does not depend on where the checkout is, and ccache shares it between checkouts.
namespace bangvang::testing::paths {

extern const char* const checkout;          // the source tree (PROJECT_SOURCE_DIR)
extern const char* const corpora;           // ../shared/corpora beside the checkout
extern const char* const build;             // the build folder (PROJECT_BINARY_DIR)
extern const char* const kiosk_program;     // the real bangvang binary of this build
extern const char* const publish_program;   // bangvang-publish
extern const char* const portal_program;    // bangvang-portal
extern const char* const faketime_library;  // Debian's libfaketimeMT, "" when missing
extern const char* const sync_link_listing; // bangvang_sync's link libraries, one line

}  // namespace bangvang::testing::paths
