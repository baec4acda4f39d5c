#pragma once
// The local state kept between runs, in an LMDB environment in one directory (files 0600).
//
// Reads and writes happen in transactions: everything written inside one write() call becomes
// durable together or not at all, which is what makes "store the link and clear the pending
// write" atomic. A single-writer lock (StoreLock) beside the environment keeps two cron runs
// from overlapping.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/store/records.hpp"

namespace wv {

/// Read operations, valid inside Store::read() or Store::write().
class StoreReader {
 public:
  virtual ~StoreReader() = default;

  /// The checkpoint of `stream` for `shop`, or nullopt when the stream never ran.
  virtual Result<std::optional<Checkpoint>> checkpoint(const std::string& shop,
                                                       Stream stream) const = 0;
  /// The link of a WooCommerce entity, or nullopt when it has none.
  virtual Result<std::optional<Link>> link_by_woo(const std::string& shop, EntityKind kind,
                                                  const std::string& woo_id) const = 0;
  /// The link of a Visma entity, or nullopt when it has none.
  virtual Result<std::optional<Link>> link_by_visma(EntityKind kind,
                                                    const std::string& visma_id) const = 0;
  /// All links of `kind` for `shop` (every shop when `shop` is nullopt).
  virtual Result<std::vector<Link>> links(const std::optional<std::string>& shop,
                                          EntityKind kind) const = 0;
  /// The pending write of an entity, or nullopt.
  virtual Result<std::optional<PendingWrite>> pending(const std::string& shop, EntityKind kind,
                                                      const std::string& woo_id) const = 0;
  /// All pending writes, oldest first.
  virtual Result<std::vector<PendingWrite>> all_pending() const = 0;
  /// The record of an item for `concern`, or nullopt.
  virtual Result<std::optional<FailedItem>> failed(const std::string& shop, Concern concern,
                                                   EntityKind kind,
                                                   const std::string& id) const = 0;
  /// All failure and attention records, resolved ones included (FailedItem::open()).
  virtual Result<std::vector<FailedItem>> all_failed() const = 0;
  /// Visma's tokens, or nullopt before `auth visma` has run.
  virtual Result<std::optional<OAuthTokens>> tokens() const = 0;
  /// The last `limit` runs, newest first.
  virtual Result<std::vector<RunRecord>> recent_runs(std::size_t limit) const = 0;
  /// Every checkpoint as (shop, stream, checkpoint).
  struct NamedCheckpoint {
    std::string shop;
    Stream stream = Stream::Orders;
    Checkpoint checkpoint;
  };
  virtual Result<std::vector<NamedCheckpoint>> all_checkpoints() const = 0;
};

/// Read and write operations, valid inside Store::write().
class StoreWriter : public StoreReader {
 public:
  virtual Status set_checkpoint(const std::string& shop, Stream stream,
                                const Checkpoint& checkpoint) = 0;
  virtual Status erase_checkpoint(const std::string& shop, Stream stream) = 0;
  /// Stores the link in both directions, replacing an older one of the same WooCommerce entity.
  virtual Status put_link(const Link& link) = 0;
  virtual Status erase_link(const std::string& shop, EntityKind kind,
                            const std::string& woo_id) = 0;
  virtual Status put_pending(const PendingWrite& pending) = 0;
  virtual Status erase_pending(const std::string& shop, EntityKind kind,
                               const std::string& woo_id) = 0;
  /// Stores the record under (shop, concern, kind, id), replacing an older one.
  virtual Status put_failed(const FailedItem& item) = 0;
  virtual Status erase_failed(const std::string& shop, Concern concern, EntityKind kind,
                              const std::string& id) = 0;
  virtual Status put_tokens(const OAuthTokens& tokens) = 0;
  virtual Status append_run(const RunRecord& run) = 0;
};

class Store {
 public:
  struct Options {
    /// Initial map size; the map doubles whenever a write finds it full.
    std::size_t initial_map_bytes = 16u << 20;
    bool read_only = false;
  };

  /// Opens (creating when absent and not read-only) the store in directory `dir`, migrating an
  /// older schema. Fails with Store when the directory cannot be created or read, when the
  /// files are not an LMDB environment, or when the schema is newer than this program knows.
  /// Also fails with Store when group or others have access to the directory or its files (the
  /// message names the chmod that fixes it), and with NotFound when `read_only` and there is no
  /// store in `dir` yet. A read-only store may be opened while another process holds the
  /// StoreLock and writes; it cannot migrate, so an older schema fails with Store too. One
  /// directory may be open only once per process at a time.
  static Result<std::unique_ptr<Store>> open(const std::filesystem::path& dir, Options options);
  static Result<std::unique_ptr<Store>> open(const std::filesystem::path& dir) {
    return open(dir, Options{});
  }

  virtual ~Store() = default;

  /// Runs `fn` in a read transaction. Returns fn's error or a Store error. Safe to call from
  /// several threads at once; must not be called from inside another read() or write() of the
  /// same store (fails with Internal: use the reader given to fn).
  virtual Status read(const std::function<Status(const StoreReader&)>& fn) const = 0;
  /// Runs `fn` in a write transaction and commits when it succeeds; aborts otherwise. When the
  /// map is full the transaction is retried on a grown map, so `fn` may run more than once and
  /// must not have effects outside the store. A failed StoreWriter operation aborts the whole
  /// transaction even when fn goes on and succeeds (write() then returns that failure).
  virtual Status write(const std::function<Status(StoreWriter&)>& fn) = 0;

  /// The schema version this program writes.
  static constexpr int kSchemaVersion = 2;
  /// The current map size in bytes (grows on demand).
  [[nodiscard]] virtual std::size_t map_size() const = 0;
  [[nodiscard]] virtual const std::filesystem::path& directory() const = 0;
};

/// The single-writer lock: an exclusive flock on `<dir>/lock`, held while the object lives.
class StoreLock {
 public:
  /// Takes the lock without waiting. Fails with Locked when another process holds it (the
  /// message names the directory), with Store when the lock file cannot be created.
  /// Creates `dir` (0700) when missing and writes this process's pid into the lock file, so
  /// that the Locked message can name the holder: "... holds the lock on /x (pid N)".
  static Result<StoreLock> acquire(const std::filesystem::path& dir);
  StoreLock(StoreLock&& other) noexcept;
  StoreLock& operator=(StoreLock&& other) noexcept;
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;
  ~StoreLock();

 private:
  explicit StoreLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace wv
