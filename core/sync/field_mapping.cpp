#include "core/sync/field_mapping.hpp"

#include <map>

#include "core/domain/field_limits.hpp"
#include "core/text.hpp"

namespace wv {
namespace {

const std::string* address_field(const Address& a, std::string_view field) {
  static const std::map<std::string, std::string Address::*, std::less<>> fields = {
      {"first_name", &Address::first_name}, {"last_name", &Address::last_name}, {"company", &Address::company},
      {"address_1", &Address::address_1},   {"address_2", &Address::address_2}, {"city", &Address::city},
      {"state", &Address::state},           {"postcode", &Address::postcode},   {"country", &Address::country},
      {"email", &Address::email},           {"phone", &Address::phone}};
  const auto it = fields.find(field);
  return it == fields.end() ? nullptr : &(a.*(it->second));
}

const std::string* order_field(const Order& o, std::string_view field) {
  if (field == "number") return &o.number;
  if (field == "payment_method") return &o.payment_method;
  if (field == "payment_method_title") return &o.payment_method_title;
  if (field == "transaction_id") return &o.transaction_id;
  if (field == "customer_note") return &o.customer_note;
  return nullptr;
}

bool valid_source(std::string_view from) {
  static const Order probe;
  if (from.starts_with("meta:")) return from.size() > 5;
  if (from.starts_with("billing.")) return address_field(probe.billing, from.substr(8)) != nullptr;
  if (from.starts_with("shipping.")) return address_field(probe.shipping, from.substr(9)) != nullptr;
  return order_field(probe, from) != nullptr;
}

Status check_length(const FieldMapping& m, const std::string& value, std::size_t max, const Order& order) {
  if (max == 0 || utf8_length(value) <= max) return {};
  return fail(ErrorKind::Rejected, "order " + order.number + ": the value of " + m.from + " (" +
                                       std::to_string(utf8_length(value)) + " characters) is longer than Visma's " +
                                       std::to_string(max) + " for " + to_string(m.to) +
                                       "; shorten it or change the field mapping");
}

// Why writing `target` would break a lookup woovisma relies on; nullopt when it would not.
std::optional<std::string> conflict(const MappingTarget& target, const OrdersConfig& orders) {
  if (target == MappingTarget{document_field(orders.reference_field)}) {
    return std::string("it carries the order number (orders.reference_field) that finds documents again");
  }
  if (orders.customer_match == CustomerMatch::Email && target == MappingTarget{CustomerField::Email}) {
    return std::string("orders.customer_match = \"email\" finds customers by it: a mapped e-mail would make "
                       "the next lookup miss the customer and create a duplicate");
  }
  if (orders.customer_match == CustomerMatch::OrgNumber &&
      target == MappingTarget{CustomerField::OrganisationNumber}) {
    return std::string("orders.customer_match = \"org-number\" finds customers by it: a mapped number would "
                       "make the next lookup miss the customer and create a duplicate");
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> order_value(const Order& order, std::string_view from) {
  const std::string* value = nullptr;
  std::string meta;
  if (from.starts_with("meta:")) {
    auto found = find_meta(order.meta, std::string(from.substr(5)));
    if (!found) return std::nullopt;
    meta = *found;
    value = &meta;
  } else if (from.starts_with("billing.")) {
    value = address_field(order.billing, from.substr(8));
  } else if (from.starts_with("shipping.")) {
    value = address_field(order.shipping, from.substr(9));
  } else {
    value = order_field(order, from);
  }
  if (value == nullptr) return std::nullopt;
  std::string text = trim(*value);
  if (text.empty()) return std::nullopt;
  return text;
}

Status validate_field_mappings(const std::vector<FieldMapping>& mappings) {
  for (std::size_t i = 0; i < mappings.size(); ++i) {
    const auto& m = mappings[i];
    const std::string where = "field_mapping[" + std::to_string(i) + "]";
    if (!valid_source(m.from)) {
      return fail(ErrorKind::Config, where + ".from = \"" + m.from +
                                         "\" is not a source woovisma knows; use meta:KEY, billing.FIELD, "
                                         "shipping.FIELD, number, payment_method, payment_method_title, "
                                         "transaction_id or customer_note");
    }
    if (m.entity == "product") {
      return fail(ErrorKind::Config, where + " maps a product field, which no command of this version applies; "
                                             "remove it");
    }
    // The config reads `to` by entity, so a mismatch comes only from a program building mappings.
    const bool fits = m.entity == "customer" ? std::holds_alternative<CustomerField>(m.to)
                                             : std::holds_alternative<DocumentField>(m.to);
    if (!fits) {
      return fail(ErrorKind::Config, where + " has no " + (m.entity == "customer" ? "customer" : "document") +
                                         " field to write");
    }
  }
  return {};
}

Status validate_field_mappings(const std::vector<FieldMapping>& mappings, const OrdersConfig& orders) {
  if (auto s = validate_field_mappings(mappings); !s) return s;
  for (std::size_t i = 0; i < mappings.size(); ++i) {
    const auto& m = mappings[i];
    if (m.entity == "product") continue;
    if (auto why = conflict(m.to, orders)) {
      return fail(ErrorKind::Config, "field_mapping[" + std::to_string(i) + "] writes " + to_string(m.to) +
                                         ", which woovisma must not overwrite: " + *why +
                                         "; map into another field");
    }
  }
  return {};
}

Status apply_document_mappings(const std::vector<FieldMapping>& mappings, const Order& order,
                               SalesDocument& document) {
  for (const auto& m : mappings) {
    if (m.entity != "order") continue;
    auto value = order_value(order, m.from);
    if (!value) continue;
    const auto* field = std::get_if<DocumentField>(&m.to);
    if (field == nullptr) continue;  // refused by validate_field_mappings
    if (auto s = check_length(m, *value, max_length(*field, document.kind), order); !s) return s;
    if (*field == DocumentField::RowText) {
      SalesRow row;
      row.is_text_row = true;
      row.text = *value;
      document.rows.insert(document.rows.begin(), row);
      for (std::size_t i = 0; i < document.rows.size(); ++i) document.rows[i].line_number = static_cast<int>(i + 1);
    } else {
      set_text(document, *field, *value);
    }
  }
  return {};
}

Status apply_customer_mappings(const std::vector<FieldMapping>& mappings, const Order& order,
                               AccountingCustomer& customer) {
  for (const auto& m : mappings) {
    if (m.entity != "customer") continue;
    auto value = order_value(order, m.from);
    if (!value) continue;
    const auto* field = std::get_if<CustomerField>(&m.to);
    if (field == nullptr) continue;  // refused by validate_field_mappings
    if (auto s = check_length(m, *value, max_length(*field), order); !s) return s;
    set_text(customer, *field, *value);
  }
  return {};
}

}  // namespace wv
