#pragma once
// Custom field mappings ([[field_mapping]] in the config): copy a value from a WooCommerce order
// into a field of the Visma document or customer, without recompiling.
//
// Sources (`from`): "meta:<key>" (an order meta value, e.g. meta:customer_reference),
// "billing.<field>" / "shipping.<field>" (first_name, last_name, company, address_1, address_2,
// city, state, postcode, country, email, phone), and the order's "number", "payment_method",
// "payment_method_title", "transaction_id", "customer_note".
// Targets (`to`, typed by the config: see kDocumentMappingTargets and kCustomerMappingTargets
// in core/config/config_enums.hpp): on the document (entity "order") its references, the
// delivery method, or an extra text row (DocumentField::RowText); on the customer (entity
// "customer", applied when woovisma creates it) its phones, e-mail, contact person,
// organisation and VAT numbers, and note.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/config.hpp"
#include "core/domain/accounting.hpp"
#include "core/domain/shop.hpp"
#include "core/error.hpp"

namespace wv {

/// The value `from` names on `order`; nullopt when the order has none (empty values count as
/// none). `from` must be valid (see validate_field_mappings).
std::optional<std::string> order_value(const Order& order, std::string_view from);

/// Ok when every mapping's source is known and its target is a field of its entity; fails with
/// Config naming the first that is not (mappings for products are refused: no command of this
/// version applies them).
Status validate_field_mappings(const std::vector<FieldMapping>& mappings);

/// Like validate_field_mappings, and also refuses (with Config, saying why) a mapping onto the
/// field that carries the order number (orders.reference_field) or onto the customer field
/// that orders.customer_match looks customers up by (the e-mail for "email", the organisation
/// number for "org-number"): a mapped value there would stop woovisma finding what it made.
Status validate_field_mappings(const std::vector<FieldMapping>& mappings, const OrdersConfig& orders);

/// Applies the "order" mappings to `document`. Fails with Rejected when a value is longer than
/// Visma allows in its target field (core/domain/field_limits.hpp; the message names both).
Status apply_document_mappings(const std::vector<FieldMapping>& mappings, const Order& order,
                               SalesDocument& document);

/// Applies the "customer" mappings to a customer about to be created. Fails like
/// apply_document_mappings.
Status apply_customer_mappings(const std::vector<FieldMapping>& mappings, const Order& order,
                               AccountingCustomer& customer);

}  // namespace wv
