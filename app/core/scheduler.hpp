#pragma once
// Which slide plays next. Pure: the caller passes the candidates and the time; the
// scheduler keeps only its memory of what it showed, keyed by candidate key, so the
// candidate list may change between calls (content updates, windows opening).
//
// Rules, in order:
//  1. Only candidates whose schedule allows `now` play (validity, weekdays, hours).
//  2. An urgent item that has not been shown since it became playable pre-empts
//     everything, even the pages of a long item.
//  3. The remaining pages of a long item follow its first page.
//  4. While urgent items are playable, one of them comes back every `urgent_every`-th
//     slide until it expires.
//  5. Otherwise sources share the screen time equally, and within a source items
//     share it in proportion to their weight (stride scheduling on seconds shown).
//  6. Never the same item twice in a row when another one can play.
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "core/clock_time.hpp"
#include "core/model.hpp"

namespace bangvang::core {

struct ScheduleCandidate {
    std::string key;        // unique among all candidates, e.g. "source/item-id"
    std::string source_id;
    Schedule schedule;
    int page_count = 1;     // long items span several pages, each shown for the item's duration
};

// The pages of candidates[index], asked only of a candidate that plays: counting a long
// item's pages means laying it out, and doing that for every item of a large feed before
// the first slide cost a kiosk more than half of its start. Without one, page_count counts.
using PageCounter = std::function<int(std::size_t index)>;

struct ScheduledSlide {
    std::size_t candidate = 0;  // index into the candidates of that call
    int page = 0;
    int page_count = 1;
    int duration_seconds = 15;
    bool urgent = false;
};

struct SchedulerOptions {
    int utc_offset_minutes = vietnam_utc_offset_minutes;
    // While urgent items are playable one of them fills at least every Nth slide.
    int urgent_every = 3;
};

class Scheduler {
public:
    explicit Scheduler(SchedulerOptions options = {});

    // The next slide at `now`; nullopt when no candidate may play now.
    std::optional<ScheduledSlide> next(std::span<const ScheduleCandidate> candidates, UnixSeconds now,
                                       const PageCounter& count_pages = {});

    // True when an urgent candidate became playable and has not been shown yet: the
    // player may cut the current slide short for it.
    bool has_preempting_item(std::span<const ScheduleCandidate> candidates, UnixSeconds now) const;

private:
    struct Paging {
        std::string key;
        int next_page = 0;
    };

    std::optional<std::size_t> pick_urgent(std::span<const ScheduleCandidate> candidates,
                                           const std::vector<std::size_t>& urgent, bool preempting_only);
    std::optional<std::size_t> pick_normal(std::span<const ScheduleCandidate> candidates,
                                           const std::vector<std::size_t>& normal);
    ScheduledSlide start(std::span<const ScheduleCandidate> candidates, std::size_t index, int pages);

    SchedulerOptions options_;
    // Stride scheduling: a pass grows by the seconds shown over the share; the lowest pass plays next.
    std::map<std::string, double> source_pass_;
    std::map<std::string, double> item_pass_;  // by candidate key, within its source
    double source_virtual_time_ = 0;
    std::map<std::string, double> item_virtual_time_;  // by source
    std::map<std::string, double> urgent_pass_;
    std::set<std::string> urgent_shown_;  // urgent keys shown since they became playable
    std::optional<Paging> paging_;
    std::string last_key_;
    int slides_since_urgent_ = 0;
};

}  // namespace bangvang::core
