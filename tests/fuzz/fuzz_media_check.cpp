// A downloaded media file as the sync thread checks it before the kiosk may draw it:
// the PNG or JPEG header first (sizes refused before any decoder allocates), then one
// decode. The bytes are checked as a listed JPEG and as a listed PNG (a server may send
// either whatever the manifest says), so corpus files are used as they are.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz/fuzz_input.hpp"
#include "media/image_check.hpp"

namespace {

// One file per process, in the temporary folder; rewritten for every input.
const std::filesystem::path& scratch_file() {
    static const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                              ("bangvang-fuzz-media-" + std::to_string(::getpid()));
    return path;
}

struct RemoveAtExit {
    ~RemoveAtExit() {
        std::error_code ignored;
        std::filesystem::remove(scratch_file(), ignored);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bangvang;
    static RemoveAtExit remove_at_exit;
    const std::string_view bytes = fuzz::as_text(data, size);
    {
        std::ofstream out(scratch_file(), std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) std::abort();
    }
    std::string reason;
    const auto header = media::read_image_header(scratch_file(), reason);
    for (const char* mime_type : {"image/jpeg", "image/png"}) {
        core::MediaRef listed;
        listed.mime_type = mime_type;
        listed.size_bytes = static_cast<std::int64_t>(bytes.size());
        if (header) {
            listed.width = header->width;
            listed.height = header->height;
        }
        (void)media::check_image_file(scratch_file(), listed);
    }
    return 0;
}
