#pragma once
// The field encoding of stored values (private to core/store): a format byte, then fields in a
// fixed order. Strings are a varint length and the bytes; integers, enums, flags and timestamps
// (milliseconds since 1970) are zigzag varints. record_codec.cpp writes the current layouts;
// record_codec_v1.cpp reads the layouts of schema version 1 for the migration.

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/time.hpp"

namespace wv::store_codec {

/// A decoded value, or why the bytes cannot be read ("truncated", "unknown format 9", ...).
template <class T>
using Decoded = std::expected<T, std::string>;

class ValueWriter {
 public:
  explicit ValueWriter(std::uint8_t format) { out_.push_back(static_cast<char>(format)); }

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
  ValueWriter& flag(bool b) { return i64(b ? 1 : 0); }
  ValueWriter& time(Timestamp t) { return i64(t.time_since_epoch().count()); }
  /// A presence flag, then the time when present.
  ValueWriter& optional_time(const std::optional<Timestamp>& t) {
    flag(t.has_value());
    return t ? time(*t) : *this;
  }
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
  /// Reads `in`, which must start with the format byte `format`.
  ValueReader(std::string_view in, std::uint8_t format) : in_(in) {
    const auto found = in_.empty() ? 0 : static_cast<std::uint8_t>(in_[0]);
    if (in_.empty()) {
      error_ = "empty value";
    } else if (found > format) {
      error_ = "unknown record format " + std::to_string(found) +
               ", perhaps written by a newer woovisma";
    } else if (found != format) {
      error_ = "record format " + std::to_string(found) + " where format " +
               std::to_string(format) + " was expected";
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
  ValueReader& flag(bool& out) {
    int v = 0;
    integer(v);
    if (v != 0 && v != 1) return failed("a flag that is neither 0 nor 1");
    out = v == 1;
    return *this;
  }
  ValueReader& time(Timestamp& out) {
    std::int64_t ms = 0;
    integer(ms);
    out = Timestamp(std::chrono::milliseconds(ms));
    return *this;
  }
  ValueReader& optional_time(std::optional<Timestamp>& out) {
    bool present = false;
    flag(present);
    out.reset();
    if (!present) return *this;
    Timestamp t;
    time(t);
    out = t;
    return *this;
  }
  /// Records `why` as the problem unless an earlier one is already recorded.
  ValueReader& failed(std::string why) {
    if (error_.empty()) error_ = std::move(why);
    return *this;
  }
  [[nodiscard]] bool ok() const { return error_.empty(); }

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

  std::string_view in_;
  std::size_t pos_ = 0;
  std::string error_;
};

}  // namespace wv::store_codec
