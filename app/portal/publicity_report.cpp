#include "portal/publicity_report.hpp"

#include <algorithm>
#include <set>

#include "portal/page_text.hpp"

namespace bangvang::portal {

namespace {

std::string csv_field(std::string_view text) {
    const bool quoted = text.find_first_of(",\"\r\n;") != std::string_view::npos;
    std::string field = quoted ? "\"" : "";
    for (char character : text) {
        if (character == '"') field += '"';
        field += character;
    }
    return quoted ? field + "\"" : field;
}

std::string csv_row(const std::vector<std::string>& fields) {
    std::string row;
    for (std::size_t index = 0; index < fields.size(); ++index) {
        if (index > 0) row += ',';
        row += csv_field(fields[index]);
    }
    return row + "\r\n";
}

// Minutes with a dot for CSV (Excel reads it under any locale when quoted? no: plain digits and a dot).
std::string csv_minutes(std::int64_t milliseconds) {
    const std::int64_t tenths = (milliseconds + 3000) / 6000;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

std::string period_text(const PublicityReport& report) {
    return "từ " + local_date_text(report.from) + " đến " + local_date_text(report.to);
}

}  // namespace

PublicityReport build_publicity_report(const std::vector<PlayTotal>& totals, const std::vector<ServedFeedState>& feeds,
                                       std::string district_name, core::CivilDate from, core::CivilDate to) {
    PublicityReport report;
    report.district_name = std::move(district_name);
    report.from = from;
    report.to = to;
    std::map<std::pair<std::string, std::string>, ReportItem> items;
    std::map<std::pair<std::string, std::string>, std::set<std::string>> item_kiosks;
    std::map<std::string, ReportSite> sites;
    std::map<std::string, std::set<std::string>> site_kiosks;
    std::map<std::string, std::set<std::pair<std::string, std::string>>> site_items;
    std::set<std::string> story_sites;
    for (const PlayTotal& total : totals) {
        const auto key = std::make_pair(total.source_id, total.item_id);
        ReportItem& item = items[key];
        if (item.item_id.empty()) {
            item.source_id = total.source_id;
            item.item_id = total.item_id;
            item.kind = "Không rõ";
            item.title = total.item_id;
            for (const ServedFeedState& feed : feeds) {
                if (feed.source_id != total.source_id) continue;
                if (const auto found = feed.items.find(total.item_id); found != feed.items.end()) {
                    item.kind = kind_label(found->second.kind);
                    item.is_story = found->second.kind == core::ItemKind::story;
                    item.title = found->second.title;
                }
            }
        }
        item.plays += total.plays;
        item.duration_milliseconds += total.duration_milliseconds;
        item.per_site[total.site].plays += total.plays;
        item.per_site[total.site].duration_milliseconds += total.duration_milliseconds;
        item_kiosks[key].insert(total.kiosk_id);
        ReportSite& site = sites[total.site];
        site.site = total.site;
        site.plays += total.plays;
        site.duration_milliseconds += total.duration_milliseconds;
        site_kiosks[total.site].insert(total.kiosk_id);
        site_items[total.site].insert(key);
        report.total_plays += total.plays;
        report.total_duration_milliseconds += total.duration_milliseconds;
        if (item.is_story) {
            report.story_plays += total.plays;
            story_sites.insert(total.site);
        }
    }
    for (auto& [key, item] : items) {
        item.sites = item.per_site.size();
        item.kiosks = item_kiosks[key].size();
        report.items.push_back(std::move(item));
    }
    std::stable_sort(report.items.begin(), report.items.end(), [](const ReportItem& a, const ReportItem& b) {
        if (a.plays != b.plays) return a.plays > b.plays;
        return std::tie(a.source_id, a.item_id) < std::tie(b.source_id, b.item_id);
    });
    for (auto& [id, site] : sites) {
        site.kiosks = site_kiosks[id].size();
        site.items = site_items[id].size();
        report.sites.push_back(site);
    }
    report.story_sites = story_sites.size();
    report.headline = report.story_plays > 0
                          ? "Gương điển hình tiên tiến được trình chiếu " + grouped_number(report.story_plays) + " lượt tại " +
                                grouped_number(static_cast<std::int64_t>(report.story_sites)) + " điểm"
                          : "Chưa có lượt trình chiếu gương điển hình tiên tiến nào trong kỳ";
    return report;
}

std::string report_html(const PublicityReport& report) {
    std::string html = page_head("Báo cáo tuyên truyền " + period_text(report), R"(
@page { size: A4; margin: 15mm 12mm; }
@media print { body { background: #fff; padding: 0; font-size: 10pt; } .no-print { display: none; } }
h2 { font-size: 1.05rem; margin: 16px 0 6px; }
.headline { font-size: 1.15rem; font-weight: bold; color: #8a1010; margin: 8px 0; }
tr { page-break-inside: avoid; }
td.sites { font-size: 0.85rem; }
)");
    html += "<h1>" + escape_html(report.district_name) + " — Báo cáo kết quả tuyên truyền trên màn hình</h1>\n";
    html += "<p class=\"muted\">Kỳ báo cáo " + period_text(report) + ". Số liệu do các màn hình tự báo về (có chữ ký), đếm chính xác từng lượt.</p>\n";
    html += "<p class=\"headline\" id=\"headline\">" + escape_html(report.headline) + "</p>\n";
    html += "<p id=\"totals\">Tổng cộng: " + grouped_number(report.total_plays) + " lượt trình chiếu, " +
            minutes_text(report.total_duration_milliseconds) + " phút trên màn hình, tại " +
            grouped_number(static_cast<std::int64_t>(report.sites.size())) + " điểm.</p>\n";
    html += "<p class=\"no-print muted\"><a href=\"report.csv?from=" + core::format_iso_date(report.from) +
            "&amp;to=" + core::format_iso_date(report.to) + "\">Tải CSV (Excel)</a></p>\n";
    html += "<h2>Theo nội dung</h2>\n<table id=\"items\">\n<thead><tr><th>#</th><th>Nội dung</th><th>Loại</th>"
            "<th class=\"number\">Lượt</th><th class=\"number\">Phút</th><th class=\"number\">Số điểm</th>"
            "<th class=\"number\">Số máy</th><th>Theo điểm (lượt)</th></tr></thead>\n<tbody>\n";
    std::size_t rank = 0;
    for (const ReportItem& item : report.items) {
        std::string per_site;
        for (const auto& [site, figures] : item.per_site) {
            if (!per_site.empty()) per_site += "; ";
            per_site += escape_html(site) + ": " + grouped_number(figures.plays);
        }
        html += "<tr><td class=\"number\">" + std::to_string(++rank) + "</td><td>" + escape_html(item.title) +
                "<br><span class=\"muted\">" + escape_html(item.source_id) + " / " + escape_html(item.item_id) +
                "</span></td><td>" + escape_html(item.kind) + "</td><td class=\"number\">" + grouped_number(item.plays) +
                "</td><td class=\"number\">" + minutes_text(item.duration_milliseconds) + "</td><td class=\"number\">" +
                std::to_string(item.sites) + "</td><td class=\"number\">" + std::to_string(item.kiosks) +
                "</td><td class=\"sites\">" + per_site + "</td></tr>\n";
    }
    if (report.items.empty()) html += "<tr><td colspan=\"8\">Không có lượt trình chiếu nào trong kỳ.</td></tr>\n";
    html += "</tbody>\n</table>\n";
    html += "<h2>Theo điểm</h2>\n<table id=\"sites\">\n<thead><tr><th>Điểm</th><th class=\"number\">Lượt</th>"
            "<th class=\"number\">Phút</th><th class=\"number\">Số máy</th><th class=\"number\">Số nội dung</th></tr></thead>\n<tbody>\n";
    for (const ReportSite& site : report.sites) {
        html += "<tr><td>" + escape_html(site.site) + "</td><td class=\"number\">" + grouped_number(site.plays) +
                "</td><td class=\"number\">" + minutes_text(site.duration_milliseconds) + "</td><td class=\"number\">" +
                std::to_string(site.kiosks) + "</td><td class=\"number\">" + std::to_string(site.items) + "</td></tr>\n";
    }
    html += "<tr><th>Tổng</th><th class=\"number\">" + grouped_number(report.total_plays) + "</th><th class=\"number\">" +
            minutes_text(report.total_duration_milliseconds) + "</th><th></th><th></th></tr>\n";
    html += "</tbody>\n</table>\n</body>\n</html>\n";
    return html;
}

std::string report_csv(const PublicityReport& report) {
    std::string csv = "\xEF\xBB\xBF";  // BOM: Excel then reads UTF-8
    csv += csv_row({report.district_name + " - Báo cáo kết quả tuyên truyền trên màn hình", period_text(report)});
    csv += csv_row({report.headline});
    csv += csv_row({});
    csv += csv_row({"Nguồn", "Mã nội dung", "Nội dung", "Loại", "Lượt", "Phút", "Số điểm", "Số máy"});
    for (const ReportItem& item : report.items) {
        csv += csv_row({item.source_id, item.item_id, item.title, item.kind, std::to_string(item.plays),
                        csv_minutes(item.duration_milliseconds), std::to_string(item.sites), std::to_string(item.kiosks)});
    }
    csv += csv_row({});
    csv += csv_row({"Nguồn", "Mã nội dung", "Điểm", "Lượt", "Phút"});
    for (const ReportItem& item : report.items) {
        for (const auto& [site, figures] : item.per_site) {
            csv += csv_row({item.source_id, item.item_id, site, std::to_string(figures.plays), csv_minutes(figures.duration_milliseconds)});
        }
    }
    csv += csv_row({});
    csv += csv_row({"Điểm", "Lượt", "Phút", "Số máy", "Số nội dung"});
    for (const ReportSite& site : report.sites) {
        csv += csv_row({site.site, std::to_string(site.plays), csv_minutes(site.duration_milliseconds), std::to_string(site.kiosks),
                        std::to_string(site.items)});
    }
    csv += csv_row({"Tổng", std::to_string(report.total_plays), csv_minutes(report.total_duration_milliseconds)});
    return csv;
}

}  // namespace bangvang::portal
