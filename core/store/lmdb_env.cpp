#include "core/store/lmdb_env.hpp"

#include <cerrno>
#include <utility>

#include <fmt/format.h>
#include <lmdb.h>

namespace wv::lmdb {
namespace {

MDB_val to_val(std::string_view s) {
  return MDB_val{s.size(), const_cast<char*>(s.data())};
}

std::string_view to_view(const MDB_val& v) {
  return {static_cast<const char*>(v.mv_data), v.mv_size};
}

}  // namespace

bool is_map_resized(int rc) {
  return rc == MDB_MAP_RESIZED;
}

// ---------------------------------------------------------------------------------------------
// Env

void Env::Closer::operator()(MDB_env* env) const {
  mdb_env_close(env);
}

Result<Env> Env::open(const std::filesystem::path& dir, const Options& options) {
  MDB_env* raw = nullptr;
  if (int rc = mdb_env_create(&raw); rc != 0) {
    return fail(ErrorKind::Store, fmt::format("store {}: cannot create an LMDB environment: {}",
                                              dir.string(), mdb_strerror(rc)));
  }
  std::unique_ptr<MDB_env, Closer> env(raw);
  Env result(std::move(env), dir, options.read_only);
  if (int rc = mdb_env_set_maxdbs(raw, options.max_dbs); rc != 0) {
    return fail(result.error(rc, "set the number of databases"));
  }
  if (options.map_bytes != 0) {
    if (int rc = mdb_env_set_mapsize(raw, options.map_bytes); rc != 0) {
      return fail(result.error(rc, "set the map size"));
    }
  }
  // MDB_NOTLS ties reader slots to transactions, not threads, so that read() may run on any
  // thread and several reads may overlap.
  const unsigned flags = MDB_NOTLS | (options.read_only ? MDB_RDONLY : 0u);
  if (int rc = mdb_env_open(raw, dir.c_str(), flags, 0600); rc != 0) {
    if (rc == MDB_INVALID || rc == MDB_VERSION_MISMATCH) {
      return fail(ErrorKind::Store,
                  fmt::format("store {}: data.mdb is not a woovisma store ({}); point store_dir "
                              "at the right directory or move the file away",
                              dir.string(), mdb_strerror(rc)));
    }
    return fail(result.error(rc, "open the LMDB environment"));
  }
  // Readers that died without ending their transaction pin old pages; free their slots.
  int dead = 0;
  mdb_reader_check(raw, &dead);
  return result;
}

std::expected<Txn, int> Env::begin(bool read_only) {
  MDB_txn* txn = nullptr;
  const unsigned flags = read_only ? MDB_RDONLY : 0u;
  if (int rc = mdb_txn_begin(env_.get(), nullptr, flags, &txn); rc != 0) {
    return std::unexpected(rc);
  }
  return Txn(*this, txn);
}

Status Env::set_map_size(std::size_t bytes) {
  if (int rc = mdb_env_set_mapsize(env_.get(), bytes); rc != 0) {
    return fail(error(rc, fmt::format("resize the map to {} bytes", bytes)));
  }
  return {};
}

std::size_t Env::map_size() const {
  MDB_envinfo info{};
  mdb_env_info(env_.get(), &info);
  return info.me_mapsize;
}

std::size_t Env::max_key_size() const {
  return static_cast<std::size_t>(mdb_env_get_maxkeysize(env_.get()));
}

void Env::name_db(Dbi dbi, std::string name) {
  if (db_names_.size() <= dbi) db_names_.resize(dbi + 1);
  db_names_[dbi] = std::move(name);
}

std::string Env::db_name(Dbi dbi) const {
  if (dbi < db_names_.size() && !db_names_[dbi].empty()) return db_names_[dbi];
  return fmt::format("db#{}", dbi);
}

Error Env::error(int rc, std::string_view doing) const {
  std::string why = mdb_strerror(rc);
  if (rc == MDB_MAP_FULL) why = "the map is full";
  if (rc == MDB_TXN_FULL) why = "the transaction is too large; write in smaller batches";
  if (rc == MDB_READERS_FULL) why = "too many readers at once; retry when other runs finish";
  if (rc == ENOSPC) why = "the disk is full; free space on it";
  return Error(ErrorKind::Store, fmt::format("store {}: cannot {}: {}", dir_.string(), doing, why));
}

// ---------------------------------------------------------------------------------------------
// Txn

Txn::Txn(Txn&& other) noexcept
    : env_(other.env_), txn_(std::exchange(other.txn_, nullptr)), map_full_(other.map_full_) {}

Txn& Txn::operator=(Txn&& other) noexcept {
  if (this != &other) {
    abort();
    env_ = other.env_;
    txn_ = std::exchange(other.txn_, nullptr);
    map_full_ = other.map_full_;
  }
  return *this;
}

Txn::~Txn() {
  abort();
}

void Txn::abort() {
  if (txn_ != nullptr) mdb_txn_abort(std::exchange(txn_, nullptr));
}

Status Txn::commit() {
  // mdb_txn_commit frees the transaction whatever it returns; never abort it afterwards.
  const int rc = mdb_txn_commit(std::exchange(txn_, nullptr));
  if (rc == MDB_MAP_FULL) map_full_ = true;
  if (rc != 0) return fail(env_->error(rc, "commit a write"));
  return {};
}

Result<std::optional<Dbi>> Txn::open_db(const std::string& name, bool create) {
  Dbi dbi = 0;
  const int rc = mdb_dbi_open(txn_, name.c_str(), create ? MDB_CREATE : 0u, &dbi);
  if (rc == MDB_NOTFOUND && !create) return std::optional<Dbi>{};
  if (rc != 0) return fail(env_->error(rc, "open the database " + name));
  env_->name_db(dbi, name);
  return std::optional<Dbi>{dbi};
}

Result<std::optional<std::string_view>> Txn::get(Dbi dbi, std::string_view key) const {
  MDB_val k = to_val(key);
  MDB_val v{};
  const int rc = mdb_get(txn_, dbi, &k, &v);
  // A key LMDB could never have stored is simply absent.
  if (rc == MDB_NOTFOUND || rc == MDB_BAD_VALSIZE) return std::optional<std::string_view>{};
  if (rc != 0) return fail(env_->error(rc, "read " + env_->db_name(dbi)));
  return std::optional<std::string_view>{to_view(v)};
}

Status Txn::check_write(int rc, Dbi dbi, std::string_view key) const {
  if (rc == 0) return {};
  if (rc == MDB_MAP_FULL) map_full_ = true;
  if (rc == MDB_BAD_VALSIZE) {
    return fail(
        ErrorKind::Store,
        fmt::format("store {}: cannot write {}: a key of {} bytes is longer than the {} "
                    "the store allows; shorten the id",
                    env_->dir().string(), env_->db_name(dbi), key.size(), env_->max_key_size()));
  }
  return fail(env_->error(rc, "write " + env_->db_name(dbi)));
}

Status Txn::put(Dbi dbi, std::string_view key, std::string_view value) {
  MDB_val k = to_val(key);
  MDB_val v = to_val(value);
  return check_write(mdb_put(txn_, dbi, &k, &v, 0), dbi, key);
}

Result<bool> Txn::del(Dbi dbi, std::string_view key) {
  MDB_val k = to_val(key);
  const int rc = mdb_del(txn_, dbi, &k, nullptr);
  if (rc == MDB_NOTFOUND || (rc == MDB_BAD_VALSIZE && !key.empty())) return false;
  if (auto ok = check_write(rc, dbi, key); !ok) return std::unexpected(ok.error());
  return true;
}

Result<std::size_t> Txn::entries(Dbi dbi) const {
  MDB_stat stat{};
  if (int rc = mdb_stat(txn_, dbi, &stat); rc != 0) {
    return fail(env_->error(rc, "count the entries of " + env_->db_name(dbi)));
  }
  return stat.ms_entries;
}

// ---------------------------------------------------------------------------------------------
// Cursor

Result<Cursor> Cursor::open(const Txn& txn, Dbi dbi) {
  MDB_cursor* cursor = nullptr;
  if (int rc = mdb_cursor_open(txn.handle(), dbi, &cursor); rc != 0) {
    return fail(txn.env().error(rc, "open a cursor on " + txn.env().db_name(dbi)));
  }
  return Cursor(txn, dbi, cursor);
}

Cursor::Cursor(Cursor&& other) noexcept
    : txn_(other.txn_),
      dbi_(other.dbi_),
      cursor_(std::exchange(other.cursor_, nullptr)),
      key_(other.key_),
      value_(other.value_) {}

Cursor::~Cursor() {
  if (cursor_ != nullptr) mdb_cursor_close(cursor_);
}

Result<bool> Cursor::move(int op, std::string_view key) {
  MDB_val k = to_val(key);
  MDB_val v{};
  const int rc = mdb_cursor_get(cursor_, &k, &v, static_cast<MDB_cursor_op>(op));
  if (rc == MDB_NOTFOUND) {
    key_ = value_ = {};
    return false;
  }
  if (rc != 0) return fail(txn_->env().error(rc, "read " + txn_->env().db_name(dbi_)));
  key_ = to_view(k);
  value_ = to_view(v);
  return true;
}

Result<bool> Cursor::first() {
  return move(MDB_FIRST, {});
}
Result<bool> Cursor::last() {
  return move(MDB_LAST, {});
}
Result<bool> Cursor::next() {
  return move(MDB_NEXT, {});
}
Result<bool> Cursor::prev() {
  return move(MDB_PREV, {});
}

Result<bool> Cursor::seek(std::string_view key) {
  if (key.empty()) return first();
  return move(MDB_SET_RANGE, key);
}

Status Cursor::del() {
  // Deleting can need a fresh page, so a full map shows up here too.
  return txn_->check_write(mdb_cursor_del(cursor_, 0), dbi_, key_);
}

}  // namespace wv::lmdb
