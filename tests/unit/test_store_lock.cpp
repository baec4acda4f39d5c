// The single-writer lock, tested across real processes (fork), and read-only opening of a store
// that another process holds and writes.

#include <poll.h>
#include <set>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "core/store/store.hpp"
#include "tests/support/fixtures.hpp"

using namespace wv;

namespace {

/// A one-way channel between the test and a forked child, one byte per message.
class Pipe {
 public:
  Pipe() { REQUIRE(::pipe(fds_) == 0); }
  ~Pipe() {
    ::close(fds_[0]);
    ::close(fds_[1]);
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;

  void send(char c) const {
    if (::write(fds_[1], &c, 1) != 1) ::_exit(98);
  }
  /// The next byte, or 0 when the writer has gone.
  [[nodiscard]] char receive() const {
    char c = 0;
    return ::read(fds_[0], &c, 1) == 1 ? c : '\0';
  }
  [[nodiscard]] bool has_message() const {
    pollfd p{fds_[0], POLLIN, 0};
    return ::poll(&p, 1, 0) == 1;
  }

 private:
  int fds_[2] = {-1, -1};
};

/// Runs `body` in a child process that exits with body's return value (never returns there).
template <class Body>
pid_t spawn(Body body) {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int code = 97;
    try {
      code = body();
    } catch (...) {
    }
    ::_exit(code);
  }
  return pid;
}

int exit_status(pid_t pid) {
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::set<std::string> entries(const std::filesystem::path& dir) {
  std::set<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) names.insert(e.path().filename());
  return names;
}

Link numbered_link(int i) {
  Link link;
  link.shop = "main";
  link.kind = EntityKind::Order;
  link.woo_id = std::to_string(i);
  link.visma_id = "inv-" + std::to_string(i);
  link.visma_number = std::string(150, 'x');
  link.linked_at = Timestamp(std::chrono::milliseconds(i));
  return link;
}

}  // namespace

TEST_CASE("lock: held by another process fails at once with Locked, naming dir and pid",
          "[store]") {
  testing::TempDir tmp;
  const auto dir = tmp.path() / "state";
  Pipe ready, release;
  const pid_t child = spawn([&] {
    auto lock = StoreLock::acquire(dir);
    ready.send(lock ? 'L' : 'F');
    (void)release.receive();
    return 0;  // exits without unlocking explicitly: the kernel lets go
  });
  REQUIRE(ready.receive() == 'L');

  const std::string holder_pid = std::to_string(child) + "\n";
  CHECK(testing::read_file(dir / "lock") == holder_pid);
  const auto before = entries(dir);

  auto second = StoreLock::acquire(dir);
  REQUIRE_FALSE(second);
  CHECK(second.error().kind == ErrorKind::Locked);
  CHECK(second.error().message == "another woovisma run holds the lock on " + dir.string() +
                                      " (pid " + std::to_string(child) + ")");
  // Nothing was written: the holder's file and the directory are as they were.
  CHECK(testing::read_file(dir / "lock") == holder_pid);
  CHECK(entries(dir) == before);

  release.send('x');
  CHECK(exit_status(child) == 0);
  auto third = StoreLock::acquire(dir);
  REQUIRE(third);
  CHECK(testing::read_file(dir / "lock") == std::to_string(::getpid()) + "\n");
}

TEST_CASE("lock: a killed holder leaves no stale lock", "[store]") {
  testing::TempDir tmp;
  Pipe ready;
  const pid_t child = spawn([&] {
    auto lock = StoreLock::acquire(tmp.path());
    ready.send(lock ? 'L' : 'F');
    for (;;) ::pause();
    return 0;
  });
  REQUIRE(ready.receive() == 'L');
  CHECK_FALSE(StoreLock::acquire(tmp.path()));
  ::kill(child, SIGKILL);
  CHECK(exit_status(child) == 128 + SIGKILL);
  CHECK(StoreLock::acquire(tmp.path()));
}

TEST_CASE("lock: released when the object dies, kept across moves", "[store]") {
  testing::TempDir tmp;
  {
    auto lock = StoreLock::acquire(tmp.path());
    REQUIRE(lock);
    StoreLock moved = std::move(*lock);
    auto again = StoreLock::acquire(tmp.path());
    REQUIRE_FALSE(again);  // a second open file description conflicts, even in this process
    CHECK(again.error().kind == ErrorKind::Locked);
    CHECK_THAT(again.error().message, Catch::Contains("pid " + std::to_string(::getpid())));
  }
  auto after = StoreLock::acquire(tmp.path());
  REQUIRE(after);
}

TEST_CASE("store: read-only open works while another process holds the lock and writes",
          "[store]") {
  testing::TempDir tmp;
  const auto dir = tmp.path() / "state";
  constexpr int kLinks = 1500;
  Pipe to_parent, to_child;
  const pid_t child = spawn([&]() -> int {
    auto lock = StoreLock::acquire(dir);
    if (!lock) return 10;
    auto store = Store::open(dir, {.initial_map_bytes = 64u << 10});
    if (!store) return 11;
    if (!(*store)->write([](StoreWriter& w) { return w.put_link(numbered_link(0)); })) return 12;
    to_parent.send('R');
    if (to_child.receive() != 'G') return 13;
    // Grow the map several times while the parent reads.
    for (int b = 0; b < 30; ++b) {
      auto ok = (*store)->write([&](StoreWriter& w) -> Status {
        for (int i = 1 + b * 50; i <= (b + 1) * 50 && i < kLinks; ++i) {
          if (auto put = w.put_link(numbered_link(i)); !put) return put;
        }
        return {};
      });
      if (!ok) return 14;
    }
    to_parent.send('D');
    (void)to_child.receive();
    return 0;
  });
  REQUIRE(to_parent.receive() == 'R');

  CHECK_FALSE(StoreLock::acquire(dir));
  auto opened = Store::open(dir, {.read_only = true});
  REQUIRE(opened);
  auto& reader = **opened;
  auto read_first = [&] {
    return reader.read([](const StoreReader& r) -> Status {
      auto link = r.link_by_visma(EntityKind::Order, "inv-0");
      if (!link) return std::unexpected(link.error());
      if (!*link) return fail(ErrorKind::NotFound, "link 0 missing");
      return {};
    });
  };
  REQUIRE(read_first());
  auto refused = reader.write([](StoreWriter&) -> Status { return {}; });
  CHECK_FALSE(refused);

  to_child.send('G');
  int reads = 0;
  while (!to_parent.has_message()) {
    auto ok = read_first();
    if (!ok) FAIL(ok.error().message);
    ++reads;
  }
  REQUIRE(to_parent.receive() == 'D');
  // The writer grew the map beyond ours: the next read adopts the new size.
  auto all = reader.read([](const StoreReader& r) -> Status {
    auto links = r.links("main", EntityKind::Order);
    if (!links) return std::unexpected(links.error());
    if (links->size() != static_cast<std::size_t>(kLinks)) {
      return fail(ErrorKind::Internal, "found " + std::to_string(links->size()) + " links");
    }
    return {};
  });
  if (!all) FAIL(all.error().message);
  CHECK(reader.map_size() > (64u << 10));
  to_child.send('Q');
  CHECK(exit_status(child) == 0);
  INFO("reads while the writer wrote: " << reads);
}
