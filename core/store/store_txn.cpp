#include "core/store/store_txn.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/redact.hpp"
#include "core/store/record_codec.hpp"

namespace wv {
namespace {

using lmdb::Dbi;
using store_codec::describe_key;
using store_codec::key_prefix;

Error unreadable(const lmdb::Txn& txn, Dbi dbi, std::string_view key_text, std::string_view why) {
  return Error(ErrorKind::Store,
               fmt::format("store {}: record {} \"{}\" is unreadable ({}); restore the store "
                           "directory from a backup (do not delete it: it remembers what was "
                           "already sent to Visma)",
                           txn.env().dir().string(), txn.env().db_name(dbi), key_text, why));
}

/// The record under `key` decoded by `decode`, or nullopt when absent.
template <class T, class Decode>
Result<std::optional<T>> get_record(const lmdb::Txn& txn, Dbi dbi, std::string_view key,
                                    Decode decode) {
  auto raw = txn.get(dbi, key);
  if (!raw) return std::unexpected(raw.error());
  if (!*raw) return std::optional<T>{};
  auto value = decode(**raw);
  if (!value) return fail(unreadable(txn, dbi, describe_key(key), value.error()));
  return std::optional<T>{std::move(*value)};
}

/// Calls visit(key, value) for every entry whose key starts with `prefix`, in key order.
template <class Visit>
Status scan(const lmdb::Txn& txn, Dbi dbi, std::string_view prefix, Visit visit) {
  auto cursor = lmdb::Cursor::open(txn, dbi);
  if (!cursor) return std::unexpected(cursor.error());
  for (auto more = cursor->seek(prefix);; more = cursor->next()) {
    if (!more) return std::unexpected(more.error());
    if (!*more || !cursor->key().starts_with(prefix)) return {};
    if (auto ok = visit(cursor->key(), cursor->value()); !ok) return ok;
  }
}

/// The parts of `key`, which must have exactly `count`; fails as an unreadable record.
Result<std::vector<std::string>> key_parts(const lmdb::Txn& txn, Dbi dbi, std::string_view key,
                                           std::size_t count) {
  auto parts = store_codec::split_key(key);
  if (!parts || parts->size() != count) {
    return fail(unreadable(txn, dbi, describe_key(key),
                           fmt::format("the key does not have {} parts", count)));
  }
  return std::move(*parts);
}

template <class T>
Result<T> decoded(const lmdb::Txn& txn, Dbi dbi, std::string_view key,
                  store_codec::Decoded<T> value) {
  if (!value) return fail(unreadable(txn, dbi, describe_key(key), value.error()));
  return std::move(*value);
}

/// The enum that key part `part` names, read by `parse` (store_codec::entity_kind_part, ...).
/// A number this program does not know (damage, or a newer woovisma) fails as an unreadable
/// record naming `what` ("kind", "stream", "concern").
template <class Enum, class Parse>
Result<Enum> enum_in_key(const lmdb::Txn& txn, Dbi dbi, std::string_view key,
                         const std::string& part, const char* what, Parse parse) {
  if (auto value = parse(part)) return *value;
  return fail(
      unreadable(txn, dbi, describe_key(key),
                 fmt::format("the key names no {} this woovisma knows (\"{}\")", what, part)));
}

Result<EntityKind> kind_in_key(const lmdb::Txn& txn, Dbi dbi, std::string_view key,
                               const std::string& part) {
  return enum_in_key<EntityKind>(txn, dbi, key, part, "kind", store_codec::entity_kind_part);
}

}  // namespace

Status StoreTxn::track(Status status) {
  if (!status && !write_failure_) write_failure_ = status.error();
  return status;
}

// ---------------------------------------------------------------------------------------------
// Reads

Result<std::optional<Checkpoint>> StoreTxn::checkpoint(const std::string& shop,
                                                       Stream stream) const {
  return get_record<Checkpoint>(txn_, dbs_.checkpoints, store_codec::checkpoint_key(shop, stream),
                                store_codec::decode_checkpoint);
}

Result<std::vector<StoreReader::NamedCheckpoint>> StoreTxn::all_checkpoints() const {
  std::vector<NamedCheckpoint> out;
  const Dbi dbi = dbs_.checkpoints;
  auto ok = scan(txn_, dbi, "", [&](std::string_view key, std::string_view value) -> Status {
    auto parts = key_parts(txn_, dbi, key, 2);
    if (!parts) return std::unexpected(parts.error());
    auto stream =
        enum_in_key<Stream>(txn_, dbi, key, (*parts)[1], "stream", store_codec::stream_part);
    if (!stream) return std::unexpected(stream.error());
    auto c = decoded(txn_, dbi, key, store_codec::decode_checkpoint(value));
    if (!c) return std::unexpected(c.error());
    out.push_back({std::move((*parts)[0]), *stream, std::move(*c)});
    return {};
  });
  if (!ok) return std::unexpected(ok.error());
  return out;
}

Result<Link> StoreTxn::link_from(std::string_view key, std::string_view value) const {
  const Dbi dbi = dbs_.links_by_woo;
  auto parts = key_parts(txn_, dbi, key, 3);
  if (!parts) return std::unexpected(parts.error());
  auto kind = kind_in_key(txn_, dbi, key, (*parts)[0]);
  if (!kind) return std::unexpected(kind.error());
  auto link = decoded(txn_, dbi, key, store_codec::decode_link(value));
  if (!link) return link;
  link->kind = *kind;
  link->shop = std::move((*parts)[1]);
  link->woo_id = std::move((*parts)[2]);
  return link;
}

Result<std::optional<Link>> StoreTxn::link_at(std::string_view key) const {
  auto raw = txn_.get(dbs_.links_by_woo, key);
  if (!raw) return std::unexpected(raw.error());
  if (!*raw) return std::optional<Link>{};
  auto link = link_from(key, **raw);
  if (!link) return std::unexpected(link.error());
  return std::optional<Link>{std::move(*link)};
}

Result<std::optional<Link>> StoreTxn::link_by_woo(const std::string& shop, EntityKind kind,
                                                  const std::string& woo_id) const {
  return link_at(store_codec::link_key(kind, shop, woo_id));
}

Result<std::optional<Link>> StoreTxn::link_by_visma(EntityKind kind,
                                                    const std::string& visma_id) const {
  const std::string reverse_key = store_codec::link_visma_key(kind, visma_id);
  auto ref =
      get_record<std::string>(txn_, dbs_.links_by_visma, reverse_key, store_codec::decode_link_ref);
  if (!ref) return std::unexpected(ref.error());
  if (!*ref) return std::optional<Link>{};
  auto link = link_at(**ref);
  if (!link) return link;
  // put_link and erase_link keep both directions in step, so a mismatch means damage.
  if (!*link || (*link)->visma_id != visma_id || (*link)->kind != kind) {
    return fail(unreadable(txn_, dbs_.links_by_visma, describe_key(reverse_key),
                           fmt::format("it points to links_by_woo \"{}\", which is not its link",
                                       describe_key(**ref))));
  }
  return link;
}

Result<std::vector<Link>> StoreTxn::links(const std::optional<std::string>& shop,
                                          EntityKind kind) const {
  std::vector<Link> out;
  const std::string kind_part = store_codec::key_part(kind);
  const std::string prefix = shop ? key_prefix({kind_part, *shop}) : key_prefix({kind_part});
  auto ok = scan(txn_, dbs_.links_by_woo, prefix,
                 [&](std::string_view key, std::string_view value) -> Status {
                   auto link = link_from(key, value);
                   if (!link) return std::unexpected(link.error());
                   out.push_back(std::move(*link));
                   return {};
                 });
  if (!ok) return std::unexpected(ok.error());
  return out;
}

Result<std::optional<PendingWrite>> StoreTxn::pending(const std::string& shop, EntityKind kind,
                                                      const std::string& woo_id) const {
  auto p =
      get_record<PendingWrite>(txn_, dbs_.pending, store_codec::pending_key(shop, kind, woo_id),
                               store_codec::decode_pending);
  if (p && *p) {
    (*p)->shop = shop;
    (*p)->kind = kind;
    (*p)->woo_id = woo_id;
  }
  return p;
}

Result<std::vector<PendingWrite>> StoreTxn::all_pending() const {
  std::vector<PendingWrite> out;
  const Dbi dbi = dbs_.pending;
  auto ok = scan(txn_, dbi, "", [&](std::string_view key, std::string_view value) -> Status {
    auto parts = key_parts(txn_, dbi, key, 3);
    if (!parts) return std::unexpected(parts.error());
    auto kind = kind_in_key(txn_, dbi, key, (*parts)[1]);
    if (!kind) return std::unexpected(kind.error());
    auto p = decoded(txn_, dbi, key, store_codec::decode_pending(value));
    if (!p) return std::unexpected(p.error());
    p->shop = std::move((*parts)[0]);
    p->kind = *kind;
    p->woo_id = std::move((*parts)[2]);
    out.push_back(std::move(*p));
    return {};
  });
  if (!ok) return std::unexpected(ok.error());
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.recorded_at < b.recorded_at; });
  return out;
}

Result<std::optional<FailedItem>> StoreTxn::failed(const std::string& shop, Concern concern,
                                                   EntityKind kind, const std::string& id) const {
  auto f =
      get_record<FailedItem>(txn_, dbs_.failed, store_codec::failed_key(shop, concern, kind, id),
                             store_codec::decode_failed);
  if (f && *f) {
    (*f)->shop = shop;
    (*f)->concern = concern;
    (*f)->kind = kind;
    (*f)->id = id;
  }
  return f;
}

Result<std::vector<FailedItem>> StoreTxn::all_failed() const {
  std::vector<FailedItem> out;
  const Dbi dbi = dbs_.failed;
  auto ok = scan(txn_, dbi, "", [&](std::string_view key, std::string_view value) -> Status {
    auto parts = key_parts(txn_, dbi, key, 4);
    if (!parts) return std::unexpected(parts.error());
    auto concern =
        enum_in_key<Concern>(txn_, dbi, key, (*parts)[1], "concern", store_codec::concern_part);
    if (!concern) return std::unexpected(concern.error());
    auto kind = kind_in_key(txn_, dbi, key, (*parts)[2]);
    if (!kind) return std::unexpected(kind.error());
    auto f = decoded(txn_, dbi, key, store_codec::decode_failed(value));
    if (!f) return std::unexpected(f.error());
    f->shop = std::move((*parts)[0]);
    f->concern = *concern;
    f->kind = *kind;
    f->id = std::move((*parts)[3]);
    out.push_back(std::move(*f));
    return {};
  });
  if (!ok) return std::unexpected(ok.error());
  return out;
}

Result<std::optional<OAuthTokens>> StoreTxn::tokens() const {
  auto t = get_record<OAuthTokens>(txn_, dbs_.tokens, store_schema::kVismaTokensKey,
                                   store_codec::decode_tokens);
  if (t && *t) {
    register_secret((*t)->access_token);
    register_secret((*t)->refresh_token);
  }
  return t;
}

Result<std::vector<RunRecord>> StoreTxn::recent_runs(std::size_t limit) const {
  std::vector<RunRecord> out;
  if (limit == 0) return out;
  auto cursor = lmdb::Cursor::open(txn_, dbs_.runs);
  if (!cursor) return std::unexpected(cursor.error());
  for (auto more = cursor->last(); out.size() < limit; more = cursor->prev()) {
    if (!more) return std::unexpected(more.error());
    if (!*more) break;
    const auto number = store_codec::parse_sequence_key(cursor->key());
    const std::string key_text = number ? fmt::format("#{}", *number) : describe_key(cursor->key());
    auto run = store_codec::decode_run(cursor->value());
    if (!run || !number) {
      return fail(
          unreadable(txn_, dbs_.runs, key_text, run ? "the key is not a run number" : run.error()));
    }
    out.push_back(std::move(*run));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writes

Status StoreTxn::set_checkpoint(const std::string& shop, Stream stream,
                                const Checkpoint& checkpoint) {
  return track(txn_.put(dbs_.checkpoints, store_codec::checkpoint_key(shop, stream),
                        store_codec::encode_checkpoint(checkpoint)));
}

Status StoreTxn::erase_checkpoint(const std::string& shop, Stream stream) {
  auto erased = txn_.del(dbs_.checkpoints, store_codec::checkpoint_key(shop, stream));
  return track(erased ? Status{} : Status{std::unexpected(erased.error())});
}

Status StoreTxn::drop_reverse_entry(EntityKind kind, const std::string& visma_id,
                                    std::string_view key) {
  const std::string reverse_key = store_codec::link_visma_key(kind, visma_id);
  auto ref =
      get_record<std::string>(txn_, dbs_.links_by_visma, reverse_key, store_codec::decode_link_ref);
  if (!ref) return std::unexpected(ref.error());
  // Another entity may own the reverse entry now (a Visma customer shared by two shops).
  if (!*ref || **ref != key) return {};
  auto erased = txn_.del(dbs_.links_by_visma, reverse_key);
  if (!erased) return std::unexpected(erased.error());
  return {};
}

Status StoreTxn::put_link(const Link& link) {
  if (link.woo_id.empty() || link.visma_id.empty()) {
    return track(fail(ErrorKind::Internal,
                      fmt::format("put_link needs a woo_id and a visma_id (got {} \"{}\", "
                                  "\"{}\")",
                                  to_string(link.kind), link.woo_id, link.visma_id)));
  }
  const std::string key = store_codec::link_key(link.kind, link.shop, link.woo_id);
  auto old = link_at(key);
  if (!old) return track(std::unexpected(old.error()));
  if (*old && (*old)->visma_id != link.visma_id) {
    if (auto ok = drop_reverse_entry(link.kind, (*old)->visma_id, key); !ok) return track(ok);
  }
  if (auto ok = txn_.put(dbs_.links_by_woo, key, store_codec::encode_link(link)); !ok) {
    return track(ok);
  }
  return track(txn_.put(dbs_.links_by_visma, store_codec::link_visma_key(link.kind, link.visma_id),
                        store_codec::encode_link_ref(key)));
}

Status StoreTxn::erase_link(const std::string& shop, EntityKind kind, const std::string& woo_id) {
  const std::string key = store_codec::link_key(kind, shop, woo_id);
  auto old = link_at(key);
  if (!old) return track(std::unexpected(old.error()));
  if (!*old) return {};
  if (auto ok = drop_reverse_entry(kind, (*old)->visma_id, key); !ok) return track(ok);
  auto erased = txn_.del(dbs_.links_by_woo, key);
  return track(erased ? Status{} : Status{std::unexpected(erased.error())});
}

Status StoreTxn::put_pending(const PendingWrite& p) {
  return track(txn_.put(dbs_.pending, store_codec::pending_key(p.shop, p.kind, p.woo_id),
                        store_codec::encode_pending(p)));
}

Status StoreTxn::erase_pending(const std::string& shop, EntityKind kind,
                               const std::string& woo_id) {
  auto erased = txn_.del(dbs_.pending, store_codec::pending_key(shop, kind, woo_id));
  return track(erased ? Status{} : Status{std::unexpected(erased.error())});
}

Status StoreTxn::put_failed(const FailedItem& item) {
  return track(txn_.put(dbs_.failed,
                        store_codec::failed_key(item.shop, item.concern, item.kind, item.id),
                        store_codec::encode_failed(item)));
}

Status StoreTxn::erase_failed(const std::string& shop, Concern concern, EntityKind kind,
                              const std::string& id) {
  auto erased = txn_.del(dbs_.failed, store_codec::failed_key(shop, concern, kind, id));
  return track(erased ? Status{} : Status{std::unexpected(erased.error())});
}

Status StoreTxn::put_tokens(const OAuthTokens& tokens) {
  register_secret(tokens.access_token);
  register_secret(tokens.refresh_token);
  return track(
      txn_.put(dbs_.tokens, store_schema::kVismaTokensKey, store_codec::encode_tokens(tokens)));
}

Status StoreTxn::append_run(const RunRecord& run) {
  std::uint64_t next = 1;
  {
    auto cursor = lmdb::Cursor::open(txn_, dbs_.runs);
    if (!cursor) return track(std::unexpected(cursor.error()));
    auto has_last = cursor->last();
    if (!has_last) return track(std::unexpected(has_last.error()));
    if (*has_last) {
      const auto last = store_codec::parse_sequence_key(cursor->key());
      if (!last) {
        return track(fail(unreadable(txn_, dbs_.runs, describe_key(cursor->key()),
                                     "the key is not a run number")));
      }
      next = *last + 1;
    }
  }
  if (auto ok = txn_.put(dbs_.runs, store_codec::sequence_key(next), store_codec::encode_run(run));
      !ok) {
    return track(ok);
  }
  auto count = txn_.entries(dbs_.runs);
  if (!count) return track(std::unexpected(count.error()));
  if (*count <= store_schema::kRunsKept) return {};
  auto cursor = lmdb::Cursor::open(txn_, dbs_.runs);
  if (!cursor) return track(std::unexpected(cursor.error()));
  for (std::size_t extra = *count - store_schema::kRunsKept; extra > 0; --extra) {
    auto found = cursor->first();
    if (!found) return track(std::unexpected(found.error()));
    if (!*found) break;
    if (auto ok = cursor->del(); !ok) return track(ok);
  }
  return {};
}

}  // namespace wv
