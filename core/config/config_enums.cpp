#include "core/config/config_enums.hpp"

namespace wv {

using config_detail::enum_from_name;
using config_detail::enum_name;

// enum_name() returns views of string literals, so data() is NUL-terminated.
const char* to_string(Flow flow) { return enum_name(flow).data(); }
const char* to_string(WooAuth auth) { return enum_name(auth).data(); }
const char* to_string(DocumentTarget target) { return enum_name(target).data(); }
const char* to_string(DocumentDate date) { return enum_name(date).data(); }
const char* to_string(CustomerMatch match) { return enum_name(match).data(); }
const char* to_string(CustomerNumbering numbering) { return enum_name(numbering).data(); }
const char* to_string(MissingSkuPolicy policy) { return enum_name(policy).data(); }
const char* to_string(DiscountStyle style) { return enum_name(style).data(); }
const char* to_string(RefundPolicy policy) { return enum_name(policy).data(); }
const char* to_string(DocumentReferenceField field) {
  for (const auto& [value, name] : config_detail::EnumNames<DocumentReferenceField>::entries) {
    if (value == field) return name.data();
  }
  // ElectronicReference is no choice of orders.reference_field, but has a name all the same.
  return to_string(MappingTarget{document_field(field)});
}

const char* to_string(const MappingTarget& target) {
  const char* out = "";
  auto find = [&](const auto& table, auto field) {
    for (const auto& [value, name] : table) {
      if (value == field) out = name.data();
    }
  };
  if (const auto* d = std::get_if<DocumentField>(&target)) find(config_detail::kDocumentMappingTargets, *d);
  if (const auto* c = std::get_if<CustomerField>(&target)) find(config_detail::kCustomerMappingTargets, *c);
  return out;
}

std::optional<LogLevel> parse_log_level(std::string_view name) {
  return enum_from_name<LogLevel>(name);
}
std::optional<LogFormat> parse_log_format(std::string_view name) {
  return enum_from_name<LogFormat>(name);
}

}  // namespace wv
