#include <catch2/catch.hpp>

#include "core/crypto.hpp"

TEST_CASE("HMAC-SHA256 and Base64 give the RFC 4231 known answer", "[core][crypto]") {
  // RFC 4231 test case 2.
  const std::string mac = wv::hmac_sha256("Jefe", "what do ya want for nothing?");
  CHECK(wv::base64_encode(mac) == "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
}

TEST_CASE("Base64 round-trips every padding length", "[core][crypto]") {
  for (std::string s : {"", "a", "ab", "abc", "abcd", "ck_TEST:cs_TEST"}) {
    bool ok = false;
    CHECK(wv::base64_decode(wv::base64_encode(s), ok) == s);
    CHECK(ok);
  }
  bool ok = true;
  wv::base64_decode("not base64!", ok);
  CHECK_FALSE(ok);
}

TEST_CASE("random_hex gives distinct values of the asked length", "[core][crypto]") {
  const auto a = wv::random_hex(16);
  CHECK(a.size() == 32);
  CHECK(a != wv::random_hex(16));
}
