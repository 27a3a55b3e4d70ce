#include "core/scheduler.hpp"

#include <algorithm>

#include "core/eligibility.hpp"

namespace bangvang::core {

namespace {

bool is_urgent(const ScheduleCandidate& candidate) { return candidate.schedule.priority == Priority::urgent; }

int pages_of(std::span<const ScheduleCandidate> candidates, std::size_t index, const PageCounter& count_pages) {
    return std::max(1, count_pages ? count_pages(index) : candidates[index].page_count);
}

// The entry of `passes` for `key`, created at `floor` and raised to it: an item that was
// away (out of its hours) comes back level with the others instead of owing them turns.
double& pass_at_least(std::map<std::string, double>& passes, const std::string& key, double floor) {
    double& pass = passes.try_emplace(key, floor).first->second;
    pass = std::max(pass, floor);
    return pass;
}

}  // namespace

Scheduler::Scheduler(SchedulerOptions options) : options_(options) {
    options_.urgent_every = std::max(1, options_.urgent_every);
}

bool Scheduler::has_preempting_item(std::span<const ScheduleCandidate> candidates, UnixSeconds now) const {
    return std::any_of(candidates.begin(), candidates.end(), [&](const ScheduleCandidate& candidate) {
        return is_urgent(candidate) && !urgent_shown_.contains(candidate.key) &&
               is_scheduled_at(candidate.schedule, now, options_.utc_offset_minutes);
    });
}

std::optional<ScheduledSlide> Scheduler::next(std::span<const ScheduleCandidate> candidates, UnixSeconds now,
                                              const PageCounter& count_pages) {
    const auto start_at = [&](std::size_t index) {
        return start(candidates, index, pages_of(candidates, index, count_pages));
    };
    std::vector<std::size_t> urgent;
    std::vector<std::size_t> normal;
    for (std::size_t index = 0; index < candidates.size(); ++index) {
        if (!is_scheduled_at(candidates[index].schedule, now, options_.utc_offset_minutes)) continue;
        (is_urgent(candidates[index]) ? urgent : normal).push_back(index);
    }
    // An urgent item whose window closed pre-empts again when it reopens.
    std::erase_if(urgent_shown_, [&](const std::string& key) {
        return std::none_of(urgent.begin(), urgent.end(), [&](std::size_t index) { return candidates[index].key == key; });
    });
    if (urgent.empty() && normal.empty()) {
        paging_.reset();
        return std::nullopt;
    }

    if (auto chosen = pick_urgent(candidates, urgent, true)) return start_at(*chosen);

    if (paging_) {
        std::optional<std::size_t> found;
        for (const auto* group : {&normal, &urgent}) {
            for (std::size_t index : *group) {
                if (candidates[index].key == paging_->key) found = index;
            }
        }
        // Counted again: the item may have been updated (and be shorter) since its first page.
        const int pages = found ? pages_of(candidates, *found, count_pages) : 0;
        if (paging_->next_page < pages) {
            const ScheduleCandidate& candidate = candidates[*found];
            ScheduledSlide slide{.candidate = *found,
                                 .page = paging_->next_page,
                                 .page_count = pages,
                                 .duration_seconds = candidate.schedule.duration_seconds,
                                 .urgent = is_urgent(candidate)};
            if (++paging_->next_page >= slide.page_count) paging_.reset();
            slides_since_urgent_ = slide.urgent ? 0 : slides_since_urgent_ + 1;
            last_key_ = candidate.key;
            return slide;
        }
        paging_.reset();
    }

    const bool urgent_due = normal.empty() || slides_since_urgent_ >= options_.urgent_every - 1;
    if (!urgent.empty() && urgent_due) {
        if (auto chosen = pick_urgent(candidates, urgent, false)) return start_at(*chosen);
    }
    if (auto chosen = pick_normal(candidates, normal)) return start_at(*chosen);
    // Only the item just shown is left among the normal ones: an urgent item, or a repeat.
    if (auto chosen = pick_urgent(candidates, urgent, false)) return start_at(*chosen);
    return start_at(normal.empty() ? urgent.front() : normal.front());
}

std::optional<std::size_t> Scheduler::pick_urgent(std::span<const ScheduleCandidate> candidates,
                                                  const std::vector<std::size_t>& urgent, bool preempting_only) {
    std::optional<std::size_t> chosen;
    double lowest = 0;
    for (std::size_t index : urgent) {
        const ScheduleCandidate& candidate = candidates[index];
        if (preempting_only && urgent_shown_.contains(candidate.key)) continue;
        if (!preempting_only && candidate.key == last_key_) continue;
        double pass = urgent_pass_.try_emplace(candidate.key, 0.0).first->second;
        if (!chosen || pass < lowest) {
            chosen = index;
            lowest = pass;
        }
    }
    return chosen;
}

std::optional<std::size_t> Scheduler::pick_normal(std::span<const ScheduleCandidate> candidates,
                                                  const std::vector<std::size_t>& normal) {
    // Sources in order of first appearance, each with its playable items other than the last one shown.
    std::vector<std::pair<std::string, std::vector<std::size_t>>> sources;
    for (std::size_t index : normal) {
        const ScheduleCandidate& candidate = candidates[index];
        if (candidate.key == last_key_) continue;
        auto found = std::find_if(sources.begin(), sources.end(),
                                  [&](const auto& source) { return source.first == candidate.source_id; });
        if (found == sources.end()) {
            sources.emplace_back(candidate.source_id, std::vector<std::size_t>{});
            found = std::prev(sources.end());
        }
        found->second.push_back(index);
    }
    if (sources.empty()) return std::nullopt;

    const std::pair<std::string, std::vector<std::size_t>>* source = nullptr;
    double lowest = 0;
    for (const auto& each : sources) {
        double pass = pass_at_least(source_pass_, each.first, source_virtual_time_);
        if (!source || pass < lowest) {
            source = &each;
            lowest = pass;
        }
    }
    source_virtual_time_ = lowest;

    double& item_floor = item_virtual_time_[source->first];
    std::optional<std::size_t> chosen;
    lowest = 0;
    for (std::size_t index : source->second) {
        double pass = pass_at_least(item_pass_, candidates[index].key, item_floor);
        if (!chosen || pass < lowest) {
            chosen = index;
            lowest = pass;
        }
    }
    item_floor = lowest;
    return chosen;
}

ScheduledSlide Scheduler::start(std::span<const ScheduleCandidate> candidates, std::size_t index, int pages) {
    const ScheduleCandidate& candidate = candidates[index];
    const double seconds = static_cast<double>(candidate.schedule.duration_seconds) * pages;
    const bool urgent = is_urgent(candidate);
    if (urgent) {
        urgent_shown_.insert(candidate.key);
        urgent_pass_[candidate.key] += seconds;
        slides_since_urgent_ = 0;
    } else {
        source_pass_[candidate.source_id] += seconds;
        item_pass_[candidate.key] += seconds / std::max(1, candidate.schedule.weight);
        ++slides_since_urgent_;
    }
    if (pages > 1) {
        paging_ = Paging{.key = candidate.key, .next_page = 1};
    } else if (!urgent) {
        paging_.reset();  // a pre-empting urgent slide leaves the interrupted pages to resume after it
    }
    last_key_ = candidate.key;
    return ScheduledSlide{.candidate = index,
                          .page = 0,
                          .page_count = pages,
                          .duration_seconds = candidate.schedule.duration_seconds,
                          .urgent = urgent};
}

}  // namespace bangvang::core
