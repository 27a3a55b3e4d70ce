#include "render/scaled_jpeg.hpp"

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <memory>

#include <jpeglib.h>

namespace bangvang::render {

namespace {

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// libjpeg reports fatal errors through a callback that must not return.
struct ErrorManager {
    jpeg_error_mgr standard;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

void on_fatal_error(j_common_ptr info) {
    auto* manager = reinterpret_cast<ErrorManager*>(info->err);
    info->err->format_message(info, manager->message);
    std::longjmp(manager->jump, 1);
}

bool looks_like_jpeg(std::FILE* file) {
    unsigned char magic[3] = {};
    const bool jpeg = std::fread(magic, 1, 3, file) == 3 && magic[0] == 0xFF && magic[1] == 0xD8 && magic[2] == 0xFF;
    std::rewind(file);
    return jpeg;
}

}  // namespace

std::optional<SurfacePtr> load_scaled_jpeg(const std::filesystem::path& path, int shorter_side_at_least) {
    FilePtr file(std::fopen(path.c_str(), "rb"));
    if (!file) throw RenderError("cannot open " + path.string());
    if (!looks_like_jpeg(file.get())) return std::nullopt;

    jpeg_decompress_struct info{};
    ErrorManager errors{};
    info.err = jpeg_std_error(&errors.standard);
    errors.standard.error_exit = on_fatal_error;
    SurfacePtr surface;  // declared before setjmp so that a longjmp leaves it well-defined
    if (setjmp(errors.jump) != 0) {
        jpeg_destroy_decompress(&info);
        throw RenderError("JPEG " + path.string() + ": " + errors.message);
    }
    // No RAII owner for `info`: longjmp would skip its destructor. Both exits destroy it.
    jpeg_create_decompress(&info);
    jpeg_stdio_src(&info, file.get());
    jpeg_read_header(&info, TRUE);

    const int shorter = static_cast<int>(std::min(info.image_width, info.image_height));
    const int wanted = std::max(1, shorter_side_at_least);
    unsigned int eighths = 8;
    while (eighths > 1 && static_cast<long>(shorter) * (eighths - 1) / 8 >= wanted) --eighths;
    info.scale_num = eighths;
    info.scale_denom = 8;
    // Little-endian BGRA bytes are SDL's ARGB8888 pixels: no conversion pass.
    info.out_color_space = JCS_EXT_BGRA;
    info.dct_method = JDCT_ISLOW;
    jpeg_start_decompress(&info);

    surface = create_rgba_surface(static_cast<int>(info.output_width), static_cast<int>(info.output_height));
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = static_cast<Uint8*>(surface->pixels) + info.output_scanline * surface->pitch;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    return surface;
}

}  // namespace bangvang::render
