#include "connectors/visma/visma_errors.hpp"

#include <charconv>
#include <fmt/format.h>

#include "connectors/visma/wire_json.hpp"

namespace wv {
namespace {

using visma_wire::remote_text;

// Visma's 429 text: "... Try again in 55 seconds."
std::optional<std::chrono::seconds> retry_after_from(const HttpResponse& r, std::string_view message) {
  if (auto h = r.header("retry-after")) {
    int n = 0;
    auto [end, ec] = std::from_chars(h->data(), h->data() + h->size(), n);
    if (ec == std::errc() && end == h->data() + h->size() && n >= 0) return std::chrono::seconds(n);
  }
  constexpr std::string_view kMarker = "again in ";
  auto pos = message.find(kMarker);
  if (pos == std::string_view::npos) return std::nullopt;
  pos += kMarker.size();
  int n = 0;
  auto [end, ec] = std::from_chars(message.data() + pos, message.data() + message.size(), n);
  if (ec != std::errc() || n < 0) return std::nullopt;
  return std::chrono::seconds(n);
}

constexpr const char* kReauthorise =
    "run `woovisma auth visma` as a Visma user with access to this company and the configured scopes";

const char* hint_for(int code, int status) {
  switch (code) {
    case 4002:
      return "the Visma company lacks a module this needs; activate it in Visma eEkonomi (the API needs the "
             "integration add-on \"api_standard\", sales orders need the order module)";
    case 4003: return "complete the startup guide of the company in Visma eEkonomi first";
    case 4009:
      return "the company's Visma variant does not include this (sales orders need Standard, Pro or Invoicing; "
             "price lists need Pro)";
    case 4019: return "the Visma user is read-only; run `woovisma auth visma` as a user who may write";
    case 4005:
    case 4006:
    case 4007:
    case 4011:
    case 4012: return kReauthorise;
    case 4010: return "Visma's rate limit was reached; a later run continues";
    case 5005: return "the project has ended in Visma; choose another project";
    case 5006: return "the cost centre item is inactive in Visma; activate it or change cost_center_item_id";
    case 6000:
    case 6001: return "woovisma sent a malformed query; this is a bug, please report it";
    default: break;
  }
  if (code >= 5000 && code <= 5002) return "Visma had a temporary problem; a later run retries";
  if (status == 401) return "Visma refused the token; run `woovisma auth visma`";
  if (status == 403) return kReauthorise;
  if (status == 429) return "Visma's rate limit was reached; a later run continues";
  if (status >= 500) return "Visma had a temporary problem; a later run retries";
  return nullptr;
}

}  // namespace

std::optional<VismaErrorBody> parse_visma_error_body(std::string_view body) {
  auto doc = visma_wire::parse_json(body);
  if (!doc || !doc->IsObject()) return std::nullopt;
  visma_wire::WireProblems problems;
  visma_wire::FieldReader r(&*doc, problems, "");
  if (!r.has("ErrorCode") && !r.has("DeveloperErrorMessage")) return std::nullopt;
  VismaErrorBody out;
  out.code = static_cast<int>(r.integer("ErrorCode"));
  out.developer_message = r.text("DeveloperErrorMessage");
  out.error_id = r.text("ErrorId");
  if (!problems.ok()) return std::nullopt;
  return out;
}

ErrorKind visma_error_kind(int code, int status) {
  switch (code) {
    case 2000: return ErrorKind::Rejected;
    case 3000: return ErrorKind::NotFound;
    case 4000: return ErrorKind::Conflict;
    case 4002:
    case 4003:
    case 4009: return ErrorKind::Rejected;  // a company module or variant: see the header
    case 4005:
    case 4006:
    case 4007:
    case 4011:
    case 4012:
    case 4019: return ErrorKind::Auth;
    case 4010: return ErrorKind::Transient;
    case 5005:
    case 5006: return ErrorKind::Rejected;
    case 6000:
    case 6001: return ErrorKind::Internal;
    default: break;
  }
  if (code >= 5000 && code <= 5002) return ErrorKind::Transient;
  if (code >= 4000 && code < 5000) return ErrorKind::Rejected;
  if (code >= 2000 && code < 3000) return ErrorKind::Rejected;
  if (code >= 3000 && code < 4000) return ErrorKind::NotFound;
  // No code (or one we do not know): the HTTP status decides.
  if (status == 401 || status == 403) return ErrorKind::Auth;
  if (status == 404 || status == 410) return ErrorKind::NotFound;
  if (status == 409) return ErrorKind::Conflict;
  if (status == 408 || status == 429 || status >= 500) return ErrorKind::Transient;
  if (code >= 5000 && code < 6000) return ErrorKind::Rejected;  // 5003/5004 stock rules ...
  if (code >= 6000) return ErrorKind::Internal;
  return ErrorKind::Rejected;
}

Error visma_error(std::string_view method, std::string_view endpoint, const HttpResponse& response) {
  Error e;
  e.http_status = response.status;
  std::string detail;
  int code = 0;
  if (auto body = parse_visma_error_body(response.body)) {
    code = body->code;
    e.remote_code = code != 0 ? std::to_string(code) : "";
    detail = fmt::format("Visma refused {} {}: {} (", method, endpoint,
                         body->developer_message.empty() ? "no explanation given" : remote_text(body->developer_message));
    if (code != 0) detail += fmt::format("ErrorCode {}, ", code);
    detail += fmt::format("HTTP {}", response.status);
    if (!body->error_id.empty()) detail += ", ErrorId " + remote_text(body->error_id, 80);
    detail += ")";
    e.retry_after = retry_after_from(response, body->developer_message);
  } else {
    const std::string snippet = remote_text(response.body, 160);
    detail = snippet.empty()
                 ? fmt::format("Visma answered {} {} with HTTP {} and no body", method, endpoint, response.status)
                 : fmt::format("Visma answered {} {} with HTTP {}: {}", method, endpoint, response.status, snippet);
    e.retry_after = retry_after_from(response, "");
  }
  e.kind = visma_error_kind(code, response.status);
  if (const char* hint = hint_for(code, response.status)) detail += fmt::format("; {}", hint);
  e.message = std::move(detail);
  return e;
}

}  // namespace wv
