#pragma once
// Owners for LMDB's environment, transactions and cursors (private to core/store). They close
// what they opened on every path and turn LMDB's return codes into Store errors that name the
// directory and the database. lmdb.h itself is included only by lmdb_env.cpp.

#include <cstddef>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

struct MDB_env;
struct MDB_txn;
struct MDB_cursor;

namespace wv::lmdb {

using Dbi = unsigned int;

/// LMDB's own return code for "another process grew the map beyond ours".
bool is_map_resized(int rc);

class Txn;

class Env {
 public:
  struct Options {
    std::size_t map_bytes = 0;
    unsigned max_dbs = 16;
    bool read_only = false;
  };

  /// Opens the environment in `dir` (which must exist) with MDB_NOTLS; files are created 0600.
  /// Fails with Store naming the directory when it is not an LMDB environment or cannot be
  /// opened.
  static Result<Env> open(const std::filesystem::path& dir, const Options& options);

  Env(Env&&) noexcept = default;
  Env& operator=(Env&&) noexcept = default;
  ~Env() = default;

  /// Starts a transaction; on failure returns LMDB's code (see is_map_resized and error()).
  [[nodiscard]] std::expected<Txn, int> begin(bool read_only);
  /// Remaps to `bytes` (0 = adopt the size another process set). The caller guarantees that no
  /// transaction of this process is active. Fails with Store.
  Status set_map_size(std::size_t bytes);
  [[nodiscard]] std::size_t map_size() const;
  [[nodiscard]] std::size_t max_key_size() const;
  [[nodiscard]] bool read_only() const { return read_only_; }
  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }

  /// Remembers the name of a database handle, for messages.
  void name_db(Dbi dbi, std::string name);
  /// The name of `dbi`, or "db#N" when it was never named.
  [[nodiscard]] std::string db_name(Dbi dbi) const;
  /// A Store error: "store <dir>: cannot <doing>: <LMDB's text>".
  [[nodiscard]] Error error(int rc, std::string_view doing) const;

  [[nodiscard]] MDB_env* handle() const { return env_.get(); }

 private:
  struct Closer {
    void operator()(MDB_env* env) const;
  };
  Env(std::unique_ptr<MDB_env, Closer> env, std::filesystem::path dir, bool read_only)
      : env_(std::move(env)), dir_(std::move(dir)), read_only_(read_only) {}

  std::unique_ptr<MDB_env, Closer> env_;
  std::filesystem::path dir_;
  bool read_only_ = false;
  std::vector<std::string> db_names_;
};

/// One transaction; aborted on destruction unless committed.
class Txn {
 public:
  Txn(Txn&& other) noexcept;
  Txn& operator=(Txn&& other) noexcept;
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;
  ~Txn();

  /// The handle of the named database `name`, created when `create`; nullopt when it does not
  /// exist and `create` is false. Fails with Store.
  Result<std::optional<Dbi>> open_db(const std::string& name, bool create);
  /// The value stored under `key` (valid until the transaction ends or writes), or nullopt.
  Result<std::optional<std::string_view>> get(Dbi dbi, std::string_view key) const;
  /// Stores `value` under `key`, replacing an older value. Fails with Store (also when the key
  /// is longer than LMDB allows); a full map is also remembered in map_full().
  Status put(Dbi dbi, std::string_view key, std::string_view value);
  /// Removes `key`; returns false when it was absent. Fails with Store.
  Result<bool> del(Dbi dbi, std::string_view key);
  /// The number of entries in `dbi`. Fails with Store.
  Result<std::size_t> entries(Dbi dbi) const;
  /// Commits; the transaction is over whatever the outcome. Fails with Store.
  Status commit();
  /// Abandons the transaction (no-op when already over).
  void abort();

  /// True once a write in this transaction (or its commit) found the map full.
  [[nodiscard]] bool map_full() const { return map_full_; }
  [[nodiscard]] Env& env() const { return *env_; }
  [[nodiscard]] MDB_txn* handle() const { return txn_; }

 private:
  friend class Env;
  friend class Cursor;
  Txn(Env& env, MDB_txn* txn) : env_(&env), txn_(txn) {}
  Status check_write(int rc, Dbi dbi, std::string_view key) const;

  Env* env_ = nullptr;
  MDB_txn* txn_ = nullptr;
  mutable bool map_full_ = false;  // set by cursor deletes too, which hold a const Txn
};

/// A cursor over one database inside one transaction; must not outlive the transaction.
class Cursor {
 public:
  /// Opens a cursor on `dbi`. Fails with Store.
  static Result<Cursor> open(const Txn& txn, Dbi dbi);
  Cursor(Cursor&& other) noexcept;
  Cursor& operator=(Cursor&&) = delete;
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  ~Cursor();

  /// Each positions the cursor and returns false when there is no such entry. Fail with Store.
  Result<bool> first();
  Result<bool> last();
  Result<bool> next();
  Result<bool> prev();
  /// The first entry whose key is >= `key`.
  Result<bool> seek(std::string_view key);
  /// Removes the entry under the cursor. Fails with Store.
  Status del();

  /// The entry under the cursor (valid until the cursor moves or the transaction writes).
  [[nodiscard]] std::string_view key() const { return key_; }
  [[nodiscard]] std::string_view value() const { return value_; }

 private:
  Cursor(const Txn& txn, Dbi dbi, MDB_cursor* cursor) : txn_(&txn), dbi_(dbi), cursor_(cursor) {}
  Result<bool> move(int op, std::string_view key);

  const Txn* txn_;
  Dbi dbi_;
  MDB_cursor* cursor_;
  std::string_view key_;
  std::string_view value_;
};

}  // namespace wv::lmdb
