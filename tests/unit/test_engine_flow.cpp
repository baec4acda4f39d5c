// The flow engine with a flow of its own and no order code: products of an in-memory shop
// copied to an in-memory remote, through the real store. Shows the cursor (ties, overlap, first
// run), failures with backoff, retry of due items the listing no longer returns, notices for a
// person, intent recovery after a lost answer, dry run, items in flight, a remote that is down,
// and a stop request.

#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "core/store/store.hpp"
#include "core/sync/engine/create_once.hpp"
#include "core/sync/engine/flow.hpp"
#include "core/sync/engine/interrupt.hpp"
#include "tests/support/fake_clock.hpp"
#include "tests/support/fixtures.hpp"

namespace {

using namespace wv;
using namespace wv::engine;
using namespace std::chrono_literals;

struct Product {
  std::int64_t id = 0;
  Timestamp modified;
  std::string name;
  bool needs_person = false;  ///< the handler raises a notice for it
};

/// The remote side: objects by reference, and the failures the next creates meet.
struct Remote {
  enum class Failure { Refuse, LostAnswer, LostRequest, Down };
  std::mutex mutex;
  std::map<std::string, std::string> objects;  ///< reference → remote id
  std::map<std::string, Failure> fail_next;    ///< reference → failure of its next create
  int creates = 0;
  int lookups = 0;

  Result<std::string> create(const std::string& reference) {
    std::lock_guard lock(mutex);
    ++creates;
    if (auto f = fail_next.find(reference); f != fail_next.end()) {
      const Failure failure = f->second;
      fail_next.erase(f);
      switch (failure) {
        case Failure::Refuse:
          return fail(ErrorKind::Rejected, "the name " + reference + " is not allowed");
        case Failure::LostAnswer: {
          objects[reference] = "R-" + reference;
          Error e(ErrorKind::Transient, "connection lost after sending");
          e.ambiguous = true;
          return fail(e);
        }
        case Failure::LostRequest: {
          Error e(ErrorKind::Transient, "connection lost after sending");
          e.ambiguous = true;
          return fail(e);
        }
        case Failure::Down:
          return fail(ErrorKind::Transient, "503 Service Unavailable");
      }
    }
    return objects[reference] = "R-" + reference;
  }
  std::optional<std::string> find(const std::string& reference) {
    std::lock_guard lock(mutex);
    ++lookups;
    auto it = objects.find(reference);
    return it == objects.end() ? std::nullopt : std::optional(it->second);
  }
};

/// A catalogue flow: each product becomes one remote object, exactly once.
class ProductFlow final : public Flow<Product, std::int64_t> {
 public:
  ProductFlow(std::map<std::int64_t, Product>& shop, Remote& remote, Store& store, const Clock& clock)
      : shop_(shop), remote_(remote), store_(store), clock_(clock) {}

  std::atomic<int> handled{0};
  std::atomic<int> max_in_flight{0};
  std::chrono::milliseconds work_time{0};
  std::set<std::int64_t> stop_after;  ///< request a stop after handling these
  int page_size = 3;

  Stream stream() const override { return Stream::Products; }
  EntityKind kind() const override { return EntityKind::Product; }
  std::string start_setting() const override { return "products.start_date"; }
  Position<std::int64_t> position(const Product& p) const override { return {p.modified, p.id}; }
  std::string id_of(const Product& p) const override { return std::to_string(p.id); }

  Status read(Timestamp since, const std::function<Status(Page<Product>&&)>& consume) override {
    std::vector<Product> changed;
    for (const auto& [id, p] : shop_) {
      if (p.modified > since) changed.push_back(p);
    }
    std::sort(changed.begin(), changed.end(),
              [](const Product& a, const Product& b) { return std::tie(a.modified, a.id) < std::tie(b.modified, b.id); });
    for (std::size_t i = 0; i < changed.size(); i += static_cast<std::size_t>(page_size)) {
      Page<Product> page;
      for (std::size_t j = i; j < std::min(changed.size(), i + static_cast<std::size_t>(page_size)); ++j)
        page.items.push_back(changed[j]);
      if (auto s = consume(std::move(page)); !s) return s;
    }
    return {};
  }

  Result<std::optional<Product>> fetch(const std::string& id) override {
    auto it = shop_.find(std::stoll(id));
    return it == shop_.end() ? std::optional<Product>{} : std::optional(it->second);
  }

  Status handle(const Product& p, ItemScope& scope) override {
    const int now_in_flight = ++in_flight_;
    int seen = max_in_flight.load();
    while (now_in_flight > seen && !max_in_flight.compare_exchange_weak(seen, now_in_flight)) {
    }
    struct Leave {
      std::atomic<int>& n;
      ~Leave() { --n; }
    } leave{in_flight_};
    if (work_time.count() > 0) std::this_thread::sleep_for(work_time);
    ++handled;
    if (stop_after.contains(p.id)) request_stop();
    if (p.needs_person) {
      auto raised = scope.failures().notify(ItemRef{EntityKind::Product, id_of(p), id_of(p)},
                                            Concern::ChangedAfterTransfer,
                                            "product " + p.name + " changed after its transfer",
                                            "look at it");
      if (!raised) return fail(raised.error());
    }
    std::optional<Link> link;
    if (auto s = store_.read([&](const StoreReader& r) -> Status {
          auto l = r.link_by_woo("shop", EntityKind::Product, id_of(p));
          if (!l) return fail(l.error());
          link = *l;
          return {};
        });
        !s)
      return s;
    if (link || scope.dry_run()) return {};
    const PendingWrite intent{"shop", EntityKind::Product, id_of(p), "", std::nullopt, p.name, clock_.now()};
    CreateOnceSteps<std::string> steps;
    steps.find_existing = [&](const PendingWrite& earlier) -> Result<std::optional<std::string>> {
      return remote_.find(earlier.reference);
    };
    steps.create = [&]() { return remote_.create(p.name); };
    steps.record = [&](StoreWriter& w, const std::string& remote_id) {
      return w.put_link(Link{"shop", EntityKind::Product, id_of(p), remote_id, "", std::nullopt,
                             CustomerType::Unknown, false, "", clock_.now()});
    };
    auto made = create_once(store_, intent, steps);
    if (!made) return fail(made.error());
    return {};
  }

 private:
  std::map<std::int64_t, Product>& shop_;
  Remote& remote_;
  Store& store_;
  const Clock& clock_;
  std::atomic<int> in_flight_{0};
};

struct World {
  wv::testing::TempDir dir;
  wv::testing::FakeClock clock;
  std::unique_ptr<Store> store;
  std::map<std::int64_t, Product> shop;
  Remote remote;
  IntentRecovery intents;
  RunOptions options;

  World() {
    auto opened = Store::open(dir.path() / "store");
    REQUIRE(opened);
    store = std::move(*opened);
    options.start.first_run = clock.now() - 24h;
    options.start.overlap = 10min;
    options.retry_base = 5min;
    intents.own(EntityKind::Product,
                IntentOwner{[this](const PendingWrite& p) -> Result<std::optional<Link>> {
                              auto found = remote.find(p.reference);
                              if (!found) return std::optional<Link>{};
                              return std::optional(Link{p.shop, p.kind, p.woo_id, *found, "", std::nullopt,
                                                        CustomerType::Unknown, false, "", clock.now()});
                            },
                            true});
    clear_stop_request();
  }

  Product& add(std::int64_t id, Timestamp modified) {
    return shop[id] = Product{id, modified, "P" + std::to_string(id), false};
  }

  Result<EngineReport> run(ProductFlow* use = nullptr) {
    ProductFlow own(shop, remote, *store, clock);
    ProductFlow& flow = use != nullptr ? *use : own;
    return run_flow(flow, *store, clock, "shop", intents, options);
  }

  std::optional<Checkpoint> checkpoint() {
    std::optional<Checkpoint> c;
    REQUIRE(store->read([&](const StoreReader& r) -> Status {
      auto got = r.checkpoint("shop", Stream::Products);
      REQUIRE(got);
      c = *got;
      return {};
    }));
    return c;
  }
  std::vector<FailedItem> failed() {
    std::vector<FailedItem> out;
    REQUIRE(store->read([&](const StoreReader& r) -> Status {
      auto f = r.all_failed();
      REQUIRE(f);
      out = *f;
      return {};
    }));
    return out;
  }
  std::size_t links() {
    std::size_t n = 0;
    REQUIRE(store->read([&](const StoreReader& r) -> Status {
      auto l = r.links(std::string("shop"), EntityKind::Product);
      REQUIRE(l);
      n = l->size();
      return {};
    }));
    return n;
  }
  std::size_t pending() {
    std::size_t n = 0;
    REQUIRE(store->read([&](const StoreReader& r) -> Status {
      auto p = r.all_pending();
      REQUIRE(p);
      n = p->size();
      return {};
    }));
    return n;
  }
};

std::int64_t last_id(const Checkpoint& c) { return std::get<std::int64_t>(c.last_id); }

}  // namespace

TEST_CASE("engine: a first run needs a start", "[engine]") {
  World w;
  w.options.start.first_run.reset();
  w.add(1, w.clock.now() - 1h);
  auto r = w.run();
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::Usage);
  CHECK(r.error().message.find("products.start_date") != std::string::npos);
  CHECK(w.remote.creates == 0);
}

TEST_CASE("engine: the cursor moves past every handled item, ties broken by id", "[engine][cursor]") {
  World w;
  const Timestamp t = w.clock.now() - 1h;
  w.add(7, t);
  w.add(5, t);
  w.add(2, t - 1min);
  auto r = w.run();
  REQUIRE(r);
  CHECK_FALSE(r->stopped_by);
  CHECK(r->handled == 3);
  CHECK(w.links() == 3);
  auto c = w.checkpoint();
  REQUIRE(c);
  CHECK(c->modified == t);
  CHECK(last_id(*c) == 7);

  SECTION("a second run re-reads only the overlap and writes nothing") {
    w.clock.advance(1h);
    const int creates = w.remote.creates;
    auto again = w.run();
    REQUIRE(again);
    CHECK(again->handled == 3);  // all inside the 10-minute overlap before the checkpoint
    CHECK(w.remote.creates == creates);
  }
  SECTION("an item saved late with an older time is found through the overlap") {
    w.add(9, t - 5min);
    auto again = w.run();
    REQUIRE(again);
    CHECK(w.links() == 4);
    CHECK(last_id(*w.checkpoint()) == 7);  // never backwards
  }
  SECTION("an item older than the overlap is not read") {
    w.add(10, t - 11min);
    auto again = w.run();
    REQUIRE(again);
    CHECK(w.links() == 3);
  }
  SECTION("--since rescans from an earlier time") {
    w.add(10, t - 11min);
    w.options.start.since = t - 1h;
    auto again = w.run();
    REQUIRE(again);
    CHECK(w.links() == 4);
  }
}

TEST_CASE("engine: a refused item is recorded, retried with backoff, and not lost when the cursor passes it",
          "[engine][failures]") {
  World w;
  const Timestamp t = w.clock.now() - 1h;
  w.add(1, t);
  w.add(2, t + 1s);
  w.add(3, t + 2s);
  w.remote.fail_next["P2"] = Remote::Failure::Refuse;
  auto first = w.run();
  REQUIRE(first);
  CHECK_FALSE(first->stopped_by);
  CHECK(first->failed == 1);
  REQUIRE(first->new_failures.size() == 1);
  CHECK(w.links() == 2);
  auto failed = w.failed();
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].kind == EntityKind::Product);
  CHECK(failed[0].id == "2");
  CHECK(failed[0].owner_id == "2");
  CHECK(failed[0].attempts == 1);
  CHECK(failed[0].error_kind == "rejected");
  CHECK(failed[0].message.find("not allowed") != std::string::npos);
  CHECK_FALSE(failed[0].needs_person);
  REQUIRE(failed[0].next_attempt);
  CHECK(*failed[0].next_attempt == w.clock.now() + 5min);
  CHECK(last_id(*w.checkpoint()) == 3);  // recorded, so the cursor may pass it

  // Long after, the listing no longer returns it (past the overlap), yet it is not due: waits.
  w.clock.advance(2min);
  w.shop[4] = Product{4, w.clock.now(), "P4", false};
  w.remote.fail_next["P2"] = Remote::Failure::Refuse;
  auto second = w.run();
  REQUIRE(second);
  CHECK(second->waiting_retry == 1);
  CHECK(w.failed().front().attempts == 1);

  // Due: fetched again by its id although the listing does not return it; refused again, the
  // next wait doubles.
  w.clock.advance(1h);
  auto third = w.run();
  REQUIRE(third);
  CHECK(third->retried == 1);
  REQUIRE(w.failed().size() == 1);
  CHECK(w.failed().front().attempts == 2);
  CHECK(*w.failed().front().next_attempt == w.clock.now() + 10min);
  CHECK(third->new_failures.empty());  // the same message again is no news

  w.clock.advance(11min);
  auto fourth = w.run();
  REQUIRE(fourth);
  CHECK(fourth->retried == 1);
  CHECK(w.failed().empty());
  CHECK(w.links() == 4);
}

TEST_CASE("engine: a notice for a person is raised once and has no retry time", "[engine][failures]") {
  World w;
  auto& p = w.add(1, w.clock.now() - 1h);
  p.needs_person = true;
  REQUIRE(w.run());
  REQUIRE(w.run());
  auto failed = w.failed();
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].concern == Concern::ChangedAfterTransfer);
  CHECK(failed[0].needs_person);
  CHECK_FALSE(failed[0].next_attempt);
  CHECK(failed[0].open());
}

TEST_CASE("engine: a create whose answer was lost is recovered, never duplicated", "[engine][exactly-once]") {
  World w;
  const Timestamp t = w.clock.now() - 1h;
  w.add(1, t);
  w.add(2, t + 1s);
  w.add(3, t + 2s);

  SECTION("created remotely: the next run links it") {
    w.remote.fail_next["P2"] = Remote::Failure::LostAnswer;
    auto first = w.run();
    REQUIRE(first);
    CHECK_FALSE(first->stopped_by);  // one lost answer does not stop the others
    CHECK(first->failed == 1);
    CHECK(w.links() == 2);
    CHECK(w.pending() == 1);
    w.clock.advance(1h);  // far past the overlap: only the failure record finds it again
    auto second = w.run();
    REQUIRE(second);
    CHECK(second->recovery.linked == 1);
    CHECK(w.pending() == 0);
    CHECK(w.links() == 3);
    CHECK(w.remote.objects.size() == 3);
    CHECK(w.failed().empty());
  }
  SECTION("not created: the next run creates it once") {
    w.remote.fail_next["P2"] = Remote::Failure::LostRequest;
    REQUIRE(w.run());
    CHECK(w.remote.objects.size() == 2);
    w.clock.advance(1h);
    auto second = w.run();
    REQUIRE(second);
    CHECK(second->recovery.forgotten == 1);
    CHECK(w.remote.objects.size() == 3);
    CHECK(w.links() == 3);
    CHECK(w.failed().empty());
  }
}

TEST_CASE("engine: a dry run writes nothing anywhere", "[engine][dry-run]") {
  World w;
  w.add(1, w.clock.now() - 1h).needs_person = true;
  w.add(2, w.clock.now() - 1h);
  w.remote.fail_next["P2"] = Remote::Failure::Refuse;
  w.options.dry_run = true;
  auto r = w.run();
  REQUIRE(r);
  CHECK(r->handled == 2);
  CHECK(w.remote.creates == 0);
  CHECK(w.links() == 0);
  CHECK(w.failed().empty());
  CHECK_FALSE(w.checkpoint());
}

TEST_CASE("engine: items in flight, the cursor held by an unsettled item", "[engine][in-flight]") {
  World w;
  const Timestamp t = w.clock.now() - 1h;
  for (int i = 1; i <= 24; ++i) w.add(i, t + std::chrono::seconds(i));
  w.options.in_flight = 4;
  ProductFlow flow(w.shop, w.remote, *w.store, w.clock);
  flow.work_time = 5ms;
  auto r = w.run(&flow);
  REQUIRE(r);
  CHECK(r->handled == 24);
  CHECK(flow.max_in_flight > 1);
  CHECK(w.links() == 24);
  CHECK(last_id(*w.checkpoint()) == 24);

  SECTION("a failure that concerns every item stops the run before the item it hit") {
    World v;
    for (int i = 1; i <= 12; ++i) v.add(i, t + std::chrono::seconds(i));
    v.options.in_flight = 3;
    ProductFlow f(v.shop, v.remote, *v.store, v.clock);
    v.remote.fail_next["P6"] = Remote::Failure::Refuse;
    // A store failure is a run-level one: simulate with a handler that fails with Auth.
    class AuthFails final : public Flow<Product, std::int64_t> {
     public:
      explicit AuthFails(ProductFlow& inner) : inner_(inner) {}
      Stream stream() const override { return inner_.stream(); }
      EntityKind kind() const override { return inner_.kind(); }
      std::string start_setting() const override { return inner_.start_setting(); }
      Position<std::int64_t> position(const Product& p) const override { return inner_.position(p); }
      std::string id_of(const Product& p) const override { return inner_.id_of(p); }
      Status read(Timestamp s, const std::function<Status(Page<Product>&&)>& c) override { return inner_.read(s, c); }
      Result<std::optional<Product>> fetch(const std::string& id) override { return inner_.fetch(id); }
      Status handle(const Product& p, ItemScope& scope) override {
        if (p.id == 6) return fail(ErrorKind::Auth, "the token was revoked");
        return inner_.handle(p, scope);
      }

     private:
      ProductFlow& inner_;
    } auth(f);
    auto stopped = run_flow(auth, *v.store, v.clock, "shop", v.intents, v.options);
    REQUIRE(stopped);
    REQUIRE(stopped->stopped_by);
    CHECK(stopped->stopped_by->kind == ErrorKind::Auth);
    auto c = v.checkpoint();
    REQUIRE(c);
    CHECK(last_id(*c) == 5);  // never past the item that stopped the run
  }
}

TEST_CASE("engine: a remote failing for several items in a row stops the run", "[engine][failures]") {
  World w;
  const Timestamp t = w.clock.now() - 1h;
  for (int i = 1; i <= 10; ++i) {
    w.add(i, t + std::chrono::seconds(i));
    w.remote.fail_next["P" + std::to_string(i)] = Remote::Failure::Down;
  }
  auto r = w.run();
  REQUIRE(r);
  REQUIRE(r->stopped_by);
  CHECK(r->stopped_by->kind == ErrorKind::Transient);
  CHECK(r->failed == 5);
  CHECK(w.remote.creates == 5);
}

TEST_CASE("engine: a stop request settles the item in flight and ends the run", "[engine][interrupt]") {
  World w;
  const Timestamp t = w.clock.now() - 1h;
  for (int i = 1; i <= 10; ++i) w.add(i, t + std::chrono::seconds(i));
  ProductFlow flow(w.shop, w.remote, *w.store, w.clock);
  flow.stop_after = {4};
  auto r = w.run(&flow);
  clear_stop_request();
  REQUIRE(r);
  CHECK(r->interrupted);
  CHECK(r->handled == 4);
  CHECK(w.links() == 4);
  CHECK(last_id(*w.checkpoint()) == 4);
  auto rest = w.run();
  REQUIRE(rest);
  CHECK_FALSE(rest->interrupted);
  CHECK(w.links() == 10);
}
