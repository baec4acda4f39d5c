#include <catch2/catch.hpp>

#include "core/http/error_body.hpp"
#include "core/http/url_redaction.hpp"

TEST_CASE("URLs are shown without credentials", "[http][redact]") {
  CHECK(wv::url_host("https://shop.example.com/wp-json/wc/v3/orders?page=2") == "shop.example.com");
  CHECK(wv::url_host("http://127.0.0.1:8080/x") == "127.0.0.1:8080");
  CHECK(wv::url_host("https://ck:cs@shop.example.com") == "shop.example.com");
  CHECK(wv::redact_url("https://ck_abc:cs_def@shop.example.com/x?a=1") ==
        "https://shop.example.com/x?a=1");
  CHECK(wv::redact_url("https://s.example/wp-json/wc/v3/orders?consumer_key=ck_1234&"
                       "consumer_secret=cs_5678&page=2") ==
        "https://s.example/wp-json/wc/v3/orders?consumer_key=***&consumer_secret=***&page=2");
  CHECK(wv::redact_url("http://s.example/x?oauth_consumer_key=ck_1&oauth_nonce=n&"
                       "oauth_signature=abc%3D&oauth_timestamp=1#frag") ==
        "http://s.example/x?oauth_consumer_key=ck_1&oauth_nonce=n&oauth_signature=***&"
        "oauth_timestamp=1#frag");
  CHECK(wv::redact_url("https://id.example/connect/authorize?code=xyz&state=s") ==
        "https://id.example/connect/authorize?code=***&state=s");
  CHECK(wv::redact_url("https://api.example/v2/articles?$filter=Number%20eq%20'A1'") ==
        "https://api.example/v2/articles?$filter=Number%20eq%20'A1'");
}

TEST_CASE("error bodies are summarised in one line", "[http][redact]") {
  auto visma = wv::summarise_error_body(
      R"({"ErrorCode":4010,"DeveloperErrorMessage":"API calls quota exceeded! maximum admitted 600 per Minute. Try again in 55 seconds.","ErrorId":"abc"})");
  CHECK(visma.message ==
        "API calls quota exceeded! maximum admitted 600 per Minute. Try again in 55 seconds.");
  CHECK(visma.remote_code == "4010");
  auto woo = wv::summarise_error_body(
      R"({"code":"woocommerce_rest_cannot_view","message":"Sorry, you cannot list resources.","data":{"status":401}})");
  CHECK(woo.message == "Sorry, you cannot list resources.");
  CHECK(woo.remote_code == "woocommerce_rest_cannot_view");
  auto html = wv::summarise_error_body("<html>\n<body>\r\n  502 Bad Gateway\n</body></html>");
  CHECK(html.message == "<html> <body> 502 Bad Gateway </body></html>");
  auto token = wv::summarise_error_body(R"({"error":"invalid_grant","access_token":"eyJsecret"})");
  CHECK(token.remote_code == "invalid_grant");
  CHECK(token.message.find("eyJsecret") == std::string::npos);
  auto text = wv::summarise_error_body("Authorization: Bearer abc.def");
  CHECK(text.message.find("abc.def") == std::string::npos);
  const std::string long_body(5000, 'x');
  CHECK(wv::summarise_error_body(long_body).message.size() <= 210);
  CHECK(wv::summarise_error_body("").message.empty());
}
