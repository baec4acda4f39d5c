#include "tests/support/sandbox_run.hpp"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include "connectors/woocommerce/oauth1.hpp"
#include "core/crypto.hpp"
#include "core/http/curl_client.hpp"
#include "core/text.hpp"

namespace wv::testing {
namespace {

using namespace std::chrono_literals;

rapidjson::Document parse_json(const std::string& text, const std::string& what) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseNumbersAsStringsFlag>(text.c_str());
  if (doc.HasParseError()) FAIL(what << " is not JSON: " << text.substr(0, 300));
  return doc;
}

std::string str(const rapidjson::Value& v, const char* key) {
  if (!v.IsObject() || !v.HasMember(key)) return "";
  const auto& m = v[key];
  if (m.IsString()) return m.GetString();
  if (m.IsInt64()) return std::to_string(m.GetInt64());
  return "";
}

bool flag(const rapidjson::Value& v, const char* key) {
  return v.IsObject() && v.HasMember(key) && v[key].IsBool() && v[key].GetBool();
}

// Amounts come as number text (kParseNumbersAsStringsFlag) or strings; null is zero.
Decimal amount(const rapidjson::Value& v, const char* key) {
  const std::string text = str(v, key);
  if (text.empty()) return {};
  auto d = Decimal::parse(text);
  if (!d) FAIL("\"" << key << "\" is not a decimal: " << text);
  return *d;
}

std::string list_path(VismaList list) {
  switch (list) {
    case VismaList::InvoiceDrafts: return "/v2/customerinvoicedrafts";
    case VismaList::Invoices: return "/v2/customerinvoices";
    case VismaList::SalesOrders: return "/v2/orders";
  }
  return "";
}

VismaDocument document_from(VismaList list, const rapidjson::Value& d) {
  VismaDocument doc;
  doc.id = str(d, "Id");
  doc.reference = str(d, "YourReference");
  doc.customer_id = str(d, "CustomerId");
  doc.is_credit = flag(d, "IsCreditInvoice");
  doc.includes_vat = flag(d, "IncludesVat");
  switch (list) {
    case VismaList::InvoiceDrafts:
      doc.currency = str(d, "InvoiceCurrencyCode");
      doc.total = amount(d, "TotalAmount");
      doc.total_vat = amount(d, "TotalVatAmount");
      break;
    case VismaList::Invoices:
      doc.number = str(d, "InvoiceNumber");
      doc.currency = str(d, "CurrencyCode");
      doc.total = amount(d, "TotalAmountInvoiceCurrency");
      doc.total_vat = amount(d, "TotalVatAmountInvoiceCurrency");
      if (d.HasMember("VatSpecification") && d["VatSpecification"].IsArray()) {
        for (const auto& line : d["VatSpecification"].GetArray()) {
          Decimal rate = amount(line, "VatPercent");
          // Visma writes the rate as a fraction (0.25).
          if (rate <= Decimal::from_int(1)) rate = rate.times(Decimal::from_int(100), 4);
          doc.vat_by_rate[rate] += amount(line, "VatAmountInvoiceCurrency");
        }
      }
      break;
    case VismaList::SalesOrders:
      doc.number = str(d, "Number");
      doc.currency = str(d, "CurrencyCode");
      // Amount is the sum of the rows in the order's VAT mode; the customer pays the VAT on
      // top when the rows exclude it.
      doc.total_vat = amount(d, "VatAmount");
      doc.total = amount(d, "Amount") + amount(d, "RoundingsAmount") + (doc.includes_vat ? Decimal() : doc.total_vat);
      break;
  }
  if (d.HasMember("Rows") && d["Rows"].IsArray()) {
    for (const auto& row : d["Rows"].GetArray()) {
      if (!flag(row, "IsTextRow")) ++doc.article_rows;
    }
  }
  return doc;
}

// Reads `key = "value"` from the config text (the first one).
std::string config_string(const std::string& text, const std::string& key) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + " = \"", 0) != 0) continue;
    const auto start = key.size() + 4;
    const auto end = line.find('"', start);
    if (end != std::string::npos) return line.substr(start, end - start);
  }
  return "";
}

}  // namespace

bool transferable(const WooOrder& order) { return order.status == "processing" || order.status == "completed"; }

std::string describe_by_rate(const std::map<Decimal, Decimal>& by_rate) {
  std::string out;
  for (const auto& [rate, value] : by_rate) {
    if (value.is_zero()) continue;
    out += (out.empty() ? "" : ", ") + rate.to_plain_string() + " %: " + value.to_string(2);
  }
  return out;
}

std::vector<const WooOrder*> transferable_orders(const std::map<std::int64_t, WooOrder>& orders) {
  std::vector<const WooOrder*> out;
  for (const auto& [id, order] : orders) {
    if (transferable(order)) out.push_back(&order);
  }
  return out;
}

VismaDocument parse_visma_document(VismaList list, const std::string& json_object) {
  auto doc = parse_json(json_object, "a Visma document");
  REQUIRE(doc.IsObject());
  return document_from(list, doc);
}

SandboxRun::SandboxRun(SandboxRunOptions options) {
  const auto ready = dir() / "ready";
  ProcessOptions p;
  p.args = {WOOVISMA_SANDBOX_BIN, "--port", "0", "--seed", options.seed, "--write-config", config_path().string(),
            "--ready-file", ready.string(), "--fault-seed", std::to_string(options.fault_seed)};
  if (options.latency_ms > 0) {
    p.args.push_back("--latency-ms");
    p.args.push_back(std::to_string(options.latency_ms));
  }
  p.stdout_file = dir() / "sandbox.out";
  p.stderr_file = dir() / "sandbox.err";
  auto started = Process::spawn(std::move(p));
  REQUIRE(started);
  sandbox_.emplace(std::move(*started));
  if (!wait_for_file(ready, 20s)) {
    FAIL("woovisma-sandbox did not become ready: " << sandbox_->stderr_text());
  }
  std::string port;
  std::ifstream(ready) >> port;
  REQUIRE_FALSE(port.empty());
  base_url_ = "http://127.0.0.1:" + port;

  HttpClientOptions http_options;
  http_options.retry.max_retries = 0;
  http_options.total_timeout = 60s;
  http_ = std::make_unique<CurlHttpClient>(http_options);

  const std::string config = read_file(config_path());
  consumer_key_ = config_string(config, "consumer_key");
  consumer_secret_ = config_string(config, "consumer_secret");
  REQUIRE_FALSE(consumer_key_.empty());
}

SandboxRun::~SandboxRun() {
  if (!sandbox_) return;
  sandbox_->terminate();
  if (!sandbox_->wait(5s)) sandbox_->kill();
}

void SandboxRun::set_config(const std::string& section, const std::string& key, const std::string& toml_value) {
  std::vector<std::string> lines;
  {
    std::istringstream in(read_file(config_path()));
    std::string line;
    while (std::getline(in, line)) lines.push_back(line);
  }
  const std::string header = "[" + section + "]";
  const std::string wanted = key + " = " + toml_value;
  // The section runs from its header (or the file's start for the top level) to the next header.
  std::size_t begin = 0;
  bool found_section = section.empty();
  if (!section.empty()) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i] == header) {
        begin = i + 1;
        found_section = true;
        break;
      }
    }
  }
  bool done = false;
  if (found_section) {
    std::size_t end = begin;
    while (end < lines.size() && (lines[end].empty() || lines[end][0] != '[')) ++end;
    for (std::size_t i = begin; i < end && !done; ++i) {
      const std::string& l = lines[i];
      if (l.rfind(key + " =", 0) == 0 || l.rfind(key + "=", 0) == 0) {
        lines[i] = wanted;
        done = true;
      }
    }
    if (!done) lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(begin), wanted);
  } else {
    lines.push_back("");
    lines.push_back(header);
    lines.push_back(wanted);
  }
  std::ofstream out(config_path(), std::ios::trunc);
  for (const auto& l : lines) out << l << '\n';
  REQUIRE(out.flush());
}

namespace {

ProcessOptions woovisma_options(const std::filesystem::path& config, std::vector<std::string> args) {
  ProcessOptions p;
  p.args = {WOOVISMA_BIN, "--config", config.string()};
  p.args.insert(p.args.end(), args.begin(), args.end());
  p.unset_env = {"WOOVISMA_CONFIG", "WOOVISMA_STORE", "WOOVISMA_LOG_LEVEL", "WOOVISMA_LOG_FORMAT", "WOOVISMA_DRY_RUN"};
  return p;
}

}  // namespace

ProcessResult SandboxRun::woovisma(std::vector<std::string> args, std::chrono::milliseconds timeout) {
  auto r = run_process(woovisma_options(config_path(), std::move(args)), timeout);
  REQUIRE(r);
  if (r->timed_out) FAIL("woovisma did not finish in time; it printed: " << r->err);
  return *r;
}

Process SandboxRun::start_woovisma(std::vector<std::string> args) {
  auto p = Process::spawn(woovisma_options(config_path(), std::move(args)));
  REQUIRE(p);
  return std::move(*p);
}

HttpAnswer SandboxRun::request(const std::string& method, const std::string& path, const std::string& body) {
  HttpRequest r;
  r.method = method;
  r.url = base_url_ + path;
  r.body = body;
  if (!body.empty()) r.headers.push_back({"Content-Type", "application/json"});
  auto answer = http_->send(r);
  if (!answer) FAIL(method << " " << path << ": " << answer.error().message);
  return {answer->status, answer->body};
}

std::string SandboxRun::control(const std::string& method, const std::string& path, const std::string& body) {
  auto answer = request(method, path, body);
  INFO(method << " " << path << " answered " << answer.status << ": " << answer.body);
  REQUIRE(answer.status >= 200);
  REQUIRE(answer.status < 300);
  return answer.body;
}

void SandboxRun::add_faults(const std::string& json) { control("POST", "/_sandbox/faults", json); }
void SandboxRun::clear_faults() { control("DELETE", "/_sandbox/faults", ""); }

void SandboxRun::set_visma_rate_limit(int per_minute) {
  control("POST", "/_sandbox/visma/rate-limit", "{\"per_minute\":" + std::to_string(per_minute) + "}");
}

int SandboxRun::faults_fired() {
  rapidjson::Document faults;
  faults.Parse<rapidjson::kParseNumbersAsStringsFlag>(control("GET", "/_sandbox/faults", "").c_str());
  REQUIRE(faults.IsObject());
  int n = 0;
  for (const auto& rule : faults["rules"].GetArray()) n += std::stoi(rule["fired"].GetString());
  return n;
}

RequestLogSummary SandboxRun::request_log() {
  auto doc = parse_json(control("GET", "/_sandbox/log", ""), "the request log");
  RequestLogSummary s;
  s.total = std::stoul(str(doc, "total"));
  s.writes = std::stoul(str(doc, "writes"));
  for (const auto& count : doc["counts"].GetObject()) {
    s.counts[count.name.GetString()] = std::stoul(count.value.GetString());
  }
  for (const auto& r : doc["requests"].GetArray()) {
    const std::string method = str(r, "method");
    if (method != "GET" && method != "HEAD" && method != "OPTIONS") s.write_requests.push_back(method + " " + str(r, "path"));
  }
  return s;
}

void SandboxRun::clear_request_log() { control("DELETE", "/_sandbox/log", ""); }

namespace {

WooOrder woo_order_from(const rapidjson::Value& o) {
  WooOrder order;
  order.id = std::stoll(str(o, "id"));
  order.number = str(o, "number");
  order.status = str(o, "status");
  order.currency = str(o, "currency");
  order.total = amount(o, "total");
  order.total_tax = amount(o, "total_tax");
  if (o.HasMember("billing")) order.email = ascii_lower(str(o["billing"], "email"));
  for (const auto& line : o["line_items"].GetArray()) {
    order.line_item_ids.push_back(std::stoll(str(line, "id")));
    order.skus.push_back(str(line, "sku"));
  }
  for (const auto& tax : o["tax_lines"].GetArray()) {
    order.tax_by_rate[amount(tax, "rate_percent")] += amount(tax, "tax_total") + amount(tax, "shipping_tax_total");
  }
  if (o.HasMember("refunds") && o["refunds"].IsArray()) {
    for (const auto& refund : o["refunds"].GetArray()) order.refund_ids.push_back(std::stoll(str(refund, "id")));
  }
  return order;
}

}  // namespace

WooOrder SandboxRun::place_order(const std::string& json) {
  auto doc = parse_json(control("POST", "/_sandbox/woo/orders", json), "a placed order");
  return woo_order_from(doc);
}

std::pair<std::string, int> SandboxRun::woo_get(const std::string& path,
                                                const std::vector<std::pair<std::string, std::string>>& query) {
  std::string url = base_url_ + path;
  if (!query.empty()) url += "?" + build_query(query);
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  const std::string signed_url = woo::oauth1_sign_url(
      "GET", url, woo::OAuthCredentials{consumer_key_, consumer_secret_, woo::OAuthMethod::HmacSha256}, random_hex(12),
      now.count());
  auto answer = http_->send(HttpRequest::get(signed_url));
  if (!answer) FAIL("GET " << path << ": " << answer.error().message);
  INFO("GET " << path << " answered " << answer->status << ": " << answer->body.substr(0, 300));
  REQUIRE(answer->status == 200);
  int pages = 1;
  if (auto h = answer->header("x-wp-totalpages")) pages = std::max(1, std::stoi(std::string(*h)));
  return {answer->body, pages};
}

std::map<std::int64_t, WooOrder> SandboxRun::woo_orders() {
  std::map<std::int64_t, WooOrder> out;
  for (int page = 1;; ++page) {
    auto [body, pages] = woo_get("/wp-json/wc/v3/orders", {{"per_page", "100"}, {"page", std::to_string(page)}});
    auto doc = parse_json(body, "the shop's orders");
    REQUIRE(doc.IsArray());
    for (const auto& o : doc.GetArray()) {
      auto order = woo_order_from(o);
      out[order.id] = std::move(order);
    }
    if (page >= pages) break;
  }
  return out;
}

void SandboxRun::restock_everything(int quantity) {
  auto state = parse_json(control("GET", "/_sandbox/woo/state", ""), "the shop's state");
  for (const auto& item : state["stock"].GetArray()) {
    if (str(item, "stock_quantity").empty()) continue;  // not managed
    control("POST", "/_sandbox/woo/products/" + str(item, "id") + "/stock",
            "{\"stock_quantity\":" + std::to_string(quantity) + "}");
  }
}

std::string SandboxRun::visma_get(const std::string& path_and_query) {
  if (visma_token_.empty()) {
    auto tokens = parse_json(control("POST", "/_sandbox/visma/auth/tokens", "{}"), "Visma tokens");
    visma_token_ = str(tokens, "access_token");
    REQUIRE_FALSE(visma_token_.empty());
  }
  HttpRequest r = HttpRequest::get(base_url_ + path_and_query);
  r.headers.push_back({"Authorization", "Bearer " + visma_token_});
  auto answer = http_->send(r);
  if (!answer) FAIL("GET " << path_and_query << ": " << answer.error().message);
  INFO("GET " << path_and_query << " answered " << answer->status << ": " << answer->body.substr(0, 300));
  REQUIRE(answer->status == 200);
  return answer->body;
}

namespace {

// Calls `each` for every item of every page of a Visma listing.
template <class Each>
void visma_pages(SandboxRun& run, const std::string& path, Each each) {
  for (int page = 1;; ++page) {
    auto doc = parse_json(run.visma_get(path + "?$pagesize=500&$page=" + std::to_string(page)), path);
    REQUIRE(doc.IsObject());
    for (const auto& item : doc["Data"].GetArray()) each(item);
    const int pages = std::stoi(str(doc["Meta"], "TotalNumberOfPages"));
    if (page >= pages) break;
  }
}

}  // namespace

std::vector<VismaDocument> SandboxRun::visma_documents(VismaList list) {
  std::vector<VismaDocument> out;
  visma_pages(*this, list_path(list), [&](const rapidjson::Value& d) { out.push_back(document_from(list, d)); });
  return out;
}

std::map<std::string, int> SandboxRun::documents_per_reference(VismaList list, bool credits) {
  std::map<std::string, int> out;
  for (const auto& d : visma_documents(list)) {
    if (d.is_credit == credits) ++out[d.reference];
  }
  return out;
}

std::vector<VismaCustomer> SandboxRun::visma_customers() {
  std::vector<VismaCustomer> out;
  visma_pages(*this, "/v2/customers", [&](const rapidjson::Value& c) {
    out.push_back(VismaCustomer{str(c, "Id"), str(c, "CustomerNumber"), str(c, "Name"), ascii_lower(str(c, "EmailAddress")),
                                flag(c, "IsPrivatePerson")});
  });
  return out;
}

std::map<std::string, int> SandboxRun::customers_per_email() {
  std::map<std::string, int> out;
  for (const auto& c : visma_customers()) ++out[c.email];
  return out;
}

VismaDocument SandboxRun::convert_draft(const std::string& draft_id) {
  return parse_visma_document(VismaList::Invoices, control("POST", "/_sandbox/visma/drafts/" + draft_id + "/convert"));
}

VismaDocument SandboxRun::invoice_sales_order(const std::string& order_id) {
  return parse_visma_document(VismaList::Invoices, control("POST", "/_sandbox/visma/orders/" + order_id + "/invoice"));
}

std::map<std::string, VismaDocument> check_one_document_per_order(SandboxRun& run, VismaList list,
                                                                  const std::map<std::int64_t, WooOrder>& orders) {
  std::map<std::string, std::vector<VismaDocument>> by_reference;
  for (auto& d : run.visma_documents(list)) {
    if (!d.is_credit) by_reference[d.reference].push_back(std::move(d));
  }
  std::map<std::string, VismaDocument> out;
  std::set<std::string> numbers;
  for (const auto& [id, order] : orders) {
    numbers.insert(order.number);
    INFO("order " << order.number << " (" << order.status << ", " << order.total.to_string(2) << " " << order.currency << ")");
    const auto found = by_reference.find(order.number);
    const std::size_t count = found == by_reference.end() ? 0 : found->second.size();
    if (!transferable(order)) {
      CHECK(count == 0);
      continue;
    }
    CHECK(count == 1);
    if (count == 0) continue;
    const VismaDocument& doc = found->second.front();
    CHECK(doc.currency == order.currency);
    CHECK(doc.total.to_string(2) == order.total.to_string(2));
    CHECK(doc.total_vat.to_string(2) == order.total_tax.to_string(2));
    out[order.number] = doc;
  }
  for (const auto& [reference, docs] : by_reference) {
    INFO("Visma document with reference \"" << reference << "\"");
    CHECK(numbers.contains(reference));
  }
  return out;
}

}  // namespace wv::testing
