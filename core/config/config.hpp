#pragma once
// The whole configuration of a run, after the config file, the environment and the command
// line have been merged (command line > environment > file > defaults). Every key is
// documented with its default in man/woovisma.toml.5.

#include <chrono>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/decimal.hpp"
#include "core/domain/accounting_fields.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/time.hpp"

namespace wv {

/// Who owns what (see README, "Flows").
enum class Flow {
  Ecom,   ///< WooCommerce owns products; orders and products go to Visma
  Erp,    ///< Visma owns products, prices and stock; orders go to Visma, status comes back
  Combo,  ///< WooCommerce owns products; Visma owns price and stock; status comes back
};
const char* to_string(Flow flow);

struct HttpSettings {
  std::chrono::seconds connect_timeout{10};
  std::chrono::seconds total_timeout{60};
  int max_in_flight = 4;
  int max_retries = 5;
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{60'000};
  std::size_t max_response_bytes = 64u << 20;
  std::string ca_bundle;  ///< PEM file of trusted CAs; empty = the system's
  std::string user_agent;  ///< empty = "woovisma/<version>"

  bool operator==(const HttpSettings&) const = default;
};

enum class WooAuth {
  Auto,    ///< Basic over https, OAuth 1.0a over http
  Basic,   ///< HTTP Basic (https only)
  OAuth1,  ///< OAuth 1.0a one-legged (http)
  Query,   ///< consumer_key/consumer_secret in the query string (https only; for servers that
           ///< strip the Authorization header)
};

struct ShopConfig {
  std::string name = "main";  ///< key of the shop's state in the store
  std::string url;            ///< "https://shop.example.com" (the site, not the API path)
  std::string consumer_key;
  std::string consumer_secret;
  WooAuth auth = WooAuth::Auto;
  /// Cost centre item put on every row of this shop's documents (multishop); empty = none.
  std::string cost_center_item_id;
  /// Treat the shop as https for Basic auth even over http (a TLS-terminating proxy, the
  /// sandbox).
  bool assume_https = false;

  bool operator==(const ShopConfig&) const = default;
};

struct VismaConfig {
  std::string api_url = "https://eaccountingapi.vismaonline.com/v2";
  std::string identity_url = "https://identity.vismaonline.com";
  std::string client_id;
  std::string client_secret;
  std::string redirect_uri = "http://localhost:44300/callback";
  std::vector<std::string> scopes = {"ea:api", "offline_access", "ea:sales"};
  int requests_per_minute = 600;
  int page_size = 500;
  /// Refresh the access token this long before Visma says it expires.
  std::chrono::seconds token_refresh_margin{180};

  bool operator==(const VismaConfig&) const = default;
};

enum class DocumentTarget { InvoiceDraft, Invoice, SalesOrder };
enum class DocumentDate { Created, Paid };
enum class CustomerMatch { Email, OrgNumber, ShopCustomerId, SharedGuest };
enum class CustomerNumbering { Visma, Prefixed };
enum class MissingSkuPolicy { CreateArticle, Fail, TextRow };
enum class DiscountStyle { RowDiscount, DiscountRows };
enum class RefundPolicy { Credit, Report };

/// The names the config file uses for these values ("invoice-draft", "org-number", ...).
const char* to_string(WooAuth auth);
const char* to_string(DocumentTarget target);
const char* to_string(DocumentDate date);
const char* to_string(CustomerMatch match);
const char* to_string(CustomerNumbering numbering);
const char* to_string(MissingSkuPolicy policy);
const char* to_string(DiscountStyle style);
const char* to_string(RefundPolicy policy);
const char* to_string(DocumentReferenceField field);
/// The level named `name` ("error" ... "trace"), or nullopt when there is none.
std::optional<LogLevel> parse_log_level(std::string_view name);
/// The format named `name` ("text", "json"), or nullopt when there is none.
std::optional<LogFormat> parse_log_format(std::string_view name);

struct OrdersConfig {
  DocumentTarget target = DocumentTarget::InvoiceDraft;
  std::vector<std::string> trigger_statuses = {"processing", "completed"};
  DocumentDate document_date = DocumentDate::Created;
  std::chrono::seconds overlap{600};
  /// Where the first run starts (orders modified on or after this date); later runs continue
  /// from the checkpoint. Unset: the first run needs --since.
  std::optional<Date> start_date;
  CustomerMatch customer_match = CustomerMatch::Email;
  std::string org_number_meta_key = "_billing_org_no";
  std::string vat_number_meta_key = "_billing_vat";
  /// Customer number used for all guest orders when customer_match = "shared-guest".
  std::string shared_guest_customer_number;
  CustomerNumbering customer_numbering = CustomerNumbering::Visma;
  std::string customer_number_prefix = "WC";
  MissingSkuPolicy missing_sku = MissingSkuPolicy::Fail;
  DiscountStyle discounts = DiscountStyle::RowDiscount;
  RefundPolicy refunds = RefundPolicy::Report;
  /// Article numbers for shipping per VAT percent ("25" → "FRAKT25"); "default" applies to
  /// any rate without its own entry. Keys are percents in their shortest form ("25", "12",
  /// "6", "0", "12.5"), as Decimal::to_plain_string() writes them.
  std::map<std::string, std::string> shipping_articles;
  std::map<std::string, std::string> fee_articles;
  /// Article numbers per VAT percent for discount rows (discounts = "discount-rows").
  std::map<std::string, std::string> discount_articles;
  /// Article numbers per VAT percent for lines whose SKU Visma lacks (missing_sku = "text-row"):
  /// the row shows the product's name and carries its amount and VAT.
  std::map<std::string, std::string> generic_articles;
  /// A VAT-free article for öre rounding rows, which keep VAT per rate exact where Visma's
  /// rounding cannot reach the shop's; empty = such orders fail with an explanation.
  std::string rounding_article;
  /// Status of sales orders created in Visma (target = "sales-order"): 1 Draft, 2 Ongoing.
  int sales_order_status = 2;
  /// Which document field carries the WooCommerce order number (the config names it by its
  /// Visma field name, see config_enums.hpp).
  DocumentReferenceField reference_field = DocumentReferenceField::BuyerReference;
  /// Terms of payment id per WooCommerce payment method; "default" for the rest.
  std::map<std::string, std::string> terms_of_payment;
  /// Text put on the document: the payment method title and the customer's note.
  bool copy_customer_note = true;
  bool copy_payment_method = true;
  /// How long a failed order waits before the first retry; doubles per attempt up to a day.
  std::chrono::seconds retry_base{300};

  bool operator==(const OrdersConfig&) const = default;
};

struct ArticlesConfig {
  /// Visma unit for articles this tool creates.
  std::string unit_id;
  /// Article account coding per VAT percent ("25" → coding id), for articles this tool creates.
  std::map<std::string, std::string> coding_by_vat;

  bool operator==(const ArticlesConfig&) const = default;
};

/// Where a field mapping writes: a field of the document (entity "order"), of a customer
/// woovisma creates (entity "customer"), or nothing this version applies (entity "product").
/// The config file names the field by its Visma name ("BuyersOrderReference").
using MappingTarget = std::variant<std::monostate, DocumentField, CustomerField>;
/// The name the config file uses for `target`; "" for a field no mapping can write.
const char* to_string(const MappingTarget& target);

/// A custom field mapping: copy a value from one side to the other without recompiling.
struct FieldMapping {
  std::string entity;  ///< "order", "customer", "product"
  std::string from;    ///< "meta:customer_reference", "billing.phone", ...
  MappingTarget to;

  bool operator==(const FieldMapping&) const = default;
};

struct Config {
  std::filesystem::path source;  ///< the config file read, empty when none
  /// The secrets file read (relative names resolved against the config file), empty when none.
  std::filesystem::path secrets_file;
  Flow flow = Flow::Ecom;
  std::filesystem::path store_dir = "/var/lib/woovisma";
  LogLevel log_level = LogLevel::Info;
  LogFormat log_format = LogFormat::Text;
  bool dry_run = false;
  HttpSettings http;
  VismaConfig visma;
  std::vector<ShopConfig> shops;
  OrdersConfig orders;
  ArticlesConfig articles;
  std::vector<FieldMapping> field_mappings;

  bool operator==(const Config&) const = default;
};

/// What the command line contributes (only options the user actually gave are set).
struct CommandLineOverrides {
  std::optional<std::filesystem::path> config_file;
  std::optional<std::filesystem::path> store_dir;
  std::optional<bool> dry_run;
  std::optional<LogLevel> log_level;
  std::optional<LogFormat> log_format;
};

/// Reads environment variables (a seam so tests need not touch the real environment).
class Environment {
 public:
  virtual ~Environment() = default;
  virtual std::optional<std::string> get(const std::string& name) const = 0;
};
/// The process environment.
const Environment& process_environment();

/// An environment holding exactly the given variables (tests; callers that build one).
class MapEnvironment : public Environment {
 public:
  MapEnvironment() = default;
  MapEnvironment(std::initializer_list<std::pair<const std::string, std::string>> variables)
      : variables_(variables) {}
  void set(const std::string& name, std::string value) { variables_[name] = std::move(value); }
  std::optional<std::string> get(const std::string& name) const override {
    auto it = variables_.find(name);
    if (it == variables_.end()) return std::nullopt;
    return it->second;
  }

 private:
  std::map<std::string, std::string> variables_;
};

/// Loads the configuration: the file named on the command line, else $WOOVISMA_CONFIG, else
/// none (defaults only); then the secrets file it names, the WOOVISMA_* environment and the
/// command line, each over the one before. Every secret is registered for redaction as it is
/// read. Fails with Config, naming the key and the line, for unknown keys, wrong types,
/// invalid values, missing required values, a syntax error and an unreadable file, and naming
/// the variable for an invalid environment value; refuses a config or secrets file that holds
/// secrets and can be read by group or others, saying how to fix it.
Result<Config> load_config(const CommandLineOverrides& cli, const Environment& env);

/// Checks what a command needs beyond parsing (e.g. a shop URL and keys, a Visma client id).
/// `needs_shop` / `needs_visma` say which sides the command talks to. Fails with Config for
/// the first thing missing, saying which key or environment variable to set; also refuses
/// auth "basic" or "query" to a plain-http shop unless assume_https is set.
Status validate_for_remote_use(const Config& config, bool needs_shop, bool needs_visma);

}  // namespace wv
