#pragma once
// End-to-end fixture: a woovisma-sandbox process (both emulators) in a fresh directory with the
// config it wrote, the woovisma binary run against it, and readers for what a test asserts on:
// the control APIs, the request log, Visma's documents and customers through Visma's own API,
// and WooCommerce's orders through the signed REST API. Every failure to reach the sandbox
// fails the current test (REQUIRE), so tests read as plain statements.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/decimal.hpp"
#include "core/http/http.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/process.hpp"

namespace wv::testing {

struct SandboxRunOptions {
  std::string seed = "demo";  ///< woovisma-sandbox --seed
  int latency_ms = 0;         ///< woovisma-sandbox --latency-ms (every API answer)
  std::uint64_t fault_seed = 1;
};

/// One Visma sales document as Visma's API shows it, amounts in the document's currency.
struct VismaDocument {
  std::string id;
  std::string number;     ///< invoice or order number; empty for drafts
  std::string reference;  ///< YourReference
  std::string customer_id;
  std::string currency;
  bool is_credit = false;
  bool includes_vat = false;
  Decimal total;      ///< what the customer pays (roundings included)
  Decimal total_vat;  ///< all VAT
  /// VAT per rate in percent (25 → amount), from VatSpecification; only invoices show one.
  std::map<Decimal, Decimal> vat_by_rate;
  int article_rows = 0;  ///< rows that are not text rows
};

/// Which of Visma's document lists to read.
enum class VismaList { InvoiceDrafts, Invoices, SalesOrders };

struct VismaCustomer {
  std::string id;
  std::string number;
  std::string name;
  std::string email;  ///< lower case
  bool is_private_person = true;
};

/// One WooCommerce order as GET /wp-json/wc/v3/orders/{id} shows it.
struct WooOrder {
  std::int64_t id = 0;
  std::string number;
  std::string status;
  std::string currency;
  std::string email;  ///< billing e-mail, lower case
  Decimal total;
  Decimal total_tax;
  /// Tax per rate in percent (items and shipping), from tax_lines.
  std::map<Decimal, Decimal> tax_by_rate;
  std::vector<std::int64_t> line_item_ids;
  std::vector<std::string> skus;  ///< of the line items, in order
  std::vector<std::int64_t> refund_ids;
};

/// True for the statuses sync-orders transfers by default (processing, completed).
bool transferable(const WooOrder& order);
/// The orders of `orders` that transferable() accepts, in id order.
std::vector<const WooOrder*> transferable_orders(const std::map<std::int64_t, WooOrder>& orders);
/// "6 %: 14.09, 25 %: 69.40" of the amounts that are not zero, so that comparisons of VAT per
/// rate read well when they fail and ignore rates without VAT.
std::string describe_by_rate(const std::map<Decimal, Decimal>& by_rate);

/// The sandbox's request log, summed up.
struct RequestLogSummary {
  std::size_t total = 0;
  std::size_t writes = 0;
  std::map<std::string, std::size_t> counts;  ///< "POST /v2/customers" → 3
  /// Method and path of each write request kept in the log ("POST /v2/customerinvoicedrafts").
  std::vector<std::string> write_requests;
};

struct HttpAnswer {
  int status = 0;
  std::string body;
};

class SandboxRun {
 public:
  /// Starts woovisma-sandbox with --write-config in a fresh temporary directory and waits until
  /// it accepts connections; fails the test when it does not within a few seconds.
  explicit SandboxRun(SandboxRunOptions options = {});
  /// Stops the sandbox (SIGTERM, then SIGKILL) and removes the directory.
  ~SandboxRun();
  SandboxRun(const SandboxRun&) = delete;
  SandboxRun& operator=(const SandboxRun&) = delete;

  [[nodiscard]] const std::filesystem::path& dir() const { return dir_.path(); }
  [[nodiscard]] std::filesystem::path config_path() const { return dir() / "woovisma.toml"; }
  /// The store the config names (written by the sandbox with Visma tokens in it).
  [[nodiscard]] std::filesystem::path store_path() const { return dir() / "woovisma.toml.store"; }
  /// "http://127.0.0.1:PORT".
  [[nodiscard]] const std::string& base_url() const { return base_url_; }

  /// Sets `key = toml_value` in the config's [section] ("orders", "visma"; "" for the top
  /// level), replacing the key when it is there. `toml_value` is TOML text ("\"invoice\"", "1").
  void set_config(const std::string& section, const std::string& key, const std::string& toml_value);

  /// `woovisma --config CONFIG args...`, run to completion (killed after `timeout`), with no
  /// WOOVISMA_* variable inherited from the test's environment.
  ProcessResult woovisma(std::vector<std::string> args,
                         std::chrono::milliseconds timeout = std::chrono::seconds(120));
  /// The same, started and left running (for tests that kill it).
  Process start_woovisma(std::vector<std::string> args);

  /// A request to the sandbox itself (control API, faults, log), never retried.
  HttpAnswer request(const std::string& method, const std::string& path, const std::string& body = "");
  /// request() that must answer 2xx; its body.
  std::string control(const std::string& method, const std::string& path, const std::string& body = "{}");

  /// Adds fault rules (a rule object or {"replace":..,"rules":[..]}, see woovisma-sandbox(1)).
  void add_faults(const std::string& json);
  void clear_faults();
  /// How often the injected fault rules fired, all rules together.
  int faults_fired();
  /// Turns the emulated Visma's own 600-per-minute limit off (per_minute 0) or sets it.
  void set_visma_rate_limit(int per_minute);

  RequestLogSummary request_log();
  void clear_request_log();

  /// Places an order through the shop's control API (the body of POST /wc/v3/orders); the
  /// order as the shop shows it.
  WooOrder place_order(const std::string& json);
  /// Every order in the shop, by id (all statuses, all pages).
  std::map<std::int64_t, WooOrder> woo_orders();
  /// Sets the stock of every managed product and variation to `quantity`, so that many
  /// orders can be placed.
  void restock_everything(int quantity);

  /// Every document in `list`, all pages.
  std::vector<VismaDocument> visma_documents(VismaList list);
  /// Documents in `list` per YourReference (credits excluded unless `credits`).
  std::map<std::string, int> documents_per_reference(VismaList list, bool credits = false);
  /// Every customer in the Visma company, all pages.
  std::vector<VismaCustomer> visma_customers();
  /// Customers per e-mail address (lower case).
  std::map<std::string, int> customers_per_email();
  /// Converts a draft to an invoice as a person does in eAccounting; the invoice.
  VismaDocument convert_draft(const std::string& draft_id);
  /// Invoices a sales order as a person does in eAccounting; the invoice.
  VismaDocument invoice_sales_order(const std::string& order_id);

  /// GET of Visma's API (with a token of its own), must answer 200; the body.
  std::string visma_get(const std::string& path_and_query);
  /// Signed GET of the shop's REST API (/wp-json/wc/v3/...), must answer 200; the body and
  /// the X-WP-TotalPages header (1 when absent).
  std::pair<std::string, int> woo_get(const std::string& path, const std::vector<std::pair<std::string, std::string>>& query);

 private:
  TempDir dir_;
  std::optional<Process> sandbox_;
  std::string base_url_;
  std::unique_ptr<HttpClient> http_;
  std::string visma_token_;
  std::string consumer_key_;
  std::string consumer_secret_;
};

/// Checks (CHECK, so that every difference is reported) that each transferable order in
/// `orders` has exactly one document in `list` (credits aside) with its number as YourReference
/// and WooCommerce's currency, total and total VAT to the öre; that the other orders have none;
/// and that no document names an order the shop lacks. The documents by reference.
std::map<std::string, VismaDocument> check_one_document_per_order(SandboxRun& run, VismaList list,
                                                                  const std::map<std::int64_t, WooOrder>& orders);

/// The parts of a Visma document listing (or a single document) that tests assert on.
/// Exposed for the control API answers, which return documents in the same format.
VismaDocument parse_visma_document(VismaList list, const std::string& json_object);

}  // namespace wv::testing
