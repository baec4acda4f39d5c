#pragma once
// What of a URL may be shown to people: its host for error messages, and the whole URL with
// every credential masked for log lines.

#include <string>
#include <string_view>

namespace wv {

/// The host of an absolute URL ("shop.example.com" from "https://u:p@shop.example.com:8443/x"),
/// with ":port" when the URL names one. The input itself (redacted) when it has no "//".
std::string url_host(std::string_view url);

/// `url` with any user:password@ removed and the values of credential-like query parameters
/// (consumer_key, consumer_secret, oauth_signature, oauth_token, access_token, refresh_token,
/// client_secret, code, password, token, secret, api_key, signature, key) replaced by "***", then
/// passed through redact().
std::string redact_url(std::string_view url);

}  // namespace wv
