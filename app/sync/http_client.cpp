#include "sync/http_client.hpp"

#include "sync/curl_library.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include <unistd.h>

namespace bangvang::sync {

namespace {

#ifndef BANGVANG_VERSION_TEXT
#define BANGVANG_VERSION_TEXT "0"
#endif

struct FileCloser {
    void operator()(std::FILE* file) const noexcept { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

struct Transfer {
    const CurlLibrary* curl_api = nullptr;
    const std::atomic<bool>* cancel = nullptr;
    bool cancelled = false;
    CURL* curl = nullptr;
    std::size_t max_bytes = 0;
    std::size_t received = 0;
    bool over_limit = false;
    std::string* memory = nullptr;
    std::FILE* file = nullptr;
    int write_error = 0;           // errno of a failed write to `file` (ENOSPC: the disk is full)
    std::size_t resume_from = 0;   // bytes already in `file`, asked for with Range
    bool body_started = false;
    std::string_view upload;
    std::size_t uploaded = 0;
    std::string etag;
    std::string last_modified;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    const std::size_t bytes = size * count;
    if (!transfer.body_started) {
        transfer.body_started = true;
        long status = 0;
        transfer.curl_api->easy_getinfo(transfer.curl, CURLINFO_RESPONSE_CODE, &status);
        if (transfer.resume_from > 0 && status != 206) {
            // The server sent the whole file (or an error page): start over.
            if (std::fflush(transfer.file) != 0 || ::ftruncate(::fileno(transfer.file), 0) != 0 ||
                std::fseek(transfer.file, 0, SEEK_SET) != 0) {
                transfer.write_error = errno;
                return 0;
            }
            transfer.received = 0;
            transfer.resume_from = 0;
        }
    }
    if (transfer.received + bytes > transfer.max_bytes) {
        transfer.over_limit = true;
        return 0;  // anything but `bytes` aborts the transfer with CURLE_WRITE_ERROR
    }
    transfer.received += bytes;
    if (transfer.file) {
        if (std::fwrite(data, 1, bytes, transfer.file) == bytes) return bytes;
        transfer.write_error = errno;
        return 0;  // CURLE_WRITE_ERROR; failure_reason says why
    }
    transfer.memory->append(data, bytes);
    return bytes;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto& transfer = *static_cast<Transfer*>(user);
    transfer.cancelled = transfer.cancel && transfer.cancel->load();
    return transfer.cancelled ? 1 : 0;  // non-zero: CURLE_ABORTED_BY_CALLBACK
}

std::size_t on_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    const std::size_t length = std::min(size * count, transfer.upload.size() - transfer.uploaded);
    std::copy_n(transfer.upload.data() + transfer.uploaded, length, buffer);
    transfer.uploaded += length;
    return length;
}

std::string header_value(std::string_view line, std::string_view name) {
    if (line.size() <= name.size() + 1 || line[name.size()] != ':') return {};
    for (std::size_t index = 0; index < name.size(); ++index) {
        if (std::tolower(static_cast<unsigned char>(line[index])) != name[index]) return {};
    }
    std::string_view value = line.substr(name.size() + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.remove_suffix(1);
    return std::string(value);
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    const std::string_view line(data, size * count);
    // A redirect starts a new header block: keep only the final response's validators.
    if (line.starts_with("HTTP/")) {
        transfer.etag.clear();
        transfer.last_modified.clear();
    }
    if (std::string value = header_value(line, "etag"); !value.empty()) transfer.etag = value;
    if (std::string value = header_value(line, "last-modified"); !value.empty()) transfer.last_modified = value;
    return size * count;
}

void append_header(CurlListPtr& headers, const std::string& line) {
    curl_slist* grown = curl_library().slist_append(headers.get(), line.c_str());
    if (!grown) throw std::runtime_error("libcurl: out of memory for a request header");
    static_cast<void>(headers.release());
    headers.reset(grown);
}

CurlListPtr request_headers(const HttpRequest& request) {
    CurlListPtr headers;
    for (const std::string& line : request.headers) append_header(headers, line);
    if (request.if_none_match) append_header(headers, "If-None-Match: " + *request.if_none_match);
    if (request.if_modified_since) append_header(headers, "If-Modified-Since: " + *request.if_modified_since);
    // A PUT of a large body goes at once instead of waiting for "100 Continue".
    if (request.method == HttpMethod::put) append_header(headers, "Expect:");
    return headers;
}

// What every request shares: timeouts, TLS verification and pinning, the byte cap, the
// User-Agent, and the callbacks that fill `transfer`. Proxies come from the environment.
void set_common_options(CURL* curl, const HttpClientOptions& options, const HttpRequest& request, Transfer& transfer) {
    const CurlLibrary& api = *transfer.curl_api;
    api.easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    api.easy_setopt(curl, CURLOPT_PROTOCOLS_STR, request.allow_file_urls ? "http,https,file" : "http,https");
    api.easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    if (request.follow_redirects) {
        api.easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
        api.easy_setopt(curl, CURLOPT_MAXREDIRS, options.max_redirects);
    }
    api.easy_setopt(curl, CURLOPT_USERAGENT, options.user_agent.c_str());
    api.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // not only the main thread uses it: no SIGALRM
    api.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
    api.easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_bytes_per_second);
    api.easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.low_speed_time.count()));
    const std::chrono::milliseconds deadline = request.deadline.count() > 0 ? request.deadline : options.total_timeout;
    if (deadline.count() > 0) api.easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(deadline.count()));
    transfer.cancel = options.cancel;
    transfer.curl = curl;
    api.easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    api.easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    api.easy_setopt(curl, CURLOPT_XFERINFODATA, &transfer);
    // The cap is on the whole file; for a resumed download libcurl would compare it with the rest alone.
    api.easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_bytes));
    api.easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    api.easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options.ca_file.empty()) api.easy_setopt(curl, CURLOPT_CAINFO, options.ca_file.c_str());
    if (!options.pinned_public_key.empty()) {
        api.easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, options.pinned_public_key.c_str());
    }
    api.easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    api.easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    api.easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    api.easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
}

void set_method(CURL* curl, const HttpRequest& request, Transfer& transfer) {
    const CurlLibrary& api = *transfer.curl_api;
    switch (request.method) {
    case HttpMethod::get:
        api.easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        api.easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // gzip when the server offers it
        break;
    case HttpMethod::head:
        api.easy_setopt(curl, CURLOPT_NOBODY, 1L);
        break;
    case HttpMethod::post:
        api.easy_setopt(curl, CURLOPT_POSTFIELDS, request.upload.data());
        api.easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.upload.size()));
        break;
    case HttpMethod::put:
        transfer.upload = request.upload;
        api.easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        api.easy_setopt(curl, CURLOPT_READFUNCTION, on_upload);
        api.easy_setopt(curl, CURLOPT_READDATA, &transfer);
        api.easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.upload.size()));
        break;
    case HttpMethod::remove:
        api.easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "DELETE");
        break;
    }
}

// What libcurl counted of the exchange that just ended.
void read_counters(const CurlLibrary& api, CURL* curl, HttpResponse& response) {
    api.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    curl_off_t header_bytes = 0;
    curl_off_t body_bytes = 0;
    curl_off_t announced = -1;
    long request_bytes = 0;  // what libcurl wrote: the request line, headers and body
    api.easy_getinfo(curl, CURLINFO_HEADER_SIZE, &header_bytes);
    api.easy_getinfo(curl, CURLINFO_SIZE_DOWNLOAD_T, &body_bytes);
    api.easy_getinfo(curl, CURLINFO_REQUEST_SIZE, &request_bytes);
    api.easy_getinfo(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
    response.bytes_received = static_cast<std::size_t>(header_bytes + body_bytes);
    response.bytes_sent = static_cast<std::size_t>(request_bytes);
    response.content_length = static_cast<long long>(announced);
}

// Why a transfer failed, in words a technician can act on.
std::string failure_reason(CURLcode code, const char* error_text, const Transfer& transfer) {
    const CurlLibrary& api = *transfer.curl_api;
    if (transfer.cancelled) return "abandoned: the kiosk is stopping";
    if (transfer.write_error != 0) {
        return std::string("cannot write what was received to disk: ") + std::strerror(transfer.write_error);
    }
    std::string reason = api.easy_strerror(code);
    if (error_text[0]) reason += std::string(": ") + error_text;
    if (code == CURLE_OPERATION_TIMEDOUT) reason += " (the request's deadline, or the server too slow)";
    return reason;
}

}  // namespace

std::string user_agent_for(std::string_view kiosk_id) {
    return "bangvang/" BANGVANG_VERSION_TEXT " (" + std::string(kiosk_id) + ")";
}

void CurlEasyCleanup::operator()(CURL* handle) const noexcept { curl_library().easy_cleanup(handle); }

void CurlListFree::operator()(curl_slist* list) const noexcept { curl_library().slist_free_all(list); }

HttpClient::HttpClient(HttpClientOptions options) : options_(std::move(options)), curl_(curl_library()) {
    handle_.reset(curl_.easy_init());
    if (!handle_) throw std::runtime_error("libcurl could not create a transfer handle");
}

core::Result<HttpResponse> HttpClient::send(const HttpRequest& request) {
    const auto problem = [&](std::string reason) { return core::Problem{request.url, "", std::move(reason)}; };
    CURL* curl = handle_.get();
    const CurlLibrary& api = curl_;
    api.easy_reset(curl);  // keeps the connection cache; forgets the last request's options

    HttpResponse response;
    Transfer transfer;
    transfer.curl_api = &curl_;
    transfer.max_bytes = request.max_bytes;
    transfer.memory = &response.body;
    FilePtr file;
    if (request.body_file) {
        std::error_code error;
        const std::uintmax_t kept = request.resume ? std::filesystem::file_size(*request.body_file, error) : 0;
        const bool resuming = !error && kept > 0 && kept < request.max_bytes;
        file.reset(std::fopen(request.body_file->c_str(), resuming ? "ab" : "wb"));
        if (!file) throw std::runtime_error(request.body_file->string() + ": cannot create: " + std::strerror(errno));
        transfer.file = file.get();
        if (resuming) {
            transfer.resume_from = static_cast<std::size_t>(kept);
            transfer.received = transfer.resume_from;
        }
    }
    const CurlListPtr headers = request_headers(request);
    set_common_options(curl, options_, request, transfer);
    set_method(curl, request, transfer);
    const std::string range = std::to_string(transfer.resume_from) + "-";
    if (transfer.resume_from > 0) api.easy_setopt(curl, CURLOPT_RANGE, range.c_str());
    api.easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    char error_text[CURL_ERROR_SIZE] = {};
    api.easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);

    const CURLcode code = api.easy_perform(curl);
    api.easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
    api.easy_setopt(curl, CURLOPT_POSTFIELDS, nullptr);
    api.easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
    if (file && std::fflush(file.get()) != 0) {
        throw std::runtime_error(request.body_file->string() + ": cannot write: " + std::strerror(errno));
    }
    if (transfer.over_limit || code == CURLE_FILESIZE_EXCEEDED) {
        return problem("response larger than the limit of " + std::to_string(request.max_bytes) + " bytes");
    }
    if (code != CURLE_OK) return problem(failure_reason(code, error_text, transfer));
    read_counters(curl_, curl, response);
    response.resumed_from = transfer.resume_from;
    response.body_bytes = transfer.received;
    response.etag = transfer.etag;
    response.last_modified = transfer.last_modified;
    return response;
}

core::Result<HttpResponse> HttpClient::get(const HttpRequest& request) {
    HttpRequest download = request;
    download.method = HttpMethod::get;
    download.follow_redirects = true;
    download.allow_file_urls = true;
    core::Result<HttpResponse> response = send(download);
    if (!response) return response;
    const bool conditional = request.if_none_match || request.if_modified_since;
    if (response->status == 304 && conditional) {
        response->not_modified = true;
        return response;
    }
    if (response->status == 206 && response->resumed_from > 0) return response;
    if (response->status != 200 && !request.url.starts_with("file://")) {
        // An error page is not the start of the file: nothing of it is kept for a resume.
        std::error_code ignored;
        if (request.body_file) std::filesystem::resize_file(*request.body_file, 0, ignored);
        return core::Problem{request.url, "", "the server answered HTTP " + std::to_string(response->status)};
    }
    return response;
}

core::Result<HttpResponse> HttpClient::post(const HttpPost& request) {
    // No redirects: a report must reach the URL the config names, or stay in the outbox.
    std::vector<std::string> headers{"Content-Type: " + request.content_type};
    headers.insert(headers.end(), request.headers.begin(), request.headers.end());
    core::Result<HttpResponse> response = send(HttpRequest{.url = request.url,
                                                           .max_bytes = request.max_response_bytes,
                                                           .method = HttpMethod::post,
                                                           .headers = std::move(headers),
                                                           .upload = request.body});
    if (!response) return response;
    if (response->status < 200 || response->status > 299) {
        return core::Problem{request.url, "", "the server answered HTTP " + std::to_string(response->status)};
    }
    return response;
}

}  // namespace bangvang::sync
