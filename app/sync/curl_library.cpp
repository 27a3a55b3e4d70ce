#include "sync/curl_library.hpp"

#include <dlfcn.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

namespace bangvang::sync {

namespace {

constexpr const char* library_file = "libcurl.so.4";

template <typename Function>
void resolve(void* library, const char* name, Function& function) {
    void* symbol = dlsym(library, name);
    if (!symbol) throw std::runtime_error(std::string(library_file) + " has no " + name + ": " + dlerror());
    function = reinterpret_cast<Function>(symbol);
}

CurlLibrary load() {
    // Never closed: libcurl keeps process-wide state (its global init, TLS) until exit.
    void* library = dlopen(library_file, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        throw std::runtime_error(std::string("cannot load ") + library_file + " (the Debian package libcurl4): " +
                                 dlerror());
    }
    CurlLibrary api{};
    resolve(library, "curl_global_init", api.global_init);
    resolve(library, "curl_easy_init", api.easy_init);
    resolve(library, "curl_easy_cleanup", api.easy_cleanup);
    resolve(library, "curl_easy_reset", api.easy_reset);
    resolve(library, "curl_easy_setopt", api.easy_setopt);
    resolve(library, "curl_easy_getinfo", api.easy_getinfo);
    resolve(library, "curl_easy_perform", api.easy_perform);
    resolve(library, "curl_easy_strerror", api.easy_strerror);
    resolve(library, "curl_slist_append", api.slist_append);
    resolve(library, "curl_slist_free_all", api.slist_free_all);
    if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl could not be initialised");
    return api;
}

}  // namespace

const CurlLibrary& curl_library() {
    // A failed load throws out of the initialiser and is tried again at the next call.
    static std::mutex mutex;
    static std::unique_ptr<const CurlLibrary> loaded;
    std::lock_guard lock(mutex);
    if (!loaded) loaded = std::make_unique<const CurlLibrary>(load());
    return *loaded;
}

}  // namespace bangvang::sync
