// The rotation scheduler, driven by a fake clock: each slide advances time by its
// duration, as the player does.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/scheduler.hpp"

using namespace bangvang;
using core::ScheduleCandidate;

namespace {

constexpr core::UnixSeconds monday_0700 = 1732492800;  // 2024-11-25T07:00:00+07:00, a Monday
constexpr core::UnixSeconds hour = 3600;
constexpr core::UnixSeconds day = 24 * hour;

ScheduleCandidate candidate(std::string source, std::string id, int weight = 1, int duration = 15) {
    ScheduleCandidate made;
    made.key = source + "/" + id;
    made.source_id = std::move(source);
    made.schedule.weight = weight;
    made.schedule.duration_seconds = duration;
    return made;
}

struct Shown {
    std::string key;
    int page = 0;
    core::UnixSeconds at = 0;
};

// Plays from `start` until `until`, returning every slide; empty stretches advance a minute.
std::vector<Shown> simulate(core::Scheduler& scheduler, const std::vector<ScheduleCandidate>& candidates,
                            core::UnixSeconds start, core::UnixSeconds until) {
    std::vector<Shown> shown;
    for (core::UnixSeconds now = start; now < until;) {
        auto slide = scheduler.next(candidates, now);
        if (!slide) {
            now += 60;
            continue;
        }
        shown.push_back(Shown{candidates[slide->candidate].key, slide->page, now});
        now += slide->duration_seconds;
    }
    return shown;
}

std::map<std::string, double> seconds_by_key(const std::vector<Shown>& shown,
                                             const std::vector<ScheduleCandidate>& candidates) {
    std::map<std::string, int> durations;
    for (const auto& each : candidates) durations[each.key] = each.schedule.duration_seconds;
    std::map<std::string, double> seconds;
    for (const auto& each : shown) seconds[each.key] += durations[each.key];
    return seconds;
}

void check_never_twice_in_a_row(const std::vector<Shown>& shown) {
    for (std::size_t index = 1; index < shown.size(); ++index) {
        if (shown[index].page > 0) continue;  // the next page of a long item is not a repeat
        INFO("slide " << index << ": " << shown[index].key);
        REQUIRE(shown[index].key != shown[index - 1].key);
    }
}

}  // namespace

TEST_CASE("nothing playable gives no slide, one item plays on and on", "[core][scheduler][display]") {
    core::Scheduler scheduler;
    CHECK_FALSE(scheduler.next({}, monday_0700));

    std::vector<ScheduleCandidate> only{candidate("a", "one")};
    for (int turn = 0; turn < 3; ++turn) {
        auto slide = scheduler.next(only, monday_0700 + turn * 15);
        REQUIRE(slide);
        CHECK(slide->candidate == 0);
    }
}

TEST_CASE("a simulated week is fair between sources and follows the weights", "[core][scheduler][display]") {
    // Source "quan" has six items (one of weight 3); source "truong" has two.
    std::vector<ScheduleCandidate> candidates{
        candidate("quan", "q1"), candidate("quan", "q2"), candidate("quan", "q3", 3),
        candidate("quan", "q4"), candidate("quan", "q5"), candidate("quan", "q6", 1, 30),
        candidate("truong", "t1"), candidate("truong", "t2", 1, 20),
    };
    core::Scheduler scheduler;
    auto shown = simulate(scheduler, candidates, monday_0700, monday_0700 + 7 * day);
    REQUIRE(shown.size() > 30000);
    check_never_twice_in_a_row(shown);

    auto seconds = seconds_by_key(shown, candidates);
    double quan = 0, truong = 0;
    for (const auto& [key, value] : seconds) (key.starts_with("quan/") ? quan : truong) += value;
    // Each source holds half the screen time, whatever its number of items.
    CHECK(quan / (quan + truong) == Approx(0.5).margin(0.01));
    // Within a source time follows the weights: q3 (weight 3) three times q1.
    CHECK(seconds["quan/q3"] / seconds["quan/q1"] == Approx(3.0).epsilon(0.03));
    CHECK(seconds["quan/q6"] / seconds["quan/q1"] == Approx(1.0).epsilon(0.03));  // longer, so less often
    CHECK(seconds["truong/t1"] / seconds["truong/t2"] == Approx(1.0).epsilon(0.03));

    // Fair in the short run too: in any 40 consecutive slides each item appears.
    for (std::size_t begin = 0; begin + 40 <= shown.size(); begin += 40) {
        std::map<std::string, int> counts;
        for (std::size_t index = begin; index < begin + 40; ++index) ++counts[shown[index].key];
        CHECK(counts.size() == candidates.size());
    }
}

TEST_CASE("validity windows, weekdays and hours are honoured over a week", "[core][scheduler][display]") {
    std::vector<ScheduleCandidate> candidates{candidate("quan", "always"), candidate("quan", "mornings"),
                                              candidate("quan", "weekend"), candidate("quan", "tuesday-only"),
                                              candidate("truong", "school-hours")};
    candidates[1].schedule.hours = {core::HourWindow{.from_minute = 7 * 60, .to_minute = 11 * 60 + 30}};
    candidates[2].schedule.weekdays = 0b1100000;  // Saturday, Sunday
    candidates[3].schedule.valid_from = monday_0700 + day;
    candidates[3].schedule.valid_until = monday_0700 + 2 * day;
    candidates[4].schedule.weekdays = 0b0011111;
    candidates[4].schedule.hours = {core::HourWindow{.from_minute = 7 * 60, .to_minute = 17 * 60}};

    core::Scheduler scheduler;
    auto shown = simulate(scheduler, candidates, monday_0700, monday_0700 + 7 * day);
    std::map<std::string, int> counts;
    for (const auto& each : shown) {
        ++counts[each.key];
        const auto clock = core::to_wall_clock(each.at, core::vietnam_utc_offset_minutes);
        const int minute = clock.hour * 60 + clock.minute;
        INFO(each.key << " at " << core::format_rfc3339(each.at, core::vietnam_utc_offset_minutes));
        if (each.key == "quan/mornings") CHECK((minute >= 7 * 60 && minute < 11 * 60 + 30));
        if (each.key == "quan/weekend") CHECK(clock.weekday >= 6);
        if (each.key == "quan/tuesday-only") CHECK((each.at >= monday_0700 + day && each.at < monday_0700 + 2 * day));
        if (each.key == "truong/school-hours") CHECK((clock.weekday <= 5 && minute >= 7 * 60 && minute < 17 * 60));
    }
    for (const auto& each : candidates) CHECK(counts[each.key] > 0);
    // At night only "always" may play, so it repeats; on Monday morning three items share the screen.
    std::vector<Shown> monday_morning;
    for (const auto& each : shown) {
        if (each.at < monday_0700 + 4 * hour) monday_morning.push_back(each);
    }
    check_never_twice_in_a_row(monday_morning);
    // While "school-hours" is away "quan" has the whole screen; when it comes back it
    // takes its half again, not a burst of the turns it missed.
    std::size_t back_at = 0;
    for (std::size_t index = 1; index < shown.size(); ++index) {
        if (shown[index].key == "truong/school-hours" && shown[index].at - shown[index - 1].at < 60 &&
            core::to_wall_clock(shown[index].at, core::vietnam_utc_offset_minutes).weekday == 2) {
            back_at = index;
            break;
        }
    }
    REQUIRE(back_at > 0);
    int school_in_next_ten = 0;
    for (std::size_t index = back_at; index < back_at + 10; ++index) school_in_next_ten += shown[index].key == "truong/school-hours";
    CHECK(school_in_next_ten <= 5);
}

TEST_CASE("an urgent item pre-empts the rotation and comes back until it expires", "[core][scheduler][display]") {
    std::vector<ScheduleCandidate> candidates{candidate("quan", "a"), candidate("quan", "b"),
                                              candidate("quan", "roll"), candidate("truong", "c"),
                                              candidate("quan", "storm-warning")};
    candidates[2].page_count = 3;
    auto& urgent = candidates[4].schedule;
    urgent.priority = core::Priority::urgent;
    urgent.valid_from = monday_0700 + hour;
    urgent.valid_until = monday_0700 + 3 * hour;

    core::Scheduler scheduler;
    // Before its window the urgent item never plays and is not waiting.
    auto before = simulate(scheduler, candidates, monday_0700, monday_0700 + hour);
    for (const auto& each : before) CHECK(each.key != "quan/storm-warning");
    CHECK_FALSE(scheduler.has_preempting_item(candidates, monday_0700 + hour - 1));

    // The moment it opens it is waiting, and it is the very next slide, even in the middle of a long item.
    CHECK(scheduler.has_preempting_item(candidates, monday_0700 + hour));
    auto during = simulate(scheduler, candidates, monday_0700 + hour, monday_0700 + 3 * hour);
    REQUIRE_FALSE(during.empty());
    CHECK(during.front().key == "quan/storm-warning");
    CHECK_FALSE(scheduler.has_preempting_item(candidates, monday_0700 + 2 * hour));
    // Then every third slide until it expires, never twice in a row.
    int gap = 0, longest_gap = 0, urgent_count = 0;
    for (const auto& each : during) {
        if (each.key == "quan/storm-warning") {
            ++urgent_count;
            gap = 0;
        } else {
            longest_gap = std::max(longest_gap, ++gap);
        }
    }
    check_never_twice_in_a_row(during);
    CHECK(longest_gap <= 4);  // two slides, or the remaining pages of the honour roll
    CHECK(urgent_count >= static_cast<int>(during.size()) / 4);
    // Long items still page in order.
    for (std::size_t index = 0; index < during.size(); ++index) {
        if (during[index].key == "quan/roll" && during[index].page > 0) {
            CHECK(during[index - 1].key == "quan/roll");
            CHECK(during[index - 1].page == during[index].page - 1);
        }
    }

    auto after = simulate(scheduler, candidates, monday_0700 + 3 * hour, monday_0700 + 5 * hour);
    for (const auto& each : after) CHECK(each.key != "quan/storm-warning");
}

TEST_CASE("an urgent item pre-empts the pages of a long item and the pages then resume", "[core][scheduler][display]") {
    std::vector<ScheduleCandidate> candidates{candidate("quan", "roll"), candidate("quan", "a"),
                                              candidate("quan", "alert")};
    candidates[0].page_count = 3;
    candidates[2].schedule.priority = core::Priority::urgent;
    candidates[2].schedule.valid_from = monday_0700 + 20;

    core::Scheduler scheduler;
    auto first = scheduler.next(candidates, monday_0700);
    REQUIRE(first);
    CHECK(first->candidate == 0);
    CHECK(first->page == 0);
    CHECK(first->page_count == 3);
    auto second = scheduler.next(candidates, monday_0700 + 20);
    REQUIRE(second);
    CHECK(second->candidate == 2);
    CHECK(second->urgent);
    auto third = scheduler.next(candidates, monday_0700 + 35);
    REQUIRE(third);
    CHECK(third->candidate == 0);
    CHECK(third->page == 1);
}

TEST_CASE("pages are counted only for the items that play, and again for each further page", "[core][scheduler][display]") {
    // Counting pages lays an item out; a kiosk with 500 stories must not do that 500 times before its first slide.
    std::vector<ScheduleCandidate> candidates;
    for (int index = 0; index < 500; ++index) candidates.push_back(candidate("quan", "story-" + std::to_string(index)));
    std::vector<int> asked(candidates.size(), 0);
    int pages_of_first = 3;
    const core::PageCounter count_pages = [&](std::size_t index) {
        ++asked.at(index);
        return index == 0 ? pages_of_first : 1;
    };
    core::Scheduler scheduler;
    auto first = scheduler.next(candidates, monday_0700, count_pages);
    REQUIRE(first);
    CHECK(first->candidate == 0);
    CHECK(first->page_count == 3);
    CHECK(std::count(asked.begin(), asked.end(), 0) == 499);

    // The item was updated between its pages and now has two: page 2 of 2 is its last.
    pages_of_first = 2;
    auto second = scheduler.next(candidates, monday_0700 + 15, count_pages);
    REQUIRE(second);
    CHECK(second->candidate == 0);
    CHECK(second->page == 1);
    CHECK(second->page_count == 2);
    auto third = scheduler.next(candidates, monday_0700 + 30, count_pages);
    REQUIRE(third);
    CHECK(third->candidate != 0);
    CHECK(asked[0] == 2);
    CHECK(std::count(asked.begin(), asked.end(), 0) == 498);
}

TEST_CASE("only urgent items alternate, a lone urgent item with others is not repeated", "[core][scheduler][display]") {
    std::vector<ScheduleCandidate> urgent_only{candidate("quan", "u1"), candidate("quan", "u2")};
    for (auto& each : urgent_only) each.schedule.priority = core::Priority::urgent;
    core::Scheduler scheduler;
    auto shown = simulate(scheduler, urgent_only, monday_0700, monday_0700 + hour);
    check_never_twice_in_a_row(shown);

    std::vector<ScheduleCandidate> mixed{candidate("quan", "u1"), candidate("quan", "n1")};
    mixed[0].schedule.priority = core::Priority::urgent;
    core::Scheduler alternating(core::SchedulerOptions{.urgent_every = 1});
    auto both = simulate(alternating, mixed, monday_0700, monday_0700 + hour);
    check_never_twice_in_a_row(both);
}
