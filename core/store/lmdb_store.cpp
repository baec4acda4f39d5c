#include "core/store/lmdb_store.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <set>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include <fmt/format.h>

#include "core/log.hpp"
#include "core/store/lmdb_env.hpp"
#include "core/store/map_gate.hpp"
#include "core/store/store_files.hpp"
#include "core/store/store_txn.hpp"

namespace wv::store_detail {
namespace {

/// The map never grows past this; a store that needs more has gone wrong somewhere.
constexpr std::size_t kMaxMapBytes = std::size_t{1} << 40;

/// Marks the store whose transaction this thread is inside, to refuse nested calls (a nested
/// read would wait on locks its own thread holds).
thread_local const Store* t_store_in_transaction = nullptr;

class TransactionScope {
 public:
  explicit TransactionScope(const Store* store)
      : previous_(std::exchange(t_store_in_transaction, store)) {}
  ~TransactionScope() { t_store_in_transaction = previous_; }
  TransactionScope(const TransactionScope&) = delete;
  TransactionScope& operator=(const TransactionScope&) = delete;

 private:
  const Store* previous_;
};

/// One open Store per directory and process: LMDB's locks break when a process opens the same
/// environment twice (lmdb.h, "Caveats").
class Registration {
 public:
  static Result<Registration> take(const std::filesystem::path& dir) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) {
      return fail(ErrorKind::Store, fmt::format("cannot inspect the store directory {}: {}",
                                                dir.string(), std::strerror(errno)));
    }
    const Id id{st.st_dev, st.st_ino};
    std::lock_guard lock(mutex());
    if (!open_dirs().insert(id).second) {
      return fail(ErrorKind::Internal,
                  fmt::format("store {} is already open in this process; share the open Store",
                              dir.string()));
    }
    return Registration(id);
  }

  Registration(Registration&& other) noexcept : id_(std::exchange(other.id_, std::nullopt)) {}
  Registration& operator=(Registration&&) = delete;
  Registration(const Registration&) = delete;
  Registration& operator=(const Registration&) = delete;
  ~Registration() {
    if (!id_) return;
    std::lock_guard lock(mutex());
    open_dirs().erase(*id_);
  }

 private:
  using Id = std::pair<dev_t, ino_t>;
  explicit Registration(Id id) : id_(id) {}
  static std::mutex& mutex() {
    static std::mutex m;
    return m;
  }
  static std::set<Id>& open_dirs() {
    static std::set<Id> dirs;
    return dirs;
  }
  std::optional<Id> id_;
};

std::size_t initial_map_bytes(const std::filesystem::path& dir, std::size_t wanted) {
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  std::size_t bytes = std::max(wanted, 8 * page);
  bytes = (bytes + page - 1) / page * page;
  // Start above what the file already holds, so that a big store does not regrow every run.
  const auto used = store_files::file_size_or_zero(dir / "data.mdb");
  while (bytes <= used && bytes < kMaxMapBytes) bytes *= 2;
  return bytes;
}

class LmdbStore final : public Store {
 public:
  LmdbStore(Registration registration, lmdb::Env env)
      : registration_(std::move(registration)), env_(std::move(env)) {}

  /// Migrates (when writable) and opens the databases.
  Status prepare(std::span<const store_schema::Migration> steps);

  Status read(const std::function<Status(const StoreReader&)>& fn) const override;
  Status write(const std::function<Status(StoreWriter&)>& fn) override;
  [[nodiscard]] std::size_t map_size() const override { return map_size_.load(); }
  [[nodiscard]] const std::filesystem::path& directory() const override { return env_.dir(); }

 private:
  /// Runs body in write transactions until one commits, doubling the map whenever it is full.
  Status run_write(const std::function<Status(lmdb::Txn&)>& body);
  /// Remaps to `bytes` (0: the size another process set) once no transaction is active.
  Status remap(std::size_t bytes) const;
  Status grow();
  Status prepare_read_only(int wanted);
  [[nodiscard]] Error nested_call() const;

  Registration registration_;  // declared first: released after the environment closes
  mutable lmdb::Env env_;
  store_schema::Databases dbs_;
  mutable MapGate gate_;
  std::mutex write_mutex_;
  mutable std::atomic<std::size_t> map_size_{0};
};

Error LmdbStore::nested_call() const {
  return Error(ErrorKind::Internal,
               fmt::format("store {}: read() or write() called inside another transaction of the "
                           "same store; use the reader or writer passed to the function",
                           env_.dir().string()));
}

Status LmdbStore::remap(std::size_t bytes) const {
  return gate_.exclusively([&]() -> Status {
    if (auto ok = env_.set_map_size(bytes); !ok) return ok;
    map_size_ = env_.map_size();
    return {};
  });
}

Status LmdbStore::grow() {
  return gate_.exclusively([&]() -> Status {
    const std::size_t current = env_.map_size();
    if (current >= kMaxMapBytes) {
      return fail(ErrorKind::Store,
                  fmt::format("store {} would need a map larger than {} GiB; something writes "
                              "far too much, report it",
                              env_.dir().string(), kMaxMapBytes >> 30));
    }
    logger().debug("store {}: map full at {} bytes, growing to {}", env_.dir().string(), current,
                   current * 2);
    if (auto ok = env_.set_map_size(current * 2); !ok) return ok;
    map_size_ = env_.map_size();
    return {};
  });
}

Status LmdbStore::run_write(const std::function<Status(lmdb::Txn&)>& body) {
  std::lock_guard writing(write_mutex_);
  for (;;) {
    MapGate::Pass mapped(gate_);
    auto txn = env_.begin(false);
    if (!txn) {
      if (!lmdb::is_map_resized(txn.error())) return fail(env_.error(txn.error(), "start a write"));
      mapped.release();
      if (auto ok = remap(0); !ok) return ok;
      continue;
    }
    Status result = body(*txn);
    if (!txn->map_full()) {
      if (!result) return result;  // the transaction aborts as it goes out of scope
      result = txn->commit();
      if (result || !txn->map_full()) return result;
    }
    txn->abort();
    mapped.release();
    if (auto ok = grow(); !ok) return ok;
  }
}

Status LmdbStore::write(const std::function<Status(StoreWriter&)>& fn) {
  if (env_.read_only()) {
    return fail(
        ErrorKind::Internal,
        fmt::format("store {} was opened read-only and cannot be written", env_.dir().string()));
  }
  if (t_store_in_transaction == this) return fail(nested_call());
  return run_write([&](lmdb::Txn& txn) -> Status {
    TransactionScope scope(this);
    StoreTxn ops(txn, dbs_);
    Status result = fn(ops);
    if (result && ops.write_failure()) return fail(*ops.write_failure());
    return result;
  });
}

Status LmdbStore::read(const std::function<Status(const StoreReader&)>& fn) const {
  if (t_store_in_transaction == this) return fail(nested_call());
  for (;;) {
    MapGate::Pass mapped(gate_);
    auto txn = env_.begin(true);
    if (!txn) {
      if (!lmdb::is_map_resized(txn.error())) return fail(env_.error(txn.error(), "start a read"));
      mapped.release();
      if (auto ok = remap(0); !ok) return ok;
      continue;
    }
    TransactionScope scope(this);
    const StoreTxn ops(*txn, dbs_);
    return fn(ops);
  }
}

Status LmdbStore::prepare_read_only(int wanted) {
  for (;;) {
    auto txn = env_.begin(true);
    if (!txn) {
      if (!lmdb::is_map_resized(txn.error())) return fail(env_.error(txn.error(), "start a read"));
      if (auto ok = env_.set_map_size(0); !ok) return ok;
      continue;
    }
    auto version = store_schema::read_version(*txn);
    if (!version) return std::unexpected(version.error());
    if (auto ok = store_schema::require_version(env_, *version, wanted); !ok) return ok;
    auto dbs = store_schema::open_databases(*txn);
    if (!dbs) return std::unexpected(dbs.error());
    dbs_ = *dbs;
    // Committing (not aborting) keeps the database handles open for later transactions.
    return txn->commit();
  }
}

Status LmdbStore::prepare(std::span<const store_schema::Migration> steps) {
  const int wanted = static_cast<int>(steps.size());
  if (env_.read_only()) {
    if (auto ok = prepare_read_only(wanted); !ok) return ok;
  } else {
    int found = wanted;
    auto ok = run_write([&](lmdb::Txn& txn) -> Status {
      auto version = store_schema::migrate(txn, steps);
      if (!version) return std::unexpected(version.error());
      found = *version;
      auto dbs = store_schema::open_databases(txn);
      if (!dbs) return std::unexpected(dbs.error());
      dbs_ = *dbs;
      return {};
    });
    if (!ok) return ok;
    if (found == 0) {
      logger().debug("store {}: created with schema version {}", env_.dir().string(), wanted);
    } else if (found < wanted) {
      logger().info("store {}: upgraded the schema from version {} to {}", env_.dir().string(),
                    found, wanted);
    }
  }
  map_size_ = env_.map_size();
  return {};
}

}  // namespace

Result<std::unique_ptr<Store>> open_store(const std::filesystem::path& dir, Store::Options options,
                                          std::span<const store_schema::Migration> steps) {
  const std::filesystem::path data_file = dir / "data.mdb";
  if (options.read_only) {
    std::error_code ec;
    if (!std::filesystem::exists(data_file, ec)) {
      return fail(ErrorKind::NotFound,
                  fmt::format("there is no store in {} yet; the first run that writes creates it",
                              dir.string()));
    }
  } else if (auto ok = store_files::ensure_directory(dir); !ok) {
    return std::unexpected(ok.error());
  }
  for (const auto& path : {dir, data_file, dir / "lock.mdb"}) {
    if (auto ok = store_files::check_private(path); !ok) return std::unexpected(ok.error());
  }
  auto registration = Registration::take(dir);
  if (!registration) return std::unexpected(registration.error());

  lmdb::Env::Options env_options;
  // A reader adopts the size the writer recorded (0); a writer starts at least as big as asked.
  env_options.map_bytes = options.read_only ? 0 : initial_map_bytes(dir, options.initial_map_bytes);
  env_options.read_only = options.read_only;
  auto env = lmdb::Env::open(dir, env_options);
  if (!env) return std::unexpected(env.error());

  auto store = std::make_unique<LmdbStore>(std::move(*registration), std::move(*env));
  if (auto ok = store->prepare(steps); !ok) return std::unexpected(ok.error());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace wv::store_detail

namespace wv {

Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& dir, Options options) {
  return store_detail::open_store(dir, options, store_schema::migrations());
}

}  // namespace wv
