#pragma once
// Visma's error answers: {"ErrorCode": 2000, "DeveloperErrorMessage": "...", "ErrorId": "<guid>"}
// with the HTTP status the emulator pairs with each code (Visma does not publish the pairing;
// the spec declares 400, 401, 403 and 404 only, so conflicts are 400 as well).

#include <expected>
#include <string>

namespace wv::sandbox::visma {

enum class ErrorCode : int {
  DataModelValidation = 2000,
  ResourceNotFound = 3000,
  Conflict = 4000,
  CanNotBeDeleted = 4001,
  CanNotBeCreatedOrUpdated = 4002,  ///< also NoAccessToModule: Visma reuses the number
  NotAuthorized = 4005,
  NoAccessToScopes = 4006,
  NoAccessDueToProductVariant = 4009,
  TooManyRequests = 4010,
  CannotBookkeepInvoice = 4013,
  FutureDateCannotBeSet = 4023,
  VoucherDateIsInLockedPeriod = 4026,
  InactiveCostCenter = 5006,
  QueryParameterError = 6000,
  InvalidInput = 6001,
};

struct ApiError {
  int http_status = 400;
  ErrorCode code = ErrorCode::DataModelValidation;
  std::string message;
};

template <class T>
using ApiResult = std::expected<T, ApiError>;

inline std::unexpected<ApiError> api_fail(int status, ErrorCode code, std::string message) {
  return std::unexpected(ApiError{status, code, std::move(message)});
}
/// 400 / 2000 with `message` (which names the field).
inline std::unexpected<ApiError> validation_fail(std::string message) {
  return api_fail(400, ErrorCode::DataModelValidation, std::move(message));
}
/// 404 / 3000: "<what> with id <id> was not found".
std::unexpected<ApiError> not_found(const std::string& what, const std::string& id);

}  // namespace wv::sandbox::visma
