#pragma once
// What every fuzz target shares: the libFuzzer entry point's signature and a reader
// that splits one input into the parts a target needs, so that a single byte string
// reaches several parameters (a manifest and its signature file, a report's fields).
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace bangvang::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Hands out the input piece by piece: one leading byte for choices, then parts split at
// a separator line ("\n--8<--\n"); the last part takes the rest.
class InputParts {
public:
    explicit InputParts(std::string_view input) : rest_(input) {}

    std::uint8_t choice() {
        if (rest_.empty()) return 0;
        const auto byte = static_cast<std::uint8_t>(rest_.front());
        rest_.remove_prefix(1);
        return byte;
    }

    std::string_view part() {
        constexpr std::string_view separator = "\n--8<--\n";
        const std::size_t at = rest_.find(separator);
        std::string_view piece = rest_.substr(0, at);
        rest_ = at == std::string_view::npos ? std::string_view{} : rest_.substr(at + separator.size());
        return piece;
    }

    bool empty() const { return rest_.empty(); }

private:
    std::string_view rest_;
};

}  // namespace bangvang::fuzz
