#include "connectors/woocommerce/json_reader.hpp"

#include <charconv>
#include <cstring>
#include <functional>

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace wv::woo {

// Forwards parse events to the document, storing each number as a constant string that points
// into the document's own number buffer: the DOM keeps the exact text, and the pointer tells a
// number from a string later.
struct NumberKeepingHandler {
  rapidjson::Document& doc;
  WireDocument& wire;

  bool Null() { return doc.Null(); }
  bool Bool(bool b) { return doc.Bool(b); }
  bool Int(int i) { return doc.Int(i); }
  bool Uint(unsigned i) { return doc.Uint(i); }
  bool Int64(std::int64_t i) { return doc.Int64(i); }
  bool Uint64(std::uint64_t i) { return doc.Uint64(i); }
  bool Double(double d) { return doc.Double(d); }
  bool RawNumber(const char* str, rapidjson::SizeType length, bool /*copy*/) {
    char* at = wire.numbers_.get() + wire.numbers_size_;
    std::memcpy(at, str, length);
    wire.numbers_size_ += length;
    wire.numbers_[wire.numbers_size_++] = '\0';
    return doc.String(at, length, false);
  }
  bool String(const char* str, rapidjson::SizeType length, bool copy) {
    return doc.String(str, length, copy);
  }
  bool StartObject() { return doc.StartObject(); }
  bool Key(const char* str, rapidjson::SizeType length, bool copy) {
    return doc.Key(str, length, copy);
  }
  bool EndObject(rapidjson::SizeType members) { return doc.EndObject(members); }
  bool StartArray() { return doc.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) { return doc.EndArray(elements); }
};

Result<std::unique_ptr<WireDocument>> WireDocument::parse(std::string_view body,
                                                          std::string_view what) {
  std::unique_ptr<WireDocument> wire(new WireDocument());
  // Every number is followed by a delimiter in the body except possibly the last, so the texts
  // with their terminators never need more than body.size() + 1 bytes.
  wire->numbers_ = std::make_unique<char[]>(body.size() + 1);
  const std::string text(body);  // NUL-terminated for the stream
  rapidjson::ParseResult result;
  auto generate = [&](rapidjson::Document& doc) {
    NumberKeepingHandler handler{doc, *wire};
    rapidjson::StringStream stream(text.c_str());
    rapidjson::Reader reader;
    constexpr unsigned kFlags =
        rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseValidateEncodingFlag;
    result = reader.Parse<kFlags>(stream, handler);
    return !result.IsError();
  };
  wire->doc_.Populate(generate);
  if (result.IsError()) {
    return fail(ErrorKind::Rejected, std::string(what) + " is not valid JSON: " +
                                         rapidjson::GetParseError_En(result.Code()) + " at byte " +
                                         std::to_string(result.Offset()));
  }
  return wire;
}

bool WireDocument::is_number(const JsonValue& v) const {
  if (!v.IsString()) return false;
  const char* p = v.GetString();
  const char* begin = numbers_.get();
  const char* end = begin + numbers_size_;
  return !std::less<const char*>()(p, begin) && std::less<const char*>()(p, end);
}

namespace {

void write_value(const WireDocument& doc, const JsonValue& v,
                 rapidjson::Writer<rapidjson::StringBuffer>& w) {
  if (v.IsNull()) {
    w.Null();
  } else if (v.IsBool()) {
    w.Bool(v.GetBool());
  } else if (v.IsString()) {
    if (doc.is_number(v)) {
      w.RawValue(v.GetString(), v.GetStringLength(), rapidjson::kNumberType);
    } else {
      w.String(v.GetString(), v.GetStringLength());
    }
  } else if (v.IsArray()) {
    w.StartArray();
    for (const auto& e : v.GetArray()) write_value(doc, e, w);
    w.EndArray();
  } else if (v.IsObject()) {
    w.StartObject();
    for (const auto& m : v.GetObject()) {
      w.Key(m.name.GetString(), m.name.GetStringLength());
      write_value(doc, m.value, w);
    }
    w.EndObject();
  } else {
    w.Null();  // numbers are never stored as numbers here
  }
}

}  // namespace

std::string WireDocument::compact(const JsonValue& v) const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  write_value(*this, v, writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

void Problems::report(const std::string& path, const std::string& what) {
  if (!first_) first_ = path.empty() ? what : path + " " + what;
}

Error Problems::error() const {
  return Error(ErrorKind::Rejected, subject_ + ": " + first_.value_or("unreadable"));
}

std::string quote_value(std::string_view text) {
  std::string out = "\"";
  std::size_t n = 0;
  for (char c : text) {
    if (++n > 40) {
      out += "...";
      break;
    }
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  return out + "\"";
}

std::optional<Decimal> decimal_from_number_text(std::string_view text, bool round_excess) {
  const auto e = text.find_first_of("eE");
  if (e == std::string_view::npos) return Decimal::parse(text, round_excess);
  std::string_view mantissa = text.substr(0, e);
  std::string_view exponent_text = text.substr(e + 1);
  if (!exponent_text.empty() && exponent_text.front() == '+') exponent_text.remove_prefix(1);
  int exponent = 0;
  const auto [end, ec] =
      std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
  if (ec != std::errc() || end != exponent_text.data() + exponent_text.size()) return std::nullopt;
  std::string sign;
  if (!mantissa.empty() && (mantissa.front() == '-' || mantissa.front() == '+')) {
    sign = mantissa.front() == '-' ? "-" : "";
    mantissa.remove_prefix(1);
  }
  std::string digits;
  int point = -1;
  for (char c : mantissa) {
    if (c == '.' && point < 0) {
      point = static_cast<int>(digits.size());
    } else if (c >= '0' && c <= '9') {
      digits += c;
    } else {
      return std::nullopt;
    }
  }
  if (digits.empty()) return std::nullopt;
  if (point < 0) point = static_cast<int>(digits.size());
  if (exponent > 30 || exponent < -30) {
    // Beyond any amount: too large to hold, or noise that rounds to zero.
    if (exponent < 0 && round_excess) return Decimal();
    return std::nullopt;
  }
  const int shifted = point + exponent;
  std::string plain;
  if (shifted <= 0) {
    plain = "0." + std::string(static_cast<std::size_t>(-shifted), '0') + digits;
  } else if (shifted >= static_cast<int>(digits.size())) {
    plain = digits + std::string(static_cast<std::size_t>(shifted) - digits.size(), '0');
  } else {
    plain = digits.substr(0, static_cast<std::size_t>(shifted)) + "." +
            digits.substr(static_cast<std::size_t>(shifted));
  }
  return Decimal::parse(sign + plain, round_excess);
}

std::string Node::child_path(const char* key) const {
  return path_.empty() ? std::string(key) : path_ + "." + key;
}

Node Node::operator[](const char* key) const {
  const JsonValue* child = nullptr;
  if (value_ != nullptr && value_->IsObject()) {
    const auto it = value_->FindMember(key);
    if (it != value_->MemberEnd()) child = &it->value;
  }
  return Node(*doc_, child, child_path(key), *problems_);
}

std::vector<Node> Node::array(const char* key) const {
  const Node field = (*this)[key];
  std::vector<Node> out;
  if (!field.present()) return out;
  if (!field.value_->IsArray()) {
    problems_->report(field.path_, "is not a list");
    return out;
  }
  std::size_t i = 0;
  for (const auto& element : field.value_->GetArray()) {
    out.emplace_back(*doc_, &element, field.path_ + "[" + std::to_string(i++) + "]", *problems_);
  }
  return out;
}

std::int64_t Node::integer() const {
  if (!present()) {
    problems_->report(path_, "is missing");
    return 0;
  }
  if (value_->IsString()) {
    const char* s = value_->GetString();
    const char* e = s + value_->GetStringLength();
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(s, e, n);
    if (ec == std::errc() && end == e && s != e) return n;
    problems_->report(path_,
                      quote_value({s, value_->GetStringLength()}) + " is not a whole number");
    return 0;
  }
  problems_->report(path_, "is not a whole number");
  return 0;
}

std::string Node::string_value() const {
  if (value_ != nullptr && value_->IsString()) {
    return std::string(value_->GetString(), value_->GetStringLength());
  }
  problems_->report(path_, "is not text");
  return "";
}

std::int64_t Node::id(const char* key) const {
  return (*this)[key].integer();
}

std::optional<std::int64_t> Node::optional_int(const char* key) const {
  const Node field = (*this)[key];
  if (!field.present()) return std::nullopt;
  if (field.value_->IsString() && field.value_->GetStringLength() == 0) return std::nullopt;
  return id(key);
}

std::string Node::text(const char* key) const {
  const Node field = (*this)[key];
  if (!field.present()) return "";
  const JsonValue& v = *field.value_;
  if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
  if (v.IsBool()) return v.GetBool() ? "true" : "false";
  problems_->report(field.path_, "is not text");
  return "";
}

std::string Node::required_text(const char* key) const {
  const Node field = (*this)[key];
  if (!field.present()) {
    problems_->report(field.path_, "is missing");
    return "";
  }
  std::string out = text(key);
  if (out.empty()) problems_->report(field.path_, "is empty");
  return out;
}

bool Node::flag(const char* key, bool fallback) const {
  const Node field = (*this)[key];
  if (!field.present()) return fallback;
  if (field.value_->IsBool()) return field.value_->GetBool();
  problems_->report(field.path_, "is not true or false");
  return fallback;
}

bool Node::required_flag(const char* key) const {
  const Node field = (*this)[key];
  if (!field.present()) {
    problems_->report(field.path_, "is missing");
    return false;
  }
  return flag(key);
}

std::optional<Decimal> Node::decimal_of(const JsonValue& v, const std::string& path,
                                        bool round_excess) const {
  if (!v.IsString()) {
    problems_->report(path, "is not an amount");
    return std::nullopt;
  }
  const std::string_view text(v.GetString(), v.GetStringLength());
  auto parsed = doc_->is_number(v) ? decimal_from_number_text(text, round_excess)
                                   : Decimal::parse(text, round_excess);
  if (!parsed) problems_->report(path, quote_value(text) + " is not an amount");
  return parsed;
}

Decimal Node::amount(const char* key) const {
  const Node field = (*this)[key];
  if (!field.present()) {
    problems_->report(field.path_, "is missing");
    return {};
  }
  if (field.value_->IsString() && field.value_->GetStringLength() == 0) {
    problems_->report(field.path_, "is empty, expected an amount");
    return {};
  }
  return decimal_of(*field.value_, field.path_, false).value_or(Decimal());
}

std::optional<Decimal> Node::optional_amount(const char* key) const {
  const Node field = (*this)[key];
  if (!field.present()) return std::nullopt;
  if (field.value_->IsString() && field.value_->GetStringLength() == 0) return std::nullopt;
  return decimal_of(*field.value_, field.path_, false);
}

Decimal Node::float_amount(const char* key) const {
  const Node field = (*this)[key];
  if (!field.present()) {
    problems_->report(field.path_, "is missing");
    return {};
  }
  return decimal_of(*field.value_, field.path_, true).value_or(Decimal());
}

std::optional<Timestamp> Node::time(const char* key) const {
  const Node field = (*this)[key];
  if (!field.present()) return std::nullopt;
  if (!field.value_->IsString() || doc_->is_number(*field.value_)) {
    problems_->report(field.path_, "is not a date-time");
    return std::nullopt;
  }
  const std::string_view text(field.value_->GetString(), field.value_->GetStringLength());
  if (text.empty()) return std::nullopt;
  auto parsed = parse_timestamp(text);
  if (!parsed) problems_->report(field.path_, quote_value(text) + " is not a date-time");
  return parsed;
}

Timestamp Node::required_time(const char* key) const {
  auto t = time(key);
  if (!t) {
    problems_->report(child_path(key), "is missing");
    return {};
  }
  return *t;
}

std::optional<Date> Node::local_date(const char* key) const {
  const Node field = (*this)[key];
  if (!field.present()) return std::nullopt;
  const std::string value = text(key);
  if (value.empty()) return std::nullopt;
  auto parsed = parse_date(value);
  if (!parsed) problems_->report(field.path_, quote_value(value) + " is not a date");
  return parsed;
}

Address read_address(const Node& n) {
  Address a;
  a.first_name = n.text("first_name");
  a.last_name = n.text("last_name");
  a.company = n.text("company");
  a.address_1 = n.text("address_1");
  a.address_2 = n.text("address_2");
  a.city = n.text("city");
  a.state = n.text("state");
  a.postcode = n.text("postcode");
  a.country = n.text("country");
  a.email = n.text("email");
  a.phone = n.text("phone");
  return a;
}

std::vector<MetaItem> Node::meta(const char* key) const {
  std::vector<MetaItem> out;
  for (const Node& entry : array(key)) {
    MetaItem item;
    item.key = entry.text("key");
    const Node value = entry["value"];
    if (value.raw() == nullptr) {
      item.value = "";
    } else if (value.raw()->IsString() && !doc_->is_number(*value.raw())) {
      item.value.assign(value.raw()->GetString(), value.raw()->GetStringLength());
    } else {
      item.value = doc_->compact(*value.raw());
    }
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace wv::woo
