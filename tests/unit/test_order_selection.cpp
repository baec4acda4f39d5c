// Which orders a sync-orders run reads and transfers: the checkpoint (largest date_modified,
// ties by id, read back with an overlap window), --since, --order and the document date.
#include <catch2/catch.hpp>

#include "tests/unit/order_sync_world.hpp"

namespace {

using namespace wv;
using World = testing::OrderSyncWorld;
using std::chrono::minutes;
using std::chrono::seconds;

Date local_day(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

}  // namespace

TEST_CASE("the checkpoint is the largest date_modified handled, ties broken by id", "[sync][orders][selection]") {
  World w;
  const Timestamp tie = w.clock.now() - minutes(2);
  Order& a = w.add_order();
  Order& b = w.add_order();
  Order& c = w.add_order();
  a.date_modified = tie - seconds(30);
  b.date_modified = tie;
  c.date_modified = tie;

  REQUIRE(w.run());
  auto checkpoint = w.checkpoint();
  REQUIRE(checkpoint);
  CHECK(checkpoint->modified == tie);
  CHECK(checkpoint->last_id == decltype(Checkpoint::last_id){std::max(b.id, c.id)});
  // Never the wall clock: the run happened minutes after the newest order changed.
  CHECK(checkpoint->modified < w.clock.now());
}

TEST_CASE("the next run reads from the checkpoint minus the overlap window", "[sync][orders][selection]") {
  World w;
  w.config.orders.overlap = minutes(10);
  w.add_order();
  REQUIRE(w.run());
  auto checkpoint = w.checkpoint();
  REQUIRE(checkpoint);

  w.clock.advance(minutes(30));
  REQUIRE(w.run());
  REQUIRE(w.shop.last_since);
  CHECK(*w.shop.last_since == checkpoint->modified - minutes(10));
}

TEST_CASE("an order saved late with an older modification time is found through the overlap",
          "[sync][orders][selection]") {
  // A slow request in the shop can commit an order whose date_modified is earlier than one
  // a run has already seen; the overlap window is what keeps it from being missed.
  World w;
  w.config.orders.overlap = minutes(10);
  Order& first = w.add_order();
  REQUIRE(w.run());
  REQUIRE(w.documents_for(first) == 1);

  Order late = w.generator.next({});
  late.billing.email = "late@example.se";
  late.date_modified = first.date_modified - seconds(20);
  w.shop.orders[late.id] = late;
  w.clock.advance(minutes(1));

  auto report = w.run();
  REQUIRE(report);
  CHECK(report->transferred == 1);
  CHECK(w.documents_for(late) == 1);
  CHECK(w.documents_for(first) == 1);
  // The checkpoint did not move backwards.
  CHECK(w.checkpoint()->modified == first.date_modified);
}

TEST_CASE("the checkpoint passes an order that failed only once it is recorded for its retry", "[sync][orders][selection]") {
  World w;
  Order& done = w.add_order();
  Order& unreachable = w.add_order("bo@example.se");
  unreachable.date_modified = done.date_modified + seconds(5);
  // Visma is unreachable when the second order's customer is created: that order's failure is
  // recorded (with its id, to be fetched again), so the checkpoint may pass it.
  w.visma.next_failures["customer"] = {testing::Failure::None, testing::Failure::Transient};

  auto report = w.run();
  REQUIRE(report);
  CHECK_FALSE(report->stopped_by);
  CHECK(report->failed == 1);
  CHECK(w.checkpoint()->modified == unreachable.date_modified);
  CHECK(w.checkpoint()->last_id == decltype(Checkpoint::last_id){unreachable.id});
  REQUIRE(w.failed().size() == 1);
  CHECK(w.failed().front().owner_id == std::to_string(unreachable.id));

  w.clock.advance(std::chrono::hours(2));  // long past the overlap, and past its retry
  auto again = w.run();
  REQUIRE(again);
  CHECK_FALSE(again->stopped_by);
  CHECK(w.documents_for(unreachable) == 1);
  CHECK(w.checkpoint()->modified == unreachable.date_modified);
}

TEST_CASE("sync-orders --since rescans from a date and finds what the checkpoint passed", "[sync][orders][selection]") {
  World w;
  Order& recent = w.add_order();
  REQUIRE(w.run());

  // An order the checkpoint has long passed (restored from a backup, say).
  Order old = w.generator.next({});
  old.billing.email = "old@example.se";
  old.date_modified = recent.date_modified - std::chrono::hours(48);
  w.shop.orders[old.id] = old;

  auto normal = w.run();
  REQUIRE(normal);
  CHECK(normal->transferred == 0);
  CHECK(w.documents_for(old) == 0);

  OrderSyncOptions rescan;
  rescan.since = old.date_modified - minutes(1);
  auto report = w.run(rescan);
  REQUIRE(report);
  CHECK(*w.shop.last_since == *rescan.since);
  CHECK(report->transferred == 1);
  CHECK(report->already == 1);
  CHECK(w.documents_for(old) == 1);
  CHECK(w.documents_for(recent) == 1);
}

TEST_CASE("sync-orders --order transfers one order on demand and leaves the checkpoint alone", "[sync][orders][selection]") {
  World w;
  Order& newest = w.add_order();
  REQUIRE(w.run());
  const auto before = w.checkpoint();

  Order on_hold = w.generator.next({});
  on_hold.billing.email = "hold@example.se";
  on_hold.status = "on-hold";  // not a trigger status: only an operator's request moves it
  on_hold.date_modified = newest.date_modified + minutes(1);
  w.shop.orders[on_hold.id] = on_hold;
  const int lists = w.shop.list_calls;

  OrderSyncOptions one;
  one.only_order = on_hold.id;
  auto report = w.run(one);
  REQUIRE(report);
  CHECK(report->transferred == 1);
  CHECK(w.documents_for(on_hold) == 1);
  CHECK(w.shop.list_calls == lists);  // no listing, only that order
  CHECK(w.checkpoint()->modified == before->modified);
  CHECK(w.checkpoint()->last_id == before->last_id);

  // Asked again: it is already there.
  auto again = w.run(one);
  REQUIRE(again);
  CHECK(again->transferred == 0);
  CHECK(again->already == 1);
  CHECK(w.documents_for(on_hold) == 1);
}

TEST_CASE("sync-orders --order with an id the shop does not have fails and names it", "[sync][orders][selection]") {
  World w;
  OrderSyncOptions one;
  one.only_order = 999999;
  auto report = w.run(one);
  REQUIRE_FALSE(report);
  CHECK(report.error().kind == ErrorKind::NotFound);
  CHECK_THAT(report.error().message, Catch::Contains("999999"));
}

TEST_CASE("orders in other statuses are skipped and counted; trigger statuses are configurable",
          "[sync][orders][selection]") {
  World w;
  w.config.orders.trigger_statuses = {"completed"};
  Order& processing = w.add_order();
  Order& completed = w.add_order();
  completed.status = "completed";
  Order& refunded = w.add_order();
  refunded.status = "refunded";

  auto report = w.run();
  REQUIRE(report);
  CHECK(report->transferred == 1);
  CHECK(report->skipped_status == 2);
  CHECK(w.documents_for(completed) == 1);
  CHECK(w.documents_for(processing) == 0);
  CHECK(w.documents_for(refunded) == 0);

  // Completed later: it changes, and now it is sent.
  processing.status = "completed";
  processing.date_modified = w.clock.now();
  w.clock.advance(minutes(1));
  auto later = w.run();
  REQUIRE(later);
  CHECK(later->transferred == 1);
  CHECK(w.documents_for(processing) == 1);
}

TEST_CASE("the document is dated by the order's creation or payment day in the shop, never the sync day",
          "[sync][orders][selection]") {
  World w;
  Order& order = w.add_order();
  order.date_created_local = local_day(2026, 11, 30);
  order.date_paid_local = local_day(2026, 12, 2);
  Order& unpaid = w.add_order("bo@example.se");
  unpaid.date_created_local = local_day(2026, 11, 29);
  unpaid.date_paid_local.reset();

  SECTION("by creation (the default)") {
    REQUIRE(w.run());
    CHECK(w.visma.documents_with(order.number).at(0).date == local_day(2026, 11, 30));
    CHECK(w.visma.documents_with(unpaid.number).at(0).date == local_day(2026, 11, 29));
  }
  SECTION("by payment, falling back to creation for an order without a payment date") {
    w.config.orders.document_date = DocumentDate::Paid;
    REQUIRE(w.run());
    CHECK(w.visma.documents_with(order.number).at(0).date == local_day(2026, 12, 2));
    CHECK(w.visma.documents_with(unpaid.number).at(0).date == local_day(2026, 11, 29));
  }
}
