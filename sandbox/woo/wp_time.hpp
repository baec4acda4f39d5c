#pragma once
// Dates the way a WordPress site in Europe/Stockholm writes them: `date_x` in local time without an
// offset, `date_x_gmt` in UTC, and PHP DateTime dumps inside coupon snapshots.

#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace wv::sandbox::woo {

/// The shop's local time zone: a fixed offset, or Central European time with EU summer time
/// (Europe/Stockholm, the default).
struct SiteZone {
  std::string name = "Europe/Stockholm";
  /// Minutes east of UTC when `eu_dst` is false; the standard offset when it is true.
  int offset_minutes = 60;
  bool eu_dst = true;
};

/// Minutes east of UTC in `zone` at `t`.
int zone_offset_minutes(const SiteZone& zone, Timestamp t);
/// "2026-11-24T15:33:47": the local wall time, seconds truncated, no offset.
std::string wp_local(const SiteZone& zone, Timestamp t);
/// "2026-11-24T14:33:47": UTC, seconds truncated, no offset.
std::string wp_gmt(Timestamp t);
/// "2026-11-24 15:33:47.000000" (PHP DateTime's `date` in a var_export/JSON dump).
std::string php_datetime_local(const SiteZone& zone, Timestamp t);
/// The UTC instant of a local wall time "2026-11-24T15:33:47" (no offset); nullopt when unparsable.
std::optional<Timestamp> from_local(const SiteZone& zone, std::string_view local_text);
/// rest_parse_date(): true for "2026-11-24T14:33:49", "…Z", "…+01:00", "….5" forms.
bool wp_is_rfc3339(std::string_view text);
/// Truncates to whole seconds (WordPress stores no fractions).
Timestamp whole_seconds(Timestamp t);

}  // namespace wv::sandbox::woo
