#include "publish/feed_push.hpp"

#include <chrono>
#include <fstream>
#include <iterator>
#include <memory>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/bounded_json.hpp"
#include "core/manifest_parser.hpp"
#include "files/bounded_read.hpp"
#include "publish/atomic_file.hpp"
#include "publish/publish_error.hpp"
#include "publish/staff_messages.hpp"
#include "store/media_store.hpp"
#include "sync/feed_signature.hpp"
#include "sync/http_client.hpp"

namespace bangvang::publish {

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& file) {
    try {
        return files::read_whole_file(file, static_cast<std::size_t>(core::max_media_bytes));
    } catch (const files::FileError& failure) {
        throw PublishError(say::cannot_read(file.string(), failure.what()));
    }
}

bool is_http(const std::string& target) { return target.starts_with("http://") || target.starts_with("https://"); }

fs::path local_folder(const std::string& target) {
    if (target.starts_with("file://")) return fs::path(target.substr(7));
    return fs::path(target);
}

std::string joined_url(const std::string& base, const std::string& relative) {
    return base.ends_with('/') ? base + relative : base + "/" + relative;
}

// One connection reused for every request of a push, through the project's one HTTP
// client; what failed comes back as a PublishError naming the method and the URL.
class HttpTarget {
public:
    HttpTarget(std::string base, const std::string& token)
        : base_(std::move(base)),
          client_(sync::HttpClientOptions{.user_agent = "bangvang-publish",
                                          .connect_timeout = std::chrono::seconds(15),
                                          .low_speed_time = std::chrono::seconds(30)}) {
        if (!token.empty()) headers_.push_back("Authorization: Bearer " + token);
    }

    // Status of HEAD, and the Content-Length the server reports (-1 when none).
    std::pair<long, long long> head(const std::string& relative) {
        const sync::HttpResponse response = send(sync::HttpMethod::head, relative, {}, 0);
        return {response.status, response.content_length};
    }

    // At most `max_bytes` of body: a server that sends more is an error, not a crash.
    std::pair<long, std::string> get(const std::string& relative, std::size_t max_bytes) {
        sync::HttpResponse response = send(sync::HttpMethod::get, relative, {}, max_bytes);
        return {response.status, std::move(response.body)};
    }

    // A file that is not there counts as removed.
    void remove(const std::string& relative) {
        const long code = send(sync::HttpMethod::remove, relative, {}, answer_bytes).status;
        if (code != 200 && code != 204 && code != 404) {
            throw PublishError(say::push_http_failed("DELETE", joined_url(base_, relative), code));
        }
    }

    void put(const std::string& relative, std::string_view bytes) {
        const long code = send(sync::HttpMethod::put, relative, bytes, answer_bytes).status;
        if (code != 200 && code != 201 && code != 204) {
            throw PublishError(say::push_http_failed("PUT", joined_url(base_, relative), code));
        }
    }

private:
    static constexpr std::size_t answer_bytes = 64 * 1024;  // a PUT's answer is read for its status only

    sync::HttpResponse send(sync::HttpMethod method, const std::string& relative, std::string_view upload,
                            std::size_t max_bytes) {
        const std::string url = joined_url(base_, relative);
        core::Result<sync::HttpResponse> response = client_.send(
            sync::HttpRequest{.url = url, .max_bytes = max_bytes, .method = method, .headers = headers_, .upload = upload});
        if (!response) throw PublishError(say::push_request_failed(method_name(method), url, response.problem().reason));
        return std::move(*response);
    }

    static std::string method_name(sync::HttpMethod method) {
        switch (method) {
        case sync::HttpMethod::head: return "HEAD";
        case sync::HttpMethod::post: return "POST";
        case sync::HttpMethod::put: return "PUT";
        case sync::HttpMethod::remove: return "DELETE";
        case sync::HttpMethod::get: break;
        }
        return "GET";
    }

    std::string base_;
    sync::HttpClient client_;
    std::vector<std::string> headers_;
};

std::optional<LiveFeed> describe_live(const std::optional<std::string>& manifest, bool signed_feed,
                                      const std::string& where) {
    if (!manifest) return std::nullopt;
    const core::Result<nlohmann::json> json =
        core::read_json(*manifest, where, core::JsonLimits{.max_bytes = core::max_manifest_bytes});
    if (!json) throw PublishError(say::not_a_feed_manifest(where) + " [" + json.problem().message() + "]");
    if (!json->is_object() || !json->contains("version") || !(*json)["version"].is_number_integer()) {
        throw PublishError(say::not_a_feed_manifest(where));
    }
    LiveFeed live{.version = (*json)["version"].get<std::int64_t>(), .source_id = {}, .issued_at = {}, .expires_at = {},
                  .signed_feed = signed_feed};
    const auto text = [&](const nlohmann::json& object, const char* key) {
        const auto found = object.find(key);
        return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
    };
    if (const auto source = json->find("source"); source != json->end() && source->is_object()) {
        live.source_id = text(*source, "id");
    }
    live.issued_at = text(*json, "issued_at");
    live.expires_at = text(*json, "expires_at");
    return live;
}

void report(const PushOptions& options, const std::string& line) {
    if (options.progress) options.progress(line);
}

}  // namespace

std::optional<LiveFeed> live_feed(const std::string& target) {
    if (is_http(target)) {
        HttpTarget http(target, "");
        auto [code, body] = http.get("manifest.json", core::max_manifest_bytes);
        if (code == 404) return std::nullopt;
        if (code != 200) throw PublishError(say::push_http_failed("GET", joined_url(target, "manifest.json"), code));
        const bool signed_feed = http.head(std::string(sync::signature_file_name)).first == 200;
        return describe_live(body, signed_feed, joined_url(target, "manifest.json"));
    }
    const fs::path folder = local_folder(target);
    if (!fs::exists(folder / "manifest.json")) return std::nullopt;
    return describe_live(read_file(folder / "manifest.json"), fs::exists(folder / std::string(sync::signature_file_name)),
                         (folder / "manifest.json").string());
}

namespace {

// A feed folder `build` wrote, checked complete before anything on the target is touched.
struct BuiltFeed {
    core::Manifest manifest;
    std::string manifest_bytes;
    std::optional<std::string> signature;
};

BuiltFeed read_built_feed(const fs::path& feed_directory) {
    const fs::path manifest_file = feed_directory / "manifest.json";
    std::string manifest_bytes = read_file(manifest_file);
    auto manifest = core::parse_manifest(manifest_bytes, manifest_file.string());
    if (!manifest) throw PublishError(say::push_feed_invalid(manifest.problem().message()));
    const fs::path signature_file = feed_directory / std::string(sync::signature_file_name);
    std::optional<std::string> signature =
        fs::exists(signature_file) ? std::optional<std::string>(read_file(signature_file)) : std::nullopt;
    for (const core::MediaRef& media : manifest->media) {
        const fs::path file = feed_directory / "media" / media.sha256;
        std::error_code error;
        if (fs::file_size(file, error) != static_cast<std::uintmax_t>(media.size_bytes) || error) {
            throw PublishError(say::push_feed_incomplete(file.string()));
        }
    }
    return BuiltFeed{.manifest = std::move(*manifest), .manifest_bytes = std::move(manifest_bytes), .signature = std::move(signature)};
}

// A file of FEED/media: a picture or one of its renditions (content/FORMAT.md).
struct MediaFile {
    std::string sha256;
    std::int64_t size_bytes = 0;
};

std::vector<MediaFile> media_files(const core::Manifest& manifest) {
    std::vector<MediaFile> files;
    for (const core::MediaRef& media : manifest.media) {
        files.push_back({media.sha256, media.size_bytes});
        for (const core::Rendition& rendition : media.renditions) files.push_back({rendition.sha256, rendition.size_bytes});
    }
    return files;
}

// Refuses to replace a newer version (unless forced) or another source's feed.
void check_target_accepts(const PushOptions& options, const core::Manifest& manifest, PushReport& result) {
    const auto live = live_feed(options.target);
    if (!live) return;
    result.previous_version = live->version;
    if (live->version >= manifest.version && !options.allow_older) {
        throw PublishError(say::push_not_newer(options.target, live->version, manifest.version));
    }
    if (!live->source_id.empty() && live->source_id != manifest.source_id) {
        throw PublishError(say::push_other_source(options.target, live->source_id, manifest.source_id));
    }
}

// Media first (those the portal already has are skipped), the manifest last, so a
// kiosk polling meanwhile never sees a manifest whose media are not there yet.
void push_over_http(const PushOptions& options, const BuiltFeed& feed, PushReport& result) {
    HttpTarget http(options.target, options.token);
    const std::vector<MediaFile> files = media_files(feed.manifest);
    const std::size_t total = files.size();
    std::size_t index = 0;
    for (const MediaFile& media : files) {
        ++index;
        const std::string relative = "media/" + media.sha256;
        const auto [code, length] = http.head(relative);
        if (code == 200 && length == media.size_bytes) {
            ++result.media_skipped;
            report(options, say::media_progress(index, total, "đã có sẵn", 0));
            continue;
        }
        const std::string bytes = read_file(options.feed_directory / relative);
        if (store::sha256_hex(bytes) != media.sha256) {
            throw PublishError(say::push_media_altered((options.feed_directory / relative).string()));
        }
        http.put(relative, bytes);
        ++result.media_uploaded;
        result.bytes_uploaded += bytes.size();
        report(options, say::media_progress(index, total, "đã tải lên", bytes.size()));
    }
    // An unsigned build replacing a signed one: the old signature would not match the new
    // manifest, and kiosks would call it altered rather than unsigned (as a folder push does).
    if (feed.signature) {
        http.put(std::string(sync::signature_file_name), *feed.signature);
    } else {
        http.remove(std::string(sync::signature_file_name));
    }
    http.put("manifest.json", feed.manifest_bytes);
}

// The same order into a folder, each file written atomically.
void copy_to_folder(const PushOptions& options, const BuiltFeed& feed, PushReport& result) {
    const fs::path folder = local_folder(options.target);
    std::error_code error;
    fs::create_directories(folder / "media", error);
    if (error) throw PublishError(say::cannot_create_folder((folder / "media").string(), error.message()));
    const std::vector<MediaFile> files = media_files(feed.manifest);
    const std::size_t total = files.size();
    std::size_t index = 0;
    for (const MediaFile& media : files) {
        ++index;
        const fs::path target = folder / "media" / media.sha256;
        if (fs::exists(target) && fs::file_size(target, error) == static_cast<std::uintmax_t>(media.size_bytes)) {
            ++result.media_skipped;
            continue;
        }
        const std::string bytes = read_file(options.feed_directory / "media" / media.sha256);
        write_file_atomically(target, bytes);
        ++result.media_uploaded;
        result.bytes_uploaded += bytes.size();
        report(options, say::media_progress(index, total, "đã chép", bytes.size()));
    }
    if (feed.signature) {
        write_file_atomically(folder / std::string(sync::signature_file_name), *feed.signature);
    } else {
        fs::remove(folder / std::string(sync::signature_file_name), error);
    }
    write_file_atomically(folder / "manifest.json", feed.manifest_bytes);
}

}  // namespace

PushReport push_feed(const PushOptions& options) {
    const BuiltFeed feed = read_built_feed(options.feed_directory);
    PushReport result;
    result.version = feed.manifest.version;
    check_target_accepts(options, feed.manifest, result);
    if (is_http(options.target)) {
        push_over_http(options, feed, result);
    } else {
        copy_to_folder(options, feed, result);
    }
    result.bytes_uploaded += feed.manifest_bytes.size() + (feed.signature ? feed.signature->size() : 0);
    return result;
}

}  // namespace bangvang::publish
