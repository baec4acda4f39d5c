#include "core/log.hpp"

#include <mutex>

#include "core/redact.hpp"
#include "core/time.hpp"

namespace wv {
namespace {

std::mutex g_write_mutex;

std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<int>(c));
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace

Log& Log::get() {
  static Log instance;
  return instance;
}

const char* to_string(LogLevel level) {
  switch (level) {
    case LogLevel::Error: return "error";
    case LogLevel::Warn: return "warn";
    case LogLevel::Info: return "info";
    case LogLevel::Debug: return "debug";
    case LogLevel::Trace: return "trace";
  }
  return "info";
}

void Log::write(LogLevel level, std::string_view message) {
  const std::string clean = redact(message);
  const std::string when = format_timestamp(system_clock().now());
  std::string line;
  if (format_.load(std::memory_order_relaxed) == LogFormat::Json) {
    line = fmt::format(R"({{"time":"{}","level":"{}","msg":"{}"}})", when, to_string(level),
                       json_escape(clean));
  } else {
    line = fmt::format("{} {:5} {}", when, to_string(level), clean);
  }
  line += '\n';
  std::lock_guard lock(g_write_mutex);
  std::FILE* out = out_.load();
  std::fwrite(line.data(), 1, line.size(), out);
  std::fflush(out);
}

}  // namespace wv
