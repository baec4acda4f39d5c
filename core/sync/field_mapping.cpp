#include "core/sync/field_mapping.hpp"

#include <map>

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

struct Target {
  std::size_t max_length;
};

const std::map<std::string, Target, std::less<>>& document_targets() {
  static const std::map<std::string, Target, std::less<>> t = {
      {"YourReference", {100}},      {"OurReference", {100}},       {"BuyersOrderReference", {35}},
      {"ElectronicReference", {100}}, {"DeliveryMethodName", {50}}, {"TextRow", {2000}}};
  return t;
}

const std::map<std::string, Target, std::less<>>& customer_targets() {
  static const std::map<std::string, Target, std::less<>> t = {
      {"Telephone", {50}},          {"MobilePhone", {50}}, {"EmailAddress", {255}}, {"ContactPersonName", {100}},
      {"CorporateIdentityNumber", {20}}, {"VatNumber", {20}}, {"Note", {4000}}};
  return t;
}

Status check_length(const FieldMapping& m, const std::string& value, std::size_t max, const Order& order) {
  if (utf8_length(value) <= max) return {};
  return fail(ErrorKind::Rejected, "order " + order.number + ": the value of " + m.from + " (" +
                                       std::to_string(utf8_length(value)) + " characters) is longer than Visma's " +
                                       std::to_string(max) + " for " + m.to + "; shorten it or change the field mapping");
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
    const auto& targets = m.entity == "customer" ? customer_targets() : document_targets();
    if (!targets.contains(m.to)) {
      std::string names;
      for (const auto& [name, t] : targets) names += (names.empty() ? "" : ", ") + name;
      return fail(ErrorKind::Config, where + ".to = \"" + m.to + "\" is not a " + m.entity +
                                         " field woovisma can write; valid: " + names);
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
    const auto target = document_targets().find(m.to);
    if (target == document_targets().end()) continue;  // refused by validate_field_mappings
    if (auto s = check_length(m, *value, target->second.max_length, order); !s) return s;
    if (m.to == "YourReference") document.your_reference = *value;
    if (m.to == "OurReference") document.our_reference = *value;
    if (m.to == "BuyersOrderReference") document.buyers_order_reference = *value;
    if (m.to == "ElectronicReference") document.electronic_reference = *value;
    if (m.to == "DeliveryMethodName") document.delivery_method_name = *value;
    if (m.to == "TextRow") {
      SalesRow row;
      row.is_text_row = true;
      row.text = *value;
      document.rows.insert(document.rows.begin(), row);
      for (std::size_t i = 0; i < document.rows.size(); ++i) document.rows[i].line_number = static_cast<int>(i + 1);
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
    const auto target = customer_targets().find(m.to);
    if (target == customer_targets().end()) continue;
    if (auto s = check_length(m, *value, target->second.max_length, order); !s) return s;
    if (m.to == "Telephone") customer.phone = *value;
    if (m.to == "MobilePhone") customer.mobile_phone = *value;
    if (m.to == "EmailAddress") customer.email = *value;
    if (m.to == "ContactPersonName") customer.contact_person_name = *value;
    if (m.to == "CorporateIdentityNumber") customer.corporate_identity_number = *value;
    if (m.to == "VatNumber") customer.vat_number = *value;
    if (m.to == "Note") customer.note = *value;
  }
  return {};
}

}  // namespace wv
