// The kiosk's own report key (sync/report_signing.hpp): made once, owner-only, read back
// unchanged, never replaced; its signature binds the kiosk, the time and the exact body.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "core/report_signature.hpp"
#include "support/process.hpp"
#include "sync/report_signing.hpp"

using namespace bangvang;
using bangvang::testing::ScratchDirectory;

TEST_CASE("the kiosk's report key is made once, readable by its owner only", "[portal][key]") {
    ScratchDirectory scratch("report-key");
    const std::filesystem::path file = scratch.path() / "state" / "report-key.secret";
    core::Result<sync::SecretKey> made = sync::load_or_create_report_key(file);
    REQUIRE(made.ok());
    struct stat status {};
    REQUIRE(::stat(file.c_str(), &status) == 0);
    CHECK((status.st_mode & 0777) == 0600);
    core::Result<sync::SecretKey> again = sync::load_or_create_report_key(file);
    REQUIRE(again.ok());
    CHECK(again->public_key() == made->public_key());

    bangvang::testing::write_file(scratch.path() / "broken.secret", "not a key\n");
    core::Result<sync::SecretKey> broken = sync::load_or_create_report_key(scratch.path() / "broken.secret");
    REQUIRE_FALSE(broken.ok());
    CHECK_THAT(broken.problem().message(), Catch::Contains("broken.secret"));
    CHECK(bangvang::testing::read_file(scratch.path() / "broken.secret") == "not a key\n");
}

TEST_CASE("a report signature verifies only for its kiosk, time and exact body", "[portal][key]") {
    const sync::SecretKey key = sync::generate_secret_key();
    const std::string body = R"({"format": "bangvang.report/1"})";
    const std::string line = sync::report_signature_header_line(key, "nhan-chinh-01", 1733018400123, body);
    REQUIRE(line.starts_with("X-Bangvang-Signature: kiosk=nhan-chinh-01, t=1733018400123, ed25519="));
    core::Result<core::ReportSignatureHeader> header = core::parse_report_signature_header(line.substr(line.find(": ") + 2));
    REQUIRE(header.ok());
    CHECK(sync::verify_report_signature(key.public_key(), *header, body));
    CHECK_FALSE(sync::verify_report_signature(key.public_key(), *header, body + " "));
    CHECK_FALSE(sync::verify_report_signature(sync::generate_secret_key().public_key(), *header, body));
    core::ReportSignatureHeader later = *header;
    later.timestamp_milliseconds += 1;
    CHECK_FALSE(sync::verify_report_signature(key.public_key(), later, body));
    core::ReportSignatureHeader other = *header;
    other.kiosk_id = "la-01";
    CHECK_FALSE(sync::verify_report_signature(key.public_key(), other, body));
}
