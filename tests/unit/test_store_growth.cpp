// The map grows when a write finds it full, and reads stay safe from several threads meanwhile.

#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include "core/store/store.hpp"
#include "tests/support/checks.hpp"
#include "tests/support/fixtures.hpp"

using namespace wv;
using wv::testing::status_of;

namespace {

constexpr std::size_t kTinyMap = 64u << 10;

Link bulky_link(int i) {
  // Long-ish values so that the map fills after a few hundred links.
  Link link;
  link.shop = "main";
  link.kind = EntityKind::Order;
  link.woo_id = "woo-" + std::to_string(i);
  link.visma_id = "visma-" + std::to_string(i);
  link.visma_number = std::string(200, 'n');
  link.status_pushed = "state-" + std::to_string(i);
  link.linked_at = Timestamp(std::chrono::milliseconds(i));
  return link;
}

Status check_links(const StoreReader& r, int count) {
  for (int i = 0; i < count; ++i) {
    auto link = r.link_by_visma(EntityKind::Order, "visma-" + std::to_string(i));
    if (!link) return std::unexpected(link.error());
    if (!*link || (*link)->woo_id != "woo-" + std::to_string(i) ||
        (*link)->linked_at != Timestamp(std::chrono::milliseconds(i))) {
      return fail(ErrorKind::Internal, "link " + std::to_string(i) + " is missing or wrong");
    }
  }
  auto all = r.links("main", EntityKind::Order);
  if (!all) return std::unexpected(all.error());
  if (all->size() != static_cast<std::size_t>(count)) {
    return fail(ErrorKind::Internal, "expected " + std::to_string(count) + " links, found " +
                                         std::to_string(all->size()));
  }
  return {};
}

}  // namespace

TEST_CASE("store: the map doubles when full and the write is retried", "[store]") {
  testing::TempDir tmp;
  Store::Options options;
  options.initial_map_bytes = kTinyMap;
  auto opened = Store::open(tmp.path(), options);
  REQUIRE(opened);
  auto store = std::move(*opened);
  const std::size_t initial = store->map_size();
  CHECK(initial >= kTinyMap);
  CHECK(initial < 2 * kTinyMap);

  SECTION("many small writes") {
    constexpr int kBatches = 40, kPerBatch = 50;
    for (int b = 0; b < kBatches; ++b) {
      REQUIRE(store->write([&](StoreWriter& w) -> Status {
        for (int i = b * kPerBatch; i < (b + 1) * kPerBatch; ++i) {
          if (auto ok = w.put_link(bulky_link(i)); !ok) return ok;
        }
        return {};
      }));
    }
    CHECK(store->map_size() >= 8 * initial);
    auto ok =
        store->read([](const StoreReader& r) { return check_links(r, kBatches * kPerBatch); });
    if (!ok) FAIL(ok.error().message);
  }

  SECTION("one write too big for the map runs again on a bigger one") {
    int runs = 0;
    constexpr int kLinks = 2000;
    auto ok = store->write([&](StoreWriter& w) -> Status {
      ++runs;
      for (int i = 0; i < kLinks; ++i) {
        if (auto put = w.put_link(bulky_link(i)); !put) return put;
      }
      return {};
    });
    if (!ok) FAIL(ok.error().message);
    CHECK(runs > 2);
    CHECK(store->map_size() >= 8 * initial);
    auto checked = store->read([](const StoreReader& r) { return check_links(r, kLinks); });
    if (!checked) FAIL(checked.error().message);
  }

  // Everything is still there after reopening with the small initial size again.
  const std::size_t grown = store->map_size();
  store.reset();
  auto reopened = Store::open(tmp.path(), options);
  REQUIRE(reopened);
  CHECK((*reopened)->map_size() > kTinyMap);
  CHECK((*reopened)->map_size() <= 2 * grown);
  auto all = (*reopened)->read([](const StoreReader& r) -> Status {
    auto links = r.links(std::nullopt, EntityKind::Order);
    REQUIRE(links);
    CHECK(links->size() == 2000);
    return {};
  });
  REQUIRE(all);
}

TEST_CASE("store: reads from several threads run while the map grows", "[store]") {
  testing::TempDir tmp;
  Store::Options options;
  options.initial_map_bytes = kTinyMap;
  auto opened = Store::open(tmp.path(), options);
  REQUIRE(opened);
  auto& store = **opened;
  REQUIRE(store.write([](StoreWriter& w) { return w.put_link(bulky_link(0)); }));

  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::atomic<long> reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!done) {
        auto ok = store.read([](const StoreReader& r) -> Status {
          auto link = r.link_by_visma(EntityKind::Order, "visma-0");
          if (!link) return std::unexpected(link.error());
          if (!*link) return fail(ErrorKind::Internal, "link 0 vanished");
          return status_of(r.links("main", EntityKind::Order));
        });
        if (!ok) ++failures;
        ++reads;
      }
    });
  }
  for (int b = 0; b < 20; ++b) {
    REQUIRE(store.write([&](StoreWriter& w) -> Status {
      for (int i = 1 + b * 50; i <= (b + 1) * 50; ++i) {
        if (auto ok = w.put_link(bulky_link(i)); !ok) return ok;
      }
      return {};
    }));
  }
  done = true;
  for (auto& t : readers) t.join();
  CHECK(failures == 0);
  CHECK(reads > 0);
  CHECK(store.map_size() > 2 * kTinyMap);
}
