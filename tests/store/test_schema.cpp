#include <catch2/catch.hpp>

#include "core/manifest_writer.hpp"
#include "store/content_cache.hpp"
#include "store/schema.hpp"
#include "store/sqlite_handle.hpp"
#include "store_test_support.hpp"

using namespace bangvang;
using namespace bangvang::store;
using namespace bangvang::store::testing;

namespace {

std::string single_text(sqlite3* database, const std::string& sql) {
    Statement query(database, sql);
    REQUIRE(query.step());
    return query.text(0);
}

std::int64_t single_integer(sqlite3* database, const std::string& sql) {
    Statement query(database, sql);
    REQUIRE(query.step());
    return query.integer(0);
}

}  // namespace

TEST_CASE("opening a new cache creates the schema at the latest version", "[store][schema]") {
    TemporaryDirectory folder;
    const ContentCache cache(folder / "cache.sqlite", folder / "media");

    CHECK(cache.schema_version() == latest_schema_version());
    CHECK(latest_schema_version() == static_cast<int>(schema_migrations().size()));
    CHECK(std::filesystem::is_directory(folder / "media"));

    const DatabasePtr database = open_database(folder / "cache.sqlite");
    CHECK(single_text(database.get(), "PRAGMA journal_mode") == "wal");
    CHECK(single_integer(database.get(), "SELECT count(*) FROM sqlite_master WHERE name IN "
                                         "('sources', 'items', 'media', 'applied_versions')") == 4);
}

TEST_CASE("reopening a cache is idempotent and keeps its content", "[store][schema]") {
    TemporaryDirectory folder;
    {
        ContentCache cache(folder / "cache.sqlite", folder / "media");
        cache.apply(manifest_of("quan-thanh-xuan", 3, {announcement_item("phat-dong")}), at("2024-11-21T08:00:00+07:00"));
    }
    for (int round = 0; round < 2; ++round) {
        const ContentCache cache(folder / "cache.sqlite", folder / "media");
        CHECK(cache.schema_version() == latest_schema_version());
        const auto state = cache.source_state("quan-thanh-xuan");
        REQUIRE(state);
        CHECK(state->version == 3);
        CHECK(state->item_count == 1);
    }
}

TEST_CASE("a version 1 database is migrated to the latest schema with its data", "[store][schema]") {
    TemporaryDirectory folder;
    const auto database_file = folder / "cache.sqlite";
    {
        // Exactly what a build that knew only step 1 would have left on disk.
        const DatabasePtr database = open_database(database_file);
        const Migration& first = schema_migrations().front();
        REQUIRE(first.version == 1);
        execute(database.get(), first.sql);
        execute(database.get(), "PRAGMA user_version = 1");
        execute(database.get(),
                "INSERT INTO sources VALUES ('truong-thcs-nhan-chinh', 'Trường THCS Nhân Chính', 5, 1700000000, "
                "1800000000, 1700000100)");
        Statement insert(database.get(), "INSERT INTO items VALUES ('truong-thcs-nhan-chinh', 0, ?1, 'announcement', "
                                         "NULL, NULL, ?2)");
        insert.bind(1, "le-khai-giang").bind(2, core::write_item(announcement_item("le-khai-giang"))).run();
    }

    const ContentCache cache(database_file, folder / "media");
    CHECK(cache.schema_version() == latest_schema_version());
    const auto state = cache.source_state("truong-thcs-nhan-chinh");
    REQUIRE(state);
    CHECK(state->version == 5);
    CHECK(state->source_name == "Trường THCS Nhân Chính");
    const auto items = cache.all_items();
    REQUIRE(items.size() == 1);
    CHECK(items[0].item.id == "le-khai-giang");

    const DatabasePtr database = open_database(database_file);
    CHECK(single_integer(database.get(), "SELECT count(*) FROM sqlite_master WHERE name = 'applied_versions'") == 1);
    CHECK(single_integer(database.get(), "SELECT count(*) FROM sqlite_master WHERE name = 'items_by_validity'") == 1);
}

TEST_CASE("a database from a newer bangvang is refused with a clear error", "[store][schema]") {
    TemporaryDirectory folder;
    const auto database_file = folder / "cache.sqlite";
    {
        const DatabasePtr database = open_database(database_file);
        execute(database.get(), "PRAGMA user_version = 99");
    }
    try {
        ContentCache cache(database_file, folder / "media");
        FAIL("opening a schema version 99 database should throw");
    } catch (const StoreError& error) {
        const std::string message = error.what();
        CHECK_THAT(message, Catch::Contains(database_file.string()));
        CHECK_THAT(message, Catch::Contains("schema version 99 is newer"));
    }
    // Refused means untouched.
    const DatabasePtr database = open_database(database_file);
    CHECK(single_integer(database.get(), "PRAGMA user_version") == 99);
}

TEST_CASE("a file that is not an SQLite database is refused naming the file", "[store][schema]") {
    TemporaryDirectory folder;
    const auto database_file = folder / "cache.sqlite";
    write_file(database_file, std::string(4096, 'z'));
    try {
        ContentCache cache(database_file, folder / "media");
        FAIL("opening garbage should throw");
    } catch (const StoreError& error) {
        CHECK_THAT(std::string(error.what()), Catch::Contains(database_file.string()));
        CHECK_THAT(std::string(error.what()), Catch::Contains("not a database"));
    }
}

TEST_CASE("migration steps are numbered 1, 2, 3 … without gaps", "[store][schema]") {
    int expected = 1;
    for (const Migration& step : schema_migrations()) {
        CHECK(step.version == expected++);
        CHECK_FALSE(step.purpose.empty());
    }
}

TEST_CASE("two connections on one cache file see each other's applies", "[store][schema]") {
    TemporaryDirectory folder;
    ContentCache writer(folder / "cache.sqlite", folder / "media");
    const ContentCache reader(folder / "cache.sqlite", folder / "media");
    CHECK(reader.all_items().empty());
    writer.apply(manifest_of("quan-thanh-xuan", 1, {announcement_item("moi")}), 0);
    CHECK(item_ids(reader.all_items()) == std::vector<std::string>{"moi"});
}
