#include "sandbox/json.hpp"

#include <charconv>

#include "core/text.hpp"

namespace wv::sandbox {
namespace {

const Json& shared_null() {
  static const Json null;
  return null;
}

}  // namespace

Json Json::boolean(bool b) {
  Json j;
  j.type_ = Type::Bool;
  j.bool_ = b;
  return j;
}

Json Json::number_text(std::string text) {
  Json j;
  j.type_ = Type::Number;
  j.text_ = std::move(text);
  return j;
}

Json Json::integer(std::int64_t n) { return number_text(std::to_string(n)); }

Json Json::string(std::string s) {
  Json j;
  j.type_ = Type::String;
  j.text_ = std::move(s);
  return j;
}

Json Json::array(std::vector<Json> items) {
  Json j;
  j.type_ = Type::Array;
  j.items_ = std::move(items);
  return j;
}

Json Json::object() {
  Json j;
  j.type_ = Type::Object;
  return j;
}

std::optional<Decimal> Json::as_decimal() const {
  if (type_ != Type::Number) return std::nullopt;
  return Decimal::parse(text_);
}

const Json* Json::find(std::string_view key) const {
  for (const auto& [name, value] : members_) {
    if (name == key) return &value;
  }
  return nullptr;
}

Json* Json::find(std::string_view key) {
  return const_cast<Json*>(static_cast<const Json*>(this)->find(key));
}

const Json* Json::find_ignoring_case(std::string_view key) const {
  if (const Json* exact = find(key)) return exact;
  for (const auto& [name, value] : members_) {
    if (ascii_iequals(name, key)) return &value;
  }
  return nullptr;
}

Json* Json::find_ignoring_case(std::string_view key) {
  return const_cast<Json*>(static_cast<const Json*>(this)->find_ignoring_case(key));
}

const Json& Json::operator[](std::string_view key) const {
  const Json* v = find_ignoring_case(key);
  return v ? *v : shared_null();
}

std::string Json::str(std::string_view key) const {
  const Json* v = find_ignoring_case(key);
  return v && v->is_string() ? v->text() : std::string();
}

bool Json::flag(std::string_view key, bool fallback) const {
  const Json* v = find_ignoring_case(key);
  return v && v->is_bool() ? v->bool_value() : fallback;
}

Decimal Json::dec(std::string_view key, Decimal fallback) const {
  const Json* v = find_ignoring_case(key);
  if (!v) return fallback;
  return v->as_decimal().value_or(fallback);
}

long long Json::integer_or(std::string_view key, long long fallback) const {
  const Json* v = find_ignoring_case(key);
  if (!v || !v->is_number()) return fallback;
  const std::string& t = v->text();
  long long n = 0;
  const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), n);
  return error == std::errc() && end == t.data() + t.size() ? n : fallback;
}

Json& Json::add(std::string key, Json value) {
  members_.emplace_back(std::move(key), std::move(value));
  return *this;
}

Json& Json::set(std::string_view key, Json value) {
  if (Json* existing = find(key)) {
    *existing = std::move(value);
    return *this;
  }
  return add(std::string(key), std::move(value));
}

void Json::erase(std::string_view key) {
  for (auto it = members_.begin(); it != members_.end(); ++it) {
    if (it->first == key) {
      members_.erase(it);
      return;
    }
  }
}

Json& Json::push(Json value) {
  items_.push_back(std::move(value));
  return *this;
}

std::string Json::dump() const { return to_plain_json(*this); }

}  // namespace wv::sandbox
