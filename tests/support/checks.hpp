#pragma once
// Shorthands the tests share: exact values written as text, and unwrapping a Result or failing
// the test with its error message.

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <utility>

#include "core/decimal.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace wv::testing {

/// The exact decimal `text` ("12.50"); the test fails when it is not one.
inline Decimal dec(const std::string& text) {
  auto parsed = Decimal::parse(text);
  if (!parsed) FAIL("not a decimal: " << text);
  return *parsed;
}

/// The instant `text` ("2026-11-24T14:33:50Z"); the test fails when it is not one.
inline Timestamp utc(const std::string& text) {
  auto parsed = parse_timestamp(text);
  if (!parsed) FAIL("not a timestamp: " << text);
  return *parsed;
}

/// The value of `r`; the test fails with `what` and the error when there is none.
template <class T>
T must(Result<T> r, const char* what) {
  if (!r) FAIL(what << ": " << r.error().message);
  return std::move(*r);
}

inline void must(const Status& s, const char* what) {
  if (!s) FAIL(what << ": " << s.error().message);
}

/// The outcome of `r` without its value (GCC 12's std::expected has no transform()).
template <class T>
Status status_of(const Result<T>& r) {
  if (!r) return std::unexpected(r.error());
  return {};
}

/// How often `what` occurs in `text`, without overlaps.
inline std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace wv::testing
