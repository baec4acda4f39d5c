// `woovisma sync-orders` against woovisma-sandbox, as a merchant runs it: the first run
// transfers every eligible order exactly, reruns write nothing, later changes are not sent again,
// a refund becomes one credit; --dry-run writes nothing; every document target works.

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <set>

#include "tests/support/sandbox_run.hpp"

namespace {

using namespace wv;
using namespace wv::testing;

std::string read_bytes(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};
  return read_file(path);
}


// Converts each document to an invoice (the bookkeeper's step) and checks that Visma's VAT
// specification equals WooCommerce's tax per rate; `to_invoice` does the conversion.
template <class ToInvoice>
void check_vat_per_rate(const std::map<std::int64_t, WooOrder>& orders,
                        const std::map<std::string, VismaDocument>& documents, ToInvoice to_invoice) {
  for (const auto& [id, order] : orders) {
    const auto doc = documents.find(order.number);
    if (doc == documents.end()) continue;
    INFO("order " << order.number);
    const VismaDocument invoice = to_invoice(doc->second);
    CHECK(invoice.reference == order.number);
    CHECK(invoice.total.to_string(2) == order.total.to_string(2));
    CHECK(describe_by_rate(invoice.vat_by_rate) == describe_by_rate(order.tax_by_rate));
  }
}

}  // namespace

TEST_CASE("sync-orders transfers every eligible order once, and reruns, later completion and a refund behave",
          "[e2e][sync-orders]") {
  SandboxRun run;
  const auto orders = run.woo_orders();
  const auto eligible = transferable_orders(orders);
  REQUIRE(eligible.size() >= 8);
  REQUIRE(eligible.size() < orders.size());  // the demo shop has orders in other statuses too

  auto first = run.woovisma({"sync-orders"});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  auto documents = check_one_document_per_order(run, VismaList::InvoiceDrafts, orders);
  CHECK(documents.size() == eligible.size());
  const auto customers = run.customers_per_email();
  for (const auto* order : eligible) {
    INFO("customer " << order->email);
    CHECK(customers.at(order->email) == 1);
  }

  SECTION("a second run transfers nothing and makes no write request") {
    run.clear_request_log();
    auto second = run.woovisma({"sync-orders"});
    INFO(second.err);
    CHECK(second.exit_code == 0);
    const auto log = run.request_log();
    CHECK(log.writes == 0);
    CHECK(log.write_requests.empty());
    CHECK(log.total > 0);  // it did look
    CHECK(run.documents_per_reference(VismaList::InvoiceDrafts).size() == eligible.size());
  }

  SECTION("an order completed after its transfer is not sent again") {
    const WooOrder* processing = nullptr;
    for (const auto* order : eligible) {
      if (order->status == "processing") processing = order;
    }
    REQUIRE(processing != nullptr);
    run.control("POST", "/_sandbox/woo/orders/" + std::to_string(processing->id) + "/complete");
    run.clear_request_log();
    auto again = run.woovisma({"sync-orders"});
    INFO(again.err);
    CHECK(again.exit_code == 0);
    const auto log = run.request_log();
    CHECK(log.writes == 0);
    CHECK(log.counts.contains("GET /wp-json/wc/v3/orders"));
    const auto now = run.woo_orders();
    CHECK(now.at(processing->id).status == "completed");
    check_one_document_per_order(run, VismaList::InvoiceDrafts, now);
  }

  SECTION("a refund of a transferred order becomes exactly one credit") {
    const WooOrder& refunded = *eligible.front();
    REQUIRE(refunded.currency == "SEK");
    auto refund = run.control("POST", "/_sandbox/woo/orders/" + std::to_string(refunded.id) + "/refund",
                              R"({"reason":"Trasig vid leverans","lines":[{"item_id":)" +
                                  std::to_string(refunded.line_item_ids.front()) + R"(,"quantity":1}]})");
    rapidjson::Document answer;
    answer.Parse<rapidjson::kParseNumbersAsStringsFlag>(refund.c_str());
    REQUIRE(answer.IsObject());
    const std::string refund_id = answer["id"].GetString();
    const auto refund_amount = Decimal::parse(answer["amount"].GetString());
    REQUIRE(refund_amount);
    const std::string credit_reference = refunded.number + " kredit " + refund_id;

    auto credit_run = run.woovisma({"sync-orders"});
    INFO(credit_run.err);
    CHECK(credit_run.exit_code == 0);
    std::vector<VismaDocument> credits;
    for (const auto& d : run.visma_documents(VismaList::InvoiceDrafts)) {
      if (d.is_credit) credits.push_back(d);
    }
    REQUIRE(credits.size() == 1);
    CHECK(credits.front().reference == credit_reference);
    CHECK(credits.front().total.to_string(2) == (-*refund_amount).to_string(2));
    CHECK(credits.front().customer_id == documents.at(refunded.number).customer_id);

    run.clear_request_log();
    auto rerun = run.woovisma({"sync-orders"});
    INFO(rerun.err);
    CHECK(rerun.exit_code == 0);
    CHECK(run.request_log().writes == 0);
    CHECK(run.documents_per_reference(VismaList::InvoiceDrafts, true) == std::map<std::string, int>{{credit_reference, 1}});
    check_one_document_per_order(run, VismaList::InvoiceDrafts, run.woo_orders());
  }

  SECTION("Visma's VAT per rate equals WooCommerce's tax per rate") {
    check_vat_per_rate(orders, documents, [&](const VismaDocument& draft) { return run.convert_draft(draft.id); });
  }
}

TEST_CASE("sync-orders --dry-run writes nothing anywhere and shows the documents", "[e2e][sync-orders][dry-run]") {
  SandboxRun run;
  const auto orders = run.woo_orders();
  const auto eligible = transferable_orders(orders);
  const auto customers_before = run.visma_customers().size();
  const std::string store_before = read_bytes(run.store_path() / "data.mdb");
  REQUIRE_FALSE(store_before.empty());
  const std::string status_before = run.woovisma({"status", "--json"}).out;
  run.clear_request_log();

  SECTION("as text") {
    auto r = run.woovisma({"--dry-run", "sync-orders"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    for (const auto* order : eligible) {
      INFO("order " << order->number);
      CHECK(r.out.find("for order " + order->number + " of shop demo") != std::string::npos);
      CHECK(r.out.find("total " + order->total.to_string(2) + " " + order->currency) != std::string::npos);
    }
  }

  SECTION("as JSON") {
    auto r = run.woovisma({"--dry-run", "sync-orders", "--json"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseNumbersAsStringsFlag>(r.out.c_str());
    INFO(r.out);
    REQUIRE_FALSE(doc.HasParseError());
    REQUIRE(doc.IsArray());
    CHECK(doc.Size() == eligible.size());
    std::set<std::string> seen;
    for (const auto& planned : doc.GetArray()) {
      REQUIRE(planned.IsObject());
      const std::string number = planned["order"].GetString();
      seen.insert(number);
      INFO("order " << number);
      const WooOrder* order = nullptr;
      for (const auto* o : eligible) {
        if (o->number == number) order = o;
      }
      REQUIRE(order != nullptr);
      CHECK(std::string(planned["kind"].GetString()) == "invoice draft");
      CHECK(std::string(planned["reference"].GetString()) == number);
      CHECK(Decimal::parse(planned["total"].GetString()).value_or(Decimal::from_int(-1)).to_string(2) ==
            order->total.to_string(2));
      std::map<Decimal, Decimal> vat;
      for (const auto& rate : planned["vat"].GetObject()) {
        vat[*Decimal::parse(rate.name.GetString())] = *Decimal::parse(rate.value.GetString());
      }
      CHECK(describe_by_rate(vat) == describe_by_rate(order->tax_by_rate));
      CHECK(planned["rows"].Size() > 0);
    }
    CHECK(seen.size() == eligible.size());
  }

  const auto log = run.request_log();
  CHECK(log.writes == 0);
  CHECK(log.write_requests.empty());
  CHECK(run.visma_documents(VismaList::InvoiceDrafts).empty());
  CHECK(run.visma_customers().size() == customers_before);
  CHECK(read_bytes(run.store_path() / "data.mdb") == store_before);
  CHECK(run.woovisma({"status", "--json"}).out == status_before);
}

TEST_CASE("sync-orders creates sales orders or invoices when the config asks for them", "[e2e][sync-orders][targets]") {
  SandboxRun run;
  const auto orders = run.woo_orders();
  const auto eligible = transferable_orders(orders);

  SECTION("sales orders") {
    run.set_config("orders", "target", "\"sales-order\"");
    auto r = run.woovisma({"sync-orders"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto documents = check_one_document_per_order(run, VismaList::SalesOrders, orders);
    CHECK(documents.size() == eligible.size());
    CHECK(run.visma_documents(VismaList::InvoiceDrafts).empty());
    run.clear_request_log();
    CHECK(run.woovisma({"sync-orders"}).exit_code == 0);
    CHECK(run.request_log().writes == 0);
    check_vat_per_rate(orders, documents, [&](const VismaDocument& order) { return run.invoice_sales_order(order.id); });
  }

  SECTION("invoices") {
    run.set_config("orders", "target", "\"invoice\"");
    auto r = run.woovisma({"sync-orders"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto documents = check_one_document_per_order(run, VismaList::Invoices, orders);
    CHECK(documents.size() == eligible.size());
    CHECK(run.visma_documents(VismaList::InvoiceDrafts).empty());
    for (const auto& [number, invoice] : documents) {
      INFO("order " << number);
      const WooOrder* order = nullptr;
      for (const auto* o : eligible) {
        if (o->number == number) order = o;
      }
      REQUIRE(order != nullptr);
      CHECK_FALSE(invoice.number.empty());
      CHECK(describe_by_rate(invoice.vat_by_rate) == describe_by_rate(order->tax_by_rate));
    }
    run.clear_request_log();
    CHECK(run.woovisma({"sync-orders"}).exit_code == 0);
    CHECK(run.request_log().writes == 0);
  }
}
