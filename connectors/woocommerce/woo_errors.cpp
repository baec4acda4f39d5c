#include "connectors/woocommerce/woo_errors.hpp"

#include <charconv>

#include "connectors/woocommerce/json_reader.hpp"

namespace wv::woo {
namespace {

ErrorKind kind_for_status(int status) {
  if (status == 401 || status == 403) return ErrorKind::Auth;
  if (status == 404) return ErrorKind::NotFound;
  if (status == 409) return ErrorKind::Conflict;
  if (status == 429 || status >= 500) return ErrorKind::Transient;
  if (status >= 300 && status < 400) return ErrorKind::Config;
  if (status >= 400) return ErrorKind::Rejected;
  return ErrorKind::Transient;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string strip_query(std::string_view url) {
  return std::string(url.substr(0, url.find_first_of("?#")));
}

struct ErrorBody {
  std::string code;
  std::string message;
  std::string detail;  // what data.params / data.resource_id add
};

std::optional<ErrorBody> read_error_body(std::string_view body) {
  auto doc = WireDocument::parse(body, "error");
  if (!doc || !(*doc)->root().IsObject()) return std::nullopt;
  Problems problems("error");
  const Node root(**doc, &(*doc)->root(), "", problems);
  ErrorBody out;
  out.code = root.text("code");
  out.message = clean_message(root.text("message"));
  if (out.code.empty() && out.message.empty()) return std::nullopt;
  const Node data = root["data"];
  if (data.is_object()) {
    const Node params = data["params"];
    if (params.is_object()) {
      for (const auto& m : params.raw()->GetObject()) {
        if (!m.value.IsString()) continue;
        if (!out.detail.empty()) out.detail += " ";
        out.detail += clean_message({m.value.GetString(), m.value.GetStringLength()});
      }
    }
    if (out.code == "product_invalid_sku") {
      if (auto holder = data.optional_int("resource_id"); holder && *holder > 0) {
        out.detail = "Product " + std::to_string(*holder) + " already has this SKU.";
      }
    }
  }
  return out;
}

std::string status_suffix(std::string_view code, int status) {
  std::string out = " (";
  if (!code.empty()) out += std::string(code) + ", ";
  return out + "HTTP " + std::to_string(status) + ")";
}

}  // namespace

std::string clean_message(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || c == '\r' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      continue;
    }
    if (c == '&') {
      const auto semi = text.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 8) {
        const std::string_view entity = text.substr(i + 1, semi - i - 1);
        std::optional<unsigned> cp;
        if (entity == "amp")
          cp = '&';
        else if (entity == "lt")
          cp = '<';
        else if (entity == "gt")
          cp = '>';
        else if (entity == "quot")
          cp = '"';
        else if (entity == "nbsp")
          cp = ' ';
        else if (entity.size() > 1 && entity[0] == '#') {
          unsigned n = 0;
          const bool hex = entity[1] == 'x' || entity[1] == 'X';
          const std::string_view digits = entity.substr(hex ? 2 : 1);
          const auto [end, ec] =
              std::from_chars(digits.data(), digits.data() + digits.size(), n, hex ? 16 : 10);
          if (ec == std::errc() && end == digits.data() + digits.size() && n > 0 && n < 0x110000) {
            cp = n;
          }
        }
        if (cp) {
          append_utf8(out, *cp);
          i = semi;
          continue;
        }
      }
    }
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

Error error_from_response(const RequestLabel& request, const HttpResponse& response) {
  const int status = response.status;
  const std::string what = std::string(request.method) + " " + std::string(request.path);
  Error error;
  error.http_status = status;
  error.kind = kind_for_status(status);
  if (auto retry = response.header("retry-after")) {
    int seconds = 0;
    const auto [end, ec] = std::from_chars(retry->data(), retry->data() + retry->size(), seconds);
    if (ec == std::errc() && end == retry->data() + retry->size() && seconds >= 0) {
      error.retry_after = std::chrono::seconds(seconds);
    }
  }

  if (status >= 300 && status < 400) {
    const auto location = response.header("location");
    error.message = "the shop redirected " + what + " (HTTP " + std::to_string(status) + ")" +
                    (location ? " to " + strip_query(*location) : std::string()) +
                    ": set the shop url to the address the shop really answers on";
    return error;
  }

  const auto body = read_error_body(response.body);
  if (!body) {
    const std::string type(response.header("content-type").value_or("no content type"));
    if (status == 404) {
      error.kind = ErrorKind::Config;
      error.message = "no WooCommerce REST API at " + std::string(request.api_base) + " (" + what +
                      " gave HTTP 404, " + type +
                      "): check the shop url, that WooCommerce is active and that pretty "
                      "permalinks are on";
    } else {
      error.message = "WooCommerce answered " + what + " with HTTP " + std::to_string(status) +
                      " and no error details (" + type + ")";
    }
    return error;
  }

  error.remote_code = body->code;
  std::string text = body->message.empty() ? "no message" : body->message;
  if (!text.ends_with('.')) text += '.';
  if (!body->detail.empty()) text += " " + body->detail;
  error.message = "WooCommerce refused " + what + ": " + text + status_suffix(body->code, status);

  // WooCommerce answers an update of an unknown id with 400 "..._invalid_id" (WC_REST_CRUD_
  // Controller::update_item), a read of one with 404: both mean the object does not exist.
  if (error.kind == ErrorKind::Rejected && body->code.ends_with("_invalid_id")) error.kind = ErrorKind::NotFound;

  if (status == 404 && body->code == "rest_no_route") {
    error.kind = ErrorKind::Config;
    error.message += ": no such route under " + std::string(request.api_base) +
                     "; check the shop url and that WooCommerce is active and up to date";
  } else if (status == 401 && body->code == "woocommerce_rest_authentication_error" &&
             body->message == "Invalid nonce - nonce has already been used.") {
    // Not the keys: the shop has seen this very signature before (a proxy or the network sent
    // the request twice). A new attempt is signed anew, so it is worth retrying later.
    error.kind = ErrorKind::Transient;
    error.message += ": the same signed request reached the shop twice; the next attempt is "
                     "signed anew";
  } else if (status == 401 && body->code == "woocommerce_rest_authentication_error" &&
             body->message == "Invalid timestamp.") {
    error.message += ": the shop takes OAuth timestamps within 15 minutes of its own clock; "
                     "check the clocks of this machine and of the shop";
  } else if (status == 401 && request.credentials_in_header &&
             body->code != "woocommerce_rest_authentication_error") {
    // The shop ran the request as an anonymous visitor: it never saw the credentials (plain
    // http, or a server that drops the Authorization header).
    error.message +=
        ": the shop did not receive the API key; use https, or set auth = \"query\" "
        "if the server strips the Authorization header";
  }
  return error;
}

Error batch_item_error(const RequestLabel& request, std::string_view item, std::string_view code,
                       std::string_view message, int status) {
  Error error;
  error.http_status = status;
  error.kind = status > 0 ? kind_for_status(status) : ErrorKind::Rejected;
  if (error.kind == ErrorKind::Transient && status < 500 && status != 429) {
    error.kind = ErrorKind::Rejected;
  }
  error.remote_code = std::string(code);
  std::string text = message.empty() ? "no message" : clean_message(message);
  if (!text.ends_with('.')) text += '.';
  error.message = "WooCommerce refused " + std::string(item) + " in " +
                  std::string(request.method) + " " + std::string(request.path) + ": " + text +
                  status_suffix(code, status);
  return error;
}

}  // namespace wv::woo
