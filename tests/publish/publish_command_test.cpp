// The real bangvang-publish binary, as staff run it: --help everywhere, exit codes of
// validate, and the whole path from init to status through a folder target.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "support/process.hpp"

namespace {

namespace fs = std::filesystem;
using bangvang::testing::run_process;
using bangvang::testing::ScratchDirectory;
using bangvang::testing::shell_quote;

const std::string publish_binary = BANGVANG_PUBLISH_BINARY;

bangvang::testing::ProcessResult publish(const std::string& arguments, const fs::path& scratch) {
    return run_process(shell_quote(publish_binary) + " " + arguments, scratch);
}

}  // namespace

TEST_CASE("every command of bangvang-publish has --help", "[publish][integration]") {
    ScratchDirectory scratch("publish-help");
    for (const std::string command : {"keygen", "init", "validate", "preview", "build", "push", "status"}) {
        const auto help = publish(command + " --help", scratch.path() / command);
        INFO(command << ": " << help.standard_error);
        CHECK(help.exit_code == 0);
        CHECK_THAT(help.standard_output, Catch::Contains("Usage:") && Catch::Contains(command));
    }
}

TEST_CASE("init, validate, build with a key, push to a folder, status: as staff run them", "[publish][integration]") {
    ScratchDirectory scratch("publish-commands");
    const fs::path root = scratch.path();
    const std::string content = shell_quote((root / "noi-dung").string());

    CHECK(publish("keygen --out " + shell_quote((root / "keys" / "staff").string()), root / "run-keygen").exit_code == 0);
    CHECK(publish("init " + content, root / "run-init").exit_code == 0);
    const auto clean = publish("validate --no-text-check " + content, root / "run-validate");
    CHECK(clean.exit_code == 0);
    CHECK_THAT(clean.standard_output, Catch::Contains("0 error(s), 0 warning(s)"));

    SECTION("warnings only: exit 0; an error: exit 1") {
        std::ofstream(root / "noi-dung" / "thong-bao" / "cuoc-thi-viet.txt", std::ios::app) << "";
        std::ofstream(root / "noi-dung" / "thong-bao" / "them.txt") << "Tiêu đề: Thêm\nMàu: đỏ\n";
        const auto warned = publish("validate --no-text-check " + content, root / "run-warned");
        CHECK(warned.exit_code == 0);
        CHECK_THAT(warned.standard_output, Catch::Contains("thong-bao/them.txt:2: warning:"));
        std::ofstream(root / "noi-dung" / "ky-niem" / "sai.txt") << "Sự kiện: Sai\nNgày gốc: 1954-13-10\nNgày kỷ niệm: 10/10/2024\n";
        const auto failed = publish("validate --no-text-check " + content, root / "run-failed");
        CHECK(failed.exit_code == 1);
        CHECK_THAT(failed.standard_output, Catch::Contains("ky-niem/sai.txt:2: error:") && Catch::Contains("1 error(s)"));
    }
    SECTION("build, push, status") {
        const std::string feed = shell_quote((root / "feed").string());
        const std::string portal = shell_quote((root / "portal").string());
        const auto built = publish("build " + content + " --key " + shell_quote((root / "keys" / "staff.secret").string()) +
                                       " --out " + feed,
                                   root / "run-build");
        INFO(built.standard_error);
        REQUIRE(built.exit_code == 0);
        CHECK_THAT(built.standard_output, Catch::Contains("signed:"));
        CHECK_THAT(built.standard_error, Catch::Contains("picture 1/2"));
        CHECK(publish("status " + portal, root / "run-status-empty").exit_code == 3);
        const auto pushed = publish("push " + feed + " " + portal, root / "run-push");
        INFO(pushed.standard_error);
        REQUIRE(pushed.exit_code == 0);
        const auto status = publish("status " + portal, root / "run-status");
        CHECK(status.exit_code == 0);
        CHECK_THAT(status.standard_output, Catch::Contains("source phuong-vi-du") && Catch::Contains("signed"));
        const auto again = publish("push " + feed + " " + portal, root / "run-push-again");
        CHECK(again.exit_code == 1);
        CHECK_THAT(again.standard_error, Catch::Contains("already has version"));
    }
}
