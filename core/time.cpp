#include "core/time.hpp"

#include <cstdio>
#include <thread>

namespace wv {
namespace {

bool read_int(std::string_view s, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

class SystemClock final : public Clock {
 public:
  Timestamp now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  }
  void sleep_for(std::chrono::milliseconds d) const override { std::this_thread::sleep_for(d); }
};

}  // namespace

std::optional<Timestamp> parse_timestamp(std::string_view s) {
  using namespace std::chrono;
  int y, mo, d;
  if (!read_int(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !read_int(s, 5, 2, mo) ||
      s[7] != '-' || !read_int(s, 8, 2, d)) {
    return std::nullopt;
  }
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  Timestamp t = time_point_cast<milliseconds>(sys_days{ymd});
  if (s.size() == 10) return t;
  int h, mi, se;
  if ((s[10] != 'T' && s[10] != ' ') || !read_int(s, 11, 2, h) || s.size() < 19 || s[13] != ':' ||
      !read_int(s, 14, 2, mi) || s[16] != ':' || !read_int(s, 17, 2, se) || h > 23 || mi > 59 ||
      se > 60) {
    return std::nullopt;
  }
  t += hours{h} + minutes{mi} + seconds{se};
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int ms = 0, digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (digits < 3) ms = ms * 10 + (s[i] - '0');
      ++digits;
      ++i;
    }
    if (digits == 0) return std::nullopt;
    for (int k = digits; k < 3; ++k) ms *= 10;
    t += milliseconds{ms};
  }
  if (i == s.size()) return t;
  if (s[i] == 'Z' && i + 1 == s.size()) return t;
  if ((s[i] == '+' || s[i] == '-') && s.size() == i + 6 && s[i + 3] == ':') {
    int oh, om;
    if (!read_int(s, i + 1, 2, oh) || !read_int(s, i + 4, 2, om)) return std::nullopt;
    const minutes offset{oh * 60 + om};
    return s[i] == '+' ? t - offset : t + offset;
  }
  return std::nullopt;
}

std::string format_timestamp_no_zone(Timestamp t) {
  using namespace std::chrono;
  const auto day_point = floor<days>(t);
  const year_month_day ymd{day_point};
  const hh_mm_ss<milliseconds> tod{t - day_point};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                static_cast<int>(tod.seconds().count()));
  return buf;
}

std::string format_timestamp(Timestamp t) {
  using namespace std::chrono;
  std::string out = format_timestamp_no_zone(t);
  const auto ms = (t - floor<seconds>(t)).count();
  if (ms != 0) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(ms));
    out += buf;
  }
  return out + "Z";
}

std::string format_date(Timestamp t) { return format_timestamp_no_zone(t).substr(0, 10); }

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

}  // namespace wv

namespace wv {

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() < 10) return std::nullopt;
  auto t = parse_timestamp(text.substr(0, 10));
  if (!t) return std::nullopt;
  return Date{std::chrono::floor<std::chrono::days>(*t)};
}

std::string format_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

}  // namespace wv
