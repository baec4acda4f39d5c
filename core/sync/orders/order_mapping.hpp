#pragma once
// WooCommerce order → Visma sales document (invoice draft, invoice or sales order). Pure: no
// I/O; everything it needs from Visma (articles, the customer, the shipping and fee articles)
// is looked up beforehand and passed in.
//
// The document's total and its VAT per rate, as Visma will compute them, equal the order's to
// the öre, or the mapping fails with a reason; it never produces a document that is off.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config.hpp"
#include "core/domain/accounting.hpp"
#include "core/domain/shop.hpp"
#include "core/error.hpp"
#include "core/sync/articles/article_ref.hpp"
#include "core/sync/orders/visma_math.hpp"

namespace wv {

/// Articles keyed by VAT percent as written in the config ("25", "12", "6", "0"), with
/// "default" for any rate without its own.
using ArticlesByVat = std::map<std::string, ArticleRef>;

/// The article for `percent` in `table`, or its "default", or nullopt.
std::optional<ArticleRef> article_for_rate(const ArticlesByVat& table, Decimal percent);

/// What the mapping needs to know, resolved from the config and Visma before it runs.
struct OrderMappingSettings {
  DocumentKind kind = DocumentKind::InvoiceDraft;
  DocumentDate document_date = DocumentDate::Created;
  DiscountStyle discounts = DiscountStyle::RowDiscount;
  MissingSkuPolicy missing_sku = MissingSkuPolicy::Fail;
  DocumentReferenceField reference_field = DocumentReferenceField::BuyerReference;
  bool copy_customer_note = true;
  bool copy_payment_method = true;
  std::string cost_center_item_id;
  CurrencyCode company_currency = "SEK";
  ArticlesByVat shipping_articles;
  ArticlesByVat fee_articles;
  ArticlesByVat discount_articles;  ///< for discount rows
  ArticlesByVat generic_articles;   ///< rows for lines whose SKU Visma lacks (text-row policy)
  /// A VAT-free article for the öre rounding row that keeps VAT per rate exact where Visma's
  /// rounding of net amounts cannot reach WooCommerce's VAT; nullopt = fail such orders instead.
  std::optional<ArticleRef> rounding_article;
};

/// The order-specific inputs.
struct OrderMappingInput {
  std::string customer_id;
  /// Whether Visma will treat the document's prices as including VAT (a private customer in a
  /// company that shows prices incl. VAT to private persons).
  bool includes_vat = true;
  std::string terms_of_payment_id;
  /// The Visma article with the given number, or nullopt when Visma has none.
  std::function<std::optional<ArticleRef>(const std::string& number)> find_article;
};

struct MappedDocument {
  SalesDocument document;
  /// What Visma will compute for the document (equal to the order's total and VAT per rate).
  DocumentTotals expected;
  /// Lines that needed a split or an öre moved, for the log.
  std::vector<std::string> notes;
};

/// The document for `order`. A shipping or fee line whose `taxes` name several VAT rates (a
/// negative fee, whose tax WooCommerce spreads over the cart's tax classes) becomes one row per
/// rate on that rate's shipping or fee article, each rate's net being the amount its VAT was
/// charged on (what the taxed rates leave of the line is VAT-free, at 0 %). Fails with Rejected,
/// naming the line and what to do, when a SKU is missing under the fail policy, an article's VAT
/// rate differs from the rate the shop charged, a product line carries several VAT rates, an
/// article for shipping or fees is not configured for a rate (naming the config key), or the
/// order's own amounts do not add up.
Result<MappedDocument> map_order(const Order& order, const OrderMappingInput& input,
                                 const OrderMappingSettings& settings);

/// The order's total and VAT per rate as WooCommerce states them (tax_lines).
struct ShopTotals {
  Decimal total;
  std::map<Decimal, Decimal> vat_by_rate;
};
/// Fails with Rejected when a tax line has no usable rate.
Result<ShopTotals> shop_totals(const Order& order);

}  // namespace wv
