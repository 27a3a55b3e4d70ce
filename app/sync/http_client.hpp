#pragma once
// The project's one HTTP(S)/file:// client on libcurl, for the sync worker (conditional
// GET, report POST) and for `bangvang-publish push/status` (HEAD, GET, PUT): timeouts that
// catch a hanging or dripping server, a byte cap on every response, TLS verification
// always on (an extra CA file and a pinned public key optional), the proxy from the
// environment (libcurl's default), and a User-Agent naming the program.
// Network failures are expected and come back as a Problem naming the URL and why;
// one HttpClient per thread (it keeps one CURL handle, reusing connections).
//
// Every request goes through send(): a new per-request need (a deadline, a shutdown
// flag, a Range) is one more field of HttpRequest and one more option set there.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <curl/curl.h>

#include "core/result.hpp"

namespace bangvang::sync {

// libcurl is loaded at the first client (curl_library.hpp): these call it through there.
struct CurlEasyCleanup {
    void operator()(CURL* handle) const noexcept;
};
struct CurlListFree {
    void operator()(curl_slist* list) const noexcept;
};
using CurlPtr = std::unique_ptr<CURL, CurlEasyCleanup>;
using CurlListPtr = std::unique_ptr<curl_slist, CurlListFree>;

struct HttpClientOptions {
    std::string user_agent = "bangvang";           // "bangvang/<version> (<kiosk id>)"
    std::chrono::milliseconds connect_timeout{10'000};
    long low_speed_bytes_per_second = 512;          // slower than this ...
    std::chrono::seconds low_speed_time{20};        // ... for this long aborts the transfer
    std::chrono::milliseconds total_timeout{0};     // 0 = none (the low-speed limit bounds a transfer)
    long max_redirects = 3;
    std::filesystem::path ca_file{};                // extra CA bundle; empty = the system's
    std::string pinned_public_key{};                // "sha256//..."; empty = none
    // Set (by the owner's shutdown) to abandon the transfer under way at once: libcurl asks
    // at least once a second, whatever the network does. Null = never.
    const std::atomic<bool>* cancel = nullptr;
};

enum class HttpMethod { get, head, post, put, remove };  // remove: DELETE

struct HttpRequest {
    std::string url;
    std::size_t max_bytes = 0;                       // a larger response body aborts the transfer
    std::optional<std::string> if_none_match{};      // an ETag from an earlier response
    std::optional<std::string> if_modified_since{};  // a Last-Modified from an earlier response
    std::optional<std::filesystem::path> body_file{};  // write the body here instead of into memory
    // With body_file: a file already there holds the start of an interrupted download;
    // ask for the rest (Range) and append it when the server answers 206, start over when
    // it answers 200.
    bool resume = false;
    // The whole request, connection included, must end within this: a server trickling just
    // above the low-speed floor cannot hold it for hours. 0 = the client's total_timeout.
    std::chrono::milliseconds deadline{0};
    // For send(); get() and post() set these themselves.
    HttpMethod method = HttpMethod::get;
    std::vector<std::string> headers;  // extra "Name: value" lines ("Authorization: Bearer …")
    std::string_view upload;           // the body of a POST or PUT; must outlive the call
    bool follow_redirects = false;
    bool allow_file_urls = false;
};

struct HttpResponse {
    long status = 0;            // 200, 304 ...; 0 for file://
    bool not_modified = false;  // 304: the conditional GET matched
    std::string body;           // unless body_file was given
    std::string etag;
    std::string last_modified;
    long long content_length = -1;  // the Content-Length the server announced; -1 when none
    std::size_t body_bytes = 0;
    std::size_t bytes_received = 0;  // headers and body, as libcurl counted them
    std::size_t bytes_sent = 0;      // a POST's or PUT's request headers and body
    std::size_t resumed_from = 0;    // bytes of body_file kept from an earlier try (a 206 answer)
};

struct HttpPost {
    std::string url;
    std::string body;
    std::string content_type = "application/json";
    std::vector<std::string> headers{};          // more "Name: value" lines (a report's signature)
    std::size_t max_response_bytes = 64 * 1024;  // the answer is read only for its status
};

class HttpClient {
public:
    explicit HttpClient(HttpClientOptions options);

    // Follows redirects, reads file:// too. Any status other than 200 (or 304 for a
    // conditional request, 206 for a resumed one) is a Problem; then nothing of an error
    // page is left in body_file.
    core::Result<HttpResponse> get(const HttpRequest& request);
    // Redirects are not followed. Any 2xx is success; anything else (a redirect
    // included) is a Problem.
    core::Result<HttpResponse> post(const HttpPost& request);
    // Any method, as the request says; a Problem only when no HTTP answer came back
    // (connection, TLS, timeout, body over max_bytes): the caller judges the status.
    core::Result<HttpResponse> send(const HttpRequest& request);

private:
    HttpClientOptions options_;
    const struct CurlLibrary& curl_;  // libcurl, loaded by the first client
    CurlPtr handle_;
};

std::string user_agent_for(std::string_view kiosk_id);

}  // namespace bangvang::sync
