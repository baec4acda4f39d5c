#pragma once
// One logger for the whole program: levels, text or JSON lines on stderr, and every line
// redacted (core/redact.hpp) before it is written. Thread-safe: worker threads log while the
// main thread may change the level; each line is written whole, never interleaved.

#include <fmt/format.h>

#include <atomic>
#include <cstdio>
#include <string>
#include <string_view>

namespace wv {

enum class LogLevel { Error = 0, Warn = 1, Info = 2, Debug = 3, Trace = 4 };
enum class LogFormat { Text, Json };

class Log {
 public:
  /// The process-wide logger (writes to stderr until told otherwise).
  static Log& get();

  /// The setters and getters are thread-safe (atomics: enabled() is asked before every line).
  void set_level(LogLevel level) { level_.store(level, std::memory_order_relaxed); }
  void set_format(LogFormat format) { format_.store(format, std::memory_order_relaxed); }
  /// Sends lines to `out` instead of stderr (tests). The caller keeps `out` open; lines being
  /// written meanwhile may still go to the old stream.
  void set_output(std::FILE* out) { out_.store(out); }
  [[nodiscard]] LogLevel level() const { return level_.load(std::memory_order_relaxed); }
  [[nodiscard]] bool enabled(LogLevel level) const { return level <= this->level(); }

  /// Writes one line, redacted. Thread-safe.
  void write(LogLevel level, std::string_view message);

  template <class... A>
  void error(fmt::format_string<A...> f, A&&... a) { emit(LogLevel::Error, f, std::forward<A>(a)...); }
  template <class... A>
  void warn(fmt::format_string<A...> f, A&&... a) { emit(LogLevel::Warn, f, std::forward<A>(a)...); }
  template <class... A>
  void info(fmt::format_string<A...> f, A&&... a) { emit(LogLevel::Info, f, std::forward<A>(a)...); }
  template <class... A>
  void debug(fmt::format_string<A...> f, A&&... a) { emit(LogLevel::Debug, f, std::forward<A>(a)...); }
  template <class... A>
  void trace(fmt::format_string<A...> f, A&&... a) { emit(LogLevel::Trace, f, std::forward<A>(a)...); }

 private:
  template <class... A>
  void emit(LogLevel level, fmt::format_string<A...> f, A&&... a) {
    if (enabled(level)) write(level, fmt::format(f, std::forward<A>(a)...));
  }

  std::atomic<LogLevel> level_{LogLevel::Info};
  std::atomic<LogFormat> format_{LogFormat::Text};
  std::atomic<std::FILE*> out_{stderr};
};

/// Shorthand for Log::get().
inline Log& logger() { return Log::get(); }

/// "error", "warn", "info", "debug", "trace".
const char* to_string(LogLevel level);

}  // namespace wv
