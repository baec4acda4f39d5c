#pragma once
// The part of OData's $filter and $orderby that Visma's list endpoints accept and the emulator
// understands:
//   comparisons  Field eq|ne|gt|ge|lt|le literal   (the literal may also come first)
//   logic        and, or, not, parentheses (not binds tighter than and, and tighter than or)
//   functions    contains(Field,'x'), startswith(Field,'x'), endswith(Field,'x')
//   literals     'text' ('' inside is one quote), 12, -3.5, true, false, null,
//                unquoted date-times 2026-11-24T10:00:00Z (also with fractions or an offset),
//                dates 2026-11-24, GUIDs 3fa85f64-5717-4562-b3fc-2c963f66afa6
// Field names are case-sensitive and must be top-level scalar fields of the definition listed.
// String comparisons ignore case (Visma's database collation does). A syntax error, an unknown
// field or a literal of the wrong type is 400/6000; a malformed date-time literal is 400/6001.
// Lambda filters (Rows/any(...)) are refused with 6000 naming the emulator's limit.
//
// $orderby: "Field [asc|desc], Field2 ..." over the same fields.

#include <memory>
#include <string_view>
#include <vector>

#include "sandbox/json.hpp"
#include "sandbox/visma/api_error.hpp"
#include "sandbox/visma/schema.hpp"

namespace wv::sandbox::visma {

struct FilterNode;

class Filter {
 public:
  /// Parses `text` for records of `schema`. Fails with 400/6000 or 400/6001 as described above.
  static ApiResult<Filter> parse(std::string_view text, const Schema& schema);
  /// True when the presented record satisfies the filter.
  [[nodiscard]] bool matches(const Json& record) const;

 private:
  std::shared_ptr<const FilterNode> root_;
};

struct SortKey {
  const FieldRule* field = nullptr;
  bool descending = false;
};

/// Parses a $orderby value. Fails with 400/6000 naming the unknown field or bad direction.
ApiResult<std::vector<SortKey>> parse_orderby(std::string_view text, const Schema& schema);
/// Sorts presented records by `keys` (stable; nulls first when ascending).
void sort_records(std::vector<Json>& records, const std::vector<SortKey>& keys);

}  // namespace wv::sandbox::visma
