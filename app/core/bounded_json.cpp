#include "core/bounded_json.hpp"

#include <optional>
#include <string>

namespace bangvang::core {

namespace {

// Two things nlohmann would not catch, checked on the raw bytes first:
// - depth: nlohmann parses iteratively, but a document nested 100 000 deep still costs
//   memory and a recursive destructor (and a recursive copy segfaults);
// - NUL bytes: nlohmann stops at one as if the input ended there ("123\0" parses as 123),
//   and valid JSON can never contain one (strings must escape it as \u0000).
std::optional<std::string> prescan_problem(std::string_view bytes, int max_depth) {
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (std::size_t offset = 0; offset < bytes.size(); ++offset) {
        const char character = bytes[offset];
        if (character == '\0') return "is not valid JSON: NUL byte at offset " + std::to_string(offset);
        if (in_string) {
            if (escaped) escaped = false;
            else if (character == '\\') escaped = true;
            else if (character == '"') in_string = false;
            continue;
        }
        if (character == '"') {
            in_string = true;
        } else if (character == '[' || character == '{') {
            if (++depth > max_depth) {
                return "is not valid JSON: nested deeper than " + std::to_string(max_depth) +
                       " levels (JSON lồng nhau sâu quá " + std::to_string(max_depth) + " mức; hãy kiểm tra lại tệp)";
            }
        } else if ((character == ']' || character == '}') && depth > 0) {
            --depth;
        }
    }
    return std::nullopt;
}

// nlohmann's messages quote the bytes it stopped at, which may be anything.
std::string printable(std::string_view message) {
    static constexpr std::string_view prefix_end = "] ";
    if (message.starts_with("[json.exception.")) {
        const std::size_t end = message.find(prefix_end);
        if (end != std::string_view::npos) message.remove_prefix(end + prefix_end.size());
    }
    std::string shown;
    for (char character : message) {
        const auto byte = static_cast<unsigned char>(character);
        if (byte < 0x20 || byte >= 0x7f) {
            static constexpr char hex[] = "0123456789ABCDEF";
            shown += "\\x";
            shown += hex[byte >> 4];
            shown += hex[byte & 0xF];
        } else {
            shown += character;
        }
    }
    return shown;
}

template <typename Json>
Result<Json> read_bounded(std::string_view bytes, std::string_view where, JsonLimits limits) {
    const auto problem = [&](std::string reason) {
        return Problem{.where = std::string(where), .field = "", .reason = std::move(reason)};
    };
    if (bytes.size() > limits.max_bytes) {
        return problem("is too large: " + std::to_string(bytes.size()) + " bytes, at most " +
                       std::to_string(limits.max_bytes));
    }
    if (std::optional<std::string> reason = prescan_problem(bytes, limits.max_depth)) return problem(std::move(*reason));
    try {
        return Json::parse(bytes.begin(), bytes.end());
    } catch (const typename Json::exception& error) {
        return problem("is not valid JSON: " + printable(error.what()));
    }
}

}  // namespace

Result<nlohmann::json> read_json(std::string_view bytes, std::string_view where, JsonLimits limits) {
    return read_bounded<nlohmann::json>(bytes, where, limits);
}

Result<nlohmann::ordered_json> read_ordered_json(std::string_view bytes, std::string_view where, JsonLimits limits) {
    return read_bounded<nlohmann::ordered_json>(bytes, where, limits);
}

}  // namespace bangvang::core
