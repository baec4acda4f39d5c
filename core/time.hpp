#pragma once
// Points in time as the two APIs write them, always UTC inside the program.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace wv {

/// A UTC instant with millisecond precision (Visma sends fractions, WooCommerce whole seconds).
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

/// Parses ISO-8601 date-times: "2026-11-24T14:33:51", "2026-11-24T14:33:51Z",
/// "2026-11-24T14:33:51.123Z", "2026-11-24T15:33:51+01:00", and a bare date "2026-11-24"
/// (midnight). A value without an offset is taken as UTC: callers pass the API's *_gmt / *Utc
/// fields. Returns nullopt for anything else.
std::optional<Timestamp> parse_timestamp(std::string_view text);

/// "2026-11-24T14:33:51Z" (milliseconds appear only when non-zero: "…:51.120Z").
std::string format_timestamp(Timestamp t);
/// "2026-11-24T14:33:51", no offset, for WooCommerce's *_gmt query parameters.
std::string format_timestamp_no_zone(Timestamp t);
/// "2026-11-24", the UTC calendar date.
std::string format_date(Timestamp t);

/// Source of the current time, replaceable in tests.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
  /// Blocks for `d` (a fake clock advances instead).
  virtual void sleep_for(std::chrono::milliseconds d) const = 0;
};

/// The system clock.
const Clock& system_clock();

}  // namespace wv

namespace wv {

/// A calendar date (Visma's InvoiceDate, OrderDate, DueDate carry no time of day).
using Date = std::chrono::year_month_day;

/// "2026-11-24" → Date; also accepts a date-time and keeps its date part. nullopt otherwise.
std::optional<Date> parse_date(std::string_view text);
/// "2026-11-24".
std::string format_date(Date d);

}  // namespace wv
