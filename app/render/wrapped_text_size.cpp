#include "render/wrapped_text_size.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "render/sdl_handles.hpp"

namespace bangvang::render {
namespace {

// One code point of UTF-8 as SDL_ttf reads it, and how many bytes it took. The text is
// valid UTF-8 here (displayable_text), so this is plain decoding; a stray byte counts
// as one character, as SDL_ttf's reader does.
Uint32 next_code_point(const char* text, std::size_t length, std::size_t& taken) {
    const auto lead = static_cast<unsigned char>(text[0]);
    std::size_t size = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    size = std::min(size, length);
    Uint32 code = size == 1 ? lead : lead & (0x3Fu >> (size - 1));
    for (std::size_t i = 1; i < size; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte & 0xC0) != 0x80) {
            taken = i;
            return 0xFFFD;
        }
        code = (code << 6) | (byte & 0x3F);
    }
    taken = size;
    return code;
}

bool is_break(Uint32 c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

TextSize wrapped_text_size(TTF_Font* font, std::string_view text, int wrap_width) {
    // SDL_ttf works on a NUL-terminated copy, which it cuts at each '\n' it breaks at.
    std::string copy(text);
    char* cursor = copy.data();
    std::size_t remaining = std::strlen(cursor);
    int width = 0, height = 0;
    if (TTF_SizeUTF8(font, cursor, &width, &height) != 0 || width == 0) {
        throw RenderError(std::string("TTF_SizeUTF8 (measuring wrapped text): ") +
                          (width == 0 ? "Text has zero width" : TTF_GetError()));
    }
    int lines = 1;
    if (remaining > 0) {
        lines = 0;
        do {
            ++lines;
            int extent = 0, fitting = 0;
            if (TTF_MeasureUTF8(font, cursor, wrap_width, &extent, &fitting) != 0) {
                throw RenderError(std::string("TTF_MeasureUTF8: ") + TTF_GetError());
            }
            fitting = std::max(fitting, 1);
            int counted = 0;
            char* after_break = nullptr;
            std::size_t remaining_after_break = 0;
            while (remaining > 0) {
                std::size_t taken = 0;
                const Uint32 c = next_code_point(cursor, remaining, taken);
                cursor += taken;
                remaining -= taken;
                if (c == 0xFEFF) continue;  // a byte-order mark takes no place
                ++counted;
                if (is_break(c)) {
                    after_break = cursor;
                    remaining_after_break = remaining;
                    if (c == '\n' || c == '\r') {
                        *(cursor - 1) = '\0';  // later lines are measured from here on
                        break;
                    }
                }
                if (counted == fitting) break;
            }
            // Back to the last space when the line ended inside a word.
            if (after_break && remaining > 0) {
                cursor = after_break;
                remaining = remaining_after_break;
            }
        } while (remaining > 0);
    }
    const int line_skip = TTF_FontLineSkip(font);
    return TextSize{.width = lines > 1 ? wrap_width : std::min(wrap_width, width),
                    .height = std::max(height, line_skip) + line_skip * (lines - 1)};
}

}  // namespace bangvang::render
