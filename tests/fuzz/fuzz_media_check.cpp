// A downloaded media file as the sync thread checks it before the kiosk may draw it:
// the PNG or JPEG header first (sizes refused before any decoder allocates), then one
// decode. The bytes are checked as a listed JPEG and as a listed PNG (a server may send
// either whatever the manifest says), so corpus files are used as they are. The check
// runs on the bytes in memory (check_image_bytes: the same code as check_image_file,
// with the decoders reading memory instead of the file), so no file is written per
// input; test_sync [image] holds both to the same answers.
#include "fuzz/fuzz_input.hpp"
#include "media/image_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bangvang;
    const std::string_view bytes = fuzz::as_text(data, size);
    std::string reason;
    const auto header = media::read_image_header_from_bytes(bytes, reason);
    for (const char* mime_type : {"image/jpeg", "image/png"}) {
        core::MediaRef listed;
        listed.mime_type = mime_type;
        listed.size_bytes = static_cast<std::int64_t>(bytes.size());
        if (header) {
            listed.width = header->width;
            listed.height = header->height;
        }
        (void)media::check_image_bytes(bytes, listed);
    }
    return 0;
}
