#include "sandbox/woo/wp_time.hpp"

#include <cstdio>
#include <regex>

namespace wv::sandbox::woo {
namespace {

using namespace std::chrono;

// The last Sunday of `m` in year `y`, at 01:00 UTC (the EU switch instant).
sys_seconds eu_switch(int y, unsigned m) {
  const sys_days last = sys_days{year{y} / month{m} / last_spec{}};
  const weekday wd{last};
  const sys_days sunday = last - days{(wd.c_encoding() + 7 - 0) % 7};
  return sunday + hours{1};
}

}  // namespace

int zone_offset_minutes(const SiteZone& zone, Timestamp t) {
  if (!zone.eu_dst) return zone.offset_minutes;
  const auto secs = floor<seconds>(t);
  const int y = static_cast<int>(year_month_day{floor<days>(secs)}.year());
  const bool summer = secs >= eu_switch(y, 3) && secs < eu_switch(y, 10);
  return zone.offset_minutes + (summer ? 60 : 0);
}

Timestamp whole_seconds(Timestamp t) { return time_point_cast<milliseconds>(floor<seconds>(t)); }

std::string wp_gmt(Timestamp t) { return format_timestamp_no_zone(whole_seconds(t)); }

std::string wp_local(const SiteZone& zone, Timestamp t) {
  return format_timestamp_no_zone(whole_seconds(t) + minutes{zone_offset_minutes(zone, t)});
}

std::string php_datetime_local(const SiteZone& zone, Timestamp t) {
  std::string s = wp_local(zone, t);
  s[10] = ' ';
  return s + ".000000";
}

std::optional<Timestamp> from_local(const SiteZone& zone, std::string_view local_text) {
  auto wall = parse_timestamp(local_text);
  if (!wall) return std::nullopt;
  // Two passes settle the offset around a switch.
  Timestamp guess = *wall - minutes{zone.offset_minutes};
  guess = *wall - minutes{zone_offset_minutes(zone, guess)};
  return guess;
}

bool wp_is_rfc3339(std::string_view text) {
  static const std::regex re(R"(^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+|)?(Z|[+-]\d{2}(?::\d{2}|))?$)");
  return std::regex_match(text.begin(), text.end(), re);
}

}  // namespace wv::sandbox::woo
