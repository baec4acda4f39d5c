// The [orders] and [articles] tables and the [[field_mapping]] tables: how WooCommerce
// orders become Visma documents.

#include <fmt/format.h>

#include "core/config/config_detail.hpp"
#include "core/config/config_enums.hpp"
#include "core/config/config_sections.hpp"
#include "core/decimal.hpp"

namespace wv::config_detail {
namespace {

constexpr std::int64_t kWeek = 7 * 86'400;

const std::vector<std::string> kMappingEntities = {"order", "customer", "product"};

std::optional<std::string> check_any_key(std::string_view key) {
  if (key.empty()) return "the key must not be empty";
  return std::nullopt;
}

void require_text(TableReader& table, std::string_view key, std::string& out,
                  std::string_view example) {
  const bool present = table.has(key);
  if (table.text(key, out) && out.empty()) {
    table.problem(key, fmt::format("\"{}\" must not be empty", table.path_of(key)));
  }
  if (!present) {
    table.problem_here(fmt::format("{} needs {} = \"...\" (e.g. \"{}\")", table.path(), key,
                                   example));
  }
}

// The field `name` names on `entity`, into `out`. Product targets are kept unread: no command of
// this version applies them (sync-orders refuses them, saying so).
void read_mapping_target(TableReader& table, const std::string& entity, const std::string& name,
                         MappingTarget& out) {
  std::optional<MappingTarget> target;
  std::string valid;
  if (entity == "order") {
    if (auto f = lookup_name(kDocumentMappingTargets, name)) target = *f;
    valid = table_names(kDocumentMappingTargets);
  } else if (entity == "customer") {
    if (auto f = lookup_name(kCustomerMappingTargets, name)) target = *f;
    valid = table_names(kCustomerMappingTargets);
  } else {
    return;
  }
  if (target) {
    out = *target;
    return;
  }
  table.problem("to", fmt::format("\"{}\" = \"{}\" is not a field woovisma can write on the {}; "
                                  "valid values: {}",
                                  table.path_of("to"), name, entity == "order" ? "document" : entity,
                                  valid));
}

}  // namespace

std::optional<std::string> check_vat_key(std::string_view key) {
  if (key == "default") return std::nullopt;
  const auto percent = Decimal::parse(key);
  if (!percent || percent->is_negative() || *percent > Decimal::from_int(100) ||
      key.starts_with('+')) {
    return "keys must be VAT percents such as \"25\", \"12\", \"6\" or \"0\", or \"default\"";
  }
  if (percent->to_plain_string() != key) {
    return fmt::format("write the VAT percent as \"{}\"", percent->to_plain_string());
  }
  return std::nullopt;
}

void read_orders(TableReader& orders, OrdersConfig& out) {
  orders.choice("target", out.target);
  orders.text_list("trigger_statuses", out.trigger_statuses, false);
  orders.choice("document_date", out.document_date);
  orders.seconds("overlap_seconds", out.overlap, 0, kWeek);
  orders.date("start_date", out.start_date);
  orders.choice("customer_match", out.customer_match);
  orders.text("org_number_meta_key", out.org_number_meta_key);
  orders.text("vat_number_meta_key", out.vat_number_meta_key);
  orders.text("shared_guest_customer_number", out.shared_guest_customer_number);
  if (out.customer_match == CustomerMatch::SharedGuest && out.shared_guest_customer_number.empty()) {
    orders.problem("customer_match",
                   fmt::format("\"{}\" = \"shared-guest\" needs \"{}\": the Visma customer "
                               "number guest orders are booked on",
                               orders.path_of("customer_match"),
                               orders.path_of("shared_guest_customer_number")));
  }
  if (out.customer_match == CustomerMatch::OrgNumber && out.org_number_meta_key.empty()) {
    orders.problem("customer_match",
                   fmt::format("\"{}\" = \"org-number\" needs \"{}\": the order meta key that "
                               "holds the organisation number",
                               orders.path_of("customer_match"),
                               orders.path_of("org_number_meta_key")));
  }
  orders.choice("customer_numbering", out.customer_numbering);
  orders.text("customer_number_prefix", out.customer_number_prefix);
  if (out.customer_numbering == CustomerNumbering::Prefixed && out.customer_number_prefix.empty()) {
    orders.problem("customer_numbering",
                   fmt::format("\"{}\" = \"prefixed\" needs a non-empty \"{}\"",
                               orders.path_of("customer_numbering"),
                               orders.path_of("customer_number_prefix")));
  }
  orders.choice("missing_sku", out.missing_sku);
  orders.choice("discounts", out.discounts);
  orders.choice("refunds", out.refunds);
  orders.text_map("shipping_articles", out.shipping_articles, check_vat_key);
  orders.text_map("fee_articles", out.fee_articles, check_vat_key);
  orders.text_map("discount_articles", out.discount_articles, check_vat_key);
  orders.text_map("generic_articles", out.generic_articles, check_vat_key);
  orders.text("rounding_article", out.rounding_article);
  orders.integer("sales_order_status", out.sales_order_status, 1, 2);
  orders.choice("reference_field", out.reference_field);
  orders.text_map("terms_of_payment", out.terms_of_payment, check_any_key);
  orders.flag("copy_customer_note", out.copy_customer_note);
  orders.flag("copy_payment_method", out.copy_payment_method);
  orders.seconds("retry_base_seconds", out.retry_base, 1, 86'400);
  orders.finish();
}

void read_articles(TableReader& articles, ArticlesConfig& out) {
  articles.text("unit_id", out.unit_id);
  articles.text_map("coding_by_vat", out.coding_by_vat, check_vat_key);
  articles.finish();
}

void read_field_mappings(TableReader& root, std::vector<FieldMapping>& out) {
  std::vector<FieldMapping> mappings;
  for (TableReader& table : root.table_array("field_mapping")) {
    FieldMapping mapping;
    if (!table.has("entity")) {
      table.problem_here(fmt::format("{} needs entity = \"order\", \"customer\" or \"product\"",
                                     table.path()));
    }
    table.one_of("entity", mapping.entity, kMappingEntities);
    require_text(table, "from", mapping.from, "meta:customer_reference");
    std::string to;
    require_text(table, "to", to, "BuyersOrderReference");
    if (!to.empty()) read_mapping_target(table, mapping.entity, to, mapping.to);
    table.finish();
    mappings.push_back(std::move(mapping));
  }
  out = std::move(mappings);
}

}  // namespace wv::config_detail
