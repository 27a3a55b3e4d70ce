// One text file of a content folder as staff write it (Notepad, Word: UTF-8 with or
// without a BOM, or Windows-1258): the source file nguon.txt, a story, an announcement
// or a commemoration, read by bangvang-publish into items with findings, never a crash.
// The first byte chooses which file the rest is.
#include "fuzz/fuzz_input.hpp"
#include "publish/content_folder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bangvang;
    fuzz::InputParts input(fuzz::as_text(data, size));
    static constexpr std::string_view files[] = {"nguon.txt", "guong-dien-hinh/a.txt", "thong-bao/a.txt", "ky-niem/a.txt"};
    const std::string_view file = files[input.choice() % 4];
    publish::ContentFiles content;
    content.texts["nguon.txt"] = "Mã nguồn: fuzz\nTên nguồn: Nguồn thử\n";
    content.texts[std::string(file)] = std::string(input.part());
    content.other_files = {"guong-dien-hinh/a.jpg", "thong-bao/a.jpg", "ky-niem/a.jpg"};
    (void)publish::read_content_files(content);
    return 0;
}
