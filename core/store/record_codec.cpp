#include "core/store/record_codec.hpp"

#include <charconv>
#include <cstdio>

namespace wv::store_codec {
namespace {

constexpr char kSeparator = '\0';
constexpr char kEscape = '\x01';
/// The only value layout so far; a new one gets a new byte and a decoder branch.
constexpr std::uint8_t kFormat1 = 1;

class ValueWriter {
 public:
  ValueWriter() { out_.push_back(static_cast<char>(kFormat1)); }

  ValueWriter& str(std::string_view s) {
    varint(s.size());
    out_.append(s);
    return *this;
  }
  ValueWriter& i64(std::int64_t v) {
    // Zigzag keeps small negative numbers short.
    varint((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
    return *this;
  }
  ValueWriter& time(Timestamp t) { return i64(t.time_since_epoch().count()); }
  std::string take() { return std::move(out_); }

 private:
  void varint(std::uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  std::string out_;
};

/// Reads fields in order; the first problem sticks and later reads do nothing.
class ValueReader {
 public:
  explicit ValueReader(std::string_view in) : in_(in) {
    if (in_.empty()) {
      error_ = "empty value";
    } else if (static_cast<std::uint8_t>(in_[0]) != kFormat1) {
      error_ = "unknown record format " + std::to_string(static_cast<std::uint8_t>(in_[0])) +
               ", perhaps written by a newer woovisma";
    } else {
      pos_ = 1;
    }
  }

  ValueReader& str(std::string& out) {
    std::uint64_t n = 0;
    if (!varint(n)) return *this;
    if (n > in_.size() - pos_) return failed("truncated text field");
    out.assign(in_.substr(pos_, n));
    pos_ += n;
    return *this;
  }
  template <class Int>
  ValueReader& integer(Int& out) {
    std::uint64_t z = 0;
    if (!varint(z)) return *this;
    const auto v = static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1));
    out = static_cast<Int>(v);
    if (static_cast<std::int64_t>(out) != v) return failed("number out of range");
    return *this;
  }
  ValueReader& time(Timestamp& out) {
    std::int64_t ms = 0;
    integer(ms);
    out = Timestamp(std::chrono::milliseconds(ms));
    return *this;
  }

  /// The decoded value, or the reason it cannot be read.
  template <class T>
  Decoded<T> finish(T value) {
    if (error_.empty() && pos_ != in_.size()) error_ = "unexpected bytes after the last field";
    if (!error_.empty()) return std::unexpected(error_);
    return value;
  }

 private:
  bool varint(std::uint64_t& out) {
    if (!error_.empty()) return false;
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) {
        failed("truncated number");
        return false;
      }
      const auto byte = static_cast<std::uint8_t>(in_[pos_++]);
      v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) {
        out = v;
        return true;
      }
    }
    failed("overlong number");
    return false;
  }
  ValueReader& failed(std::string why) {
    if (error_.empty()) error_ = std::move(why);
    return *this;
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  std::string error_;
};

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

std::string encode_checkpoint(const Checkpoint& c) {
  return ValueWriter().time(c.modified).str(c.last_id).time(c.updated_at).take();
}

Decoded<Checkpoint> decode_checkpoint(std::string_view bytes) {
  Checkpoint c;
  ValueReader r(bytes);
  r.time(c.modified).str(c.last_id).time(c.updated_at);
  return r.finish(std::move(c));
}

std::string encode_link(const Link& l) {
  return ValueWriter().str(l.visma_id).str(l.visma_number).str(l.state).time(l.linked_at).take();
}

Decoded<Link> decode_link(std::string_view bytes) {
  Link l;
  ValueReader r(bytes);
  r.str(l.visma_id).str(l.visma_number).str(l.state).time(l.linked_at);
  return r.finish(std::move(l));
}

std::string encode_link_ref(std::string_view woo_key) {
  return ValueWriter().str(woo_key).take();
}

Decoded<std::string> decode_link_ref(std::string_view bytes) {
  std::string key;
  ValueReader r(bytes);
  r.str(key);
  return r.finish(std::move(key));
}

std::string encode_pending(const PendingWrite& p) {
  return ValueWriter().str(p.target).str(p.reference).time(p.recorded_at).take();
}

Decoded<PendingWrite> decode_pending(std::string_view bytes) {
  PendingWrite p;
  ValueReader r(bytes);
  r.str(p.target).str(p.reference).time(p.recorded_at);
  return r.finish(std::move(p));
}

std::string encode_failed(const FailedItem& f) {
  return ValueWriter()
      .i64(f.attempts)
      .str(f.last_error)
      .str(f.error_kind)
      .str(f.hint)
      .time(f.first_failed)
      .time(f.last_failed)
      .time(f.next_attempt)
      .take();
}

Decoded<FailedItem> decode_failed(std::string_view bytes) {
  FailedItem f;
  ValueReader r(bytes);
  r.integer(f.attempts).str(f.last_error).str(f.error_kind).str(f.hint);
  r.time(f.first_failed).time(f.last_failed).time(f.next_attempt);
  return r.finish(std::move(f));
}

std::string encode_tokens(const OAuthTokens& t) {
  return ValueWriter()
      .str(t.access_token)
      .str(t.refresh_token)
      .time(t.expires_at)
      .time(t.refreshed_at)
      .str(t.scope)
      .take();
}

Decoded<OAuthTokens> decode_tokens(std::string_view bytes) {
  OAuthTokens t;
  ValueReader r(bytes);
  r.str(t.access_token).str(t.refresh_token).time(t.expires_at).time(t.refreshed_at).str(t.scope);
  return r.finish(std::move(t));
}

std::string encode_run(const RunRecord& run) {
  return ValueWriter()
      .str(run.shop)
      .str(run.command)
      .time(run.started)
      .time(run.ended)
      .i64(run.created)
      .i64(run.updated)
      .i64(run.skipped)
      .i64(run.failed)
      .str(run.outcome)
      .take();
}

Decoded<RunRecord> decode_run(std::string_view bytes) {
  RunRecord run;
  ValueReader r(bytes);
  r.str(run.shop).str(run.command).time(run.started).time(run.ended);
  r.integer(run.created).integer(run.updated).integer(run.skipped).integer(run.failed);
  r.str(run.outcome);
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
