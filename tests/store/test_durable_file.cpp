// files/durable_file.hpp and files/bounded_read.hpp, the one way store, media and
// publish write and read whole files.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>

#include "files/bounded_read.hpp"
#include "files/durable_file.hpp"
#include "store_test_support.hpp"

using namespace bangvang;
using bangvang::store::testing::TemporaryDirectory;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {

std::size_t entries_in(const fs::path& folder) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("write_file_atomically replaces a file whole and leaves no temporary behind", "[store][files]") {
    TemporaryDirectory folder;
    const fs::path file = folder / "manifest.json";
    files::write_file_atomically(file, "first");
    files::write_file_atomically(file, "second, longer");
    CHECK(files::read_whole_file(file, 100) == "second, longer");
    CHECK(entries_in(folder.path()) == 1);
    CHECK_THROWS_WITH(files::write_file_atomically(folder / "absent" / "x.json", "x"),
                      Contains("absent") && Contains("cannot create") && Contains("No such file or directory"));
}

TEST_CASE("a TemporaryFile is removed unless it is put in place", "[store][files]") {
    TemporaryDirectory folder;
    fs::path left;
    {
        files::TemporaryFile temporary(folder.path(), ".incoming-");
        temporary.write("half");
        left = temporary.path();
        CHECK(left.filename().string().starts_with(".incoming-"));
        CHECK(fs::exists(left));
    }
    CHECK_FALSE(fs::exists(left));
    {
        files::TemporaryFile temporary(folder.path(), ".incoming-");
        temporary.write("whole");
        temporary.put_in_place(folder / "kept");
    }
    CHECK(files::read_whole_file(folder / "kept", 5) == "whole");
    CHECK(entries_in(folder.path()) == 1);
}

TEST_CASE("read_whole_file refuses a file over its cap and names a missing one", "[store][files]") {
    TemporaryDirectory folder;
    files::write_file_atomically(folder / "big", std::string(200'000, 'x'));
    CHECK(files::read_whole_file(folder / "big", 200'000).size() == 200'000);
    CHECK_THROWS_WITH(files::read_whole_file(folder / "big", 199'999), Contains("big: is larger than 199999 bytes"));
    CHECK_THROWS_WITH(files::read_whole_file(folder / "none", 10), Contains("none: cannot open"));
}
