// sync-orders on the flow engine, where the run before it (one listing of every page, failures
// kept per order only) lost or stopped: a refused refund, an order the listing cannot read, a
// lost answer, reading page by page, a remote that is down, and several orders in flight.

#include <algorithm>
#include <set>

#include <catch2/catch.hpp>

#include "tests/unit/order_sync_world.hpp"

namespace {

using namespace wv;
using testing::Failure;
using World = testing::OrderSyncWorld;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// A refund of one unit of the order's first line, listed by the shop and named on the order.
Refund add_refund(World& w, Order& o, std::int64_t refund_id) {
  const OrderLine& line = o.lines.front();
  Refund refund;
  refund.id = refund_id;
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
  return refund;
}

// `count` orders of customers c0..c<customers - 1>, modified a second apart, oldest first.
std::vector<std::int64_t> add_orders(World& w, int count, int customers) {
  std::vector<std::int64_t> ids;
  const Timestamp first = w.clock.now() - minutes(5);
  for (int i = 0; i < count; ++i) {
    Order& o = w.add_order("c" + std::to_string(i % customers) + "@example.se");
    o.date_modified = first + seconds(i);
    ids.push_back(o.id);
  }
  return ids;
}


std::int64_t checkpoint_id(const Checkpoint& c) {
  REQUIRE(std::holds_alternative<std::int64_t>(c.last_id));
  return std::get<std::int64_t>(c.last_id);
}

}  // namespace

TEST_CASE("a refused refund waits for its retry and is then credited through its order",
          "[sync][orders][gaps][refunds]") {
  World w;
  w.config.orders.refunds = RefundPolicy::Credit;
  // A retry an hour away: long enough for the checkpoint to move past the order's overlap
  // window while the refund still waits.
  w.config.orders.retry_base = hours(1);
  Order& o = w.add_order();
  REQUIRE(w.run()->transferred == 1);
  const std::string order_id = std::to_string(o.id);
  const std::string credit_reference = o.number + " kredit 9001";

  add_refund(w, o, 9001);
  o.date_modified = w.clock.now();
  w.clock.advance(minutes(1));
  w.visma.next_failures["document"] = {Failure::Refused};
  auto refused = w.run();
  REQUIRE(refused);
  CHECK_FALSE(refused->stopped_by);
  CHECK(refused->failed == 1);
  CHECK(refused->credited == 0);
  CHECK(w.visma.create_calls["document"] == 2);  // the order's, then the refused credit
  auto failed = w.failed();
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].kind == EntityKind::Refund);
  CHECK(failed[0].concern == Concern::Failed);
  CHECK(failed[0].id == "9001");
  CHECK(failed[0].owner_id == order_id);
  CHECK_FALSE(failed[0].needs_person);
  REQUIRE(failed[0].next_attempt);
  CHECK(*failed[0].next_attempt > w.clock.now());

  // The order changes again within the overlap: it is listed and handled, its refund waits.
  o.date_modified = w.clock.now();
  w.clock.advance(minutes(1));
  const int writes = w.visma.writes;
  auto touched = w.run();
  REQUIRE(touched);
  REQUIRE(w.shop.last_since);
  CHECK(*w.shop.last_since < o.date_modified);  // listed
  CHECK(touched->waiting_retry == 1);
  CHECK(touched->failed == 0);
  CHECK(touched->credited == 0);
  CHECK(w.visma.create_calls["document"] == 2);
  CHECK(w.visma.writes == writes);
  CHECK(w.failed().size() == 1);

  // A later order moves the checkpoint on; the refund, not due yet, still waits.
  w.clock.advance(minutes(20));
  Order& later = w.add_order("bo@example.se");
  later.date_modified = w.clock.now();
  w.clock.advance(minutes(1));
  auto moved = w.run();
  REQUIRE(moved);
  CHECK(moved->transferred == 1);
  CHECK(moved->credited == 0);
  CHECK(moved->waiting_retry == 1);
  CHECK(w.visma.create_calls["document"] == 3);
  REQUIRE(w.checkpoint());
  CHECK(checkpoint_id(*w.checkpoint()) == later.id);

  // Past the retry and the overlap, the order unchanged: not listed, fetched as the refund's
  // owner, and the refund credited once.
  w.clock.advance(hours(2));
  w.shop.fetched.clear();
  auto retried = w.run();
  REQUIRE(retried);
  CHECK_FALSE(retried->stopped_by);
  REQUIRE(w.shop.last_since);
  CHECK(*w.shop.last_since > o.date_modified);  // not listed
  CHECK(w.shop.fetched == std::vector<std::int64_t>{o.id});
  CHECK(retried->credited == 1);
  CHECK(retried->failed == 0);
  CHECK(w.visma.documents_with(credit_reference).size() == 1);
  CHECK(w.failed().empty());

  auto again = w.run();
  REQUIRE(again);
  CHECK(again->credited == 0);
  CHECK(w.visma.documents_with(credit_reference).size() == 1);
  CHECK(w.visma.documents_with(o.number).size() == 1);
}

TEST_CASE("an unreadable listed order is recorded with its id and retried by fetching it",
          "[sync][orders][gaps][unreadable]") {
  World w;
  const auto ids = add_orders(w, 2, 2);
  const Order& a = w.shop.orders.at(ids[0]);
  const Order& b = w.shop.orders.at(ids[1]);
  Error unreadable(ErrorKind::Rejected, "order 5001: total is empty, expected an amount");
  unreadable.subject_id = "5001";
  w.shop.unreadable = {UnreadableOrder{5001, unreadable}};

  auto first = w.run();
  REQUIRE(first);
  CHECK_FALSE(first->stopped_by);
  CHECK(first->unreadable == 1);
  CHECK(first->failed == 1);
  CHECK(first->transferred == 2);
  CHECK(w.documents_for(a) == 1);
  CHECK(w.documents_for(b) == 1);
  auto failed = w.failed();
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].kind == EntityKind::Order);
  CHECK(failed[0].concern == Concern::Failed);
  CHECK(failed[0].id == "5001");
  CHECK(failed[0].owner_id == "5001");
  CHECK(failed[0].message.find("total is empty") != std::string::npos);
  REQUIRE(failed[0].next_attempt);
  CHECK(*failed[0].next_attempt > w.clock.now());
  REQUIRE(first->new_failures.size() == 1);
  CHECK(first->new_failures[0].id == "5001");
  // The checkpoint passes it: the orders listed after it moved it.
  auto checkpoint = w.checkpoint();
  REQUIRE(checkpoint);
  CHECK(checkpoint_id(*checkpoint) == b.id);

  // Readable now, changed long before the checkpoint: only a fetch by id brings it.
  w.shop.unreadable.clear();
  Order fixed = w.generator.next({});
  fixed.id = 5001;
  fixed.number = "5001";
  fixed.billing.email = "cilla@example.se";
  fixed.date_modified = w.clock.now() - hours(48);
  w.shop.orders[fixed.id] = fixed;
  w.clock.advance(hours(2));
  w.shop.fetched.clear();
  auto second = w.run();
  REQUIRE(second);
  CHECK_FALSE(second->stopped_by);
  CHECK(second->unreadable == 0);
  REQUIRE(w.shop.last_since);
  CHECK(*w.shop.last_since > fixed.date_modified);
  CHECK(w.shop.fetched == std::vector<std::int64_t>{5001});
  CHECK(second->transferred == 1);
  CHECK(w.documents_for(fixed) == 1);
  CHECK(w.failed().empty());
}

TEST_CASE("an unreadable listed order without an id is counted, not recorded",
          "[sync][orders][gaps][unreadable]") {
  World w;
  w.shop.unreadable = {
      UnreadableOrder{0, Error(ErrorKind::Rejected, "order #2 of the list: id is missing")}};

  SECTION("beside a readable order") {
    const Order& a = w.add_order();
    auto r = w.run();
    REQUIRE(r);
    CHECK_FALSE(r->stopped_by);
    CHECK(r->unreadable == 1);
    CHECK(r->failed == 0);
    CHECK(r->transferred == 1);
    CHECK(w.documents_for(a) == 1);
    CHECK(w.failed().empty());
  }
  SECTION("alone on its page") {
    auto r = w.run();
    REQUIRE(r);
    CHECK_FALSE(r->stopped_by);
    CHECK(r->unreadable == 1);
    CHECK(r->failed == 0);
    CHECK(w.failed().empty());
    CHECK(w.shop.fetched.empty());
  }
  // Listed again next time: counted again, still nothing to retry.
  w.clock.advance(hours(2));
  auto again = w.run();
  REQUIRE(again);
  CHECK(again->unreadable == 1);
  CHECK(w.failed().empty());
  CHECK(w.shop.fetched.empty());
}

TEST_CASE("one lost answer does not stop the run; the next run finds the document",
          "[sync][orders][gaps][exactly-once]") {
  World w;
  const auto ids = add_orders(w, 2, 2);
  const Order& a = w.shop.orders.at(ids[0]);
  const Order& b = w.shop.orders.at(ids[1]);
  w.visma.next_failures["document"] = {Failure::DoneButUnanswered};

  auto first = w.run();
  REQUIRE(first);
  CHECK_FALSE(first->stopped_by);
  CHECK(first->failed == 1);
  CHECK(first->transferred == 1);
  CHECK(w.documents_for(b) == 1);
  CHECK(w.documents_for(a) == 1);  // made, though its answer was lost
  auto failed = w.failed();
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].id == std::to_string(a.id));
  REQUIRE(failed[0].next_attempt);
  CHECK(*failed[0].next_attempt <= w.clock.now());  // looked up at once
  CHECK(w.pending_writes().size() == 1);
  const int creates = w.visma.create_calls["document"];
  CHECK(creates == 2);

  auto second = w.run();
  REQUIRE(second);
  CHECK_FALSE(second->stopped_by);
  CHECK(second->recovered == 1);
  CHECK(second->transferred == 0);
  CHECK(w.visma.create_calls["document"] == creates);
  CHECK(w.documents_for(a) == 1);
  CHECK(w.documents_for(b) == 1);
  CHECK(w.visma.documents.size() == 2);
  CHECK(w.failed().empty());
  CHECK(w.pending_writes().empty());
}

TEST_CASE("orders are handled page by page, not after the whole listing",
          "[sync][orders][gaps][paging]") {
  World w;
  w.shop.page_size = 2;
  add_orders(w, 7, 3);
  std::vector<std::size_t> documents_when_served;
  w.shop.before_page = [&](std::size_t) {
    documents_when_served.push_back(w.visma.document_count());
  };

  auto r = w.run();
  REQUIRE(r);
  CHECK_FALSE(r->stopped_by);
  CHECK(r->transferred == 7);
  REQUIRE(documents_when_served.size() == 4);
  CHECK(documents_when_served[0] == 0);
  // The first document exists before the third page is served.
  CHECK(documents_when_served[2] >= 1);
  CHECK(std::is_sorted(documents_when_served.begin(), documents_when_served.end()));
  CHECK(w.visma.documents.size() == 7);
}

TEST_CASE("a remote that is down stops the run after five failures in a row, the rest untouched",
          "[sync][orders][gaps][remote-down]") {
  World w;
  const auto ids = add_orders(w, 10, 1);
  w.visma.next_failures["document"] = std::vector<Failure>(20, Failure::Transient);

  auto r = w.run();
  REQUIRE(r);
  REQUIRE(r->stopped_by);
  CHECK(r->stopped_by->kind == ErrorKind::Transient);
  CHECK(r->stopped_by->message.find("5 items in a row failed") != std::string::npos);
  CHECK(r->failed == 5);
  CHECK(r->transferred == 0);
  // The five after them were not tried.
  CHECK(w.visma.create_calls["document"] == 5);
  CHECK(w.visma.next_failures["document"].size() == 15);
  auto failed = w.failed();
  REQUIRE(failed.size() == 5);
  std::set<std::string> failed_ids;
  for (const auto& f : failed) {
    failed_ids.insert(f.id);
    CHECK(f.kind == EntityKind::Order);
    CHECK(f.concern == Concern::Failed);
    CHECK(f.error_kind == to_string(ErrorKind::Transient));
    CHECK(f.attempts == 1);
    REQUIRE(f.next_attempt);
    CHECK(*f.next_attempt == w.clock.now() + w.config.orders.retry_base);
  }
  std::set<std::string> first_five;
  for (int i = 0; i < 5; ++i) first_five.insert(std::to_string(ids[i]));
  CHECK(failed_ids == first_five);
  // The checkpoint stops at the last order settled, before those not tried.
  auto checkpoint = w.checkpoint();
  REQUIRE(checkpoint);
  CHECK(checkpoint_id(*checkpoint) == ids[4]);
  CHECK(checkpoint->modified == w.shop.orders.at(ids[4]).date_modified);
  CHECK(checkpoint->modified < w.shop.orders.at(ids[5]).date_modified);

  // Back up, past the backoff: every order once.
  w.visma.next_failures["document"].clear();
  w.clock.advance(hours(1));
  auto next = w.run();
  REQUIRE(next);
  CHECK_FALSE(next->stopped_by);
  CHECK(next->transferred == 10);
  for (auto id : ids) CHECK(w.documents_for(w.shop.orders.at(id)) == 1);
  CHECK(w.failed().empty());
  REQUIRE(w.checkpoint());
  CHECK(checkpoint_id(*w.checkpoint()) == ids[9]);
}

TEST_CASE("orders in flight: each transferred once, each customer created once",
          "[sync][orders][gaps][in-flight]") {
  for (int round = 0; round < 5; ++round) {
    INFO("round " << round);
    World w;
    const auto ids = add_orders(w, 20, 5);
    OrderSyncOptions options;
    options.in_flight = 4;

    auto r = w.run(options);
    REQUIRE(r);
    CHECK_FALSE(r->stopped_by);
    CHECK(r->failed == 0);
    CHECK(r->transferred == 20);
    CHECK(r->customers_created == 5);
    CHECK(w.visma.create_calls["customer"] == 5);
    REQUIRE(w.visma.customers.size() == 5);
    std::set<std::string> emails;
    for (const auto& [id, c] : w.visma.customers) emails.insert(c.email);
    CHECK(emails.size() == 5);
    CHECK(w.visma.documents.size() == 20);
    for (auto id : ids) CHECK(w.documents_for(w.shop.orders.at(id)) == 1);
    CHECK(w.failed().empty());
    CHECK(w.pending_writes().empty());
    auto checkpoint = w.checkpoint();
    REQUIRE(checkpoint);
    CHECK(checkpoint_id(*checkpoint) == ids.back());
    CHECK(checkpoint->modified == w.shop.orders.at(ids.back()).date_modified);

    const int writes = w.visma.writes;
    auto again = w.run(options);
    REQUIRE(again);
    CHECK(again->transferred == 0);
    CHECK(w.visma.writes == writes);
  }
}
