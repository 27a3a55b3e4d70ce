#pragma once
// The HTTP validators (ETag, Last-Modified) of the last manifest a source applied
// completely, kept in the cache's SQLite file so that the first poll after a restart is
// a conditional GET too (a 304 of ~200 bytes instead of the whole manifest). Keyed by
// the source and the URL it was fetched from: a source moved to another URL starts over.
#include <optional>
#include <string>

#include "store/content_cache.hpp"

namespace bangvang::store {

struct FeedValidators {
    std::string etag;
    std::string last_modified;

    bool empty() const { return etag.empty() && last_modified.empty(); }
    bool operator==(const FeedValidators&) const = default;
};

std::optional<FeedValidators> load_feed_validators(const ContentCache& cache, const std::string& source_id,
                                                   const std::string& url);
// Empty validators forget the source's row.
void save_feed_validators(const ContentCache& cache, const std::string& source_id, const std::string& url,
                          const FeedValidators& validators);

}  // namespace bangvang::store
