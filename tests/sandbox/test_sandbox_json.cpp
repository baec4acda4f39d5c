// The emulators' shared JSON value: lookup, the two readers' dialects and the two writers.
#include <catch2/catch.hpp>

#include "sandbox/json.hpp"
#include "sandbox/visma/dotnet_number.hpp"

using wv::Decimal;
using wv::sandbox::Json;
using wv::sandbox::JsonDialect;
using wv::sandbox::parse_json;

namespace {

Json parsed(std::string_view text, JsonDialect dialect = JsonDialect::Strict) {
  auto j = parse_json(text, dialect);
  INFO(text);
  REQUIRE(j);
  return *j;
}

std::string parse_error(std::string_view text, JsonDialect dialect = JsonDialect::Strict) {
  auto j = parse_json(text, dialect);
  return j ? std::string("(parsed)") : j.error().message;
}

}  // namespace

TEST_CASE("find is exact; find_ignoring_case and the record readers fall back to any case", "[sandbox][json]") {
  const Json j = parsed(R"({"name":"exact","NAME":"upper","Rows":[1],"IsActive":true,"Qty":12,"Price":"9.5"})");
  CHECK(j.find("name")->text() == "exact");
  CHECK(j.find("Name") == nullptr);
  CHECK_FALSE(j.has("rows"));
  CHECK(j.find_ignoring_case("NAME")->text() == "upper");  // an exact match wins
  CHECK(j.find_ignoring_case("nAmE")->text() == "exact");  // otherwise the first in any case
  CHECK(j.find_ignoring_case("missing") == nullptr);
  CHECK(j["rows"].is_array());
  CHECK(j["nothing"].is_null());
  CHECK(j.str("NAME") == "upper");
  CHECK(j.str("rows").empty());
  CHECK(j.flag("isactive"));
  CHECK(j.flag("missing", true));
  CHECK(j.integer_or("qty", -1) == 12);
  CHECK(j.dec("price", Decimal::from_int(7)) == Decimal::from_int(7));  // a string is not a number
  CHECK(Json::array().find("x") == nullptr);
}

TEST_CASE("integer_or takes whole numbers only", "[sandbox][json]") {
  const Json j = parsed(R"({"a":-3,"b":1.0,"c":1e2,"d":99999999999999999999,"e":"4"})");
  CHECK(j.integer_or("a", 0) == -3);
  CHECK(j.integer_or("b", 7) == 7);
  CHECK(j.integer_or("c", 7) == 7);
  CHECK(j.integer_or("d", 7) == 7);
  CHECK(j.integer_or("e", 7) == 7);
}

TEST_CASE("objects keep their member order through set, add and erase", "[sandbox][json]") {
  Json j = Json::object().add("b", 1).add("a", "x");
  j.set("b", Json::boolean(true));
  j.set("c", Json::null());
  CHECK(j.dump() == R"({"b":true,"a":"x","c":null})");
  j.erase("a");
  j.erase("missing");
  CHECK(j.dump() == R"({"b":true,"c":null})");
  CHECK(Json::array({Json::integer(1)}).push(Json::string("2")).dump() == R"([1,"2"])");
}

TEST_CASE("numbers keep their text and a repeated key keeps its last value", "[sandbox][json]") {
  const Json j = parsed(R"({"a":119.2000,"b":"119.2","a":1e2})");
  CHECK(j.find("a")->is_number());
  CHECK(j.find("a")->text() == "1e2");
  CHECK(j.find("b")->is_string());
  CHECK(j.members().size() == 2);
  CHECK(parsed("0.10").as_decimal() == Decimal::from_minor(10));
  CHECK(parsed(R"("0.10")").as_decimal() == std::nullopt);
  CHECK(j.dump() == R"({"a":1e2,"b":"119.2"})");
}

TEST_CASE("only white space may follow the value", "[sandbox][json]") {
  CHECK(parse_error("{} x") == "invalid JSON at offset 3: text after the end of the value");
  CHECK(parse_error("{} x", JsonDialect::DotNet) == "invalid JSON at offset 3: text after the end of the value");
  CHECK(parse_error(std::string_view("{}\0", 3)) == "invalid JSON at offset 2: text after the end of the value");
  CHECK(parse_error("{\"a\":") == "invalid JSON at offset 5: Invalid value.");
  CHECK(parse_error("") == "invalid JSON at offset 0: The document is empty.");
  CHECK(parsed(" {} \r\n\t").is_object());
  // Json.NET skips any white space after the value; json_decode only JSON's four characters.
  CHECK(parse_error("{}\v\f") == "invalid JSON at offset 2: text after the end of the value");
  CHECK(parsed("{}\v\f", JsonDialect::DotNet).is_object());
}

TEST_CASE("the strict dialect demands UTF-8; the .NET one passes the bytes on", "[sandbox][json]") {
  const std::string latin1 = "\"K\xF6ket\"";
  CHECK_FALSE(parse_json(latin1).has_value());
  CHECK(parsed(latin1, JsonDialect::DotNet).text() == "K\xF6ket");
  CHECK(parsed("\"K\xC3\xB6ket\"").text() == "K\xC3\xB6ket");
  CHECK_FALSE(parse_json("\xEF\xBB\xBF{}").has_value());  // json_decode refuses a byte order mark too
}

TEST_CASE("the plain writer keeps UTF-8; the PHP writer escapes as json_encode does", "[sandbox][json]") {
  const Json j = Json::object().add("u", "a/b \"ö\" \\ \x01\x1f\t\n").add("e", "\xF0\x9F\x98\x80");
  CHECK(wv::sandbox::to_plain_json(j) == "{\"u\":\"a/b \\\"\xC3\xB6\\\" \\\\ \\u0001\\u001f\\t\\n\",\"e\":\"\xF0\x9F\x98\x80\"}");
  CHECK(wv::sandbox::to_php_json(j) ==
        R"({"u":"a\/b \"\u00f6\" \\ \u0001\u001f\t\n","e":"\ud83d\ude00"})");
  CHECK(wv::sandbox::to_php_json(Json::string("\xC3(")) == R"("\ufffd(")");  // a broken sequence
  CHECK(wv::sandbox::to_php_json(Json::array()) == "[]");
}

TEST_CASE("Visma's decimals are written as .NET writes a double", "[sandbox][json][visma]") {
  using wv::sandbox::visma::dotnet_number;
  CHECK(dotnet_number(Decimal::from_int(100)).text() == "100.0");
  CHECK(dotnet_number(*Decimal::parse("0.125")).text() == "0.125");
  CHECK(dotnet_number(Decimal::from_int(25), 0).text() == "25");
  CHECK(dotnet_number(Decimal()).is_number());
}
