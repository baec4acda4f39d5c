#pragma once
// What a refusal from Visma means. Visma answers errors with
// {"ErrorCode": 2000, "DeveloperErrorMessage": "...", "ErrorId": "<guid>"}; this turns such an
// answer (or a non-JSON one: a proxy's HTML page, an empty 502) into one Error whose message is
// a single line such as
//   Visma refused POST /customerinvoicedrafts: CustomerId is required (ErrorCode 2000, ErrorId 1f2e...)
// and whose kind decides what the caller does.
//
// Kinds, by ErrorCode (the HTTP status decides when there is no code):
//   2000, and the 4xxx validation codes (locked period, invalid VAT number, ...) -> Rejected
//   4000 duplicate                                                              -> Conflict
//   3000, HTTP 404                                                              -> NotFound
//   4005 NotAuthorized, 4006 NoAccessToScopes, 4007 PermissionDenied,
//   4011/4012 user lacks access or licence, 4019 read-only user, HTTP 401/403   -> Auth: the
//        token or the user behind it lacks a right; re-authorising with the right user and
//        scopes fixes it, so the hint says to run `woovisma auth visma`.
//   4002 NoAccessToModule, 4003 StartupGuideNotCompleted,
//   4009 NoAccessDueToProductVariant                                            -> Rejected with
//        a hint: the Visma company itself lacks a module or variant, which only the operator
//        can change in Visma; a new token would not help, and other items may still succeed.
//   4010 TooManyRequests, HTTP 429, 5000-5002, other HTTP 5xx                   -> Transient
//        (retry_after from "Try again in N seconds" when Visma says so)
//   5005 project ended, 5006 inactive cost centre                               -> Rejected
//   6000 QueryParameterError, 6001 InvalidInput                                 -> Internal: our
//        request was malformed, a bug.

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/http/http.hpp"

namespace wv {

/// The fields of Visma's error body; nullopt when `body` is not such a body.
struct VismaErrorBody {
  int code = 0;
  std::string developer_message;
  std::string error_id;
};
std::optional<VismaErrorBody> parse_visma_error_body(std::string_view body);

/// The kind for a Visma ErrorCode (0 when none was sent) and HTTP status.
ErrorKind visma_error_kind(int error_code, int http_status);

/// The Error for `response` (not 2xx) to `method endpoint` ("POST", "/customerinvoicedrafts"):
/// kind, a one-line message with Visma's own words and ids and what to do, http_status,
/// remote_code (the ErrorCode as text) and retry_after.
Error visma_error(std::string_view method, std::string_view endpoint, const HttpResponse& response);

}  // namespace wv
