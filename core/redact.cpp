#include "core/redact.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <mutex>
#include <vector>

namespace wv {
namespace {

std::mutex g_mutex;
std::vector<std::string>& secrets() {
  static std::vector<std::string> s;
  return s;
}

bool iequals_at(std::string_view text, std::size_t pos, std::string_view word) {
  if (pos + word.size() > text.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[pos + i])) !=
        std::tolower(static_cast<unsigned char>(word[i]))) {
      return false;
    }
  }
  return true;
}

// Names after which a value is a credential, in headers, query strings, forms and JSON.
constexpr std::array<std::string_view, 9> kSecretNames = {
    "authorization", "access_token", "refresh_token", "client_secret", "consumer_secret",
    "oauth_signature", "password", "token", "secret"};

bool is_value_char(char c) {
  return !(c == '&' || c == '"' || c == '\'' || c == ',' || c == '\n' || c == '\r' || c == ' ' ||
           c == '}' || c == ';' || c == '>');
}

// Masks `name=value`, `name: value`, `"name":"value"` and `Authorization: Basic xyz`.
std::string mask_named_values(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    bool matched = false;
    for (std::string_view name : kSecretNames) {
      if (!iequals_at(in, i, name)) continue;
      // The name must stand alone (not "encode" for "code").
      if (i > 0 && (std::isalnum(static_cast<unsigned char>(in[i - 1])) || in[i - 1] == '_')) continue;
      std::size_t j = i + name.size();
      if (j < in.size() && (std::isalnum(static_cast<unsigned char>(in[j])) || in[j] == '_')) continue;
      std::size_t k = j;
      if (k < in.size() && in[k] == '"') ++k;
      while (k < in.size() && in[k] == ' ') ++k;
      if (k >= in.size() || (in[k] != '=' && in[k] != ':')) continue;
      ++k;
      while (k < in.size() && in[k] == ' ') ++k;
      bool quoted = k < in.size() && in[k] == '"';
      if (quoted) ++k;
      // Keep an auth scheme word ("Basic", "Bearer") visible; mask what follows it.
      std::size_t scheme_end = k;
      while (scheme_end < in.size() && std::isalpha(static_cast<unsigned char>(in[scheme_end]))) ++scheme_end;
      std::string_view scheme = in.substr(k, scheme_end - k);
      if ((scheme == "Basic" || scheme == "Bearer" || scheme == "OAuth") && scheme_end < in.size() &&
          in[scheme_end] == ' ') {
        k = scheme_end + 1;
      }
      std::size_t end = k;
      while (end < in.size() && (quoted ? in[end] != '"' : is_value_char(in[end]))) ++end;
      if (end == k) continue;
      out.append(in.substr(i, k - i));
      out.append("***");
      i = end;
      matched = true;
      break;
    }
    if (!matched) out.push_back(in[i++]);
  }
  return out;
}

}  // namespace

void register_secret(std::string_view secret) {
  if (secret.size() < 4) return;
  std::lock_guard lock(g_mutex);
  auto& s = secrets();
  if (std::find(s.begin(), s.end(), secret) == s.end()) s.emplace_back(secret);
  // Longest first, so that a secret containing another is masked whole.
  std::sort(s.begin(), s.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string redact(std::string_view text) {
  std::string out(text);
  {
    std::lock_guard lock(g_mutex);
    for (const auto& secret : secrets()) {
      for (std::size_t pos = out.find(secret); pos != std::string::npos; pos = out.find(secret, pos + 3)) {
        out.replace(pos, secret.size(), "***");
      }
    }
  }
  return mask_named_values(out);
}

void clear_registered_secrets_for_tests() {
  std::lock_guard lock(g_mutex);
  secrets().clear();
}

}  // namespace wv
