#include "core/identifier.hpp"

namespace bangvang::core {

bool is_identifier(std::string_view text) {
    if (text.empty() || text.size() > 64) return false;
    for (std::size_t index = 0; index < text.size(); ++index) {
        const char character = text[index];
        const bool allowed = (character >= 'a' && character <= 'z') || (character >= '0' && character <= '9') ||
                             (character == '-' && index > 0);
        if (!allowed) return false;
    }
    return true;
}

}  // namespace bangvang::core
