#include "publish/feed_push.hpp"

#include <curl/curl.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/manifest_parser.hpp"
#include "publish/atomic_file.hpp"
#include "publish/publish_error.hpp"
#include "store/media_store.hpp"
#include "sync/feed_signature.hpp"

namespace bangvang::publish {

namespace {

namespace fs = std::filesystem;

struct CurlDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using CurlPtr = std::unique_ptr<CURL, CurlDeleter>;
struct HeaderListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderListPtr = std::unique_ptr<curl_slist, HeaderListDeleter>;

std::string read_file(const fs::path& file) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) throw PublishError("cannot open " + file.string() + " for reading");
    std::string bytes((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
    if (stream.bad()) throw PublishError("cannot read " + file.string());
    return bytes;
}

bool is_http(const std::string& target) { return target.starts_with("http://") || target.starts_with("https://"); }

fs::path local_folder(const std::string& target) {
    if (target.starts_with("file://")) return fs::path(target.substr(7));
    return fs::path(target);
}

std::string joined_url(const std::string& base, const std::string& relative) {
    return base.ends_with('/') ? base + relative : base + "/" + relative;
}

struct UploadCursor {
    std::string_view bytes;
    std::size_t position = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
    auto* cursor = static_cast<UploadCursor*>(user);
    const std::size_t length = std::min(size * count, cursor->bytes.size() - cursor->position);
    std::copy_n(cursor->bytes.data() + cursor->position, length, buffer);
    cursor->position += length;
    return length;
}

size_t collect_body(char* data, size_t size, size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

size_t discard_body(char*, size_t size, size_t count, void*) { return size * count; }

// One connection reused for every request of a push.
class HttpTarget {
public:
    HttpTarget(std::string base, const std::string& token) : base_(std::move(base)), handle_(curl_easy_init()) {
        if (!handle_) throw PublishError("cannot start libcurl");
        curl_slist* list = nullptr;
        if (!token.empty()) list = curl_slist_append(list, ("Authorization: Bearer " + token).c_str());
        // nginx answers PUT of a large body without waiting for "100 Continue".
        list = curl_slist_append(list, "Expect:");
        headers_.reset(list);
    }

    // Status of HEAD, and the Content-Length the server reports (-1 when none).
    std::pair<long, curl_off_t> head(const std::string& relative) {
        reset(relative);
        curl_easy_setopt(handle_.get(), CURLOPT_NOBODY, 1L);
        perform("HEAD", relative);
        curl_off_t length = -1;
        curl_easy_getinfo(handle_.get(), CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
        return {status(), length};
    }

    std::pair<long, std::string> get(const std::string& relative) {
        reset(relative);
        std::string body;
        curl_easy_setopt(handle_.get(), CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(handle_.get(), CURLOPT_WRITEFUNCTION, collect_body);
        curl_easy_setopt(handle_.get(), CURLOPT_WRITEDATA, &body);
        perform("GET", relative);
        return {status(), std::move(body)};
    }

    void put(const std::string& relative, std::string_view bytes) {
        reset(relative);
        UploadCursor cursor{bytes, 0};
        curl_easy_setopt(handle_.get(), CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(handle_.get(), CURLOPT_READFUNCTION, read_upload);
        curl_easy_setopt(handle_.get(), CURLOPT_READDATA, &cursor);
        curl_easy_setopt(handle_.get(), CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(bytes.size()));
        perform("PUT", relative);
        const long code = status();
        if (code != 200 && code != 201 && code != 204) {
            throw PublishError("PUT " + joined_url(base_, relative) + " failed: HTTP " + std::to_string(code) +
                               (code == 401 || code == 403 ? " (is the --token right?)" : "") +
                               (code == 405 ? " (the server does not accept PUT there; enable WebDAV PUT)" : ""));
        }
    }

private:
    void reset(const std::string& relative) {
        CURL* handle = handle_.get();
        curl_easy_reset(handle);
        curl_easy_setopt(handle, CURLOPT_URL, joined_url(base_, relative).c_str());
        curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers_.get());
        curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, 15L);
        curl_easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, 512L);
        curl_easy_setopt(handle, CURLOPT_LOW_SPEED_TIME, 30L);
        curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(handle, CURLOPT_USERAGENT, "bangvang-publish");
        curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, discard_body);
        curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_);
        error_[0] = '\0';
    }

    void perform(const char* method, const std::string& relative) {
        const CURLcode result = curl_easy_perform(handle_.get());
        if (result != CURLE_OK) {
            throw PublishError(std::string(method) + " " + joined_url(base_, relative) + " failed: " +
                               (error_[0] != '\0' ? error_ : curl_easy_strerror(result)));
        }
    }

    long status() {
        long code = 0;
        curl_easy_getinfo(handle_.get(), CURLINFO_RESPONSE_CODE, &code);
        return code;
    }

    std::string base_;
    CurlPtr handle_;
    HeaderListPtr headers_;
    char error_[CURL_ERROR_SIZE]{};
};

std::optional<LiveFeed> describe_live(const std::optional<std::string>& manifest, bool signed_feed,
                                      const std::string& where) {
    if (!manifest) return std::nullopt;
    const auto json = nlohmann::json::parse(*manifest, nullptr, false);
    if (!json.is_object() || !json.contains("version") || !json["version"].is_number_integer()) {
        throw PublishError(where + " holds a manifest.json that is not a bangvang feed manifest");
    }
    LiveFeed live{.version = json["version"].get<std::int64_t>(), .source_id = {}, .issued_at = {}, .expires_at = {},
                  .signed_feed = signed_feed};
    if (json.contains("source") && json["source"].is_object() && json["source"].value("id", nlohmann::json()).is_string()) {
        live.source_id = json["source"]["id"].get<std::string>();
    }
    if (json.value("issued_at", nlohmann::json()).is_string()) live.issued_at = json["issued_at"].get<std::string>();
    if (json.value("expires_at", nlohmann::json()).is_string()) live.expires_at = json["expires_at"].get<std::string>();
    return live;
}

void report(const PushOptions& options, const std::string& line) {
    if (options.progress) options.progress(line);
}

}  // namespace

std::optional<LiveFeed> live_feed(const std::string& target) {
    if (is_http(target)) {
        HttpTarget http(target, "");
        auto [code, body] = http.get("manifest.json");
        if (code == 404) return std::nullopt;
        if (code != 200) throw PublishError("GET " + joined_url(target, "manifest.json") + " failed: HTTP " + std::to_string(code));
        const bool signed_feed = http.head(std::string(sync::signature_file_name)).first == 200;
        return describe_live(body, signed_feed, target);
    }
    const fs::path folder = local_folder(target);
    if (!fs::exists(folder / "manifest.json")) return std::nullopt;
    return describe_live(read_file(folder / "manifest.json"), fs::exists(folder / std::string(sync::signature_file_name)),
                         folder.string());
}

PushReport push_feed(const PushOptions& options) {
    // Check the folder is a complete feed before touching the target.
    const fs::path manifest_file = options.feed_directory / "manifest.json";
    const std::string manifest_bytes = read_file(manifest_file);
    auto manifest = core::parse_manifest(manifest_bytes, manifest_file.string());
    if (!manifest) throw PublishError(manifest.problem().message());
    const fs::path signature_file = options.feed_directory / std::string(sync::signature_file_name);
    const std::optional<std::string> signature =
        fs::exists(signature_file) ? std::optional<std::string>(read_file(signature_file)) : std::nullopt;
    for (const core::MediaRef& media : manifest->media) {
        const fs::path file = options.feed_directory / "media" / media.sha256;
        std::error_code error;
        if (fs::file_size(file, error) != static_cast<std::uintmax_t>(media.size_bytes) || error) {
            throw PublishError(file.string() + " is missing or has the wrong size; build the feed again");
        }
    }

    PushReport result;
    result.version = manifest->version;
    const auto live = live_feed(options.target);
    if (live) {
        result.previous_version = live->version;
        if (live->version >= manifest->version && !options.allow_older) {
            throw PublishError(options.target + " already has version " + std::to_string(live->version) +
                               ", not older than this feed's " + std::to_string(manifest->version) +
                               "; kiosks would ignore it (build again, or push with --force)");
        }
        if (!live->source_id.empty() && live->source_id != manifest->source_id) {
            throw PublishError(options.target + " holds the feed of source \"" + live->source_id + "\", not \"" +
                               manifest->source_id + "\"");
        }
    }

    const std::size_t total = manifest->media.size();
    std::size_t index = 0;
    if (is_http(options.target)) {
        HttpTarget http(options.target, options.token);
        for (const core::MediaRef& media : manifest->media) {
            ++index;
            const std::string relative = "media/" + media.sha256;
            const auto [code, length] = http.head(relative);
            if (code == 200 && length == media.size_bytes) {
                ++result.media_skipped;
                report(options, "media " + std::to_string(index) + "/" + std::to_string(total) + " already there");
                continue;
            }
            const std::string bytes = read_file(options.feed_directory / relative);
            if (store::sha256_hex(bytes) != media.sha256) {
                throw PublishError((options.feed_directory / relative).string() + " does not match its hash; build again");
            }
            http.put(relative, bytes);
            ++result.media_uploaded;
            result.bytes_uploaded += bytes.size();
            report(options, "media " + std::to_string(index) + "/" + std::to_string(total) + " uploaded (" +
                                std::to_string(bytes.size() / 1024) + " KiB)");
        }
        if (signature) http.put(std::string(sync::signature_file_name), *signature);
        http.put("manifest.json", manifest_bytes);
    } else {
        const fs::path folder = local_folder(options.target);
        std::error_code error;
        fs::create_directories(folder / "media", error);
        if (error) throw PublishError("cannot create " + (folder / "media").string() + ": " + error.message());
        for (const core::MediaRef& media : manifest->media) {
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
            report(options, "media " + std::to_string(index) + "/" + std::to_string(total) + " copied");
        }
        if (signature) {
            write_file_atomically(folder / std::string(sync::signature_file_name), *signature);
        } else {
            fs::remove(folder / std::string(sync::signature_file_name), error);
        }
        write_file_atomically(folder / "manifest.json", manifest_bytes);
    }
    result.bytes_uploaded += manifest_bytes.size() + (signature ? signature->size() : 0);
    return result;
}

}  // namespace bangvang::publish
