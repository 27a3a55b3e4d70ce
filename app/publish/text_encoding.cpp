#include "publish/text_encoding.hpp"

#include <iconv.h>

#include <array>
#include <cerrno>
#include <memory>

#include "core/text.hpp"
#include "publish/staff_messages.hpp"

namespace bangvang::publish {

namespace {

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

// The bytes Windows-1258 gives Vietnamese: accented vowels that have a precomposed
// code (à á â ã è é ê ì í ò ó ô õ ù ú ý and capitals), ă Ă đ Đ ơ Ơ ư Ư, and the five
// combining tone marks (0xCC grave, 0xEC acute, 0xD2 hook, 0xDE tilde, 0xF2 dot below).
constexpr std::array<bool, 128> vietnamese_high_bytes = [] {
    std::array<bool, 128> table{};
    for (unsigned byte : {0xC0u, 0xC1u, 0xC2u, 0xC3u, 0xC8u, 0xC9u, 0xCAu, 0xCCu, 0xCDu, 0xD0u, 0xD2u, 0xD3u,
                          0xD4u, 0xD5u, 0xD9u, 0xDAu, 0xDDu, 0xDEu, 0xE0u, 0xE1u, 0xE2u, 0xE3u, 0xE8u, 0xE9u,
                          0xEAu, 0xECu, 0xEDu, 0xF0u, 0xF2u, 0xF3u, 0xF4u, 0xF5u, 0xF9u, 0xFAu, 0xFDu,
                          // punctuation Word inserts: quotes, dashes, ellipsis, no-break space
                          0x91u, 0x92u, 0x93u, 0x94u, 0x96u, 0x97u, 0x85u, 0xA0u}) {
        table[byte - 0x80] = true;
    }
    return table;
}();

// iconv_t is a pointer type: own it directly.
struct IconvCloser {
    void operator()(void* handle) const { iconv_close(static_cast<iconv_t>(handle)); }
};
using IconvPtr = std::unique_ptr<void, IconvCloser>;

core::Problem not_utf8(std::string_view origin) {
    return core::Problem{.where = std::string(origin), .field = "", .reason = say::not_utf8().text};
}

}  // namespace

bool looks_like_windows_1258(std::string_view bytes) {
    bool any = false;
    for (char character : bytes) {
        const auto byte = static_cast<unsigned char>(character);
        if (byte < 0x80) continue;
        if (!vietnamese_high_bytes[byte - 0x80]) return false;
        any = true;
    }
    return any;
}

core::Result<std::string> decode_staff_text(std::string_view bytes, std::string_view origin) {
    if (bytes.starts_with(byte_order_mark)) bytes.remove_prefix(byte_order_mark.size());
    if (core::is_valid_utf8(bytes)) return std::string(bytes);
    if (!looks_like_windows_1258(bytes)) return not_utf8(origin);

    const iconv_t opened = iconv_open("UTF-8", "CP1258");
    if (opened == reinterpret_cast<iconv_t>(-1)) return not_utf8(origin);
    IconvPtr converter(opened);
    std::string input(bytes);
    std::string output(input.size() * 4 + 16, '\0');
    char* in = input.data();
    std::size_t in_left = input.size();
    char* out = output.data();
    std::size_t out_left = output.size();
    // Windows-1258 holds state (a vowel waiting for its tone mark): flush it at the end.
    if (iconv(converter.get(), &in, &in_left, &out, &out_left) == static_cast<std::size_t>(-1) ||
        iconv(converter.get(), nullptr, nullptr, &out, &out_left) == static_cast<std::size_t>(-1)) {
        return not_utf8(origin);
    }
    output.resize(output.size() - out_left);
    if (!core::is_valid_utf8(output)) return not_utf8(origin);
    return core::to_nfc(output);
}

}  // namespace bangvang::publish
