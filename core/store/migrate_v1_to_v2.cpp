#include "core/store/migrate_v1_to_v2.hpp"

#include <charconv>
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "core/exit_code.hpp"
#include "core/store/record_codec.hpp"
#include "core/store/record_codec_v1.hpp"
#include "core/store/schema.hpp"

namespace wv::store_schema {
namespace {

namespace v1 = store_codec_v1;
namespace codec = store_codec;

struct Entry {
  std::string key;
  std::string value;
};

/// One record in its version-2 form, or why it cannot be converted.
using Converted = std::expected<Entry, std::string>;
using Convert = std::function<Converted(std::string_view key, std::string_view value)>;

// ---------------------------------------------------------------------------------------------
// What version 1's words mean

/// Version 1 linked refunds (and kept their intents) under "credit", after the Visma document.
std::optional<EntityKind> kind_v1(std::string_view word) {
  if (word == "order") return EntityKind::Order;
  if (word == "credit") return EntityKind::Refund;
  if (word == "customer") return EntityKind::Customer;
  if (word == "article") return EntityKind::Article;
  return std::nullopt;
}

/// The document words of links' states and intents' targets.
std::optional<DocumentKind> document_v1(std::string_view word) {
  if (word == "draft") return DocumentKind::InvoiceDraft;
  if (word == "invoice") return DocumentKind::Invoice;
  if (word == "sales-order") return DocumentKind::SalesOrder;
  return std::nullopt;
}

/// "<what> \"<word>\", which version 1 never wrote" ("the key has kind \"x\"", ...).
std::string unknown(std::string_view what, std::string_view word) {
  return fmt::format("{} \"{}\", which version 1 never wrote", what, word);
}

/// The parts of a version-1 key, which must have `count` of them.
std::expected<std::vector<std::string>, std::string> parts_of(std::string_view key,
                                                              std::size_t count) {
  auto parts = codec::split_key(key);
  if (!parts || parts->size() != count) {
    return std::unexpected(fmt::format("the key does not have {} parts", count));
  }
  return std::move(*parts);
}

std::expected<EntityKind, std::string> kind_in_key(std::string_view word) {
  auto kind = kind_v1(word);
  if (!kind) return std::unexpected(unknown("the key has kind", word));
  return *kind;
}

/// Moves the free-text state of a version-1 link into the typed fields of `link`.
std::expected<void, std::string> apply_state(std::string_view state, Link& link) {
  switch (link.kind) {
    case EntityKind::Order:
    case EntityKind::Refund: {
      // A reported change after the transfer was marked by appending "+reported" (orders only).
      constexpr std::string_view kReported = "+reported";
      std::string_view document = state;
      if (link.kind == EntityKind::Order && document.ends_with(kReported)) {
        link.change_reported = true;
        document.remove_suffix(kReported.size());
      }
      if (document.empty()) return {};  // a link made before its document's kind was known
      link.document = document_v1(document);
      if (link.document) return {};
      break;
    }
    case EntityKind::Customer:
      if (state.empty()) return {};  // Unknown, which the customer resolver reads as private
      if (state == "private") link.customer_type = CustomerType::Private;
      if (state == "company") link.customer_type = CustomerType::Company;
      if (link.customer_type != CustomerType::Unknown) return {};
      break;
    case EntityKind::Article:
    case EntityKind::Product:
      if (state.empty()) return {};
      break;
  }
  return std::unexpected(
      unknown(fmt::format("the {} link has state", to_string(link.kind)), state));
}

// ---------------------------------------------------------------------------------------------
// One converter per database

Converted checkpoint(std::string_view key, std::string_view value) {
  auto parts = parts_of(key, 2);
  if (!parts) return std::unexpected(parts.error());
  const auto stream = stream_from((*parts)[1]);
  if (!stream) return std::unexpected(unknown("the key has stream", (*parts)[1]));
  auto old = v1::decode_checkpoint(value);
  if (!old) return std::unexpected(old.error());
  Checkpoint c{old->modified, old->last_id, old->updated_at};
  if (*stream == Stream::Orders) {
    // WooCommerce ids are numbers; version 1 kept them as decimal text.
    std::int64_t id = 0;
    const std::string& text = old->last_id;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
      return std::unexpected(fmt::format("its last_id \"{}\" is not an order number", text));
    }
    c.last_id = id;
  }
  return Entry{codec::checkpoint_key((*parts)[0], *stream), codec::encode_checkpoint(c)};
}

Converted link(std::string_view key, std::string_view value) {
  auto parts = parts_of(key, 3);
  if (!parts) return std::unexpected(parts.error());
  auto kind = kind_in_key((*parts)[0]);
  if (!kind) return std::unexpected(kind.error());
  auto old = v1::decode_link(value);
  if (!old) return std::unexpected(old.error());
  Link l;
  l.kind = *kind;
  l.visma_id = old->visma_id;
  l.visma_number = old->visma_number;
  l.linked_at = old->linked_at;
  if (auto ok = apply_state(old->state, l); !ok) return std::unexpected(ok.error());
  return Entry{codec::link_key(*kind, (*parts)[1], (*parts)[2]), codec::encode_link(l)};
}

// Each reverse entry is converted as it is (not rebuilt from the links), so that a Visma
// customer shared by two shops keeps pointing at the link that owned it.
Converted link_ref(std::string_view key, std::string_view value) {
  auto parts = parts_of(key, 2);
  if (!parts) return std::unexpected(parts.error());
  auto kind = kind_in_key((*parts)[0]);
  if (!kind) return std::unexpected(kind.error());
  auto old_ref = v1::decode_link_ref(value);
  if (!old_ref) return std::unexpected(old_ref.error());
  auto ref = parts_of(*old_ref, 3);
  if (!ref || kind_v1((*ref)[0]) != kind) {
    return std::unexpected(fmt::format("it points to \"{}\", which is not a link of its kind",
                                       codec::describe_key(*old_ref)));
  }
  return Entry{codec::link_visma_key(*kind, (*parts)[1]),
               codec::encode_link_ref(codec::link_key(*kind, (*ref)[1], (*ref)[2]))};
}

Converted pending(std::string_view key, std::string_view value) {
  auto parts = parts_of(key, 3);
  if (!parts) return std::unexpected(parts.error());
  auto kind = kind_in_key((*parts)[1]);
  if (!kind) return std::unexpected(kind.error());
  auto old = v1::decode_pending(value);
  if (!old) return std::unexpected(old.error());
  PendingWrite p;
  // owner_id stays "": version 1 did not record a refund's order with its intent.
  p.reference = old->reference;
  p.recorded_at = old->recorded_at;
  bool fits = false;
  if (*kind == EntityKind::Order || *kind == EntityKind::Refund) {
    p.document = document_v1(old->target);
    fits = p.document.has_value();
  } else {
    fits = old->target == to_string(*kind);  // "customer", "article": no document
  }
  if (!fits) {
    return std::unexpected(
        unknown(fmt::format("the {} intent has target", to_string(*kind)), old->target));
  }
  return Entry{codec::pending_key((*parts)[0], *kind, (*parts)[2]), codec::encode_pending(p)};
}

Converted failed(std::string_view key, std::string_view value) {
  auto parts = parts_of(key, 3);
  if (!parts) return std::unexpected(parts.error());
  const std::string& old_kind = (*parts)[1];
  auto old = v1::decode_failed(value);
  if (!old) return std::unexpected(old.error());
  // Version 1 told notices apart by their kind, and marked the ones no retry settles with
  // next_attempt = Timestamp::max().
  FailedItem f;
  if (old_kind == "order") {
    f.kind = EntityKind::Order;
    f.concern = Concern::Failed;
  } else if (old_kind == "refund") {
    f.kind = EntityKind::Refund;
    const bool reported = old->next_attempt == Timestamp::max();
    f.concern = reported ? Concern::RefundNotCredited : Concern::Failed;
    f.needs_person = reported;
  } else if (old_kind == "order-after-transfer") {
    f.kind = EntityKind::Order;
    f.concern = Concern::ChangedAfterTransfer;
    f.needs_person = true;
  } else if (old_kind == "order-total-mismatch") {
    f.kind = EntityKind::Order;
    f.concern = Concern::TotalsDiffer;
    f.needs_person = true;
  } else {
    return std::unexpected(unknown("the key has kind", old_kind));
  }
  f.id = (*parts)[2];
  // A refund's order is what a retry fetches, but version 1 did not record it: owner_id stays
  // "" for refunds, and the order's own id for orders.
  if (f.kind == EntityKind::Order) f.owner_id = f.id;
  f.attempts = old->attempts;
  // Version 1 wrote error_kind "attention" for notices; needs_person says that now, and
  // error_kind is "" for notices.
  f.error_kind = f.needs_person && old->error_kind == "attention" ? "" : old->error_kind;
  f.message = old->last_error;
  f.hint = old->hint;
  f.first_failed = old->first_failed;
  f.last_failed = old->last_failed;
  if (!f.needs_person) f.next_attempt = old->next_attempt;
  return Entry{codec::failed_key((*parts)[0], f.concern, f.kind, f.id), codec::encode_failed(f)};
}

Converted tokens(std::string_view key, std::string_view value) {
  auto old = v1::decode_tokens(value);
  if (!old) return std::unexpected(old.error());
  return Entry{std::string(key), codec::encode_tokens(*old)};
}

// Version 1 wrote "ok", "partial", "stopped: <error kind>" and, in its documentation only,
// "dry-run" and "failed: <reason>". The exit code was not recorded: it is the one that run
// exited with, as far as the outcome tells (a stop for another kind than transient or auth
// gets 1, the code of internal errors).
Converted run(std::string_view key, std::string_view value) {
  auto old = v1::decode_run(value);
  if (!old) return std::unexpected(old.error());
  RunRecord r{old->shop,
              old->command,
              old->started,
              old->ended,
              old->created,
              old->updated,
              old->skipped,
              old->failed,
              RunOutcome::Ok,
              0,
              ""};
  const std::string& outcome = old->outcome;
  if (outcome == "ok") {
    r.outcome = RunOutcome::Ok;
    r.exit_code = to_int(ExitCode::Ok);
  } else if (outcome == "partial") {
    r.outcome = RunOutcome::Partial;
    r.exit_code = to_int(ExitCode::Partial);
  } else if (outcome == "dry-run") {
    r.outcome = RunOutcome::DryRun;
    r.exit_code = to_int(ExitCode::Ok);
  } else if (outcome.starts_with("stopped") || outcome.starts_with("failed")) {
    r.outcome = RunOutcome::Stopped;
    r.detail = outcome;
    r.exit_code = outcome == "stopped: transient" ? to_int(ExitCode::Transient)
                  : outcome == "stopped: auth"    ? to_int(ExitCode::Auth)
                                                  : to_int(ExitCode::Internal);
  } else {
    return std::unexpected(unknown("the run has outcome", outcome));
  }
  return Entry{std::string(key), codec::encode_run(r)};
}

// ---------------------------------------------------------------------------------------------

std::string describe(const char* db, std::string_view key) {
  if (std::string_view(db) == kRuns) {
    if (auto n = codec::parse_sequence_key(key)) return fmt::format("#{}", *n);
  }
  return codec::describe_key(key);
}

/// Replaces every entry of database `db` by its conversion; nothing is written unless all of
/// them convert.
Status rewrite(lmdb::Txn& txn, const char* db, const Convert& convert) {
  auto dbi = txn.open_db(db, false);
  if (!dbi) return std::unexpected(dbi.error());
  if (!*dbi) return {};  // created empty by the step before; nothing to convert
  std::vector<Entry> old;
  {
    auto cursor = lmdb::Cursor::open(txn, **dbi);
    if (!cursor) return std::unexpected(cursor.error());
    for (auto more = cursor->first();; more = cursor->next()) {
      if (!more) return std::unexpected(more.error());
      if (!*more) break;
      old.push_back({std::string(cursor->key()), std::string(cursor->value())});
    }
  }
  std::vector<Entry> converted;
  converted.reserve(old.size());
  for (const auto& [key, value] : old) {
    auto entry = convert(key, value);
    if (!entry) {
      return fail(ErrorKind::Store,
                  fmt::format("record {} \"{}\" cannot be upgraded: {}; keep the store directory "
                              "as it is (it remembers what was already sent to Visma) and report "
                              "this to the woovisma project",
                              db, describe(db, key), entry.error()));
    }
    converted.push_back(std::move(*entry));
  }
  // All old keys go first: a new key may equal an old key of another record.
  for (const auto& entry : old) {
    if (auto gone = txn.del(**dbi, entry.key); !gone) return std::unexpected(gone.error());
  }
  for (const auto& entry : converted) {
    if (auto ok = txn.put(**dbi, entry.key, entry.value); !ok) return ok;
  }
  return {};
}

}  // namespace

Status migrate_v1_to_v2(lmdb::Txn& txn) {
  const std::pair<const char*, Convert> steps[] = {
      {kCheckpoints, checkpoint},
      {kLinksByWoo, link},
      {kLinksByVisma, link_ref},
      {kPending, pending},
      {kFailed, failed},
      {kTokens, tokens},
      {kRuns, run},
  };
  for (const auto& [db, convert] : steps) {
    if (auto ok = rewrite(txn, db, convert); !ok) return ok;
  }
  return {};
}

}  // namespace wv::store_schema
