#include "portal/fleet_page.hpp"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "portal/page_text.hpp"

namespace bangvang::portal {

namespace {

using Json = nlohmann::ordered_json;

Freshness freshness_of(const std::optional<std::int64_t>& age, int poll_interval_seconds) {
    if (!age) return Freshness::never;
    if (*age <= 2LL * poll_interval_seconds) return Freshness::fresh;
    if (*age <= 12LL * poll_interval_seconds) return Freshness::late;
    return Freshness::silent;
}

std::string freshness_label(const FleetRow& row) {
    if (!row.seconds_since_heartbeat) return "chưa từng báo";
    return rough_duration(*row.seconds_since_heartbeat) + " trước";
}

std::string source_html(const FleetSource& source) {
    std::string html = "<li><b>" + escape_html(source.source_id) + "</b>: ";
    html += source.version == 0 ? std::string("chưa có nội dung") : "bản " + std::to_string(source.version);
    if (source.latest) {
        html += source.behind ? " <span class=\"behind\">cũ hơn bản mới nhất " + std::to_string(*source.latest) + "</span>"
                              : " <span class=\"current\">(mới nhất)</span>";
    }
    if (!source.last_error.empty()) html += "<br><span class=\"error\">" + escape_html(source.last_error) + "</span>";
    return html + "</li>";
}

std::string clock_html(const std::optional<bool>& synchronized) {
    if (!synchronized) return "<span class=\"muted\">máy không báo</span>";
    if (*synchronized) return "đã đồng bộ";
    return "<span class=\"clock-unsynchronized\">Đồng hồ chưa đồng bộ</span> <span class=\"muted\">(giờ máy báo có thể sai)</span>";
}

std::string update_label(const std::string& result) {
    if (result == "updated") return "Đã cập nhật";
    if (result == "rolled_back") return "Cập nhật lỗi, đã quay về bản cũ";
    if (result == "failed") return "Cập nhật thất bại";
    if (result == "unreadable") return "Không đọc được bản ghi cập nhật";
    return "Cập nhật: " + result;
}

// "Đã cập nhật 0.1.0-1 → 0.2.0-1, 03:12 01/12/2024" and the kiosk's own words below.
std::string update_html(const core::ReportedUpdate& update, int utc_offset_minutes) {
    std::string text = escape_html(update_label(update.result));
    if (!update.from_version.empty() || !update.to_version.empty()) {
        text += " " + escape_html(update.from_version) + " → " + escape_html(update.to_version);
    }
    if (update.at) text += ", " + local_time_text(*update.at, utc_offset_minutes);
    const std::string css = update_went_wrong(update) ? (update.result == "unreadable" ? "update-unknown" : "update-bad")
                                                      : "update-good";
    std::string html = "<span class=\"" + css + "\">" + text + "</span>";
    if (!update.message.empty()) html += "<br><span class=\"muted\">" + escape_html(update.message) + "</span>";
    return html;
}

}  // namespace

bool update_went_wrong(const core::ReportedUpdate& update) {
    return update.result != "updated";
}

std::string_view freshness_name(Freshness freshness) {
    switch (freshness) {
        case Freshness::never: return "never";
        case Freshness::silent: return "silent";
        case Freshness::late: return "late";
        case Freshness::fresh: return "fresh";
    }
    return "never";
}

FleetView fleet_view(const KioskRegistry& registry, const std::vector<KioskState>& states,
                     std::vector<ServedFeedState> feeds, core::UnixSeconds now, int poll_interval_seconds,
                     int utc_offset_minutes, const std::string& site_filter) {
    FleetView view{.now = now,
                   .utc_offset_minutes = utc_offset_minutes,
                   .poll_interval_seconds = poll_interval_seconds,
                   .site_filter = site_filter,
                   .sites = {},
                   .rows = {},
                   .feeds = std::move(feeds)};
    std::set<std::string> sites;
    std::map<std::string, const KioskState*> by_id;
    for (const KioskState& state : states) by_id[state.kiosk_id] = &state;
    for (const auto& [id, kiosk] : registry.kiosks) {
        sites.insert(kiosk.site);
        if (!site_filter.empty() && kiosk.site != site_filter) continue;
        FleetRow row;
        row.kiosk_id = id;
        row.site = kiosk.site;
        row.place = kiosk.place;
        const auto found = by_id.find(id);
        const KioskState* state = found == by_id.end() ? nullptr : found->second;
        if (state != nullptr && state->heartbeat_at) {
            row.seconds_since_heartbeat = std::max<std::int64_t>(0, now - *state->heartbeat_at);
            row.program_version = state->program_version;
            row.last_error = state->last_error;
            row.free_disk_bytes = state->free_disk_bytes;
            row.uptime_seconds = state->uptime_seconds;
            row.clock_synchronized = state->clock_synchronized;
            row.last_update = state->last_update;
            for (const KioskSourceState& source : state->sources) {
                FleetSource shown{.source_id = source.source_id, .version = source.version, .latest = {}, .behind = false,
                                  .last_error = source.last_error};
                for (const ServedFeedState& feed : view.feeds) {
                    if (feed.source_id == source.source_id && feed.version) {
                        shown.latest = feed.version;
                        shown.behind = source.version < *feed.version;
                    }
                }
                row.sources.push_back(std::move(shown));
            }
        }
        row.freshness = freshness_of(row.seconds_since_heartbeat, poll_interval_seconds);
        view.rows.push_back(std::move(row));
    }
    view.sites.assign(sites.begin(), sites.end());
    std::stable_sort(view.rows.begin(), view.rows.end(), [](const FleetRow& a, const FleetRow& b) {
        if (a.freshness != b.freshness) return a.freshness < b.freshness;
        return a.seconds_since_heartbeat.value_or(0) > b.seconds_since_heartbeat.value_or(0);
    });
    return view;
}

namespace {

// The fleet page's own rules, on top of page_head's.
constexpr std::string_view fleet_style = R"(
.summary span { display: inline-block; margin: 0 8px 6px 0; padding: 2px 8px; border-radius: 10px; color: #fff; }
.filter a { display: inline-block; margin: 0 6px 6px 0; }
.kiosk { background: #fff; border-left: 10px solid #999; border-radius: 4px; margin: 0 0 10px; padding: 8px 10px; }
.kiosk h2 { font-size: 1.05rem; margin: 0 0 4px; }
.kiosk ul { margin: 4px 0; padding-left: 18px; }
.kiosk dl { margin: 4px 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; }
.kiosk dt { color: #5b6475; }
.kiosk dd { margin: 0; }
.fresh { border-left-color: #1e8e3e; } .fresh-badge { background: #1e8e3e; }
.late { border-left-color: #e8a200; } .late-badge { background: #c98b00; }
.silent { border-left-color: #c5221f; } .silent-badge { background: #c5221f; }
.never { border-left-color: #6b7280; } .never-badge { background: #6b7280; }
.badge { color: #fff; padding: 1px 8px; border-radius: 10px; font-size: 0.9rem; white-space: nowrap; }
.behind { color: #b45309; font-weight: bold; }
.current { color: #1e8e3e; }
.error { color: #c5221f; word-break: break-word; }
.clock-unsynchronized, .update-unknown { color: #b45309; font-weight: bold; }
.update-bad { color: #c5221f; font-weight: bold; }
.update-good { color: #1e8e3e; }
.summary .warning-badge { background: #c98b00; } .summary .bad-badge { background: #c5221f; }
@media (min-width: 900px) { .kiosks { display: grid; grid-template-columns: 1fr 1fr; gap: 0 12px; } }
)";

// The counts by freshness, clocks not synchronised and updates gone wrong.
std::string summary_html(const FleetView& view) {
    std::size_t counts[4] = {0, 0, 0, 0};
    for (const FleetRow& row : view.rows) ++counts[static_cast<int>(row.freshness)];
    std::string html = "<p class=\"summary\"><span class=\"never-badge\">" + std::to_string(counts[0]) +
                       " chưa từng báo</span><span class=\"silent-badge\">" + std::to_string(counts[1]) +
                       " im lặng</span><span class=\"late-badge\">" + std::to_string(counts[2]) +
                       " trễ</span><span class=\"fresh-badge\">" + std::to_string(counts[3]) + " bình thường</span>";
    std::size_t unsynchronized = 0, went_wrong = 0;
    for (const FleetRow& row : view.rows) {
        if (row.clock_synchronized == false) ++unsynchronized;
        if (row.last_update && update_went_wrong(*row.last_update) && row.last_update->result != "unreadable") ++went_wrong;
    }
    if (unsynchronized > 0) {
        html += "<span class=\"warning-badge\" id=\"clock-count\">" + std::to_string(unsynchronized) + " đồng hồ chưa đồng bộ</span>";
    }
    if (went_wrong > 0) {
        html += "<span class=\"bad-badge\" id=\"update-count\">" + std::to_string(went_wrong) + " cập nhật lỗi</span>";
    }
    return html + "</p>\n";
}

// Links that show one site's kiosks only, and the same as JSON.
std::string site_filter_html(const FleetView& view) {
    std::string html = "<p class=\"filter\">Điểm: <a href=\"fleet\">tất cả</a>";
    for (const std::string& site : view.sites) {
        html += site == view.site_filter ? " <b>" + escape_html(site) + "</b>"
                                         : " <a href=\"fleet?site=" + escape_html(site) + "\">" + escape_html(site) + "</a>";
    }
    html += " · <a href=\"fleet.json" + (view.site_filter.empty() ? std::string() : "?site=" + escape_html(view.site_filter)) +
            "\">JSON</a></p>\n";
    return html;
}

std::string kiosk_html(const FleetRow& row, const FleetView& view) {
    const std::string state(freshness_name(row.freshness));
    std::string html = "<section class=\"kiosk " + state + "\" id=\"kiosk-" + escape_html(row.kiosk_id) + "\">\n";
    html += "<h2>" + escape_html(row.place.empty() ? row.kiosk_id : row.place) + " <span class=\"badge " + state +
            "-badge\">" + escape_html(freshness_label(row)) + "</span></h2>\n";
    html += "<dl><dt>Máy</dt><dd>" + escape_html(row.kiosk_id) + "</dd><dt>Điểm</dt><dd>" + escape_html(row.site) + "</dd>";
    if (row.seconds_since_heartbeat) {
        html += "<dt>Phiên bản</dt><dd>" + escape_html(row.program_version) + "</dd>";
        html += "<dt>Đĩa trống</dt><dd>" + (row.free_disk_bytes ? byte_size(*row.free_disk_bytes) : std::string("không rõ")) + "</dd>";
        html += "<dt>Đã chạy</dt><dd>" + rough_duration(row.uptime_seconds.value_or(0)) + "</dd>";
        html += "<dt>Đồng hồ</dt><dd class=\"clock\">" + clock_html(row.clock_synchronized) + "</dd>";
        html += "<dt>Cập nhật</dt><dd class=\"update\">" +
                (row.last_update ? update_html(*row.last_update, view.utc_offset_minutes)
                                 : std::string("<span class=\"muted\">chưa cập nhật tự động lần nào</span>")) +
                "</dd>";
    }
    html += "</dl>\n";
    if (!row.sources.empty()) {
        html += "<ul>";
        for (const FleetSource& source : row.sources) html += source_html(source);
        html += "</ul>\n";
    }
    if (!row.last_error.empty()) html += "<p class=\"error\">Lỗi gần nhất: " + escape_html(row.last_error) + "</p>\n";
    html += "</section>\n";
    return html;
}

}  // namespace

std::string fleet_html(const FleetView& view) {
    std::string html = page_head("Tình trạng các màn hình", fleet_style);
    html += "<h1>Tình trạng các màn hình</h1>\n";
    html += "<p class=\"muted\">Lúc " + local_time_text(view.now, view.utc_offset_minutes) +
            ". Xanh: báo trong " + std::to_string(2 * view.poll_interval_seconds / 60) +
            " phút; vàng: trễ; đỏ: im lặng quá " + std::to_string(12 * view.poll_interval_seconds / 60) + " phút.</p>\n";
    html += summary_html(view);
    html += site_filter_html(view);
    for (const ServedFeedState& feed : view.feeds) {
        if (!feed.version) html += "<p class=\"error\">Nguồn " + escape_html(feed.source_id) + ": " + escape_html(feed.problem) + "</p>\n";
    }
    if (view.rows.empty()) html += "<p>Chưa có máy nào được đăng ký (bangvang-portal enroll).</p>\n";
    html += "<div class=\"kiosks\">\n";
    for (const FleetRow& row : view.rows) html += kiosk_html(row, view);
    html += "</div>\n";
    if (!view.refusals.empty()) {
        html += "<p class=\"muted\" id=\"refusals\">Báo cáo bị từ chối:";
        for (const auto& [reason, count] : view.refusals) html += " " + escape_html(reason) + " " + grouped_number(count) + ";";
        html += " (xem nhật ký của bangvang-portal)</p>\n";
    }
    html += "</body>\n</html>\n";
    return html;
}

namespace {

Json update_json(const std::optional<core::ReportedUpdate>& update, int utc_offset_minutes) {
    if (!update) return nullptr;
    return Json{{"result", update->result},
                {"at", update->at ? Json(core::format_rfc3339(*update->at, utc_offset_minutes)) : Json(nullptr)},
                {"from_version", update->from_version},
                {"to_version", update->to_version},
                {"message", update->message},
                {"went_wrong", update_went_wrong(*update)}};
}

}  // namespace

std::string fleet_json(const FleetView& view) {
    Json kiosks = Json::array();
    for (const FleetRow& row : view.rows) {
        Json sources = Json::array();
        for (const FleetSource& source : row.sources) {
            sources.push_back(Json{{"id", source.source_id},
                                   {"version", source.version},
                                   {"latest", source.latest ? Json(*source.latest) : Json(nullptr)},
                                   {"behind", source.behind},
                                   {"last_error", source.last_error}});
        }
        const auto optional = [](const std::optional<std::int64_t>& value) { return value ? Json(*value) : Json(nullptr); };
        kiosks.push_back(Json{{"kiosk_id", row.kiosk_id},
                              {"site", row.site},
                              {"place", row.place},
                              {"state", freshness_name(row.freshness)},
                              {"seconds_since_heartbeat", optional(row.seconds_since_heartbeat)},
                              {"program_version", row.program_version},
                              {"sources", std::move(sources)},
                              {"last_error", row.last_error},
                              {"free_disk_bytes", optional(row.free_disk_bytes)},
                              {"uptime_seconds", optional(row.uptime_seconds)},
                              {"clock_synchronized", row.clock_synchronized ? Json(*row.clock_synchronized) : Json(nullptr)},
                              {"last_update", update_json(row.last_update, view.utc_offset_minutes)}});
    }
    Json feeds = Json::array();
    for (const ServedFeedState& feed : view.feeds) {
        feeds.push_back(Json{{"source", feed.source_id},
                             {"latest", feed.version ? Json(*feed.version) : Json(nullptr)},
                             {"problem", feed.problem}});
    }
    return Json{{"generated_at", core::format_rfc3339(view.now, view.utc_offset_minutes)},
                {"site", view.site_filter.empty() ? Json(nullptr) : Json(view.site_filter)},
                {"feeds", std::move(feeds)},
                {"refusals", view.refusals},
                {"kiosks", std::move(kiosks)}}
               .dump(2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace bangvang::portal
