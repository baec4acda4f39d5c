#include "core/store/record_codec.hpp"

#include <charconv>
#include <cstdio>
#include <variant>

namespace wv::store_codec {
namespace {

constexpr char kSeparator = '\0';
constexpr char kEscape = '\x01';

void append_part(std::string& out, std::string_view part) {
  for (char c : part) {
    if (c == kSeparator) {
      out += kEscape;
      out += '\x01';
    } else if (c == kEscape) {
      out += kEscape;
      out += '\x02';
    } else {
      out += c;
    }
  }
}

}  // namespace

std::string join_key(std::initializer_list<std::string_view> parts) {
  std::string out;
  bool first = true;
  for (auto part : parts) {
    if (!first) out += kSeparator;
    first = false;
    append_part(out, part);
  }
  return out;
}

std::string key_prefix(std::initializer_list<std::string_view> parts) {
  return join_key(parts) + kSeparator;
}

std::optional<std::vector<std::string>> split_key(std::string_view key) {
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (c == kSeparator) {
      parts.emplace_back();
    } else if (c == kEscape) {
      if (i + 1 >= key.size()) return std::nullopt;
      const char e = key[++i];
      if (e == '\x01') {
        parts.back() += kSeparator;
      } else if (e == '\x02') {
        parts.back() += kEscape;
      } else {
        return std::nullopt;
      }
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

std::string describe_key(std::string_view key) {
  std::string parts_text;
  if (auto parts = split_key(key)) {
    for (std::size_t i = 0; i < parts->size(); ++i) {
      if (i != 0) parts_text += '/';
      parts_text += (*parts)[i];
    }
  } else {
    parts_text.assign(key);
  }
  std::string out;
  for (unsigned char c : parts_text) {
    if (c < 0x20 || c >= 0x7f || c == '\\') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string sequence_key(std::uint64_t n) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = static_cast<char>(n & 0xff);
    n >>= 8;
  }
  return out;
}

std::optional<std::uint64_t> parse_sequence_key(std::string_view key) {
  if (key.size() != 8) return std::nullopt;
  std::uint64_t n = 0;
  for (unsigned char c : key) n = (n << 8) | c;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Enums in keys

namespace {

/// The number of an enum value as key text.
template <class Enum>
std::string number_text(Enum value) {
  return std::to_string(static_cast<int>(value));
}

/// The enum whose number `part` is, when `known(value)`; parts like "01" or "+1" are refused so
/// that each value has one key.
template <class Enum, class Known>
std::optional<Enum> enum_of_part(std::string_view part, Known known) {
  int n = 0;
  const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), n);
  if (ec != std::errc() || end != part.data() + part.size() || part.empty() ||
      number_text(n) != part || n < 0 || n > 255) {
    return std::nullopt;
  }
  const auto value = static_cast<Enum>(n);
  if (!known(value)) return std::nullopt;
  return value;
}

}  // namespace

std::string key_part(EntityKind kind) {
  return number_text(kind);
}
std::string key_part(Stream stream) {
  return number_text(stream);
}
std::string key_part(Concern concern) {
  return number_text(concern);
}

// A value is known when its name parses back to it: records.cpp's tables decide.
std::optional<EntityKind> entity_kind_part(std::string_view part) {
  return enum_of_part<EntityKind>(part,
                                  [](EntityKind k) { return entity_kind_from(to_string(k)) == k; });
}
std::optional<Stream> stream_part(std::string_view part) {
  return enum_of_part<Stream>(part, [](Stream s) { return stream_from(to_string(s)) == s; });
}
std::optional<Concern> concern_part(std::string_view part) {
  return enum_of_part<Concern>(part, [](Concern c) { return concern_from(to_string(c)) == c; });
}

std::string checkpoint_key(std::string_view shop, Stream stream) {
  return join_key({shop, key_part(stream)});
}
std::string link_key(EntityKind kind, std::string_view shop, std::string_view woo_id) {
  return join_key({key_part(kind), shop, woo_id});
}
std::string link_visma_key(EntityKind kind, std::string_view visma_id) {
  return join_key({key_part(kind), visma_id});
}
std::string pending_key(std::string_view shop, EntityKind kind, std::string_view woo_id) {
  return join_key({shop, key_part(kind), woo_id});
}
std::string failed_key(std::string_view shop, Concern concern, EntityKind kind,
                       std::string_view id) {
  return join_key({shop, key_part(concern), key_part(kind), id});
}

// ---------------------------------------------------------------------------------------------
// Values

namespace {

// DocumentKind (core/domain) has no numbers of its own, so the codec gives it fixed ones here;
// 0 is "no document".
std::int64_t document_number(const std::optional<DocumentKind>& kind) {
  if (!kind) return 0;
  switch (*kind) {
    case DocumentKind::InvoiceDraft:
      return 1;
    case DocumentKind::Invoice:
      return 2;
    case DocumentKind::SalesOrder:
      return 3;
  }
  return 0;
}

ValueReader& read_document(ValueReader& r, std::optional<DocumentKind>& out) {
  int n = 0;
  r.integer(n);
  switch (n) {
    case 0:
      out.reset();
      break;
    case 1:
      out = DocumentKind::InvoiceDraft;
      break;
    case 2:
      out = DocumentKind::Invoice;
      break;
    case 3:
      out = DocumentKind::SalesOrder;
      break;
    default:
      r.failed("unknown document kind " + std::to_string(n));
  }
  return r;
}

ValueReader& read_customer_type(ValueReader& r, CustomerType& out) {
  int n = 0;
  r.integer(n);
  if (n < 0 || n > 2) return r.failed("unknown customer type " + std::to_string(n));
  out = static_cast<CustomerType>(n);
  return r;
}

ValueReader& read_outcome(ValueReader& r, RunOutcome& out) {
  int n = 0;
  r.integer(n);
  const auto outcome = static_cast<RunOutcome>(n);
  if (std::string_view(to_string(outcome)) == "unknown") {
    return r.failed("unknown run outcome " + std::to_string(n));
  }
  out = outcome;
  return r;
}

// A checkpoint's last_id: 1 and a number, or 2 and text.
constexpr int kNumberId = 1;
constexpr int kTextId = 2;

}  // namespace

std::string encode_checkpoint(const Checkpoint& c) {
  ValueWriter w(kFormat2);
  w.time(c.modified);
  if (const auto* n = std::get_if<std::int64_t>(&c.last_id)) {
    w.i64(kNumberId).i64(*n);
  } else {
    w.i64(kTextId).str(std::get<std::string>(c.last_id));
  }
  return w.time(c.updated_at).take();
}

Decoded<Checkpoint> decode_checkpoint(std::string_view bytes) {
  Checkpoint c;
  ValueReader r(bytes, kFormat2);
  int tag = 0;
  r.time(c.modified).integer(tag);
  if (tag == kNumberId) {
    std::int64_t n = 0;
    r.integer(n);
    c.last_id = n;
  } else if (tag == kTextId) {
    std::string text;
    r.str(text);
    c.last_id = std::move(text);
  } else {
    r.failed("unknown kind of id " + std::to_string(tag));
  }
  r.time(c.updated_at);
  return r.finish(std::move(c));
}

std::string encode_link(const Link& l) {
  return ValueWriter(kFormat2)
      .str(l.visma_id)
      .str(l.visma_number)
      .i64(document_number(l.document))
      .i64(static_cast<int>(l.customer_type))
      .flag(l.change_reported)
      .str(l.status_pushed)
      .time(l.linked_at)
      .take();
}

Decoded<Link> decode_link(std::string_view bytes) {
  Link l;
  ValueReader r(bytes, kFormat2);
  r.str(l.visma_id).str(l.visma_number);
  read_document(r, l.document);
  read_customer_type(r, l.customer_type);
  r.flag(l.change_reported).str(l.status_pushed).time(l.linked_at);
  return r.finish(std::move(l));
}

std::string encode_link_ref(std::string_view woo_key) {
  return ValueWriter(kFormat2).str(woo_key).take();
}

Decoded<std::string> decode_link_ref(std::string_view bytes) {
  std::string key;
  ValueReader r(bytes, kFormat2);
  r.str(key);
  return r.finish(std::move(key));
}

std::string encode_pending(const PendingWrite& p) {
  return ValueWriter(kFormat2)
      .str(p.owner_id)
      .i64(document_number(p.document))
      .str(p.reference)
      .time(p.recorded_at)
      .take();
}

Decoded<PendingWrite> decode_pending(std::string_view bytes) {
  PendingWrite p;
  ValueReader r(bytes, kFormat2);
  r.str(p.owner_id);
  read_document(r, p.document);
  r.str(p.reference).time(p.recorded_at);
  return r.finish(std::move(p));
}

std::string encode_failed(const FailedItem& f) {
  return ValueWriter(kFormat2)
      .str(f.owner_id)
      .flag(f.needs_person)
      .i64(f.attempts)
      .str(f.error_kind)
      .str(f.message)
      .str(f.hint)
      .time(f.first_failed)
      .time(f.last_failed)
      .optional_time(f.next_attempt)
      .optional_time(f.resolved_at)
      .take();
}

Decoded<FailedItem> decode_failed(std::string_view bytes) {
  FailedItem f;
  ValueReader r(bytes, kFormat2);
  r.str(f.owner_id).flag(f.needs_person).integer(f.attempts);
  r.str(f.error_kind).str(f.message).str(f.hint);
  r.time(f.first_failed).time(f.last_failed).optional_time(f.next_attempt);
  r.optional_time(f.resolved_at);
  return r.finish(std::move(f));
}

std::string encode_tokens(const OAuthTokens& t) {
  return ValueWriter(kFormat2)
      .str(t.access_token)
      .str(t.refresh_token)
      .time(t.expires_at)
      .time(t.refreshed_at)
      .str(t.scope)
      .take();
}

Decoded<OAuthTokens> decode_tokens(std::string_view bytes) {
  OAuthTokens t;
  ValueReader r(bytes, kFormat2);
  r.str(t.access_token).str(t.refresh_token).time(t.expires_at).time(t.refreshed_at).str(t.scope);
  return r.finish(std::move(t));
}

std::string encode_run(const RunRecord& run) {
  return ValueWriter(kFormat2)
      .str(run.shop)
      .str(run.command)
      .time(run.started)
      .time(run.ended)
      .i64(run.created)
      .i64(run.updated)
      .i64(run.skipped)
      .i64(run.failed)
      .i64(static_cast<int>(run.outcome))
      .i64(run.exit_code)
      .str(run.detail)
      .take();
}

Decoded<RunRecord> decode_run(std::string_view bytes) {
  RunRecord run;
  ValueReader r(bytes, kFormat2);
  r.str(run.shop).str(run.command).time(run.started).time(run.ended);
  r.integer(run.created).integer(run.updated).integer(run.skipped).integer(run.failed);
  read_outcome(r, run.outcome);
  r.integer(run.exit_code).str(run.detail);
  return r.finish(std::move(run));
}

std::string encode_schema_version(int version) {
  return std::to_string(version);
}

Decoded<int> decode_schema_version(std::string_view bytes) {
  int v = 0;
  const auto [end, ec] = std::from_chars(bytes.data(), bytes.data() + bytes.size(), v);
  if (ec != std::errc() || end != bytes.data() + bytes.size() || bytes.empty() || v < 0) {
    return std::unexpected("the schema version is not a number");
  }
  return v;
}

}  // namespace wv::store_codec
