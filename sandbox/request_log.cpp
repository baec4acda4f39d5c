#include "sandbox/request_log.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cctype>

namespace wv::sandbox {
namespace {

bool is_number(std::string_view segment) {
  return !segment.empty() && std::all_of(segment.begin(), segment.end(), [](unsigned char c) { return std::isdigit(c); });
}

/// 8-4-4-4-12 hexadecimal digits, optionally in braces.
bool is_guid(std::string_view segment) {
  if (segment.size() == 38 && segment.front() == '{' && segment.back() == '}') segment = segment.substr(1, 36);
  if (segment.size() != 36) return false;
  for (std::size_t i = 0; i < segment.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? segment[i] != '-' : !std::isxdigit(static_cast<unsigned char>(segment[i]))) return false;
  }
  return true;
}

}  // namespace

std::string normalise_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    std::string_view segment = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    out += (is_number(segment) || is_guid(segment)) ? std::string_view("{id}") : segment;
    if (slash == std::string_view::npos) break;
    out += '/';
    start = slash + 1;
  }
  return out;
}

bool is_write_method(std::string_view method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

void RequestLog::record(LoggedRequest entry) {
  std::string endpoint = entry.method + " " + normalise_path(entry.path);
  std::lock_guard lock(mutex_);
  ++counts_[endpoint];
  ++total_;
  if (is_write_method(entry.method)) ++writes_;
  requests_.push_back(std::move(entry));
  if (requests_.size() > kKeptRequests) requests_.pop_front();
}

void RequestLog::clear() {
  std::lock_guard lock(mutex_);
  requests_.clear();
  counts_.clear();
  total_ = 0;
  writes_ = 0;
}

std::vector<LoggedRequest> RequestLog::requests() const {
  std::lock_guard lock(mutex_);
  return {requests_.begin(), requests_.end()};
}

std::map<std::string, std::size_t> RequestLog::counts() const {
  std::lock_guard lock(mutex_);
  return counts_;
}

std::size_t RequestLog::count(std::string_view endpoint) const {
  std::lock_guard lock(mutex_);
  auto it = counts_.find(std::string(endpoint));
  return it == counts_.end() ? 0 : it->second;
}

std::size_t RequestLog::total() const {
  std::lock_guard lock(mutex_);
  return total_;
}

std::size_t RequestLog::writes() const {
  std::lock_guard lock(mutex_);
  return writes_;
}

std::string RequestLog::to_json() const {
  std::lock_guard lock(mutex_);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("requests");
  w.StartArray();
  for (const auto& entry : requests_) {
    w.StartObject();
    w.Key("method");
    w.String(entry.method);
    w.Key("path");
    w.String(entry.path);
    w.Key("query");
    w.String(entry.query);
    w.Key("status");
    w.Int(entry.status);
    w.Key("duration_ms");
    w.Int64(entry.duration.count());
    w.Key("arrived_ms");
    w.Int64(entry.arrived_ms);
    if (!entry.fault.empty()) {
      w.Key("fault");
      w.String(entry.fault);
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("counts");
  w.StartObject();
  for (const auto& [endpoint, n] : counts_) {
    w.Key(endpoint.c_str(), static_cast<rapidjson::SizeType>(endpoint.size()));
    w.Uint64(n);
  }
  w.EndObject();
  w.Key("total");
  w.Uint64(total_);
  w.Key("writes");
  w.Uint64(writes_);
  w.EndObject();
  return buffer.GetString();
}

}  // namespace wv::sandbox
