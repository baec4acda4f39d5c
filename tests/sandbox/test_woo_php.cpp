// The PHP and WordPress behaviour the WooCommerce emulator reproduces byte for byte.
#include <catch2/catch.hpp>

#include "sandbox/json.hpp"
#include "sandbox/woo/php.hpp"
#include "sandbox/woo/php_float.hpp"
#include "sandbox/woo/tax_math.hpp"
#include "sandbox/woo/wp_time.hpp"

using namespace wv::sandbox;
using namespace wv::sandbox::woo;
using wv::Decimal;

TEST_CASE("Line prices are written as PHP writes floats", "[woo][php]") {
  CHECK(php_float_text(238.4 / 2) == "119.2");
  CHECK(php_float_text(1537.592 / 3) == "512.5306666666667");
  CHECK(php_float_text(454.09434 / 2) == "227.04717");
  CHECK(php_float_text(88.392857) == "88.392857");
  CHECK(php_float_text(150.0) == "150");
  CHECK(php_float_text(-119.2) == "-119.2");
  CHECK(php_float_text(0.0) == "0");
  CHECK(php_float_text(0.0001) == "0.0001");
  CHECK(php_float_text(0.00001) == "1.0e-5");
}

TEST_CASE("JSON is written with json_encode's escapes and read back with numbers as text", "[woo][php]") {
  Json j = Json::object().add("url", "https://shop.example.com/a").add("name", "Kaffebönor \"mörk\"");
  CHECK(to_php_json(j) == R"({"url":"https:\/\/shop.example.com\/a","name":"Kaffeb\u00f6nor \"m\u00f6rk\""})");
  CHECK(to_plain_json(j) == R"({"url":"https://shop.example.com/a","name":"Kaffebönor \"mörk\""})");
  auto parsed = parse_json(R"({"a":199,"b":"199","c":119.2000,"d":[1,{"e":null}],"a":5})");
  REQUIRE(parsed);
  CHECK(parsed->find("a")->text() == "5");  // the last duplicate wins, as in json_decode
  CHECK(parsed->find("b")->is_string());
  CHECK(parsed->find("c")->is_number());
  CHECK(parsed->find("c")->text() == "119.2000");
  CHECK_FALSE(parse_json("{\"a\":").has_value());
  CHECK(to_php_json(parse_json("\"\xF0\x9F\x98\x80\"").value()) == "\"\\ud83d\\ude00\"");
}

TEST_CASE("Query strings are read as PHP reads them", "[woo][php]") {
  Json q = php_parse_str("status[]=processing&status[]=completed&a.b=1&m[k]=v&per_page=2&sig=a+b%2B");
  CHECK(php_is_list(*q.find("status")));
  CHECK(php_values(*q.find("status"))[1].text() == "completed");
  CHECK(q.find("a_b")->text() == "1");
  CHECK(q.find("m")->find("k")->text() == "v");
  CHECK(q.find("sig")->text() == "a b+");
  CHECK(wp_parse_list("processing, completed,,on-hold") == std::vector<std::string>{"processing", "completed", "on-hold"});
  CHECK(php_is_numeric("12"));
  CHECK(php_is_numeric(" 12.5e3 "));
  CHECK_FALSE(php_is_numeric("tolv"));
  CHECK_FALSE(php_is_numeric("1,5"));
}

TEST_CASE("Paging links are built like add_query_arg builds them", "[woo][php]") {
  const std::string base = "https://shop.example.com/wp-json/wc/v3/orders";
  Json params = Json::object()
                    .add("modified_after", "2026-11-24T14:33:49")
                    .add("dates_are_gmt", Json::boolean(true))
                    .add("per_page", Json::integer(2))
                    .add("page", Json::integer(1))
                    .add("status", Json::array().push(Json::string("processing")))
                    .add("dp", Json::integer(2))
                    .add("context", "view");
  CHECK(wp_paging_url(base, params, 2) ==
        base + "?modified_after=2026-11-24T14%3A33%3A49&dates_are_gmt=1&per_page=2&page=2&status%5B0%5D=processing&dp=2&context=view");
  // A false flag disappears; a value ending in '=' loses it (the OAuth signature of file 34).
  Json oauth = Json::object().add("flag", Json::boolean(false)).add("oauth_signature", "Apkz+pfK=");
  CHECK(wp_paging_url(base, oauth, 2) == base + "?oauth_signature=Apkz+pfK&page=2");
}

TEST_CASE("Slugs, paragraphs and prices look like WordPress's", "[woo][php]") {
  CHECK(sanitize_title("Kaffebönor mörkrost 500 g") == "kaffebonor-morkrost-500-g");
  CHECK(sanitize_title("Installation av belysning (per tillfälle)") == "installation-av-belysning-per-tillfalle");
  CHECK(sanitize_title("Glögg \"Jul\" 75 cl") == "glogg-jul-75-cl");
  CHECK(wpautop("Stengodsmugg, 35 cl.") == "<p>Stengodsmugg, 35 cl.</p>\n");
  CHECK(wpautop("") == "");
  PriceFormat f;
  CHECK(wc_price_html(Decimal::from_minor(194700), f) ==
        "<span class=\"woocommerce-Price-amount amount\"><bdi>1 947,00&nbsp;<span "
        "class=\"woocommerce-Price-currencySymbol\">&#107;&#114;</span></bdi></span>");
  CHECK(md5_hex("karin.lind@example.com") == "06060af7c715fe306486d12a4d79c4ff");
}

TEST_CASE("Local times follow Stockholm's summer and winter time", "[woo][php]") {
  SiteZone zone;
  CHECK(wp_local(zone, wv::parse_timestamp("2026-11-24T14:33:47Z").value()) == "2026-11-24T15:33:47");
  CHECK(wp_local(zone, wv::parse_timestamp("2026-07-01T10:00:00Z").value()) == "2026-07-01T12:00:00");
  CHECK(wp_local(zone, wv::parse_timestamp("2026-03-29T00:59:59Z").value()) == "2026-03-29T01:59:59");
  CHECK(wp_local(zone, wv::parse_timestamp("2026-03-29T01:00:00Z").value()) == "2026-03-29T03:00:00");
  CHECK(wp_gmt(wv::parse_timestamp("2026-11-24T14:33:47.900Z").value()) == "2026-11-24T14:33:47");
  CHECK(wv::format_timestamp(from_local(zone, "2026-11-24T15:33:47").value()) == "2026-11-24T14:33:47Z");
}

TEST_CASE("Tax is split from and added to prices as WC_Tax does", "[woo][php][tax]") {
  TaxRate r25{1, "SE", "", "", "", "25.0000", "Moms 25%", 1, false, true, 0, "standard"};
  TaxRate r12{2, "SE", "", "", "", "12.0000", "Moms 12%", 1, false, false, 0, "reduced-rate"};
  TaxRate r6{3, "SE", "", "", "", "6.0000", "Moms 6%", 1, false, false, 0, "low-rate"};
  auto d = [](const char* s) { return Decimal::parse(s).value(); };
  CHECK(sum(calc_inclusive_tax(d("298"), {&r25})) == d("59.6"));
  CHECK(sum(calc_inclusive_tax(d("99"), {&r12})) == d("10.607143"));
  CHECK(sum(calc_inclusive_tax(d("249"), {&r6})) == d("14.09434"));
  CHECK(sum(calc_exclusive_tax(d("1537.592"), {&r25})) == d("384.398"));
  CHECK(sum(calc_exclusive_tax(d("469.811321"), {&r6})) == d("28.188679"));
  CHECK(rate_code(r25) == "SE-MOMS 25%-1");
  CHECK(round_half_down(d("2.5"), 0) == d("2"));
  CHECK(round_half_down(d("2.51"), 0) == d("3"));
  CHECK(floor_whole(d("833.3333")) == d("833"));
}
