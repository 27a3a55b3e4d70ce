// The byte-budget LRU (core/byte_budget_lru.hpp) behind the renderer's texture caches,
// on plain values.
#include <catch2/catch.hpp>

#include <string>

#include "core/byte_budget_lru.hpp"

using namespace bangvang::core;

TEST_CASE("ByteBudgetLru evicts the least recently used entries until a new one fits", "[byte_budget_lru]") {
    ByteBudgetLru<int> cache(100);
    cache.insert("a", 1, 40);
    cache.insert("b", 2, 40);
    REQUIRE(cache.find("a") != nullptr);  // a is now the most recently used
    cache.insert("c", 3, 40);             // 120 > 100: b leaves, not a
    CHECK(cache.find("b") == nullptr);
    CHECK(*cache.find("a") == 1);
    CHECK(*cache.find("c") == 3);
    CHECK(cache.bytes() == 80);
    CHECK(cache.size() == 2);

    cache.insert("huge", 4, 500);  // larger than the budget: in, alone
    CHECK(cache.size() == 1);
    CHECK(cache.bytes() == 500);
    cache.insert("small", 5, 1);
    CHECK(cache.find("huge") == nullptr);
    CHECK(cache.bytes() == 1);
    cache.clear();
    CHECK(cache.size() == 0);
    CHECK(cache.bytes() == 0);
    CHECK(cache.budget_bytes() == 100);
}

TEST_CASE("ByteBudgetLru erase_if removes the entries it is told to and gives their bytes back", "[byte_budget_lru]") {
    ByteBudgetLru<std::string> cache(100);
    cache.insert("photo-a", "ok", 30);
    cache.insert("photo-b", "", 20);  // an image that failed to load: its value is empty
    cache.insert("photo-c", "ok", 25);
    cache.erase_if([](const std::string& value) { return value.empty(); });
    CHECK(cache.size() == 2);
    CHECK(cache.bytes() == 55);
    CHECK(cache.find("photo-b") == nullptr);
    REQUIRE(cache.find("photo-a") != nullptr);
    REQUIRE(cache.find("photo-c") != nullptr);
    // The freed bytes are usable: 55 + 45 fits without evicting anything.
    cache.insert("photo-d", "ok", 45);
    CHECK(cache.size() == 3);
    CHECK(cache.bytes() == 100);
    cache.erase_if([](const std::string&) { return false; });
    CHECK(cache.size() == 3);
    cache.erase_if([](const std::string&) { return true; });
    CHECK(cache.size() == 0);
    CHECK(cache.bytes() == 0);
    cache.insert("photo-b", "again", 10);  // a removed key can come back
    CHECK(*cache.find("photo-b") == "again");
}
