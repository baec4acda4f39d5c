// The store holds OAuth tokens: its directory is 0700, its files 0600, and a store open to
// others is refused with the chmod that fixes it.

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "core/store/store.hpp"
#include "tests/support/fixtures.hpp"

using namespace wv;

namespace {

unsigned mode_of(const std::filesystem::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777u;
}

}  // namespace

TEST_CASE("store: a missing directory is created 0700 with 0600 files", "[store]") {
  testing::TempDir tmp;
  const auto dir = tmp.path() / "var" / "lib" / "woovisma";
  const mode_t old_umask = ::umask(0);  // the store must not rely on the umask
  auto store = Store::open(dir);
  ::umask(old_umask);
  REQUIRE(store);
  CHECK(mode_of(dir) == 0700u);
  CHECK(mode_of(dir / "data.mdb") == 0600u);
  CHECK(mode_of(dir / "lock.mdb") == 0600u);

  auto lock = StoreLock::acquire(dir);
  REQUIRE(lock);
  CHECK(mode_of(dir / "lock") == 0600u);
}

TEST_CASE("store: a store open to group or others is refused", "[store]") {
  testing::TempDir tmp;
  const auto dir = tmp.path() / "state";
  REQUIRE(Store::open(dir));

  SECTION("group-readable directory") {
    REQUIRE(::chmod(dir.c_str(), 0750) == 0);
    for (bool read_only : {false, true}) {
      auto opened = Store::open(dir, {.read_only = read_only});
      REQUIRE_FALSE(opened);
      CHECK(opened.error().kind == ErrorKind::Store);
      CHECK_THAT(opened.error().message,
                 Catch::Contains("chmod 700 " + dir.string()) && Catch::Contains("0750"));
    }
    REQUIRE(::chmod(dir.c_str(), 0700) == 0);
    CHECK(Store::open(dir));
  }

  SECTION("world-readable data file") {
    REQUIRE(::chmod((dir / "data.mdb").c_str(), 0644) == 0);
    auto opened = Store::open(dir);
    REQUIRE_FALSE(opened);
    CHECK(opened.error().kind == ErrorKind::Store);
    CHECK_THAT(opened.error().message, Catch::Contains("chmod 600 " + (dir / "data.mdb").string()));
    CHECK(opened.error().message.find('\n') == std::string::npos);
  }

  SECTION("group-writable lock file of LMDB") {
    REQUIRE(::chmod((dir / "lock.mdb").c_str(), 0620) == 0);
    auto opened = Store::open(dir);
    REQUIRE_FALSE(opened);
    CHECK_THAT(opened.error().message, Catch::Contains("chmod 600 " + (dir / "lock.mdb").string()));
  }
}

TEST_CASE("store: reading a store that does not exist yet is NotFound", "[store]") {
  testing::TempDir tmp;
  auto opened = Store::open(tmp.path() / "never", {.read_only = true});
  REQUIRE_FALSE(opened);
  CHECK(opened.error().kind == ErrorKind::NotFound);
  CHECK_THAT(opened.error().message, Catch::Contains((tmp.path() / "never").string()));
  CHECK_FALSE(std::filesystem::exists(tmp.path() / "never"));
}

TEST_CASE("store: a directory path that is a file is refused", "[store]") {
  testing::TempDir tmp;
  const auto file = tmp.path() / "plain";
  std::FILE* f = std::fopen(file.c_str(), "w");
  REQUIRE(f);
  std::fclose(f);
  auto opened = Store::open(file);
  REQUIRE_FALSE(opened);
  CHECK(opened.error().kind == ErrorKind::Store);
  CHECK_THAT(opened.error().message, Catch::Contains("not a directory"));
}

TEST_CASE("store: the same directory cannot be opened twice in one process", "[store]") {
  testing::TempDir tmp;
  auto first = Store::open(tmp.path());
  REQUIRE(first);
  auto second = Store::open(tmp.path(), {.read_only = true});
  REQUIRE_FALSE(second);
  CHECK_THAT(second.error().message, Catch::Contains("already open in this process"));
  first->reset();
  CHECK(Store::open(tmp.path(), {.read_only = true}));
}
