#pragma once
// libcurl, loaded (dlopen) the first time a client needs it rather than at exec: the
// kiosk links it only for remote sources, and with it ~25 libraries (TLS, Kerberos,
// LDAP, SSH, IDN, HTTP/2, ...) that a kiosk playing a local folder, and every kiosk's
// first frame, would otherwise map and relocate at each start: a program linking the
// kiosk's libraries spent 77 ms of CPU before main with libcurl, 45 ms without (perf
// stat, 30 runs, this machine). curl/curl.h gives the types and constants only.
#include <curl/curl.h>

namespace bangvang::sync {

struct CurlLibrary {
    CURLcode (*global_init)(long flags);
    CURL* (*easy_init)();
    void (*easy_cleanup)(CURL* handle);
    void (*easy_reset)(CURL* handle);
    CURLcode (*easy_setopt)(CURL* handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL* handle, CURLINFO info, ...);
    CURLcode (*easy_perform)(CURL* handle);
    const char* (*easy_strerror)(CURLcode code);
    curl_slist* (*slist_append)(curl_slist* list, const char* line);
    void (*slist_free_all)(curl_slist* list);
};

// Loads libcurl.so.4 and runs curl_global_init once per process (thread-safe); throws
// std::runtime_error naming the library and what failed when it cannot (libcurl4 missing).
const CurlLibrary& curl_library();

}  // namespace bangvang::sync
