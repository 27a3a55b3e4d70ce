#include "kiosk/config_reader.hpp"

namespace bangvang::kiosk {

std::filesystem::path resolve(const std::filesystem::path& base, const std::string& path) {
    std::filesystem::path candidate(path);
    return candidate.is_absolute() ? candidate : (base / candidate).lexically_normal();
}

bool is_http_url(const std::string& url) {
    return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

}  // namespace bangvang::kiosk
