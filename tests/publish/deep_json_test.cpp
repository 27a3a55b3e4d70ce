// Issue #10 case 6, with the real bangvang-publish: a source.json nested 100 000 deep
// made validate and build segfault (a recursive JSON copy), 10 000 deep cost 463 MB, and
// status read a served manifest.json of any size and depth. Now every JSON it reads goes
// through core/bounded_json.hpp: refused with a message naming the file, exit 1.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "support/nginx_server.hpp"
#include "support/process.hpp"
#include "support/build_paths.hpp"

namespace {

namespace fs = std::filesystem;
using bangvang::testing::run_process;
using bangvang::testing::ScratchDirectory;
using bangvang::testing::shell_quote;
using bangvang::testing::write_file;

const std::string publish_binary = bangvang::testing::paths::publish_program;

bangvang::testing::ProcessResult publish(const std::string& arguments, const fs::path& scratch) {
    return run_process(shell_quote(publish_binary) + " " + arguments, scratch);
}

// A JSON object whose "items" member holds one value nested `depth` arrays deep.
std::string nested_source(std::size_t depth) {
    return "{\"items\": [" + std::string(depth, '[') + std::string(depth, ']') + "]}";
}

}  // namespace

TEST_CASE("validate and build refuse a source.json nested 100000 deep, naming the file", "[publish][integration]") {
    ScratchDirectory scratch("publish-deep-source");
    const fs::path content = scratch.path() / "noi-dung";
    write_file(content / "source.json", nested_source(100'000));

    const std::vector<std::string> commands = {"validate --no-text-check",
                                               "build --out " + shell_quote((scratch.path() / "feed").string())};
    for (const std::string& command : commands) {
        const auto run = publish(command + " " + shell_quote(content.string()), scratch.path() / "run");
        INFO(command << "\nstdout: " << run.standard_output << "\nstderr: " << run.standard_error.substr(0, 2000));
        CHECK(run.exit_code == 1);  // not 139 (SIGSEGV)
        const std::string said = run.standard_output + run.standard_error;
        CHECK_THAT(said, Catch::Contains((content / "source.json").string()));
        CHECK_THAT(said, Catch::Contains("nested deeper than 64 levels") && Catch::Contains("lồng nhau sâu quá 64 mức"));
    }
    CHECK_FALSE(fs::exists(scratch.path() / "feed" / "manifest.json"));
}

TEST_CASE("status refuses a served manifest.json that is too deep or too large", "[publish][integration][nginx]") {
    if (!bangvang::testing::NginxServer::available()) {
        WARN("nginx is not installed (apt-get install nginx): skipped");
        return;
    }
    ScratchDirectory scratch("publish-status-bounded");
    const fs::path root = scratch.path() / "www";
    bangvang::testing::NginxServer server(
        bangvang::testing::NginxOptions{.prefix = scratch.path() / "nginx", .root = root, .dav = false, .token = {}});

    SECTION("100000 deep: exit 1 with the URL and the depth, no crash") {
        write_file(root / "deep" / "manifest.json", "{\"version\": 3, \"x\": " + std::string(100'000, '[') +
                                                        std::string(100'000, ']') + "}");
        const auto run = publish("status " + server.url() + "deep", scratch.path() / "run-deep");
        INFO(run.standard_error);
        CHECK(run.exit_code == 1);
        CHECK_THAT(run.standard_error, Catch::Contains(server.url() + "deep") && Catch::Contains("nested deeper than 64 levels"));
    }
    SECTION("6 MiB: refused at the 4 MiB cap while downloading") {
        write_file(root / "huge" / "manifest.json", "{\"version\": 3, \"pad\": \"" + std::string(6 * 1024 * 1024, 'a') + "\"}");
        const auto run = publish("status " + server.url() + "huge", scratch.path() / "run-huge");
        INFO(run.standard_error);
        CHECK(run.exit_code == 1);
        CHECK_THAT(run.standard_error, Catch::Contains("manifest.json") && Catch::Contains("larger than the limit of 4194304 bytes"));
    }
    SECTION("a good manifest still reads") {
        write_file(root / "good" / "manifest.json", R"({"version": 7, "source": {"id": "quan-thanh-xuan"}})");
        const auto run = publish("status " + server.url() + "good", scratch.path() / "run-good");
        INFO(run.standard_error);
        CHECK(run.exit_code == 0);
        CHECK_THAT(run.standard_output, Catch::Contains("phiên bản 7") && Catch::Contains("quan-thanh-xuan"));
    }
}
