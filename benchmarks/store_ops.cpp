// Prints how long the store's common operations take on this machine. Not a test: it never
// fails on timing. Usage: bench_store_ops [links]   (default 10000)

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdlib.h>
#include <string>

#include "core/store/store.hpp"

using namespace wv;

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void report(const char* what, int count, double ms) {
  std::printf("%-44s %7d ops %10.1f ms %10.2f us/op\n", what, count, ms, 1000.0 * ms / count);
}

Link link_for(int i) {
  Link link;
  link.shop = "main";
  link.kind = EntityKind::Order;
  link.woo_id = std::to_string(100000 + i);
  link.visma_id = "7f3c9a2e-0000-4000-8000-" + std::to_string(i);
  link.visma_number = std::to_string(20000 + i);
  link.document = DocumentKind::Invoice;
  link.status_pushed = "completed";
  link.linked_at = Timestamp(std::chrono::milliseconds(i));
  return link;
}

int run(const std::filesystem::path& dir, int links) {
  Store::Options options;
  options.initial_map_bytes = 1u << 20;  // small on purpose: growth is part of the figure
  auto opened = Store::open(dir, options);
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().message.c_str());
    return 1;
  }
  Store& store = **opened;

  auto start = Clock::now();
  auto ok = store.write([&](StoreWriter& w) -> Status {
    for (int i = 0; i < links; ++i) {
      if (auto put = w.put_link(link_for(i)); !put) return put;
    }
    return {};
  });
  if (!ok) return std::fprintf(stderr, "%s\n", ok.error().message.c_str()), 1;
  report("put_link, all in one write", links, ms_since(start));

  constexpr int kCommits = 200;
  start = Clock::now();
  for (int i = 0; i < kCommits; ++i) {
    PendingWrite p{"main", EntityKind::Order, std::to_string(i), "", DocumentKind::InvoiceDraft,
                   "ref",  {}};
    if (!store.write([&](StoreWriter& w) -> Status {
          if (auto put = w.put_pending(p); !put) return put;
          return w.erase_pending(p.shop, p.kind, p.woo_id);
        })) {
      return 1;
    }
  }
  report("write() with pending + erase (durable commit)", kCommits, ms_since(start));

  start = Clock::now();
  ok = store.read([&](const StoreReader& r) -> Status {
    for (int i = 0; i < links; ++i) {
      auto link = r.link_by_visma(EntityKind::Order, link_for(i).visma_id);
      if (!link || !*link) return fail(ErrorKind::Internal, "lookup failed");
    }
    return {};
  });
  if (!ok) return 1;
  report("link_by_visma, one read", links, ms_since(start));

  start = Clock::now();
  constexpr int kReads = 2000;
  for (int i = 0; i < kReads; ++i) {
    if (!store.read([&](const StoreReader& r) -> Status {
          auto link = r.link_by_woo("main", EntityKind::Order, std::to_string(100000 + i));
          return link ? Status{} : Status{std::unexpected(link.error())};
        })) {
      return 1;
    }
  }
  report("read() with one link_by_woo", kReads, ms_since(start));

  start = Clock::now();
  std::size_t scanned = 0;
  ok = store.read([&](const StoreReader& r) -> Status {
    auto all = r.links("main", EntityKind::Order);
    if (!all) return std::unexpected(all.error());
    scanned = all->size();
    return {};
  });
  if (!ok) return 1;
  report("links(shop, kind) scan, per link", static_cast<int>(scanned), ms_since(start));

  std::printf("map size %zu bytes, data file %ju bytes\n", store.map_size(),
              static_cast<std::uintmax_t>(std::filesystem::file_size(dir / "data.mdb")));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const int links = argc > 1 ? std::atoi(argv[1]) : 10000;
  std::string tmpl = (std::filesystem::temp_directory_path() / "woovisma-bench-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) return 1;
  const int code = run(tmpl, links > 0 ? links : 10000);
  std::error_code ec;
  std::filesystem::remove_all(tmpl, ec);
  return code;
}
