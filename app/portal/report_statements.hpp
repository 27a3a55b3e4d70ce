#pragma once
// What storing one report runs inside the portal's transaction (portal_database.hpp):
// the statements, prepared once per connection and kept, and the numbers kiosk ids,
// sites and items are stored under (portal_schema.hpp).
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "core/clock_time.hpp"
#include "core/report_parser.hpp"
#include "store/sqlite_handle.hpp"

namespace bangvang::portal {

struct StoredFigures {
    bool replayed = false;          // the signature's timestamp was used before: nothing stored
    std::size_t new_plays = 0;
    std::size_t repeated_plays = 0;  // already known (a re-sent report)
    std::size_t new_counts = 0;
    std::size_t repeated_counts = 0;
    std::size_t heartbeats = 0;
};

struct ReportOrigin {
    std::string kiosk_id;
    std::string site;                  // the registry's, not the report's word
    std::int64_t signature_milliseconds = 0;
    core::UnixSeconds received_at = 0;
};

// What storing a report runs, prepared once per connection and kept (reset after each
// use), and the numbers names are stored under, remembered once looked up: a name once
// numbered keeps its number (names are never deleted), but a number handed out in a
// transaction that was rolled back is gone, so then the memory is forgotten.
class ReportStatements {
public:
    explicit ReportStatements(sqlite3* database);

    std::int64_t kiosk(const std::string& kiosk_id) { return number(kiosks_, {kiosk_id, {}}, false, find_kiosk_, add_kiosk_); }
    std::int64_t site(const std::string& site) { return number(sites_, {site, {}}, false, find_site_, add_site_); }
    std::int64_t item(const std::string& source_id, const std::string& item_id) {
        return number(items_, {source_id, item_id}, true, find_item_, add_item_);
    }

    // After a rollback: numbers handed out since the last commit may be gone.
    void forget_names() {
        kiosks_.clear();
        sites_.clear();
        items_.clear();
    }
    // After a statement failed part way: every statement ready again.
    void reset_all();

private:
    using Name = std::pair<std::string, std::string>;
    std::int64_t number(std::map<Name, std::int64_t>& known, const Name& name, bool two, store::Statement& find, store::Statement& add);

    store::Statement find_kiosk_, add_kiosk_, find_site_, add_site_, find_item_, add_item_;

public:
    store::Statement used_signature, play, folded_seen, add_daily, newer_heartbeat, status, forget_sources, source, refusal;

private:
    sqlite3* database_;
    std::map<Name, std::int64_t> kiosks_, sites_, items_;
};

// One report inside the caller's transaction; a replay stops at once (the caller rolls
// back what it began).
StoredFigures store_one(sqlite3* database, ReportStatements& statements, const core::Report& report,
                        const ReportOrigin& origin);

}  // namespace bangvang::portal
