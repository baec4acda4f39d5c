#include "connectors/visma/odata_filter.hpp"

#include <stdexcept>

#include "core/http/http.hpp"

namespace wv {

ODataValue::ODataValue(std::string_view text) {
  literal_.reserve(text.size() + 2);
  literal_ += '\'';
  for (char c : text) {
    if (c == '\'') literal_ += '\'';  // OData escapes a quote by doubling it
    literal_ += c;
  }
  literal_ += '\'';
}

ODataValue::ODataValue(Timestamp t) : literal_(format_timestamp(t)) {}

ODataValue::ODataValue(Decimal d) : literal_(d.to_plain_string()) {}

ODataFilter ODataFilter::combine(const ODataFilter& a, const ODataFilter& b, Op op) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  // `and` binds tighter than `or`; parenthesise any operand that is not of the same operator
  // so the reader never has to know that.
  auto operand = [op](const ODataFilter& f) {
    return (f.op_ == Op::Leaf || f.op_ == op) ? f.text_ : "(" + f.text_ + ")";
  };
  return ODataFilter(operand(a) + (op == Op::And ? " and " : " or ") + operand(b), op);
}

namespace odata {

bool is_valid_field(std::string_view field) {
  auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (field.empty() || !alpha(field.front())) return false;
  for (char c : field) {
    if (!alpha(c) && !digit(c) && c != '/') return false;
  }
  return true;
}

namespace {

std::string checked(std::string_view field) {
  if (!is_valid_field(field)) {
    throw std::invalid_argument("invalid OData field name: \"" + std::string(field) + "\"");
  }
  return std::string(field);
}

ODataFilter compare(std::string_view field, const char* op, const ODataValue& value) {
  return ODataFilter::leaf(checked(field) + " " + op + " " + value.literal());
}

}  // namespace

ODataFilter eq(std::string_view field, const ODataValue& value) { return compare(field, "eq", value); }
ODataFilter ne(std::string_view field, const ODataValue& value) { return compare(field, "ne", value); }
ODataFilter gt(std::string_view field, const ODataValue& value) { return compare(field, "gt", value); }
ODataFilter lt(std::string_view field, const ODataValue& value) { return compare(field, "lt", value); }
ODataFilter ge(std::string_view field, const ODataValue& value) { return compare(field, "ge", value); }
ODataFilter le(std::string_view field, const ODataValue& value) { return compare(field, "le", value); }

ODataFilter contains(std::string_view field, std::string_view text) {
  return ODataFilter::leaf("contains(" + checked(field) + "," + ODataValue(text).literal() + ")");
}

}  // namespace odata

std::string visma_query(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    // "$" is allowed in a query (RFC 3986 sub-delims) and is how Visma documents the names.
    if (!name.empty() && name.front() == '$') {
      out += '$';
      out += url_encode(std::string_view(name).substr(1));
    } else {
      out += url_encode(name);
    }
    out += '=';
    out += url_encode(value);
  }
  return out;
}

}  // namespace wv
