#include "core/http/error_body.hpp"

#include <rapidjson/document.h>

#include <cctype>

#include "core/redact.hpp"

namespace wv {
namespace {

constexpr std::size_t kMaxSummary = 200;

std::string one_line(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) < 0x20) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    if (out.size() >= kMaxSummary) {
      // Do not leave half a UTF-8 character behind.
      while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
      if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
      out += "...";
      break;
    }
  }
  return out;
}

std::string string_member(const rapidjson::Value& object, const char* name) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd()) return {};
  // Numbers arrive as strings too (kParseNumbersAsStringsFlag), so ErrorCode 4010 is "4010".
  if (it->value.IsString()) return {it->value.GetString(), it->value.GetStringLength()};
  return {};
}

}  // namespace

ErrorBodySummary summarise_error_body(std::string_view body) {
  ErrorBodySummary out;
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseNumbersAsStringsFlag>(body.data(), body.size());
  if (!doc.HasParseError() && doc.IsObject()) {
    // Visma: {"ErrorCode":4010,"DeveloperErrorMessage":"..."}; WooCommerce: {"code":"...",
    // "message":"..."}; identity server: {"error":"invalid_grant","error_description":"..."}.
    for (const char* name : {"DeveloperErrorMessage", "message", "error_description", "Message"}) {
      if (auto text = string_member(doc, name); !text.empty()) {
        out.message = text;
        break;
      }
    }
    for (const char* name : {"ErrorCode", "code", "error"}) {
      if (auto code = string_member(doc, name); !code.empty()) {
        out.remote_code = code;
        break;
      }
    }
    if (out.message.empty()) out.message = out.remote_code;
  }
  if (out.message.empty()) out.message = std::string(body);
  out.message = one_line(redact(out.message));
  out.remote_code = one_line(redact(out.remote_code));
  return out;
}

}  // namespace wv
