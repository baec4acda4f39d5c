#include <catch2/catch.hpp>

#include "core/redact.hpp"
#include "core/time.hpp"

TEST_CASE("timestamps parse in the forms both APIs send", "[core][time]") {
  auto t = wv::parse_timestamp("2026-11-24T14:33:51");
  REQUIRE(t);
  CHECK(wv::format_timestamp(*t) == "2026-11-24T14:33:51Z");
  CHECK(wv::parse_timestamp("2026-11-24T14:33:51Z") == t);
  CHECK(wv::parse_timestamp("2026-11-24T15:33:51+01:00") == t);
  auto ms = wv::parse_timestamp("2026-11-24T14:33:51.12Z");
  REQUIRE(ms);
  CHECK(wv::format_timestamp(*ms) == "2026-11-24T14:33:51.120Z");
  CHECK(wv::format_timestamp_no_zone(*ms) == "2026-11-24T14:33:51");
  CHECK(wv::parse_timestamp("2026-11-24").has_value());
  for (const char* bad : {"", "2026-13-01", "2026-02-30T00:00:00", "yesterday", "2026-11-24T25:00:00",
                          "2026-11-24T14:33:51+0100"}) {
    INFO(bad);
    CHECK_FALSE(wv::parse_timestamp(bad).has_value());
  }
  auto date = wv::parse_date("2026-11-24T23:59:59");
  REQUIRE(date);
  CHECK(wv::format_date(*date) == "2026-11-24");
}

TEST_CASE("redaction masks registered secrets and credential shapes", "[core][redact]") {
  wv::clear_registered_secrets_for_tests();
  wv::register_secret("cs_supersecretvalue");
  CHECK(wv::redact("secret is cs_supersecretvalue!") == "secret is ***!");
  CHECK(wv::redact("Authorization: Bearer abc.def.ghi") == "Authorization: Bearer ***");
  CHECK(wv::redact("authorization: Basic Y2s6Y3M=") == "authorization: Basic ***");
  CHECK(wv::redact("grant_type=refresh_token&refresh_token=r123&x=1") ==
        "grant_type=refresh_token&refresh_token=***&x=1");
  CHECK(wv::redact(R"({"access_token":"eyJ0","token_type":"bearer"})") ==
        R"({"access_token":"***","token_type":"bearer"})");
  CHECK(wv::redact("?oauth_signature=abc%3D&page=2") == "?oauth_signature=***&page=2");
  CHECK(wv::redact(R"({"code":"rest_invalid_param"})") == R"({"code":"rest_invalid_param"})");
  wv::clear_registered_secrets_for_tests();
}
