// `woovisma check`: is everything in place for the configured flow? One line per check.

#include <cstdio>
#include <set>

#include "cli/commands.hpp"
#include "cli/remotes.hpp"
#include "connectors/adapters/visma_accounting_port.hpp"
#include "core/redact.hpp"
#include "core/sync/orders/configured_articles.hpp"
#include "core/sync/field_mapping.hpp"

namespace wv::cli {
namespace {

class Report {
 public:
  void ok(const std::string& what) { std::printf("OK    %s\n", redact(what).c_str()); }
  void failed(const std::string& what, const Error& e) {
    std::printf("FAIL  %s: %s\n", redact(what).c_str(), redact(e.message).c_str());
    std::fflush(stdout);
    if (!worst_ || rank(e.kind) > rank(worst_->kind)) worst_ = e;
  }
  [[nodiscard]] ExitCode exit_code() const { return worst_ ? exit_code_for(worst_->kind) : ExitCode::Ok; }
  [[nodiscard]] bool all_ok() const { return !worst_; }

 private:
  // Which failure decides the exit code: credentials first, then reachability, then the rest.
  static int rank(ErrorKind k) {
    switch (k) {
      case ErrorKind::Auth: return 3;
      case ErrorKind::Transient: return 2;
      default: return 1;
    }
  }
  std::optional<Error> worst_;
};

Error config_error(const std::string& message) { return Error(ErrorKind::Config, message); }

void check_shop(Report& report, Remotes& remotes, const ShopConfig& shop) {
  const std::string name = "woocommerce " + shop.name;
  WooClient& woo = remotes.woo(shop);
  if (auto usable = woo.usable(); !usable) return report.failed(name, usable.error());
  auto status = woo.system_status();
  if (!status) return report.failed(name + ": reach " + shop.url, status.error());
  std::string facts = "WooCommerce " + status->woocommerce_version + ", " + status->currency;
  if (status->prices_include_tax) facts += *status->prices_include_tax ? ", prices incl. VAT" : ", prices excl. VAT";
  report.ok(name + ": reached " + shop.url + " (" + facts + ")");
  auto permissions = woo.probe_permissions();
  if (!permissions) return report.failed(name + ": key permissions", permissions.error());
  if (!permissions->can_read) {
    return report.failed(name + ": key", Error(ErrorKind::Auth, permissions->read_problem +
                                                                      "; create a Read/Write key under WooCommerce > Settings > Advanced > REST API"));
  }
  if (!permissions->can_write) {
    return report.failed(name + ": key", Error(ErrorKind::Auth, permissions->write_problem +
                                                                      "; give the key Read/Write permission"));
  }
  report.ok(name + ": the key can read and write");
}

struct VismaFacts {
  std::map<std::string, Decimal> coding_vat;
  std::set<std::string> units, terms, cost_center_items;
};

// The articles the orders config names, checked exactly as sync-orders resolves them.
void check_configured_articles(Report& report, VismaClient& visma, Store& store, const Config& config,
                               const VismaFacts& facts) {
  VismaAccountingPort port(visma);
  ArticleResolver resolver(config.articles, port, store, system_clock(), facts.coding_vat);
  auto configured = resolve_configured_articles(config.orders, resolver);
  if (!configured) return report.failed("visma: configured articles", configured.error());
  for (const auto& c : configured->checked) {
    const std::string what = "visma: " + c.key + " = " + c.number;
    if (c.problem) {
      report.failed(what, *c.problem);
    } else {
      report.ok(what + " (" + c.article->vat_percent.to_plain_string() + " % VAT)");
    }
  }
}

void check_visma(Report& report, Remotes& remotes, Store& store, const Config& config) {
  VismaClient& visma = remotes.visma();
  auto settings = visma.company_settings();
  if (!settings) return report.failed("visma: token and company", settings.error());
  report.ok("visma: authorized for company " + settings->name);
  if (auto s = visma.check_scopes(); !s) {
    report.failed("visma: scopes", s.error());
  } else {
    report.ok("visma: the token has the scopes");
  }
  if (config.orders.target == DocumentTarget::SalesOrder) {
    if (settings->has_module("sales_standard") || settings->has_module("order_standard")) {
      report.ok("visma: the order module is active (orders.target = sales-order)");
    } else {
      report.failed("visma: order module",
                    config_error("orders.target is \"sales-order\" but the company has no order module; "
                                 "activate it in Visma or use \"invoice-draft\""));
    }
  }
  VismaFacts facts;
  auto codings = visma.list_article_account_codings();
  if (!codings) return report.failed("visma: article account codings", codings.error());
  for (const auto& c : *codings) facts.coding_vat[c.id] = c.vat_rate_percent;
  auto units = visma.list_units();
  if (!units) return report.failed("visma: units", units.error());
  for (const auto& u : *units) facts.units.insert(u.id);
  auto terms = visma.list_terms_of_payment();
  if (!terms) return report.failed("visma: terms of payment", terms.error());
  for (const auto& t : *terms) facts.terms.insert(t.id);

  if (!config.articles.unit_id.empty()) {
    if (facts.units.contains(config.articles.unit_id)) {
      report.ok("visma: articles.unit_id exists");
    } else {
      report.failed("visma: articles.unit_id", config_error("no unit " + config.articles.unit_id + " in Visma"));
    }
  }
  for (const auto& [rate, id] : config.articles.coding_by_vat) {
    const auto it = facts.coding_vat.find(id);
    const std::string what = "visma: articles.coding_by_vat." + rate;
    if (it == facts.coding_vat.end()) {
      report.failed(what, config_error("no article account coding " + id + " in Visma"));
    } else if (it->second.to_plain_string() != rate) {
      report.failed(what, config_error("coding " + id + " has " + it->second.to_plain_string() + " % VAT, not " + rate + " %"));
    } else {
      report.ok(what + " exists");
    }
  }
  for (const auto& [method, id] : config.orders.terms_of_payment) {
    const std::string what = "visma: orders.terms_of_payment." + method;
    if (facts.terms.contains(id)) {
      report.ok(what + " exists");
    } else {
      report.failed(what, config_error("no terms of payment " + id + " in Visma"));
    }
  }
  if (config.orders.terms_of_payment.empty()) {
    report.failed("visma: orders.terms_of_payment",
                  config_error("no terms of payment configured; new customers need one (set at least \"default\")"));
  }
  bool need_items = false;
  for (const auto& shop : config.shops) need_items = need_items || !shop.cost_center_item_id.empty();
  if (need_items) {
    auto centers = visma.list_cost_centers();
    if (!centers) return report.failed("visma: cost centres", centers.error());
    std::map<std::string, bool> items;
    for (const auto& c : *centers) {
      for (const auto& i : c.items) items[i.id] = i.is_active && c.is_active;
    }
    for (const auto& shop : config.shops) {
      if (shop.cost_center_item_id.empty()) continue;
      const std::string what = "visma: shop " + shop.name + " cost_center_item_id";
      const auto it = items.find(shop.cost_center_item_id);
      if (it == items.end()) {
        report.failed(what, config_error("no cost centre item " + shop.cost_center_item_id + " in Visma"));
      } else if (!it->second) {
        report.failed(what, config_error("cost centre item " + shop.cost_center_item_id + " is inactive"));
      } else {
        report.ok(what + " exists and is active");
      }
    }
  }
  check_configured_articles(report, visma, store, config, facts);
}

Result<ExitCode> run_check(Context& ctx) {
  Report report;
  auto config = ctx.config();
  if (!config) {
    report.failed("config", config.error());
    return report.exit_code();
  }
  const Config& c = **config;
  report.ok("config: " + (c.source.empty() ? std::string("(defaults and environment)") : c.source.string()) +
            ", flow " + to_string(c.flow) + ", " + std::to_string(c.shops.size()) + " shop(s)");
  if (auto s = validate_for_remote_use(c, true, true); !s) {
    report.failed("config", s.error());
    return report.exit_code();
  }
  if (!c.field_mappings.empty()) {
    if (auto s = validate_field_mappings(c.field_mappings, c.orders); !s) {
      report.failed("config: field mappings", s.error());
    } else {
      report.ok("config: " + std::to_string(c.field_mappings.size()) + " field mapping(s)");
    }
  }
  auto store = ctx.writable_store();
  if (!store) {
    report.failed("store " + c.store_dir.string(), store.error());
    return report.exit_code();
  }
  report.ok("store: " + c.store_dir.string());
  Remotes remotes(c, **store);
  for (const auto& shop : c.shops) check_shop(report, remotes, shop);
  check_visma(report, remotes, **store, c);
  std::printf(report.all_ok() ? "All checks passed.\n" : "Some checks failed; see above.\n");
  return report.exit_code();
}

}  // namespace

void add_check_command(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("check", "Verify the config, both APIs and everything the flow needs");
  cmd->callback([&ctx] { ctx.set_command([&ctx] { return run_check(ctx); }); });
}

}  // namespace wv::cli
