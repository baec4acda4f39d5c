#pragma once
// The shape of every Visma eAccounting v2 definition the emulator serves: field names, types,
// required flags, maximum lengths and read-only flags, as Visma's swagger description states
// them (schema_tables.cpp is generated from it; a test checks they still agree). Request bodies
// are validated against these rules and responses list exactly these fields, in this order.

#include <span>
#include <string_view>

namespace wv::sandbox::visma {

enum class FieldType { String, Uuid, DateTime, Integer, Number, Boolean, Array, Object };

struct FieldRule {
  std::string_view name;
  FieldType type = FieldType::String;
  int max_length = 0;  ///< 0: no limit stated
  bool required = false;
  bool read_only = false;
  std::string_view ref;  ///< definition of an Object field or of an Array's items; may be empty
};

struct Schema {
  std::string_view name;
  std::span<const FieldRule> fields;

  /// The rule of field `field` (exact spelling), or nullptr.
  [[nodiscard]] const FieldRule* find(std::string_view field) const;
  /// The rule whose name equals `field` ignoring ASCII case (how ASP.NET binds JSON), or nullptr.
  [[nodiscard]] const FieldRule* find_ignoring_case(std::string_view field) const;
};

/// Every emulated definition.
std::span<const Schema> all_schemas();
/// The definition called `name` ("ArticleApi"); throws std::logic_error when unknown (a bug).
const Schema& schema(std::string_view name);

/// Decimal places the emulator allows in a number field beyond what the table says (Visma writes
/// them only in the descriptions: "Format: Max 2 decimals"). Unit prices are handled by the
/// document code (2 in the company currency, 4 in a foreign one). -1 when not limited.
int max_decimals(std::string_view schema_name, std::string_view field);

/// True for date-time fields that carry a calendar date only (InvoiceDate, OrderDate, ...):
/// written as "2026-11-24T00:00:00", read from a date or a date-time.
bool is_date_only(std::string_view field);

}  // namespace wv::sandbox::visma
