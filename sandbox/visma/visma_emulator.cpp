#include "sandbox/visma/visma_emulator.hpp"

#include "core/text.hpp"
#include "sandbox/visma/api.hpp"
#include "sandbox/visma/emulator_state.hpp"
#include "sandbox/visma/guid.hpp"

namespace wv::sandbox::visma {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash);
  }
  return out;
}

// True when `path` fits `pattern`; fills the {placeholders}.
bool match(std::string_view pattern, const std::vector<std::string_view>& segments, std::vector<std::string>& params) {
  const auto parts = split_path(pattern);
  if (parts.size() != segments.size()) return false;
  std::vector<std::string> captured;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].starts_with('{')) {
      captured.emplace_back(segments[i]);
    } else if (!ascii_iequals(parts[i], segments[i])) {
      return false;
    }
  }
  params = std::move(captured);
  return true;
}

bool word_in(std::string_view list, std::string_view word) {
  while (!list.empty()) {
    const auto sp = list.find(' ');
    if (list.substr(0, sp) == word) return true;
    list = sp == std::string_view::npos ? std::string_view() : list.substr(sp + 1);
  }
  return false;
}

std::string variant_name(long long variant) {
  switch (variant) {
    case 1: return "Standard";
    case 2: return "Invoicing";
    case 3: return "Bookkeeping";
    case 4: return "Solo";
    case 5: return "Pro";
    case 6: return "InvoicingCollaboration";
    default: return "Unknown";
  }
}

Response message_response(int status, const std::string& message) {
  Json body = Json::object();
  body.set("Message", Json::string(message));
  return json_response(status, body);
}

}  // namespace

VismaEmulator::VismaEmulator(const Clock& clock) : clock_(clock), s_(std::make_unique<EmulatorState>()) {
  load_empty(*s_, clock_.now());
}

VismaEmulator::~VismaEmulator() = default;

Timestamp VismaEmulator::now_locked() const { return clock_.now() + s_->offset; }

Timestamp VismaEmulator::now() const {
  std::lock_guard lock(mutex_);
  return now_locked();
}

void VismaEmulator::advance_clock(std::chrono::milliseconds by) {
  std::lock_guard lock(mutex_);
  s_->offset += by;
}

std::optional<Response> VismaEmulator::handle(const Request& request) {
  std::lock_guard lock(mutex_);
  return handle_locked(request);
}

std::optional<Response> VismaEmulator::control(const Request& request) {
  std::lock_guard lock(mutex_);
  return control_locked(request);
}

void VismaEmulator::seed_demo() {
  std::lock_guard lock(mutex_);
  load_demo(*s_, now_locked());
}

Status VismaEmulator::seed_json(std::string_view seed_file_text) {
  std::lock_guard lock(mutex_);
  return load_seed(*s_, seed_file_text, now_locked());
}

OAuthTokens VismaEmulator::issue_tokens_for_tests(std::string_view scope, std::string_view client_id) {
  std::lock_guard lock(mutex_);
  return s_->identity.issue(client_id, scope, now_locked());
}

std::vector<OAuthClient> VismaEmulator::clients() const {
  std::lock_guard lock(mutex_);
  return s_->identity.clients();
}

std::optional<Response> VismaEmulator::control_locked(const Request& request) {
  return handle_control(*s_, request, now_locked());
}

std::optional<Response> VismaEmulator::handle_locked(const Request& request) {
  const Timestamp now = now_locked();
  if (ascii_iequals(request.path.substr(0, std::min<std::size_t>(9, request.path.size())), "/connect/")) {
    return s_->identity.handle(request, now);
  }
  const auto segments = split_path(request.path);
  if (segments.empty() || !ascii_iequals(segments[0], "v2")) return std::nullopt;

  EmulatorState& s = *s_;
  ++s.api_requests;
  auto finish = [&](Response r, const std::string& route_key) {
    s.requests_by_route[route_key]++;
    return r;
  };
  auto visma_error = [&](const ApiError& e) {
    Json body = Json::object();
    body.set("ErrorCode", Json::integer(static_cast<int>(e.code)));
    body.set("DeveloperErrorMessage", Json::string(e.message));
    body.set("ErrorId", Json::string(guid_from_name("visma-error:" + std::to_string(++s.error_sequence))));
    return json_response(e.http_status, body);
  };

  const Route* route = nullptr;
  bool path_known = false;
  std::vector<std::string> params;
  for (const auto& r : api_routes()) {
    std::vector<std::string> p;
    if (!match(r.pattern, segments, p)) continue;
    path_known = true;
    if (r.method == request.method) {
      route = &r;
      params = std::move(p);
      break;
    }
  }
  const std::string unmatched_key = request.method + " (unmatched)";
  if (!path_known) {
    return finish(message_response(404, "No HTTP resource was found that matches the request URI '" +
                                            (request.raw_target.empty() ? request.path : request.raw_target) + "'."),
                  unmatched_key);
  }
  if (!route) {
    return finish(message_response(405, "The requested resource does not support http method '" + request.method + "'."),
                  unmatched_key);
  }
  const std::string route_key = request.method + " " + std::string(route->pattern);

  std::string why;
  auto grant = s.identity.check_bearer(request.header("authorization").value_or(""), now, why);
  if (!grant) {
    Response r = visma_error({401, ErrorCode::NotAuthorized,
                              "Unauthorized: the access token is " + why + ". Get a new one from the identity server."});
    r.headers.emplace_back("WWW-Authenticate", why == "missing" ? "Bearer" : "Bearer error=\"invalid_token\"");
    return finish(std::move(r), route_key);
  }
  if (auto wait = s.limiter.admit(grant->client_id, now)) {
    ++s.rate_limited;
    Response r = visma_error({429, ErrorCode::TooManyRequests,
                              "API calls quota exceeded! maximum admitted " + std::to_string(s.limiter.limit()) +
                                  " per Minute. Try again in " + std::to_string(wait->count()) + " seconds."});
    if (s.retry_after_header) r.headers.emplace_back("Retry-After", std::to_string(wait->count()));
    return finish(std::move(r), route_key);
  }
  if (!grant->scopes.contains("ea:api")) {
    return finish(visma_error({403, ErrorCode::NoAccessToScopes, "NoAccessToScopes: the access token lacks the required scope ea:api."}),
                  route_key);
  }
  bool scoped = false;
  for (const auto& scope : grant->scopes) scoped = scoped || word_in(route->scopes, scope);
  if (!scoped) {
    return finish(visma_error({403, ErrorCode::NoAccessToScopes,
                               "NoAccessToScopes: this endpoint requires any of the scopes: " + std::string(route->scopes) + "."}),
                  route_key);
  }
  if (!s.data.has_module("api_standard")) {
    return finish(visma_error({403, ErrorCode::CanNotBeCreatedOrUpdated, "No access to module: api_standard"}), route_key);
  }
  const std::string variant = variant_name(s.data.company.integer_or("ProductVariant", 5));
  if (!word_in(route->variants, variant)) {
    return finish(visma_error({403, ErrorCode::NoAccessDueToProductVariant,
                               "NoAccessDueToProductVariant: this endpoint is not available in the " + variant +
                                   " variant (available in: " + std::string(route->variants) + ")."}),
                  route_key);
  }
  if (!route->module.empty() && !s.data.has_module(route->module)) {
    return finish(visma_error({403, ErrorCode::CanNotBeCreatedOrUpdated, "No access to module: " + std::string(route->module)}),
                  route_key);
  }

  ApiContext ctx{s.data, request, now, std::move(params)};
  auto result = route->handler(ctx);
  return finish(result ? std::move(*result) : visma_error(result.error()), route_key);
}

}  // namespace wv::sandbox::visma
