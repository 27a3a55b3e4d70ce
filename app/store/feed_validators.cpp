#include "store/feed_validators.hpp"

#include "store/sqlite_handle.hpp"

namespace bangvang::store {

std::optional<FeedValidators> load_feed_validators(const ContentCache& cache, const std::string& source_id,
                                                   const std::string& url) {
    Statement query(cache.connection(), "SELECT etag, last_modified FROM feed_validators WHERE source_id = ?1 AND url = ?2");
    query.bind(1, source_id).bind(2, url);
    if (!query.step()) return std::nullopt;
    return FeedValidators{.etag = query.text(0), .last_modified = query.text(1)};
}

void save_feed_validators(const ContentCache& cache, const std::string& source_id, const std::string& url,
                          const FeedValidators& validators) {
    if (validators.empty()) {
        Statement(cache.connection(), "DELETE FROM feed_validators WHERE source_id = ?1").bind(1, source_id).run();
        return;
    }
    Statement(cache.connection(), R"sql(
        INSERT INTO feed_validators (source_id, url, etag, last_modified) VALUES (?1, ?2, ?3, ?4)
        ON CONFLICT (source_id) DO UPDATE SET
            url = excluded.url, etag = excluded.etag, last_modified = excluded.last_modified)sql")
        .bind(1, source_id)
        .bind(2, url)
        .bind(3, validators.etag)
        .bind(4, validators.last_modified)
        .run();
}

}  // namespace bangvang::store
