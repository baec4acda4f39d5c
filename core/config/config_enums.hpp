#pragma once
// The names the config file and the environment use for enum values, in one table per enum,
// so that parsing, printing and the "valid values" of error messages cannot disagree.
// Internal to core/config (and its tests).

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/config/config.hpp"

namespace wv::config_detail {

template <class E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

/// Specialised for every enum the config file names; `entries` lists each value once, in the
/// order the documentation gives them.
template <class E>
struct EnumNames;

template <>
struct EnumNames<Flow> {
  static constexpr NameTable<Flow, 3> entries{
      {{Flow::Ecom, "ecom"}, {Flow::Erp, "erp"}, {Flow::Combo, "combo"}}};
};
template <>
struct EnumNames<LogLevel> {
  static constexpr NameTable<LogLevel, 5> entries{{{LogLevel::Error, "error"},
                                                   {LogLevel::Warn, "warn"},
                                                   {LogLevel::Info, "info"},
                                                   {LogLevel::Debug, "debug"},
                                                   {LogLevel::Trace, "trace"}}};
};
template <>
struct EnumNames<LogFormat> {
  static constexpr NameTable<LogFormat, 2> entries{
      {{LogFormat::Text, "text"}, {LogFormat::Json, "json"}}};
};
template <>
struct EnumNames<WooAuth> {
  static constexpr NameTable<WooAuth, 4> entries{{{WooAuth::Auto, "auto"},
                                                  {WooAuth::Basic, "basic"},
                                                  {WooAuth::OAuth1, "oauth1"},
                                                  {WooAuth::Query, "query"}}};
};
template <>
struct EnumNames<DocumentTarget> {
  static constexpr NameTable<DocumentTarget, 3> entries{
      {{DocumentTarget::InvoiceDraft, "invoice-draft"},
       {DocumentTarget::Invoice, "invoice"},
       {DocumentTarget::SalesOrder, "sales-order"}}};
};
template <>
struct EnumNames<DocumentDate> {
  static constexpr NameTable<DocumentDate, 2> entries{
      {{DocumentDate::Created, "created"}, {DocumentDate::Paid, "paid"}}};
};
template <>
struct EnumNames<CustomerMatch> {
  static constexpr NameTable<CustomerMatch, 4> entries{
      {{CustomerMatch::Email, "email"},
       {CustomerMatch::OrgNumber, "org-number"},
       {CustomerMatch::ShopCustomerId, "customer-id"},
       {CustomerMatch::SharedGuest, "shared-guest"}}};
};
template <>
struct EnumNames<CustomerNumbering> {
  static constexpr NameTable<CustomerNumbering, 2> entries{
      {{CustomerNumbering::Visma, "visma"}, {CustomerNumbering::Prefixed, "prefixed"}}};
};
template <>
struct EnumNames<MissingSkuPolicy> {
  static constexpr NameTable<MissingSkuPolicy, 3> entries{
      {{MissingSkuPolicy::CreateArticle, "create-article"},
       {MissingSkuPolicy::Fail, "fail"},
       {MissingSkuPolicy::TextRow, "text-row"}}};
};
template <>
struct EnumNames<DiscountStyle> {
  static constexpr NameTable<DiscountStyle, 2> entries{
      {{DiscountStyle::RowDiscount, "row-discount"},
       {DiscountStyle::DiscountRows, "discount-rows"}}};
};
template <>
struct EnumNames<RefundPolicy> {
  static constexpr NameTable<RefundPolicy, 2> entries{
      {{RefundPolicy::Credit, "credit"}, {RefundPolicy::Report, "report"}}};
};

// The reference fields every document target (draft, invoice, sales order) has, by their Visma
// names: the user picks one. ElectronicReference is missing from sales orders, so not offered.
template <>
struct EnumNames<DocumentReferenceField> {
  static constexpr NameTable<DocumentReferenceField, 3> entries{
      {{DocumentReferenceField::BuyerReference, "YourReference"},
       {DocumentReferenceField::SellerReference, "OurReference"},
       {DocumentReferenceField::PurchaseOrderNumber, "BuyersOrderReference"}}};
};

// The fields a [[field_mapping]] can write, by their Visma names: the user picks one.
inline constexpr NameTable<DocumentField, 6> kDocumentMappingTargets{
    {{DocumentField::BuyerReference, "YourReference"},
     {DocumentField::SellerReference, "OurReference"},
     {DocumentField::PurchaseOrderNumber, "BuyersOrderReference"},
     {DocumentField::EInvoiceReference, "ElectronicReference"},
     {DocumentField::ShippingMethod, "DeliveryMethodName"},
     {DocumentField::RowText, "TextRow"}}};  // an extra text row, first on the document
inline constexpr NameTable<CustomerField, 7> kCustomerMappingTargets{
    {{CustomerField::Phone, "Telephone"},
     {CustomerField::Mobile, "MobilePhone"},
     {CustomerField::Email, "EmailAddress"},
     {CustomerField::ContactPerson, "ContactPersonName"},
     {CustomerField::OrganisationNumber, "CorporateIdentityNumber"},
     {CustomerField::VatRegistration, "VatNumber"},
     {CustomerField::Note, "Note"}}};

/// The value `table` names `name`, or nullopt.
template <class E, std::size_t N>
std::optional<E> lookup_name(const NameTable<E, N>& table, std::string_view name) {
  for (const auto& [value, value_name] : table) {
    if (value_name == name) return value;
  }
  return std::nullopt;
}

/// "a, b, c": every name in `table`, for error messages.
template <class E, std::size_t N>
std::string table_names(const NameTable<E, N>& table) {
  std::string out;
  for (const auto& entry : table) {
    if (!out.empty()) out += ", ";
    out += entry.second;
  }
  return out;
}

/// The value named `name` (exact, case-sensitive), or nullopt when no value has that name.
template <class E>
std::optional<E> enum_from_name(std::string_view name) {
  for (const auto& [value, value_name] : EnumNames<E>::entries) {
    if (value_name == name) return value;
  }
  return std::nullopt;
}

/// The name of `value`; every value has one.
template <class E>
std::string_view enum_name(E value) {
  for (const auto& [candidate, name] : EnumNames<E>::entries) {
    if (candidate == value) return name;
  }
  return EnumNames<E>::entries.front().second;  // unreachable for a valid enum value
}

/// "a, b, c": every valid name, for error messages.
template <class E>
std::string enum_valid_names() {
  std::string out;
  for (const auto& entry : EnumNames<E>::entries) {
    if (!out.empty()) out += ", ";
    out += entry.second;
  }
  return out;
}

}  // namespace wv::config_detail
