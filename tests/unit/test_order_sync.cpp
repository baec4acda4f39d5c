#include <catch2/catch.hpp>

#include "tests/unit/order_sync_world.hpp"

namespace {

using namespace wv;
using testing::Failure;
using World = testing::OrderSyncWorld;

std::size_t documents_for(const World& w, const Order& o) { return w.documents_for(o); }

}  // namespace

TEST_CASE("sync-orders transfers each eligible order once and a second run writes nothing", "[sync][orders]") {
  World w;
  for (int i = 0; i < 5; ++i) w.add_order(i % 2 ? "anna@example.se" : "bo@example.se");
  Order& pending = w.add_order();
  pending.status = "pending";

  auto first = w.run();
  REQUIRE(first);
  CHECK_FALSE(first->stopped_by);
  CHECK(first->transferred == 5);
  CHECK(first->skipped_status == 1);
  CHECK(first->customers_created == 2);
  CHECK(w.visma.customers.size() == 2);
  for (const auto& [id, o] : w.shop.orders) CHECK(documents_for(w, o) == (o.status == "pending" ? 0u : 1u));

  const int writes = w.visma.writes;
  auto second = w.run();
  REQUIRE(second);
  CHECK(second->transferred == 0);
  CHECK(w.visma.writes == writes);

  // Completed after its transfer: it changes, but is not sent again.
  Order& done = w.shop.orders.begin()->second;
  done.status = "completed";
  done.date_modified = w.clock.now();
  w.clock.advance(std::chrono::minutes(1));
  auto third = w.run();
  REQUIRE(third);
  CHECK(third->transferred == 0);
  CHECK(third->already >= 1);
  CHECK(w.visma.writes == writes);
}

TEST_CASE("a document created but unanswered is found, not created again", "[sync][orders][exactly-once]") {
  World w;
  const Order& a = w.add_order();
  const Order& b = w.add_order("bo@example.se");
  w.visma.next_failures["document"] = {Failure::DoneButUnanswered};

  // A lost answer concerns one order: it is recorded and the run goes on with the others.
  auto first = w.run();
  REQUIRE(first);
  CHECK_FALSE(first->stopped_by);
  CHECK(first->failed == 1);

  auto second = w.run();
  REQUIRE(second);
  CHECK_FALSE(second->stopped_by);
  CHECK(second->recovered == 1);
  CHECK(documents_for(w, a) == 1);
  CHECK(documents_for(w, b) == 1);
  CHECK(w.visma.documents.size() == 2);
}

TEST_CASE("a customer created but unanswered is found, not duplicated", "[sync][orders][exactly-once]") {
  World w;
  w.add_order();
  w.visma.next_failures["customer"] = {Failure::DoneButUnanswered};
  auto first = w.run();
  REQUIRE(first);
  CHECK_FALSE(first->stopped_by);
  CHECK(first->failed == 1);
  auto second = w.run();
  REQUIRE(second);
  CHECK_FALSE(second->stopped_by);
  CHECK(w.visma.customers.size() == 1);
  CHECK(w.visma.documents.size() == 1);
}

TEST_CASE("a refused create is not looked up and the intent is cleared", "[sync][orders]") {
  World w;
  w.add_order();
  w.visma.next_failures["document"] = {Failure::Transient};
  auto first = w.run();
  REQUIRE(first);
  CHECK_FALSE(first->stopped_by);
  CHECK(first->failed == 1);
  REQUIRE(w.store->read([&](const StoreReader& r) -> Status {
    auto p = r.all_pending();
    REQUIRE(p);
    CHECK(p->empty());
    return {};
  }));
  w.clock.advance(std::chrono::hours(1));  // past its retry
  auto second = w.run();
  REQUIRE(second);
  CHECK(second->transferred == 1);
}

TEST_CASE("a rejected order is recorded and retried later while the others go on", "[sync][orders]") {
  World w;
  const Order& bad = w.add_order();
  const Order& good = w.add_order("bo@example.se");
  w.visma.next_failures["document"] = {Failure::Refused};

  auto first = w.run();
  REQUIRE(first);
  CHECK_FALSE(first->stopped_by);
  CHECK(first->failed == 1);
  CHECK(first->transferred == 1);
  CHECK(documents_for(w, good) == 1);
  auto failed = w.failed();
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].kind == EntityKind::Order);
  CHECK(failed[0].concern == Concern::Failed);
  CHECK(failed[0].id == std::to_string(bad.id));
  CHECK(failed[0].owner_id == std::to_string(bad.id));
  CHECK_FALSE(failed[0].needs_person);
  CHECK(failed[0].next_attempt);
  CHECK(failed[0].attempts == 1);
  CHECK(failed[0].message.find("document refused") != std::string::npos);

  // Not due yet: waits.
  auto second = w.run();
  REQUIRE(second);
  CHECK(second->waiting_retry + second->already >= 1);
  CHECK(documents_for(w, bad) == 0);

  // Due: retried (even though the order did not change) and transferred.
  w.clock.advance(std::chrono::hours(2));
  auto third = w.run();
  REQUIRE(third);
  CHECK(third->transferred == 1);
  CHECK(documents_for(w, bad) == 1);
  CHECK(w.failed().empty());
}

TEST_CASE("a missing SKU under the fail policy names the SKU", "[sync][orders]") {
  World w;
  Order& o = w.add_order();
  o.lines.front().sku = Sku("NO-SUCH-SKU");
  auto r = w.run();
  REQUIRE(r);
  CHECK(r->failed == 1);
  auto failed = w.failed();
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].message.find("NO-SUCH-SKU") != std::string::npos);
}

TEST_CASE("dry run maps and writes nothing anywhere", "[sync][orders]") {
  World w;
  w.add_order();
  w.add_order("new@example.se");
  OrderSyncOptions options;
  options.dry_run = true;
  auto r = w.run(options);
  REQUIRE(r);
  CHECK(r->planned.size() == 2);
  CHECK(w.visma.writes == 0);
  REQUIRE(w.store->read([&](const StoreReader& rd) -> Status {
    CHECK_FALSE(*rd.checkpoint("main", Stream::Orders));
    CHECK(rd.all_pending()->empty());
    return {};
  }));
}

TEST_CASE("the first run needs a start", "[sync][orders]") {
  World w;
  w.config.orders.start_date.reset();
  w.add_order();
  auto r = w.run();
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::Usage);
  OrderSyncOptions options;
  options.since = w.clock.now() - std::chrono::hours(1);
  CHECK(w.run(options)->transferred == 1);
}

TEST_CASE("refunds become one credit each when asked", "[sync][orders][refunds]") {
  World w;
  w.config.orders.refunds = RefundPolicy::Credit;
  Order& o = w.add_order();
  REQUIRE(w.run()->transferred == 1);

  // Refund one unit of the first line.
  const OrderLine& line = o.lines.front();
  Refund refund;
  refund.id = 9001;
  refund.order_id = o.id;
  OrderLine back = line;
  back.quantity = Decimal::from_int(-1);
  back.total = -line.total.divided_by(line.quantity, 2);
  back.subtotal = back.total;
  back.total_tax = -line.total_tax.divided_by(line.quantity, 2);
  back.subtotal_tax = back.total_tax;
  back.taxes = {{line.taxes.front().rate_id, back.total_tax, back.total_tax}};
  refund.lines.push_back(back);
  refund.amount = -(back.total + back.total_tax);
  w.shop.refund_lists[o.id] = {refund};
  o.refunds.push_back({refund.id, "trasig", -refund.amount});
  o.date_modified = w.clock.now();
  w.clock.advance(std::chrono::minutes(1));

  auto r = w.run();
  REQUIRE(r);
  CHECK(r->credited == 1);
  const auto credits = w.visma.documents_with(o.number + " kredit 9001");
  REQUIRE(credits.size() == 1);
  CHECK(credits[0].is_credit_invoice);
  o.date_modified = w.clock.now();
  w.clock.advance(std::chrono::minutes(1));
  CHECK(w.run()->credited == 0);
  CHECK(w.visma.documents_with(o.number + " kredit 9001").size() == 1);
}

TEST_CASE("a refund under the report policy is listed once, with its order, until it is credited",
          "[sync][orders][refunds]") {
  World w;
  w.config.orders.refunds = RefundPolicy::Report;
  Order& o = w.add_order();
  REQUIRE(w.run()->transferred == 1);

  const OrderLine& line = o.lines.front();
  Refund refund;
  refund.id = 9002;
  refund.order_id = o.id;
  OrderLine back = line;
  back.quantity = Decimal::from_int(-1);
  back.total = -line.total.divided_by(line.quantity, 2);
  back.subtotal = back.total;
  back.total_tax = -line.total_tax.divided_by(line.quantity, 2);
  back.subtotal_tax = back.total_tax;
  back.taxes = {{line.taxes.front().rate_id, back.total_tax, back.total_tax}};
  refund.lines.push_back(back);
  refund.amount = -(back.total + back.total_tax);
  w.shop.refund_lists[o.id] = {refund};
  o.refunds.push_back({refund.id, "trasig", -refund.amount});
  o.date_modified = w.clock.now();
  w.clock.advance(std::chrono::minutes(1));

  auto r = w.run();
  REQUIRE(r);
  CHECK(r->credited == 0);
  REQUIRE(r->notices.size() == 1);
  CHECK(r->notices[0].find("refund 9002") != std::string::npos);
  auto failed = w.failed();
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].kind == EntityKind::Refund);
  CHECK(failed[0].concern == Concern::RefundNotCredited);
  CHECK(failed[0].id == "9002");
  CHECK(failed[0].owner_id == std::to_string(o.id));
  CHECK(failed[0].needs_person);
  CHECK_FALSE(failed[0].next_attempt);
  o.date_modified = w.clock.now();
  w.clock.advance(std::chrono::minutes(1));
  CHECK(w.run()->notices.empty());
  CHECK(w.failed().size() == 1);

  // Credited after all: the notice has been answered.
  w.config.orders.refunds = RefundPolicy::Credit;
  o.date_modified = w.clock.now();
  w.clock.advance(std::chrono::minutes(1));
  CHECK(w.run()->credited == 1);
  CHECK(w.visma.documents_with(o.number + " kredit 9002").size() == 1);
  CHECK(w.failed().empty());
}

TEST_CASE("a cancelled order that was transferred is reported once", "[sync][orders]") {
  World w;
  Order& o = w.add_order();
  REQUIRE(w.run()->transferred == 1);
  o.status = "cancelled";
  o.date_modified = w.clock.now();
  w.clock.advance(std::chrono::minutes(1));
  auto r = w.run();
  REQUIRE(r);
  REQUIRE(r->notices.size() == 1);
  CHECK(r->notices[0].find("cancelled") != std::string::npos);
  auto failed = w.failed();
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].kind == EntityKind::Order);
  CHECK(failed[0].concern == Concern::ChangedAfterTransfer);
  CHECK(failed[0].id == std::to_string(o.id));
  CHECK(failed[0].needs_person);
  CHECK_FALSE(failed[0].next_attempt);
  o.date_modified = w.clock.now();
  w.clock.advance(std::chrono::minutes(1));
  CHECK(w.run()->notices.empty());
}

TEST_CASE("invoice target converts the draft, also after an interruption", "[sync][orders]") {
  World w;
  w.config.orders.target = DocumentTarget::Invoice;
  Order& o = w.add_order();
  auto r = w.run();
  REQUIRE(r);
  CHECK(r->transferred == 1);
  const auto docs = w.visma.documents_with(o.number);
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].kind == DocumentKind::Invoice);
  CHECK(w.run()->transferred == 0);
  CHECK(w.visma.documents_with(o.number).size() == 1);
}

TEST_CASE("a customer whose create lost its answer leaves no intent once it is found", "[sync][orders][exactly-once]") {
  World w;
  w.add_order();
  w.visma.next_failures["customer"] = {Failure::DoneButUnanswered};
  REQUIRE(w.run()->failed == 1);
  CHECK(w.pending_writes().size() == 1);
  auto second = w.run();
  REQUIRE(second);
  CHECK_FALSE(second->stopped_by);
  CHECK(w.visma.customers.size() == 1);
  CHECK(w.pending_writes().empty());
}

TEST_CASE("an article whose create lost its answer is found, not created again, and leaves no intent",
          "[sync][orders][exactly-once]") {
  World w;
  w.config.orders.missing_sku = MissingSkuPolicy::CreateArticle;
  w.config.articles.unit_id = "unit-st";
  for (int rate : {25, 12, 6, 0}) w.config.articles.coding_by_vat[std::to_string(rate)] = "coding-" + std::to_string(rate);
  Order& o = w.add_order();
  o.lines.front().sku = Sku("NEW-ARTICLE-1");
  w.visma.next_failures["article"] = {Failure::DoneButUnanswered};
  REQUIRE(w.run()->failed == 1);
  CHECK(w.pending_writes().size() == 1);

  auto second = w.run();
  REQUIRE(second);
  CHECK_FALSE(second->stopped_by);
  CHECK(second->transferred == 1);
  int created = 0;
  for (const auto& [id, a] : w.visma.articles) created += a.number == "NEW-ARTICLE-1" ? 1 : 0;
  CHECK(created == 1);
  CHECK(w.pending_writes().empty());
}

TEST_CASE("field mappings reach the document and the new customer", "[sync][orders][fields]") {
  World w;
  w.config.field_mappings = {{"order", "meta:customer_reference", DocumentField::PurchaseOrderNumber},
                             {"customer", "billing.phone", CustomerField::Mobile}};
  Order& o = w.add_order();
  o.meta.push_back({"customer_reference", "PO-77"});
  o.billing.phone = "070-123 45 67";
  REQUIRE(w.run()->transferred == 1);
  const auto docs = w.visma.documents_with(o.number);
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].buyers_order_reference == "PO-77");
  REQUIRE(w.visma.customers.size() == 1);
  CHECK(w.visma.customers.begin()->second.mobile_phone == "070-123 45 67");
}

TEST_CASE("a field mapping onto the reference field is refused before anything runs", "[sync][orders][fields]") {
  World w;
  w.config.field_mappings = {{"order", "meta:x", DocumentField::BuyerReference}};
  w.add_order();
  auto r = w.run();
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::Config);
  CHECK(w.visma.writes == 0);
}

TEST_CASE("a document Visma totals otherwise than predicted is reported for a person", "[sync][orders]") {
  World w;
  w.visma.misreport_total = Decimal::from_minor(1);
  const Order& o = w.add_order();
  auto r = w.run();
  REQUIRE(r);
  CHECK(r->transferred == 1);
  REQUIRE(r->notices.size() == 1);
  CHECK(r->notices[0].find("order " + o.number) != std::string::npos);
  auto failed = w.failed();
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].kind == EntityKind::Order);
  CHECK(failed[0].concern == Concern::TotalsDiffer);
  CHECK(failed[0].needs_person);
  CHECK_FALSE(failed[0].next_attempt);
  CHECK(w.visma.documents_with(o.number).size() == 1);
}
