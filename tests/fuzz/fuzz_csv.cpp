// A spreadsheet of a content folder as Excel or LibreOffice saved it (UTF-8, UTF-8 with
// a BOM, Windows-1258; comma or semicolon): a standings table or an honour roll, read by
// bangvang-publish into an item with findings. The first byte chooses the kind and
// whether a BOM is put in front.
#include "fuzz/fuzz_input.hpp"
#include "publish/content_folder.hpp"
#include "publish/csv_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bangvang;
    fuzz::InputParts input(fuzz::as_text(data, size));
    const std::uint8_t choice = input.choice();
    std::string bytes = (choice & 2) ? "\xEF\xBB\xBF" : "";
    bytes += input.part();
    (void)publish::parse_csv(bytes, "fuzz.csv");
    publish::ContentFiles content;
    content.texts["nguon.txt"] = "Mã nguồn: fuzz\nTên nguồn: Nguồn thử\n";
    content.texts[(choice & 1) ? "bang-vang/a.csv" : "bang-xep-hang/a.csv"] = std::move(bytes);
    content.other_files = {"bang-vang/a.jpg", "bang-vang/b.jpg"};
    (void)publish::read_content_files(content);
    return 0;
}
