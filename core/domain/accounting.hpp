#pragma once
// What the accounting system knows: articles, customers, sales documents and the lookups they
// reference. Plain values modelled on Visma eAccounting v2; the Visma connector converts its
// wire format into these and back. Ids are Visma's GUIDs as text.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/decimal.hpp"
#include "core/money.hpp"
#include "core/time.hpp"

namespace wv {

struct Unit {
  std::string id;
  std::string name;
  std::string code;
  std::string abbreviation;
};

/// An article account coding: decides the sales accounts and the VAT rate of an article.
struct ArticleAccountCoding {
  std::string id;
  std::string name;
  std::string type;  ///< "Goods", "Service", ...
  Decimal vat_rate_percent;
  std::string vat_rate;  ///< Visma's VAT code text, e.g. "25% (MP1)"
  bool is_active = true;
  std::string domestic_sales_account;  ///< account number of domestic sales (as text)
};

struct TermsOfPayment {
  std::string id;
  std::string name;
  int number_of_days = 0;
  int type_id = 0;  ///< 0 Normal, 1 CurrentMonth, 2 Cash, 3 CardPayment, 4 DigitalWallet, 5 PSP
  bool available_for_sales = true;
};

struct CostCenterItem {
  std::string id;
  std::string cost_center_id;
  std::string name;
  std::string short_name;
  bool is_active = true;
};

struct CostCenter {
  std::string id;
  std::string name;
  int number = 0;  ///< dimension 1, 2 or 3
  bool is_active = true;
  std::vector<CostCenterItem> items;
};

struct CompanySettings {
  std::string name;
  std::string corporate_identity_number;
  CurrencyCode currency_code;
  std::vector<std::string> activated_modules;
  bool show_prices_excl_vat_for_private = false;
  bool keep_original_draft_date = false;
  bool uses_cost_center = false;
  /// 1 Standard/Smart, 2 Invoicing, 3 Bookkeeping, 4 Start/Solo, 5 Pro, 6 InvoicingCollaboration; 0 unknown
  int product_variant = 0;
  /// True when `module` (case-insensitive) is among the activated modules.
  [[nodiscard]] bool has_module(const std::string& module) const;
};

struct Article {
  std::string id;
  std::string number;  ///< the SKU, ≤ 40 characters
  std::string name;    ///< ≤ 50 characters
  std::string name_english;
  std::string unit_id;
  std::string coding_id;
  bool is_active = true;
  bool is_stock = false;
  bool is_service = false;
  Decimal net_price;
  Decimal gross_price;
  std::optional<Decimal> purchase_price;
  std::optional<Decimal> stock_balance;
  std::optional<Decimal> stock_balance_available;
  std::optional<Decimal> stock_balance_reserved;
  std::optional<Timestamp> created_utc;
  std::optional<Timestamp> changed_utc;
};

struct AccountingCustomer {
  std::string id;
  std::string customer_number;  ///< ≤ 16 characters; assigned by Visma when empty on create
  std::string name;             ///< ≤ 50 characters
  bool is_private_person = true;
  bool is_active = true;
  std::string email;
  std::string phone;
  std::string mobile_phone;
  std::string corporate_identity_number;  ///< organisation number
  std::string vat_number;
  std::string terms_of_payment_id;
  CurrencyCode currency_code;
  std::string invoice_address1;
  std::string invoice_address2;
  std::string invoice_city;
  std::string invoice_postal_code;
  std::string invoice_country_code;
  std::string delivery_customer_name;
  std::string delivery_address1;
  std::string delivery_address2;
  std::string delivery_city;
  std::string delivery_postal_code;
  std::string delivery_country_code;
  std::string contact_person_name;
  std::string note;
  std::optional<std::int64_t> webshop_customer_number;
  std::optional<Timestamp> changed_utc;
};

/// A row of an invoice draft, an invoice or a sales order.
struct SalesRow {
  int line_number = 0;
  std::string article_id;  ///< empty on a text row
  std::string article_number;
  bool is_text_row = false;
  std::string text;
  Decimal unit_price;
  /// 0–100 percent. Visma's wire value is the fraction (0–1) with at most 4 decimals, so at most
  /// 2 decimals of percent reach Visma (12.34 % → 0.1234); the connector refuses more.
  Decimal discount_percentage;
  Decimal quantity;
  Decimal delivered_quantity;  ///< sales orders only
  std::string cost_center_item_id1;
  std::string cost_center_item_id2;
  std::string cost_center_item_id3;
  std::string project_id;
  /// Read back from Visma: the row's amount as Visma computed it, when it says.
  std::optional<Decimal> amount;
};

enum class DocumentKind {
  InvoiceDraft,  ///< /customerinvoicedrafts
  Invoice,       ///< /customerinvoices
  SalesOrder,    ///< /orders
};

/// "invoice draft", "invoice", "sales order".
const char* to_string(DocumentKind kind);

/// Visma's sales order Status.
enum class SalesOrderStatus { Draft = 1, Ongoing = 2, Shipped = 3, Invoiced = 4 };

/// VAT of one rate on a document, as Visma specifies it.
struct VatSpecificationLine {
  Decimal vat_percent;
  Decimal amount_excluding_vat;
  Decimal vat_amount;
};

struct SalesDocument {
  DocumentKind kind = DocumentKind::InvoiceDraft;
  std::string id;
  std::string number;  ///< invoice or order number, once Visma has assigned one
  std::string customer_id;
  CurrencyCode currency_code;
  bool includes_vat = false;  ///< read-only in Visma: set from the customer type
  bool is_credit_invoice = false;
  /// EU triangulation (the seller is an EU intermediary); false for ordinary sales.
  bool eu_third_party = false;
  std::optional<Date> date;  ///< the invoice date, or the order date of a sales order
  std::optional<Date> due_date;
  std::optional<Date> delivery_date;
  std::string your_reference;   ///< ≤ 100
  std::string our_reference;    ///< ≤ 100
  std::string buyers_order_reference;  ///< ≤ 35
  std::string electronic_reference;
  std::string terms_of_payment_id;
  std::string invoice_customer_name;
  std::string invoice_address1;
  std::string invoice_address2;
  std::string invoice_city;
  std::string invoice_postal_code;
  std::string invoice_country_code;
  std::string delivery_customer_name;
  std::string delivery_address1;
  std::string delivery_address2;
  std::string delivery_city;
  std::string delivery_postal_code;
  std::string delivery_country_code;
  std::string delivery_method_name;
  std::vector<SalesRow> rows;
  /// Totals as Visma computed them (read back; ignored on create).
  Decimal total_amount;
  Decimal total_vat_amount;
  Decimal total_roundings;
  std::vector<VatSpecificationLine> vat_specification;
  // Invoice fields.
  std::optional<Decimal> remaining_amount;
  std::optional<int> payment_status;  ///< 0 Paid, 1 Unpaid, 2 Overdue
  std::vector<std::string> credited_by;  ///< ids of credit invoices referring to this one
  std::string created_from_draft_id;
  std::string created_from_order_id;
  // Sales order fields.
  std::optional<SalesOrderStatus> order_status;
  std::optional<Timestamp> shipped_utc;
  std::optional<Timestamp> created_utc;
  std::optional<Timestamp> modified_utc;
};

/// A payment registered on a customer invoice.
struct InvoicePayment {
  std::string company_bank_account_id;
  Date payment_date;
  Decimal amount;
  CurrencyCode currency;
  int payment_type = 2;  ///< 1 Partial, 2 Complete, 3 Rounding
};

struct SalesPriceList {
  std::string id;
  std::string name;
  CurrencyCode currency_code;
  bool is_standard = false;
  bool is_active = true;
  std::optional<Timestamp> changed_utc;
};

struct SalesPrice {
  std::string price_list_id;
  std::string article_id;
  Decimal net_price;
  Decimal gross_price;
  CurrencyCode currency_code;
  std::optional<Timestamp> changed_utc;
};

}  // namespace wv
