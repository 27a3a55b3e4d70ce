#pragma once
// GET /report?from=YYYY-MM-DD&to=YYYY-MM-DD (printable A4 HTML) and /report.csv (UTF-8
// with a BOM, for Excel): what the screens showed over a period, for the district's
// Phòng Nội vụ. Per item: plays, minutes on screen, how many sites and kiosks, and
// plays per site; per site: totals; and the period's headline sentence. Every count is
// exact: single plays and per-day counts, summed, nothing estimated.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/clock_time.hpp"
#include "portal/portal_database.hpp"
#include "portal/served_feeds.hpp"

namespace bangvang::portal {

struct SiteFigures {
    std::int64_t plays = 0;
    std::int64_t duration_milliseconds = 0;
};

struct ReportItem {
    std::string source_id;
    std::string item_id;
    std::string kind;   // "Gương điển hình", ...; "Không rõ" when no served feed lists it now
    bool is_story = false;
    std::string title;  // the item id when unknown
    std::int64_t plays = 0;
    std::int64_t duration_milliseconds = 0;
    std::size_t sites = 0;
    std::size_t kiosks = 0;
    std::map<std::string, SiteFigures> per_site;
};

struct ReportSite {
    std::string site;
    std::int64_t plays = 0;
    std::int64_t duration_milliseconds = 0;
    std::size_t kiosks = 0;
    std::size_t items = 0;
};

struct PublicityReport {
    std::string district_name;
    core::CivilDate from;
    core::CivilDate to;
    std::vector<ReportItem> items;  // most plays first
    std::vector<ReportSite> sites;  // by site id
    std::int64_t total_plays = 0;
    std::int64_t total_duration_milliseconds = 0;
    std::int64_t story_plays = 0;
    std::size_t story_sites = 0;
    std::string headline;  // "Gương điển hình tiên tiến được trình chiếu 12 430 lượt tại 37 điểm"
};

PublicityReport build_publicity_report(const std::vector<PlayTotal>& totals, const std::vector<ServedFeedState>& feeds,
                                       std::string district_name, core::CivilDate from, core::CivilDate to);

std::string report_html(const PublicityReport& report);
std::string report_csv(const PublicityReport& report);

}  // namespace bangvang::portal
