#include "core/utf8.hpp"

#include <utf8proc.h>

namespace bangvang::core {

Utf8Character decode_utf8_at(std::string_view text, std::size_t position) {
    utf8proc_int32_t code_point = 0;
    const utf8proc_ssize_t length =
        utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + position),
                         static_cast<utf8proc_ssize_t>(text.size() - position), &code_point);
    if (length <= 0 || code_point < 0) return Utf8Character{.code_point = 0xFFFD, .length = 1, .valid = false};
    return Utf8Character{.code_point = static_cast<char32_t>(code_point), .length = static_cast<std::size_t>(length),
                         .valid = true};
}

}  // namespace bangvang::core
