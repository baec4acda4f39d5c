// `woovisma sync-orders`: WooCommerce orders and their customers into Visma, exactly once.

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>

#include "cli/commands.hpp"
#include "cli/remotes.hpp"
#include "cli/shop_runs.hpp"
#include "connectors/adapters/visma_accounting_port.hpp"
#include "connectors/adapters/woo_shop_port.hpp"
#include "core/log.hpp"
#include "core/sync/orders/order_sync.hpp"

namespace wv::cli {
namespace {

struct SyncOrdersOptions {
  std::string shop;
  std::int64_t order = 0;
  std::string since;
  bool json = false;
};

void print_plan_text(const std::string& shop, const std::vector<PlannedDocument>& plan) {
  for (const auto& p : plan) {
    std::printf("would create a Visma %s for order %s of shop %s (customer %s):\n",
                to_string(p.document.kind), p.order_number.c_str(), shop.c_str(), p.customer.c_str());
    for (const auto& row : p.document.rows) {
      if (row.is_text_row) {
        std::printf("    %s\n", row.text.c_str());
        continue;
      }
      std::printf("  %3s × %-12s %10s%s  %s\n", row.quantity.to_plain_string().c_str(),
                  row.article_number.c_str(), row.unit_price.to_string(2).c_str(),
                  row.discount_percentage.is_zero() ? "" : (" −" + row.discount_percentage.to_plain_string() + " %").c_str(),
                  row.text.c_str());
    }
    std::printf("  total %s %s", p.total.to_string(2).c_str(), p.document.currency_code.c_str());
    for (const auto& [rate, vat] : p.vat_by_rate) {
      std::printf(", VAT %s %%: %s", rate.to_plain_string().c_str(), vat.to_string(2).c_str());
    }
    std::printf("\n");
  }
}

void print_plan_json(const std::string& shop, const std::vector<PlannedDocument>& plan) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  auto number = [&](const Decimal& d) {
    const std::string text = d.to_plain_string();
    w.RawValue(text.c_str(), text.size(), rapidjson::kNumberType);
  };
  w.StartArray();
  for (const auto& p : plan) {
    w.StartObject();
    w.Key("shop");
    w.String(shop);
    w.Key("order");
    w.String(p.order_number);
    w.Key("kind");
    w.String(to_string(p.document.kind));
    w.Key("customer");
    w.String(p.customer);
    w.Key("currency");
    w.String(p.document.currency_code);
    w.Key("includes_vat");
    w.Bool(p.document.includes_vat);
    w.Key("reference");
    w.String(p.document.your_reference);
    w.Key("rows");
    w.StartArray();
    for (const auto& row : p.document.rows) {
      w.StartObject();
      w.Key("text");
      w.String(row.text);
      if (!row.is_text_row) {
        w.Key("article");
        w.String(row.article_number);
        w.Key("quantity");
        number(row.quantity);
        w.Key("unit_price");
        number(row.unit_price);
        w.Key("discount_percent");
        number(row.discount_percentage);
      }
      w.EndObject();
    }
    w.EndArray();
    w.Key("total");
    number(p.total);
    w.Key("vat");
    w.StartObject();
    for (const auto& [rate, vat] : p.vat_by_rate) {
      w.Key(rate.to_plain_string().c_str());
      number(vat);
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  std::printf("%s\n", buffer.GetString());
}

Result<ExitCode> run_sync_orders(Context& ctx, const SyncOrdersOptions& options) {
  auto config = ctx.config();
  if (!config) return fail(config.error());
  const Config& c = **config;
  if (auto s = validate_for_remote_use(c, true, true); !s) return fail(s.error());
  OrderSyncOptions sync_options;
  sync_options.dry_run = c.dry_run;
  sync_options.in_flight = c.http.max_in_flight;
  if (options.order > 0) sync_options.only_order = options.order;
  if (!options.since.empty()) {
    auto since = parse_timestamp(options.since);
    if (!since) return fail(ErrorKind::Usage, "--since \"" + options.since + "\" is not a date (2026-11-01) or date-time");
    sync_options.since = *since;
  }
  auto shops = select_shops(c, options.shop);
  if (!shops) return fail(shops.error());
  if (sync_options.only_order && shops->size() > 1) {
    return fail(ErrorKind::Usage, "--order needs --shop NAME when the config has several shops");
  }
  auto store = ctx.writable_store();
  if (!store) return fail(store.error());
  Remotes remotes(c, **store);
  VismaAccountingPort accounting(remotes.visma());

  return run_each_shop(**store, *shops, "sync-orders", c.dry_run, [&](const ShopConfig& shop) -> Result<ShopRunOutcome> {
    WooShopPort shop_port(remotes.woo(shop));
    OrderSync sync(c, shop, shop_port, accounting, **store);
    auto report = sync.run(sync_options);
    if (!report) return fail(report.error());
    const auto& r = *report;
    if (c.dry_run) {
      options.json ? print_plan_json(shop.name, r.planned) : print_plan_text(shop.name, r.planned);
    }
    for (const auto& notice : r.notices) std::printf("notice: %s\n", notice.c_str());
    if (c.dry_run) {
      logger().info("sync-orders {} (dry run): {} documents would be created, {} orders already in Visma, "
                    "{} skipped by status, {} would fail, {} new customers", shop.name, r.planned.size(),
                    r.already, r.skipped_status, r.failed + r.unreadable, r.customers_created);
    } else if (!r.stopped_by) {
      logger().info("sync-orders {}: {} transferred, {} credited, {} already in Visma, {} skipped by status, "
                    "{} failed, {} waiting for retry, {} recovered, {} customers and {} articles created{}",
                    shop.name, r.transferred, r.credited, r.already, r.skipped_status, r.failed + r.unreadable,
                    r.waiting_retry, r.recovered, r.customers_created, r.articles_created,
                    r.interrupted ? " (interrupted)" : "");
    }
    ShopRunOutcome out;
    out.created = r.transferred + r.credited;
    out.skipped = r.skipped_status + r.already;
    out.failed = r.failed + r.unreadable;
    out.interrupted = r.interrupted;
    out.stopped_by = r.stopped_by;
    out.new_failures = r.new_failures;
    return out;
  });
}

}  // namespace

void add_sync_orders_command(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<SyncOrdersOptions>();
  auto* cmd = app.add_subcommand("sync-orders", "Transfer WooCommerce orders and their customers to Visma");
  cmd->add_option("--shop", options->shop, "Only this shop (by its name in the config)")->type_name("NAME");
  cmd->add_option("--order", options->order, "Transfer this one order now, whatever its status")->type_name("ID");
  cmd->add_option("--since", options->since, "Rescan orders modified since DATE instead of the checkpoint")
      ->type_name("DATE");
  cmd->add_flag("--json", options->json, "With --dry-run: print the planned documents as JSON");
  cmd->callback([&ctx, options] { ctx.set_command([&ctx, options] { return run_sync_orders(ctx, *options); }); });
}

}  // namespace wv::cli
