// The emulator's hard-coded field rules must agree with Visma's published swagger description:
// the same fields, types, required flags, maximum lengths and read-only flags.

#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include <set>
#include <string>

#include "sandbox/visma/schema.hpp"
#include "tests/support/fixtures.hpp"

using namespace wv::sandbox::visma;

namespace {

std::string expected_type(const rapidjson::Value& prop, std::string& ref) {
  ref.clear();
  auto ref_of = [](const rapidjson::Value& v) {
    std::string r = v["$ref"].GetString();
    return r.substr(r.rfind('/') + 1);
  };
  if (prop.HasMember("$ref")) {
    ref = ref_of(prop);
    return "Object";
  }
  const std::string type = prop.HasMember("type") ? prop["type"].GetString() : "";
  const std::string format = prop.HasMember("format") ? prop["format"].GetString() : "";
  if (type == "array") {
    if (prop.HasMember("items") && prop["items"].HasMember("$ref")) ref = ref_of(prop["items"]);
    return "Array";
  }
  if (type == "string") return format == "uuid" ? "Uuid" : format == "date-time" ? "DateTime" : "String";
  if (type == "integer") return "Integer";
  if (type == "number") return "Number";
  if (type == "boolean") return "Boolean";
  return "Object";
}

std::string name_of(FieldType t) {
  switch (t) {
    case FieldType::String: return "String";
    case FieldType::Uuid: return "Uuid";
    case FieldType::DateTime: return "DateTime";
    case FieldType::Integer: return "Integer";
    case FieldType::Number: return "Number";
    case FieldType::Boolean: return "Boolean";
    case FieldType::Array: return "Array";
    case FieldType::Object: return "Object";
  }
  return "?";
}

}  // namespace

TEST_CASE("the emulator's rule table agrees with Visma's swagger description", "[visma][spec]") {
  const std::string text = wv::testing::read_file(wv::testing::shared_dir() / "specs/visma/eaccounting-v2.swagger.json");
  rapidjson::Document spec;
  spec.Parse(text.c_str(), text.size());
  REQUIRE_FALSE(spec.HasParseError());
  const auto& definitions = spec["definitions"];

  std::set<std::string> emulated;
  for (const auto& s : all_schemas()) emulated.insert(std::string(s.name));
  // The definitions behind every endpoint the emulator serves are in the table.
  for (const char* needed : {"ArticleApi", "CustomerApi", "CustomerInvoiceDraftApi", "CustomerInvoiceDraftRowApi",
                             "CustomerInvoiceApi", "CustomerInvoiceRowApi", "OrderApi", "OrderRowApi", "UnitApi",
                             "ArticleAccountCodingAPI", "TermsOfPaymentApi", "CostCenterApi", "CostCenterItemApi",
                             "CompanySettingsApi", "BankAccountApi", "FiscalYearApi", "SalesPriceListApi",
                             "SalesPriceListRowApi", "InvoicePaymentApi", "PaginationMetadata"}) {
    CHECK(emulated.contains(needed));
  }

  for (const auto& s : all_schemas()) {
    INFO("definition " << s.name);
    REQUIRE(definitions.HasMember(std::string(s.name).c_str()));
    const auto& def = definitions[std::string(s.name).c_str()];
    std::set<std::string> required;
    if (def.HasMember("required")) {
      for (const auto& r : def["required"].GetArray()) required.insert(r.GetString());
    }
    const auto& props = def["properties"];
    std::set<std::string> spec_fields;
    for (auto it = props.MemberBegin(); it != props.MemberEnd(); ++it) spec_fields.insert(it->name.GetString());
    std::set<std::string> table_fields;
    for (const auto& f : s.fields) table_fields.insert(std::string(f.name));
    CHECK(table_fields == spec_fields);

    for (const auto& f : s.fields) {
      const std::string name(f.name);
      INFO("field " << name);
      if (!props.HasMember(name.c_str())) continue;
      const auto& prop = props[name.c_str()];
      std::string ref;
      CHECK(name_of(f.type) == expected_type(prop, ref));
      CHECK(std::string(f.ref) == ref);
      CHECK(f.required == required.contains(name));
      const int max_length = prop.HasMember("maxLength") ? prop["maxLength"].GetInt() : 0;
      CHECK(f.max_length == max_length);
      const bool read_only = prop.HasMember("readOnly") && prop["readOnly"].GetBool();
      CHECK(f.read_only == read_only);
    }
  }
}

TEST_CASE("the decimal rules name fields that exist and are numbers", "[visma][spec]") {
  for (const auto& s : all_schemas()) {
    for (const auto& f : s.fields) {
      if (max_decimals(s.name, f.name) >= 0) CHECK(f.type == FieldType::Number);
    }
  }
  CHECK(max_decimals("ArticleApi", "NetPrice") == 2);
  CHECK(max_decimals("CustomerInvoiceDraftRowApi", "DiscountPercentage") == 4);
  CHECK(max_decimals("ArticleApi", "Name") == -1);
}
