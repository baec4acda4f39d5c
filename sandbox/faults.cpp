#include "sandbox/faults.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

namespace wv::sandbox {
namespace {

constexpr std::array<std::pair<FaultKind, const char*>, 7> kKindNames{{
    {FaultKind::Latency, "latency"},
    {FaultKind::ServerError, "server_error"},
    {FaultKind::RateLimit, "rate_limit"},
    {FaultKind::CloseAfterCommit, "close_after_commit"},
    {FaultKind::TruncateBody, "truncate_body"},
    {FaultKind::MalformedBody, "malformed_body"},
    {FaultKind::SlowBody, "slow_body"},
}};

bool answers_instead(FaultKind kind) { return kind == FaultKind::ServerError || kind == FaultKind::RateLimit; }
bool damages_answer(FaultKind kind) { return kind != FaultKind::Latency && !answers_instead(kind); }

bool matches(const FaultRule& rule, const Request& request) {
  if (!rule.method.empty() && rule.method != request.method) return false;
  return request.path.starts_with(rule.path_prefix);
}

std::unexpected<Error> field_error(const std::string& where, const std::string& problem) {
  return fail(ErrorKind::Config, "faults: " + where + ": " + problem);
}

Result<FaultRule> parse_rule(const rapidjson::Value& value, const std::string& where) {
  if (!value.IsObject()) return field_error(where, "must be an object");
  FaultRule rule;
  auto kind_member = value.FindMember("kind");
  if (kind_member == value.MemberEnd() || !kind_member->value.IsString()) {
    return field_error(where + ".kind", "missing; give one of latency, server_error, rate_limit, "
                                        "close_after_commit, truncate_body, malformed_body, slow_body");
  }
  auto kind = fault_kind_from_string(kind_member->value.GetString());
  if (!kind) {
    return field_error(where + ".kind", fmt::format("unknown kind \"{}\"", kind_member->value.GetString()));
  }
  rule.kind = *kind;
  bool has_latency = false;

  for (const auto& member : value.GetObject()) {
    std::string name = member.name.GetString();
    std::string at = where + "." + name;
    const rapidjson::Value& v = member.value;
    auto only_for = [&](FaultKind k) -> Status {
      if (rule.kind != k) return field_error(at, std::string("applies only to kind ") + to_string(k));
      return {};
    };
    auto integer = [&](int low, int high) -> Result<int> {
      if (!v.IsInt() || v.GetInt() < low || v.GetInt() > high) {
        return field_error(at, fmt::format("must be a whole number from {} to {}", low, high));
      }
      return v.GetInt();
    };
    if (name == "kind") continue;
    if (name == "method") {
      if (!v.IsString()) return field_error(at, "must be a string such as \"POST\"");
      rule.method = v.GetString();
      std::transform(rule.method.begin(), rule.method.end(), rule.method.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    } else if (name == "path") {
      if (!v.IsString() || (v.GetStringLength() > 0 && v.GetString()[0] != '/')) {
        return field_error(at, "must be a path prefix starting with \"/\"");
      }
      rule.path_prefix = v.GetString();
    } else if (name == "count") {
      auto n = integer(1, 1000000);
      if (!n) return fail(n.error());
      rule.count = *n;
    } else if (name == "share") {
      if (!v.IsNumber() || !(v.GetDouble() > 0.0) || v.GetDouble() > 1.0) {
        return field_error(at, "must be a number above 0 and at most 1");
      }
      rule.share = v.GetDouble();
    } else if (name == "latency_ms") {
      if (auto ok = only_for(FaultKind::Latency); !ok) return fail(ok.error());
      auto n = integer(0, 600000);
      if (!n) return fail(n.error());
      rule.latency = std::chrono::milliseconds(*n);
      has_latency = true;
    } else if (name == "status") {
      if (auto ok = only_for(FaultKind::ServerError); !ok) return fail(ok.error());
      auto n = integer(500, 599);
      if (!n) return fail(n.error());
      rule.status = *n;
    } else if (name == "retry_after") {
      if (auto ok = only_for(FaultKind::RateLimit); !ok) return fail(ok.error());
      auto n = integer(0, 3600);
      if (!n) return fail(n.error());
      rule.retry_after_seconds = *n;
    } else if (name == "retry_after_header") {
      if (auto ok = only_for(FaultKind::RateLimit); !ok) return fail(ok.error());
      if (!v.IsBool()) return field_error(at, "must be true or false");
      rule.retry_after_header = v.GetBool();
    } else {
      return field_error(at, "unknown field");
    }
  }
  if (rule.kind == FaultKind::Latency && !has_latency) {
    return field_error(where + ".latency_ms", "missing; a latency rule needs the delay in milliseconds");
  }
  return rule;
}

void write_rule(rapidjson::Writer<rapidjson::StringBuffer>& w, const FaultRule& rule) {
  w.StartObject();
  w.Key("kind");
  w.String(to_string(rule.kind));
  if (!rule.method.empty()) {
    w.Key("method");
    w.String(rule.method);
  }
  if (!rule.path_prefix.empty()) {
    w.Key("path");
    w.String(rule.path_prefix);
  }
  if (rule.count) {
    w.Key("count");
    w.Int(*rule.count);
  }
  w.Key("share");
  w.Double(rule.share);
  switch (rule.kind) {
    case FaultKind::Latency:
      w.Key("latency_ms");
      w.Int64(rule.latency.count());
      break;
    case FaultKind::ServerError:
      w.Key("status");
      w.Int(rule.status);
      break;
    case FaultKind::RateLimit:
      w.Key("retry_after");
      w.Int(rule.retry_after_seconds);
      w.Key("retry_after_header");
      w.Bool(rule.retry_after_header);
      break;
    default:
      break;
  }
  w.Key("fired");
  w.Int(rule.fired);
  w.EndObject();
}

/// The first half of the body, which for a JSON object or array is never valid JSON.
std::string malformed(const std::string& body) {
  if (body.size() >= 2 && (body.front() == '{' || body.front() == '[')) return body.substr(0, body.size() / 2);
  return "{\"malformed\":";
}

}  // namespace

const char* to_string(FaultKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

std::optional<FaultKind> fault_kind_from_string(std::string_view name) {
  for (const auto& [kind, text] : kKindNames) {
    if (name == text) return kind;
  }
  return std::nullopt;
}

Response api_error_response(std::string_view path, const ApiError& error, std::string_view error_id) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  if (path.starts_with("/v2/") || path == "/v2") {
    w.Key("ErrorCode");
    w.Int(error.visma_code);
    w.Key("DeveloperErrorMessage");
    w.String(error.message);
    w.Key("ErrorId");
    w.String(error_id.data(), static_cast<rapidjson::SizeType>(error_id.size()));
  } else if (path.starts_with("/wp-json/") || path == "/wp-json") {
    w.Key("code");
    w.String(error.woo_code);
    w.Key("message");
    w.String(error.message);
    w.Key("data");
    w.StartObject();
    w.Key("status");
    w.Int(error.status);
    w.EndObject();
  } else {
    w.Key("error");
    w.String(error.woo_code);
    w.Key("message");
    w.String(error.message);
  }
  w.EndObject();
  return Response::json(error.status, buffer.GetString());
}

FaultInjector::FaultInjector(std::uint64_t seed) : seed_(seed), random_(seed) {}

void FaultInjector::add(FaultRule rule) {
  std::lock_guard lock(mutex_);
  rules_.push_back(std::move(rule));
}

void FaultInjector::clear() {
  std::lock_guard lock(mutex_);
  rules_.clear();
}

void FaultInjector::reseed(std::uint64_t seed) {
  std::lock_guard lock(mutex_);
  seed_ = seed;
  random_.seed(seed);
}

std::vector<FaultRule> FaultInjector::rules() const {
  std::lock_guard lock(mutex_);
  return rules_;
}

bool FaultInjector::fires(FaultRule& rule) {
  if (rule.count && rule.fired >= *rule.count) return false;
  if (rule.share < 1.0) {
    // 53 random bits as a fraction in [0, 1): the same on every platform for the same seed.
    double draw = static_cast<double>(random_() >> 11) * 0x1.0p-53;
    if (draw >= rule.share) return false;
  }
  ++rule.fired;
  return true;
}

std::string FaultInjector::next_guid() {
  std::uint64_t high = random_();
  std::uint64_t low = random_();
  return fmt::format("{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xFFFF, high & 0x0FFF,
                     ((low >> 48) & 0x3FFF) | 0x8000, low & 0xFFFFFFFFFFFFULL);
}

FaultDecision FaultInjector::before(const Request& request) {
  std::lock_guard lock(mutex_);
  FaultDecision decision;
  for (FaultRule& rule : rules_) {
    if (rule.kind == FaultKind::Latency) {
      if (matches(rule, request) && fires(rule)) decision.latency += rule.latency;
      continue;
    }
    if (!answers_instead(rule.kind) || decision.answer || !matches(rule, request) || !fires(rule)) continue;
    decision.fault = to_string(rule.kind);
    if (rule.kind == FaultKind::ServerError) {
      decision.answer = api_error_response(
          request.path,
          {rule.status, 5000, "internal_server_error",
           "An unexpected error occurred (fault injected by woovisma-sandbox)."},
          next_guid());
    } else {
      int seconds = rule.retry_after_seconds;
      bool visma = request.path.starts_with("/v2/");
      std::string message = visma ? fmt::format("API calls quota exceeded! maximum admitted 600 per Minute. "
                                                "Try again in {} seconds.", seconds)
                                  : fmt::format("Too many requests. Try again in {} seconds.", seconds);
      decision.answer = api_error_response(request.path, {429, 4010, "too_many_requests", message}, next_guid());
      if (rule.retry_after_header) decision.answer->headers.emplace_back("Retry-After", std::to_string(seconds));
    }
  }
  return decision;
}

std::string FaultInjector::after(const Request& request, Response& response) {
  std::lock_guard lock(mutex_);
  for (FaultRule& rule : rules_) {
    if (!damages_answer(rule.kind) || !matches(rule, request) || !fires(rule)) continue;
    switch (rule.kind) {
      case FaultKind::CloseAfterCommit: response.fault = Fault::CloseBeforeResponse; break;
      case FaultKind::TruncateBody: response.fault = Fault::TruncateBody; break;
      case FaultKind::SlowBody: response.fault = Fault::SlowBody; break;
      case FaultKind::MalformedBody: response.body = malformed(response.body); break;
      default: break;
    }
    return to_string(rule.kind);
  }
  return "";
}

Status FaultInjector::configure(std::string_view json) {
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  if (document.HasParseError()) {
    return fail(ErrorKind::Config, fmt::format("faults: the body is not valid JSON at offset {}: {}",
                                               document.GetErrorOffset(),
                                               rapidjson::GetParseError_En(document.GetParseError())));
  }
  if (!document.IsObject()) return field_error("the body", "must be a JSON object");

  std::vector<FaultRule> parsed;
  std::optional<std::uint64_t> seed;
  bool replace = false;
  if (document.HasMember("kind")) {
    auto rule = parse_rule(document, "rule");
    if (!rule) return fail(rule.error());
    parsed.push_back(std::move(*rule));
  } else {
    for (const auto& member : document.GetObject()) {
      std::string name = member.name.GetString();
      const rapidjson::Value& v = member.value;
      if (name == "seed") {
        if (!v.IsUint64()) return field_error("seed", "must be a whole number of at least 0");
        seed = v.GetUint64();
      } else if (name == "replace") {
        if (!v.IsBool()) return field_error("replace", "must be true or false");
        replace = v.GetBool();
      } else if (name == "rules") {
        if (!v.IsArray()) return field_error("rules", "must be an array of rule objects");
        for (rapidjson::SizeType i = 0; i < v.Size(); ++i) {
          auto rule = parse_rule(v[i], fmt::format("rules[{}]", i));
          if (!rule) return fail(rule.error());
          parsed.push_back(std::move(*rule));
        }
      } else {
        return field_error(name, "unknown field (expected seed, replace, rules, or a single rule with kind)");
      }
    }
  }

  std::lock_guard lock(mutex_);
  if (seed) {
    seed_ = *seed;
    random_.seed(*seed);
  }
  if (replace) rules_.clear();
  for (auto& rule : parsed) rules_.push_back(std::move(rule));
  return {};
}

std::string FaultInjector::to_json() const {
  std::lock_guard lock(mutex_);
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("seed");
  w.Uint64(seed_);
  w.Key("rules");
  w.StartArray();
  for (const auto& rule : rules_) write_rule(w, rule);
  w.EndArray();
  w.EndObject();
  return buffer.GetString();
}

}  // namespace wv::sandbox
