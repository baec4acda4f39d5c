#pragma once
// A one-line summary of an error response's body for messages: the remote's own message and
// code when the body is Visma's or WooCommerce's JSON error format, else its first words.

#include <string>
#include <string_view>

namespace wv {

struct ErrorBodySummary {
  std::string message;      ///< one line, redacted, at most ~200 characters; empty for no body
  std::string remote_code;  ///< Visma's ErrorCode or WooCommerce's code; empty when absent
};

/// Summarises `body`. Never fails: a body that is not JSON is summarised as text.
ErrorBodySummary summarise_error_body(std::string_view body);

}  // namespace wv
