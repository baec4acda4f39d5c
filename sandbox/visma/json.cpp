#include "sandbox/visma/json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cctype>

namespace wv::sandbox::visma {
namespace {

// Builds a Json tree from RapidJSON's SAX events; numbers arrive as their raw text.
class TreeBuilder {
 public:
  bool Null() { return add(Json::null()); }
  bool Bool(bool b) { return add(Json::boolean(b)); }
  bool Int(int) { return false; }  // never called with kParseNumbersAsStringsFlag
  bool Uint(unsigned) { return false; }
  bool Int64(int64_t) { return false; }
  bool Uint64(uint64_t) { return false; }
  bool Double(double) { return false; }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    return add(Json::number_text(std::string(s, n)));
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    return add(Json::string(std::string(s, n)));
  }
  bool StartObject() {
    stack_.push_back(Json::object());
    keys_.emplace_back();
    return true;
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    keys_.back() = std::string(s, n);
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() {
    stack_.push_back(Json::array());
    keys_.emplace_back();
    return true;
  }
  bool EndArray(rapidjson::SizeType) { return close(); }

  Json take() { return std::move(root_); }

 private:
  bool add(Json v) {
    if (stack_.empty()) {
      root_ = std::move(v);
    } else if (stack_.back().is_array()) {
      stack_.back().push_back(std::move(v));
    } else {
      // Duplicate keys: the last one wins, as in Json.NET.
      stack_.back().set(keys_.back(), std::move(v));
    }
    return true;
  }
  bool close() {
    Json done = std::move(stack_.back());
    stack_.pop_back();
    keys_.pop_back();
    return add(std::move(done));
  }

  Json root_;
  std::vector<Json> stack_;
  std::vector<std::string> keys_;
};

void write(const Json& v, rapidjson::Writer<rapidjson::StringBuffer>& w) {
  switch (v.kind()) {
    case Json::Kind::Null: w.Null(); break;
    case Json::Kind::Bool: w.Bool(v.as_bool()); break;
    case Json::Kind::Number:
      // Writer::RawNumber of RapidJSON 1.1 writes a quoted string; RawValue writes the text as is.
      w.RawValue(v.text().data(), v.text().size(), rapidjson::kNumberType);
      break;
    case Json::Kind::String:
      w.String(v.text().data(), static_cast<rapidjson::SizeType>(v.text().size()));
      break;
    case Json::Kind::Array:
      w.StartArray();
      for (const auto& item : v.items()) write(item, w);
      w.EndArray();
      break;
    case Json::Kind::Object:
      w.StartObject();
      for (const auto& [key, value] : v.members()) {
        w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
        write(value, w);
      }
      w.EndObject();
      break;
  }
}

const Json& shared_null() {
  static const Json null;
  return null;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Json Json::boolean(bool b) {
  Json j;
  j.kind_ = Kind::Bool;
  j.bool_ = b;
  return j;
}

Json Json::number_text(std::string text) {
  Json j;
  j.kind_ = Kind::Number;
  j.text_ = std::move(text);
  return j;
}

Json Json::number(Decimal d, int min_dp) { return number_text(d.to_plain_string(min_dp)); }

Json Json::integer(long long n) { return number_text(std::to_string(n)); }

Json Json::string(std::string s) {
  Json j;
  j.kind_ = Kind::String;
  j.text_ = std::move(s);
  return j;
}

Json Json::array(std::vector<Json> items) {
  Json j;
  j.kind_ = Kind::Array;
  j.items_ = std::move(items);
  return j;
}

Json Json::object() {
  Json j;
  j.kind_ = Kind::Object;
  return j;
}

std::optional<Decimal> Json::as_decimal() const {
  if (kind_ != Kind::Number) return std::nullopt;
  return Decimal::parse(text_);
}

const Json* Json::find(std::string_view key) const {
  for (const auto& [k, v] : members_) {
    if (k == key) return &v;
  }
  for (const auto& [k, v] : members_) {
    if (iequals(k, key)) return &v;
  }
  return nullptr;
}

Json* Json::find(std::string_view key) {
  return const_cast<Json*>(static_cast<const Json*>(this)->find(key));
}

const Json& Json::operator[](std::string_view key) const {
  const Json* v = find(key);
  return v ? *v : shared_null();
}

Json& Json::set(std::string_view key, Json value) {
  for (auto& [k, v] : members_) {
    if (k == key) {
      v = std::move(value);
      return v;
    }
  }
  members_.emplace_back(std::string(key), std::move(value));
  return members_.back().second;
}

void Json::erase(std::string_view key) {
  std::erase_if(members_, [&](const Member& m) { return m.first == key; });
}

std::string Json::str(std::string_view key) const {
  const Json* v = find(key);
  return v && v->is_string() ? v->text() : std::string();
}

bool Json::flag(std::string_view key, bool fallback) const {
  const Json* v = find(key);
  return v && v->is_bool() ? v->as_bool() : fallback;
}

Decimal Json::dec(std::string_view key, Decimal fallback) const {
  const Json* v = find(key);
  if (!v) return fallback;
  auto d = v->as_decimal();
  return d ? *d : fallback;
}

long long Json::integer_or(std::string_view key, long long fallback) const {
  const Json* v = find(key);
  if (!v || !v->is_number()) return fallback;
  try {
    std::size_t used = 0;
    long long n = std::stoll(v->text(), &used);
    return used == v->text().size() ? n : fallback;
  } catch (...) {
    return fallback;
  }
}

std::string Json::dump() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  write(*this, writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

Result<Json> parse_json(std::string_view text) {
  TreeBuilder builder;
  rapidjson::Reader reader;
  std::string copy(text);
  rapidjson::StringStream stream(copy.c_str());
  auto ok = reader.Parse<rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseStopWhenDoneFlag>(
      stream, builder);
  if (ok.IsError()) {
    return fail(ErrorKind::Rejected, std::string("invalid JSON at offset ") + std::to_string(ok.Offset()) +
                                         ": " + rapidjson::GetParseError_En(ok.Code()));
  }
  // Only whitespace may follow the value.
  for (std::size_t i = stream.Tell(); i < copy.size(); ++i) {
    if (!std::isspace(static_cast<unsigned char>(copy[i]))) {
      return fail(ErrorKind::Rejected, "invalid JSON at offset " + std::to_string(i) +
                                           ": text after the end of the value");
    }
  }
  return builder.take();
}

}  // namespace wv::sandbox::visma
