#include "portal/http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cctype>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace bangvang::portal {

namespace {

// Where a request's answer is left by whoever answers it, now or from another thread.
// Shared with every copy of its Respond, so a call after the request ended is harmless.
struct AnswerSlot {
    std::mutex mutex;
    std::optional<HttpAnswer> answer;
    bool suspended = false;  // the connection waits for the answer (MHD_suspend_connection)
};

// What one connection's request collects between libmicrohttpd's calls.
struct PendingRequest {
    std::string body;
    bool too_large = false;
    bool handed_over = false;  // the handler was called
    std::shared_ptr<AnswerSlot> slot = std::make_shared<AnswerSlot>();
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();  // its headers were read
};

// The first answer counts; a suspended connection is resumed, and libmicrohttpd calls
// on_request again to send it.
Respond responder(std::shared_ptr<AnswerSlot> slot, MHD_Connection* connection, std::atomic<int>& unanswered) {
    return [slot = std::move(slot), connection, &unanswered](HttpAnswer answer) {
        std::lock_guard lock(slot->mutex);
        if (slot->answer) return;
        slot->answer = std::move(answer);
        if (slot->suspended) {
            slot->suspended = false;
            MHD_resume_connection(connection);
        }
        unanswered.fetch_sub(1);
    };
}

// "app;dur=1.234": the portal's own time for the request in milliseconds, from its headers
// read to its answer queued (W3C Server-Timing), so the benchmark can tell it from
// the time spent in nginx, the network and the client.
std::pair<std::string, std::string> server_timing(const PendingRequest& pending) {
    const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - pending.started);
    char value[48];
    std::snprintf(value, sizeof value, "app;dur=%.3f", static_cast<double>(elapsed.count()) / 1000.0);
    return {"Server-Timing", value};
}

std::string lowercase(std::string text) {
    for (char& character : text) character = static_cast<char>(std::tolower(static_cast<unsigned char>(character)));
    return text;
}

MHD_Result collect(void* target, MHD_ValueKind, const char* key, const char* value) {
    if (key != nullptr) (*static_cast<std::map<std::string, std::string>*>(target))[key] = value ? value : "";
    return MHD_YES;
}

MHD_Result collect_header(void* target, MHD_ValueKind, const char* key, const char* value) {
    if (key != nullptr) (*static_cast<std::map<std::string, std::string>*>(target))[lowercase(key)] = value ? value : "";
    return MHD_YES;
}

MHD_Result send(MHD_Connection* connection, const HttpAnswer& answer) {
    MHD_Response* response =
        MHD_create_response_from_buffer(answer.body.size(), const_cast<char*>(answer.body.data()), MHD_RESPMEM_MUST_COPY);
    if (response == nullptr) return MHD_NO;
    MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, answer.content_type.c_str());
    MHD_add_response_header(response, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(response, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    for (const auto& [name, value] : answer.headers) MHD_add_response_header(response, name.c_str(), value.c_str());
    const MHD_Result queued = MHD_queue_response(connection, answer.status, response);
    MHD_destroy_response(response);
    return queued;
}

HttpAnswer error_answer(unsigned status, const std::string& message, const std::string& reason) {
    return HttpAnswer{.status = status,
                      .content_type = "application/json; charset=utf-8",
                      .body = "{\"error\": \"" + message + "\", \"reason\": \"" + reason + "\"}",
                      .headers = {}};
}

HttpAnswer too_large_answer(std::size_t limit) {
    return HttpAnswer{.status = 413,
                      .content_type = "application/json; charset=utf-8",
                      .body = "{\"error\": \"nội dung quá lớn: tối đa " + std::to_string(limit) + " byte\", \"reason\": \"too-large\"}",
                      .headers = {{"Connection", "close"}}};
}

MHD_Result dispatch(void* server, MHD_Connection* connection, const char* url, const char* method, const char*,
                    const char* upload_data, std::size_t* upload_data_size, void** request_state) {
    return static_cast<HttpServer*>(server)->on_request(connection, url, method, upload_data, upload_data_size, request_state);
}

void forget(void*, MHD_Connection*, void** request_state, MHD_RequestTerminationCode) {
    delete static_cast<PendingRequest*>(*request_state);
    *request_state = nullptr;
}

void log_mhd(void* options, const char* format, va_list arguments) {
    const auto& log = static_cast<const HttpServerOptions*>(options)->log;
    if (!log) return;
    char text[512];
    std::vsnprintf(text, sizeof text, format, arguments);
    std::string line(text);
    while (!line.empty() && line.back() == '\n') line.pop_back();
    log(line);
}

}  // namespace

std::optional<std::string> HttpRequest::header(const std::string& lowercase_name) const {
    const auto found = headers.find(lowercase_name);
    if (found == headers.end()) return std::nullopt;
    return found->second;
}

std::string HttpRequest::query_value(const std::string& name) const {
    const auto found = query.find(name);
    return found == query.end() ? std::string() : found->second;
}

HttpServer::HttpServer(HttpServerOptions options, HttpHandler handler)
    : options_(std::move(options)), handler_(std::move(handler)) {
    sockaddr_storage address{};
    std::size_t address_length = 0;
    if (options_.address.find(':') != std::string::npos) {
        auto* ipv6 = reinterpret_cast<sockaddr_in6*>(&address);
        ipv6->sin6_family = AF_INET6;
        ipv6->sin6_port = htons(static_cast<std::uint16_t>(options_.port));
        if (inet_pton(AF_INET6, options_.address.c_str(), &ipv6->sin6_addr) != 1) {
            throw std::runtime_error("địa chỉ nghe không hợp lệ: " + options_.address);
        }
        address_length = sizeof(sockaddr_in6);
    } else {
        auto* ipv4 = reinterpret_cast<sockaddr_in*>(&address);
        ipv4->sin_family = AF_INET;
        ipv4->sin_port = htons(static_cast<std::uint16_t>(options_.port));
        if (inet_pton(AF_INET, options_.address.c_str(), &ipv4->sin_addr) != 1) {
            throw std::runtime_error("địa chỉ nghe không hợp lệ: " + options_.address);
        }
        address_length = sizeof(sockaddr_in);
    }
    (void)address_length;
    const unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME |
                           (options_.address.find(':') != std::string::npos ? MHD_USE_IPv6 : 0);
    daemon_.reset(MHD_start_daemon(
        flags, static_cast<std::uint16_t>(options_.port), nullptr, nullptr, &dispatch, this,
        MHD_OPTION_EXTERNAL_LOGGER, &log_mhd, &options_,  // first: it applies to the options after it
        MHD_OPTION_SOCK_ADDR, reinterpret_cast<sockaddr*>(&address),
        MHD_OPTION_THREAD_POOL_SIZE, static_cast<unsigned>(options_.threads),
        MHD_OPTION_CONNECTION_LIMIT, static_cast<unsigned>(options_.max_connections),
        MHD_OPTION_CONNECTION_TIMEOUT, static_cast<unsigned>(options_.timeout_seconds),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<std::size_t>(64 * 1024),
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024U,
        MHD_OPTION_NOTIFY_COMPLETED, &forget, nullptr,
        MHD_OPTION_END));
    if (!daemon_) {
        throw std::runtime_error("không nghe được tại " + options_.address + ":" + std::to_string(options_.port) +
                                 " (cổng đang bận, hoặc không đủ quyền)");
    }
    const MHD_DaemonInfo* info = MHD_get_daemon_info(daemon_.get(), MHD_DAEMON_INFO_BIND_PORT);
    port_ = info != nullptr ? info->port : options_.port;
}

MHD_Result HttpServer::on_request(MHD_Connection* connection, const char* url, const char* method,
                                  const char* upload_data, std::size_t* upload_data_size, void** request_state) {
    if (*request_state == nullptr) {
        auto pending = std::make_unique<PendingRequest>();
        const char* length = MHD_lookup_connection_value(connection, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (length != nullptr && std::strtoull(length, nullptr, 10) > options_.max_body_bytes) {
            *request_state = pending.release();
            return send(connection, too_large_answer(options_.max_body_bytes));  // answered before reading the body
        }
        *request_state = pending.release();
        return MHD_YES;
    }
    auto* pending = static_cast<PendingRequest*>(*request_state);
    if (*upload_data_size > 0) {
        if (pending->body.size() + *upload_data_size > options_.max_body_bytes) {
            pending->too_large = true;
            pending->body.clear();
            pending->body.shrink_to_fit();
        } else if (!pending->too_large) {
            pending->body.append(upload_data, *upload_data_size);
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (pending->too_large) return send(connection, too_large_answer(options_.max_body_bytes));
    const std::shared_ptr<AnswerSlot> slot = pending->slot;
    if (!pending->handed_over) {
        pending->handed_over = true;
        // Counted before `stopping_` is read: the destructor either sees this request
        // owed or this request sees it stopping.
        unanswered_.fetch_add(1);
        if (stopping_.load()) {
            unanswered_.fetch_sub(1);
            HttpAnswer closing = error_answer(503, "cổng đang dừng, gửi lại sau", "stopping");
            closing.headers.push_back(server_timing(*pending));
            return send(connection, closing);
        }
        HttpRequest request{.method = method, .path = url, .query = {}, .headers = {}, .body = std::move(pending->body)};
        MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, &collect, &request.query);
        MHD_get_connection_values(connection, MHD_HEADER_KIND, &collect_header, &request.headers);
        const Respond respond = responder(slot, connection, unanswered_);
        try {
            handler_(request, respond);
        } catch (const std::exception& error) {
            if (options_.log) options_.log(std::string("lỗi khi trả lời ") + method + " " + url + ": " + error.what());
            respond(error_answer(500, "lỗi máy chủ; xem nhật ký của bangvang-portal", "internal"));
        }
        std::lock_guard lock(slot->mutex);
        if (!slot->answer) {
            // Answered later from another thread: the connection waits, this thread goes on.
            MHD_suspend_connection(connection);
            slot->suspended = true;
            return MHD_YES;
        }
    }
    HttpAnswer answer;
    {
        std::lock_guard lock(slot->mutex);
        if (!slot->answer) return MHD_YES;  // not resumed by an answer: nothing to send yet
        answer = std::move(*slot->answer);
    }
    answer.headers.push_back(server_timing(*pending));
    return send(connection, answer);
}

HttpServer::~HttpServer() {
    stopping_.store(true);
    // Every answer still owed (a report waiting for its commit) is sent first: stopping
    // libmicrohttpd with a suspended connection is not allowed. Bounded: SIGTERM ends the
    // portal within 2 s.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
    while (unanswered_.load() > 0 && std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (unanswered_.load() > 0 && options_.log) {
        options_.log(std::to_string(unanswered_.load()) + " yêu cầu chưa được trả lời khi dừng");
    }
}

}  // namespace bangvang::portal
