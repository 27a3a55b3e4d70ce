// Field hardening of the cache (issue #10): the real kiosk binary on a cache that an SD
// card damaged, on a cache another kiosk holds, and on a cache that was deleted while an
// older signed feed is served.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <fstream>
#include <random>
#include <thread>

#include "kiosk_binary_support.hpp"

using namespace bangvang::kiosk::testing;
using bangvang::testing::read_file;
using bangvang::testing::run_process;
using bangvang::testing::ScratchDirectory;
using bangvang::testing::shell_quote;
using bangvang::testing::write_file;

namespace {

std::string random_bytes(std::size_t count) {
    std::mt19937 random(20241201);
    std::string bytes(count, '\0');
    for (char& byte : bytes) byte = static_cast<char>(random() & 0xff);
    return bytes;
}

// Like `dd if=/dev/urandom of=FILE bs=4096 seek=FIRST count=COUNT conv=notrunc`, within the file.
void overwrite_pages(const std::filesystem::path& file, std::size_t first, std::size_t count) {
    const std::size_t size = std::filesystem::file_size(file);
    std::fstream stream(file, std::ios::binary | std::ios::in | std::ios::out);
    const std::size_t from = std::min(first * 4096, size);
    const std::size_t to = std::min((first + count) * 4096, size);
    stream.seekp(static_cast<std::streamoff>(from));
    const std::string junk = random_bytes(to - from);
    stream.write(junk.data(), static_cast<std::streamsize>(junk.size()));
}

}  // namespace

TEST_CASE("a damaged cache is moved aside once, and a fresh one is filled again from the sources", "[kiosk][integration]") {
    ScratchDirectory scratch("kiosk-cache-repair");
    build_short_feed(scratch.path());
    auto first = run_kiosk(scratch.path());
    INFO(first.standard_error);
    REQUIRE(first.exit_code == 0);
    const std::size_t slides = lines_of(first.standard_output).size();
    REQUIRE(slides == 2);
    const auto database = scratch.path() / "cache/content.sqlite3";
    REQUIRE(std::filesystem::file_size(database) > 4 * 4096);

    SECTION("overwritten by junk: not a database") {
        std::filesystem::remove(scratch.path() / "cache/content.sqlite3-wal");
        std::filesystem::remove(scratch.path() / "cache/content.sqlite3-shm");
        write_file(database, random_bytes(200000));
    }
    SECTION("pages overwritten in place: malformed") {
        overwrite_pages(database, 1, 8);
    }
    auto repaired = run_kiosk(scratch.path());
    INFO(repaired.standard_error);
    CHECK(repaired.exit_code == 0);
    CHECK_THAT(repaired.standard_error, Catch::Contains("bangvang[warning] cache: ") &&
                                            Catch::Contains("content.sqlite3 was damaged (") &&
                                            Catch::Contains("moved aside to content.sqlite3.damaged"));
    CHECK(std::filesystem::exists(scratch.path() / "cache/content.sqlite3.damaged"));
    CHECK_THAT(repaired.standard_error, Catch::Contains("applied version"));
    CHECK(lines_of(repaired.standard_output).size() == slides);

    // Repaired once: the next start finds a sound cache and says nothing about it.
    auto again = run_kiosk(scratch.path());
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.standard_error, !Catch::Contains("damaged"));
    CHECK_THAT(again.standard_error, Catch::Contains("unchanged"));
}

TEST_CASE("a second kiosk on the same cache folder refuses to start, saying why", "[kiosk][integration]") {
    ScratchDirectory scratch("kiosk-two-on-one-cache");
    build_short_feed(scratch.path());
    const auto pid_file = scratch.path() / "first.pid";
    // The first kiosk plays on (windowed, offscreen) while the second tries.
    auto run = run_process("SDL_VIDEODRIVER=offscreen " + shell_quote(kiosk_binary) + " --config " +
                               shell_quote((scratch.path() / "kiosk.json").string()) + " --windowed 2>" +
                               shell_quote((scratch.path() / "first.log").string()) + " & first=$!; sleep 2; " +
                               shell_quote(kiosk_binary) + " --config " +
                               shell_quote((scratch.path() / "kiosk.json").string()) + " --headless " +
                               shell_quote((scratch.path() / "screens").string()) +
                               " --once; second=$?; kill -TERM $first; wait $first; exit $second",
                           scratch.path() / "run");
    INFO(run.standard_error);
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.standard_error, Catch::Contains("bangvang[error] cache: ") &&
                                       Catch::Contains("is in use by another bangvang process") &&
                                       Catch::Contains("cache_directory"));
    CHECK(lines_of(run.standard_output).empty());
    CHECK_THAT(read_file(scratch.path() / "first.log"), Catch::Contains("applied version"));
}

TEST_CASE("a deleted cache does not let an older signed version back in", "[kiosk][integration][sync]") {
    ScratchDirectory scratch("kiosk-rollback-after-rebuild");
    build_short_feed(scratch.path());
    std::filesystem::copy(scratch.path() / "feed", scratch.path() / "older-feed", std::filesystem::copy_options::recursive);
    publish_folder(scratch.path() / "source", scratch.path() / "feed", scratch.path());  // the next version
    auto newer = run_kiosk(scratch.path());
    INFO(newer.standard_error);
    REQUIRE(newer.exit_code == 0);
    REQUIRE_THAT(newer.standard_error, Catch::Contains("applied version"));

    // The cache goes (an SD card's damage, a technician's rm); the feed folder now holds the older version.
    for (const char* name : {"content.sqlite3", "content.sqlite3-wal", "content.sqlite3-shm"}) {
        std::filesystem::remove(scratch.path() / "cache" / name);
    }
    std::filesystem::remove_all(scratch.path() / "feed");
    std::filesystem::rename(scratch.path() / "older-feed", scratch.path() / "feed");
    auto older = run_kiosk(scratch.path());
    INFO(older.standard_error);
    CHECK(older.exit_code == 0);
    CHECK_THAT(older.standard_error, Catch::Contains("this kiosk accepted before") && Catch::Contains("rollback refused"));
    CHECK_THAT(older.standard_error, !Catch::Contains("applied version"));
    CHECK(lines_of(older.standard_output).size() == 1);  // the waiting slide
    CHECK_THAT(read_file(scratch.path() / "cache/accepted-versions.txt"), Catch::Contains("phuong-nhan-chinh "));
}
