// One rule for identifiers (core/identifier.hpp), and provision.sh checks the same one:
// its pattern is taken from the script and run by bash on the same list of ids.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "core/identifier.hpp"
#include "support/process.hpp"
#include "support/build_paths.hpp"

namespace {

using bangvang::testing::run_process;
using bangvang::testing::ScratchDirectory;
using bangvang::testing::shell_quote;

const std::vector<std::string> ids = {
    "a", "0", "tx-nhan-chinh-01", "phuong-nhan-chinh", "quan-thanh-xuan", std::string(64, 'a'),
    "", "-a", "truong.thcs", "truong_thcs", "Truong", "a b", "é", std::string(65, 'a'), "a/b", "a\nb", "a-",
};

}  // namespace

TEST_CASE("provision.sh accepts exactly the identifiers core accepts", "[kiosk][identifier]") {
    ScratchDirectory scratch("identifier-rule");
    const std::string script = std::string(bangvang::testing::paths::checkout) + "/firmware/provision.sh";
    // The script's own pattern line, then its test, for one id given as $1.
    const std::string check = "eval \"$(grep -m1 '^identifier_pattern=' " + shell_quote(script) +
                              ")\" && [[ $1 =~ $identifier_pattern ]]";
    for (const std::string& id : ids) {
        INFO("id \"" << id << "\"");
        const auto run = run_process("bash -c " + shell_quote(check) + " check " + shell_quote(id), scratch.path());
        CHECK((run.exit_code == 0) == bangvang::core::is_identifier(id));
    }
    CHECK(bangvang::core::is_identifier("tx-nhan-chinh-01"));
    CHECK_FALSE(bangvang::core::is_identifier("truong.thcs"));
    CHECK_FALSE(bangvang::core::is_identifier("-a"));
}
