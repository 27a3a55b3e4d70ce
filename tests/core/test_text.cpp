#include <catch2/catch.hpp>

#include "core/text.hpp"

using namespace bangvang::core;

namespace {
// "Nguyễn" precomposed: ễ = U+1EC5.
const std::string nguyen_nfc = "Nguy\xE1\xBB\x85n";
// The same name decomposed: e + U+0302 (circumflex) + U+0303 (tilde).
const std::string nguyen_nfd = "Nguye\xCC\x82\xCC\x83n";
}  // namespace

TEST_CASE("clean_text composes decomposed Vietnamese to NFC", "[text]") {
    REQUIRE(nguyen_nfc != nguyen_nfd);
    CHECK(is_valid_utf8(nguyen_nfd));
    CHECK_FALSE(is_nfc(nguyen_nfd));
    CHECK(is_nfc(nguyen_nfc));
    const auto cleaned = clean_text(nguyen_nfd + " Thị Hoa", "test", "name");
    REQUIRE(cleaned.ok());
    CHECK(*cleaned == nguyen_nfc + " Thị Hoa");
    CHECK(to_nfc(nguyen_nfd) == nguyen_nfc);
}

TEST_CASE("clean_text rejects invalid UTF-8 and names where and field", "[text]") {
    for (const std::string& bad : {std::string("abc\xFF"), std::string("\xC3"), std::string("\xC0\xAF"),
                                  std::string("\xED\xA0\x80"), std::string("\xF4\x90\x80\x80"),
                                  std::string("Nguy\xE1\xBBn")}) {
        CHECK_FALSE(is_valid_utf8(bad));
        const auto cleaned = clean_text(bad, "feed x: items[0]", "story.name");
        REQUIRE_FALSE(cleaned.ok());
        CHECK(cleaned.problem().where == "feed x: items[0]");
        CHECK(cleaned.problem().field == "story.name");
        CHECK_THAT(cleaned.problem().reason, Catch::Contains("UTF-8"));
    }
}

TEST_CASE("clean_text rejects control characters, also when written as entities", "[text]") {
    for (const std::string& bad : {std::string("a\x01" "b"), std::string("a\0b", 3), std::string("bell\x07"),
                                  std::string("esc\x1b[31m"), std::string("a&#1;b"), std::string("del\x7f"),
                                  std::string("c1\xC2\x85")}) {
        const auto cleaned = clean_text(bad, "w", "f");
        REQUIRE_FALSE(cleaned.ok());
        CHECK_THAT(cleaned.problem().reason, Catch::Contains("control character U+"));
    }
    CHECK(*clean_text("a\tb\nc", "w", "f") == "a b\nc");
    CHECK(*clean_text("dòng 1\r\ndòng 2\rdòng 3", "w", "f") == "dòng 1\ndòng 2\ndòng 3");
}

TEST_CASE("strip_markup removes tags and script and style bodies", "[text]") {
    CHECK(strip_markup("<b>Nguyễn</b> Thị <i>Hoa</i>") == "Nguyễn Thị Hoa");
    CHECK(strip_markup("Ng<b>uy</b>ễn") == "Nguyễn");
    CHECK(strip_markup("a<script>alert('x')</script>b") == "ab");
    CHECK(strip_markup("a<SCRIPT type=\"text/javascript\">var s = '<b>';</ScRiPt >b") == "ab");
    CHECK(strip_markup("a<style>p { color: red }</style>b") == "ab");
    CHECK(strip_markup("x<script>never closed") == "x");
    CHECK(strip_markup("a<!-- hidden <b> -->b") == "ab");
    CHECK(strip_markup("<p>Đoạn một.</p><p>Đoạn hai.</p>") == "Đoạn một.\n\nĐoạn hai.");
    CHECK(strip_markup("dòng<br>dòng<br/>dòng") == "dòng\ndòng\ndòng");
    CHECK(strip_markup("<img src=x onerror=alert(1)>ảnh") == "ảnh");
    CHECK(strip_markup("3 < 5 and 5 > 3") == "3 < 5 and 5 > 3");
    CHECK(strip_markup("cut <a href=") == "cut");
}

TEST_CASE("only real markup is removed: text in angle brackets stays whole (#12)", "[text]") {
    // What staff write: a nickname, a prize's name, a comparison. None is a tag.
    CHECK(strip_markup("Lê Văn <Tí>") == "Lê Văn <Tí>");
    CHECK(strip_markup("Em đạt giải <Sáng tạo trẻ> năm 2024") == "Em đạt giải <Sáng tạo trẻ> năm 2024");
    CHECK(strip_markup("Lê Văn \u2039Tí>") == "Lê Văn \u2039Tí>");
    CHECK(strip_markup("<Em đạt giải> nhất") == "<Em đạt giải> nhất");
    CHECK(strip_markup("<Em yeu Ha Noi>") == "<Em yeu Ha Noi>");
    CHECK(strip_markup("<Ban chỉ đạo>") == "<Ban chỉ đạo>");
    CHECK(strip_markup("a <b c") == "a <b c");
    CHECK(strip_markup("x <3 y, <> <-- -->") == "x <3 y, <> <-- -->");
    // Real markup as pasted from pages and word processors still goes.
    CHECK(strip_markup("<B>Hoa</B> <em>đẹp</em>") == "Hoa đẹp");
    CHECK(strip_markup("<p class=\"MsoNormal\" style='margin:0'>Đoạn<o:p></o:p></p>") == "Đoạn");
    CHECK(strip_markup("<td nowrap>ô</td><td>hai</td>") == "ô hai");
    CHECK(strip_markup("<a href=\"https://x.vn/?a=1&b=2\" target=_blank>Liên kết</a>") == "Liên kết");
    CHECK(strip_markup("<!DOCTYPE html><html><body>Chữ<br />dòng</body></html>") == "Chữ\ndòng");
    CHECK(strip_markup("<span title=\"a > b\">ổn</span>") == "ổn");
}

TEST_CASE("starts_markup tells what the feed writer must escape", "[text]") {
    CHECK(starts_markup("<b>", 0));
    CHECK(starts_markup("<!-- x -->", 0));
    CHECK(starts_markup("<a href=", 0));  // never closed: hides the rest
    CHECK(starts_markup("&amp;", 0));
    CHECK(starts_markup("&#7877;", 0));
    CHECK_FALSE(starts_markup("<Tí>", 0));
    CHECK_FALSE(starts_markup("< 5", 0));
    CHECK_FALSE(starts_markup("&unknown;", 0));
    CHECK_FALSE(starts_markup("& b", 0));
    CHECK_FALSE(starts_markup("a", 5));
}

TEST_CASE("strip_markup decodes entities once", "[text]") {
    CHECK(strip_markup("A &amp; B") == "A & B");
    CHECK(strip_markup("&lt;b&gt; &quot;q&quot; &#39;s&#39; &apos;t&apos;") == "<b> \"q\" 's' 't'");
    CHECK(strip_markup("&#7877;") == "\xE1\xBB\x85");
    CHECK(strip_markup("&#x1EC5;&#X1ec5;") == "\xE1\xBB\x85\xE1\xBB\x85");
    CHECK(strip_markup("a&nbsp;b") == "a\xC2\xA0" "b");
    CHECK(strip_markup("&amp;lt;") == "&lt;");
    CHECK(strip_markup("&unknown; & &#xZZ;") == "&unknown; & &#xZZ;");
    CHECK(strip_markup("&#xD800;&#1114112;") == "\xEF\xBF\xBD\xEF\xBF\xBD");
    // Decoded "<script>" is text the reader sees, not markup to remove.
    CHECK(*clean_text("&lt;script&gt;", "w", "f") == "<script>");
}

TEST_CASE("strip_markup collapses spaces and trims", "[text]") {
    CHECK(strip_markup("   Hà    Nội  ") == "Hà Nội");
    CHECK(strip_markup("a \t b") == "a b");
    CHECK(strip_markup("  một  \n   hai \n\n\n\n ba  ") == "một\nhai\n\nba");
    CHECK(strip_markup("\n\n") == "");
    CHECK(strip_markup("") == "");
}

TEST_CASE("grapheme_count counts what a reader sees", "[text]") {
    CHECK(grapheme_count("") == 0);
    CHECK(grapheme_count("abc") == 3);
    CHECK(grapheme_count(nguyen_nfc) == 6);
    CHECK(grapheme_count(nguyen_nfd) == 6);
    CHECK(grapheme_count("Thứ Hai") == 7);
    // Flag = two regional indicators; family emoji joined by ZWJ.
    CHECK(grapheme_count("\xF0\x9F\x87\xBB\xF0\x9F\x87\xB3") == 1);
    CHECK(grapheme_count("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7") == 1);
}
