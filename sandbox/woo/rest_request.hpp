#pragma once
// A request as WordPress's REST server sees it: parameters from the JSON (or form) body, the
// query string and the route's defaults, looked up in that order; argument validation exactly as
// WP_REST_Request::has_valid_params does it (rest_validate_value_from_schema, WordPress 6.1), so
// a wrong type gives the same 400 rest_invalid_param with the same params and details.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sandbox/json.hpp"

namespace wv::sandbox::woo {

/// A WP_Error on its way out: code, message, HTTP status and the `data` members besides status.
struct RestError {
  RestError() = default;
  RestError(std::string c, std::string m, int s, Json e = Json::object())
      : code(std::move(c)), message(std::move(m)), status(s), extra(std::move(e)) {}

  std::string code;
  std::string message;
  int status = 400;
  Json extra = Json::object();  ///< members of `data` after "status"
  /// When set, `data` is this value instead of {"status", ...}: WooCommerce sometimes passes a
  /// bare status code as the error data (the refunds controller), and WordPress sends it as is.
  std::optional<Json> data_override;
};
/// The response body of an error: {"code", "message", "data": {"status", ...}}.
Json error_body(const RestError& error);

class RestParams {
 public:
  /// `query` is the PHP-parsed query string; `body` the decoded JSON or form body (an object, or
  /// null when there is none); `args` the route's [name, schema] list for defaults.
  RestParams(Json query, Json body, const Json& args);

  /// The parameter as PHP holds it (JSON body first, then query, then the route default);
  /// nullptr when absent or JSON null.
  [[nodiscard]] const Json* get(const std::string& name) const;
  /// True when the body or query carries `name` (defaults do not count).
  [[nodiscard]] bool has(const std::string& name) const;
  /// The body object (empty object when the request had none).
  [[nodiscard]] const Json& body() const { return body_; }
  /// The query as PHP parsed it.
  [[nodiscard]] const Json& query() const { return query_; }
  /// Replaces or adds a query parameter (WooCommerce writes sanitized values back).
  void set_query(const std::string& name, Json value);
  void erase_query(const std::string& name);
  void replace_query(Json query) { query_ = std::move(query); }

  /// (int) cast of the parameter, or `fallback` when absent.
  [[nodiscard]] std::int64_t integer(const std::string& name, std::int64_t fallback = 0) const;
  /// rest_sanitize_boolean of the parameter, or `fallback` when absent.
  [[nodiscard]] bool boolean(const std::string& name, bool fallback = false) const;
  /// The parameter as a PHP string ("" when absent).
  [[nodiscard]] std::string string(const std::string& name) const;
  /// The parameter as a list (wp_parse_list for a scalar, the values of an array).
  [[nodiscard]] std::vector<std::string> list(const std::string& name) const;

 private:
  Json query_;
  Json body_;
  const Json& args_;
};

/// WP_REST_Request::has_valid_params: missing required arguments first, then each declared
/// argument that is present, in declaration order. nullopt when everything is valid.
std::optional<RestError> validate_params(const Json& args, const RestParams& params);
/// rest_validate_value_from_schema for one value; nullopt when valid.
std::optional<RestError> validate_value(const Json& value, const Json& schema, const std::string& param);

/// PHP's string cast of a JSON scalar: numbers keep their text (a float's integral value loses
/// ".0"), true is "1", false and null are "".
std::string php_string(const Json& value);
/// PHP's (int) cast of a JSON scalar or numeric string (0 when not numeric).
std::int64_t php_int(const Json& value);
/// rest_sanitize_boolean.
bool php_bool(const Json& value);
/// WordPress's is_email(): at least 6 characters, a local part, an @ and a dotted domain.
bool wp_is_email(const std::string& s);

}  // namespace wv::sandbox::woo
