#include "base/clock.hpp"

#include <cstdio>
#include <ctime>

namespace smsinfo {

std::string FormatIso8601(TimePoint t) {
  const std::int64_t ms = ToUnixMillis(t);
  std::int64_t secs = ms / 1000;
  std::int64_t frac = ms % 1000;
  if (frac < 0) { frac += 1000; --secs; }
  const std::time_t tt = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(frac));
  return buf;
}

bool ParseIso8601(const std::string& text, TimePoint* out) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
  std::size_t pos = 0;
  auto digits = [&](int n, int* v) {
    *v = 0;
    for (int i = 0; i < n; ++i, ++pos) {
      if (pos >= text.size() || text[pos] < '0' || text[pos] > '9') return false;
      *v = *v * 10 + (text[pos] - '0');
    }
    return true;
  };
  auto expect = [&](char c) {
    if (pos < text.size() && text[pos] == c) { ++pos; return true; }
    return false;
  };
  if (!digits(4, &y) || !expect('-') || !digits(2, &mo) || !expect('-') || !digits(2, &d)) return false;
  if (!expect('T') && !expect(' ')) return false;
  if (!digits(2, &h) || !expect(':') || !digits(2, &mi)) return false;
  if (expect(':')) {
    if (!digits(2, &s)) return false;
    if (expect('.')) {
      int n = 0, v = 0;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (n < 3) v = v * 10 + (text[pos] - '0');
        ++n; ++pos;
      }
      if (n == 0) return false;
      for (int i = n; i < 3; ++i) v *= 10;
      ms = v;
    }
  }
  int offset_min = 0;
  if (expect('Z')) {
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    int oh = 0, om = 0;
    if (!digits(2, &oh)) return false;
    expect(':');
    if (!digits(2, &om)) return false;
    offset_min = sign * (oh * 60 + om);
  } else {
    return false;
  }
  if (pos != text.size()) return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
  using namespace std::chrono;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return false;
  const auto day_point = sys_days{ymd};
  const auto tp = time_point_cast<Duration>(day_point) + hours{h} + minutes{mi} + seconds{s} +
                  Duration{ms} - minutes{offset_min};
  *out = tp;
  return true;
}

}  // namespace smsinfo
