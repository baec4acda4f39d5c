#include "connectors/visma/wire_json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

#include "core/redact.hpp"

namespace wv::visma_wire {
namespace {

constexpr auto kParseFlags = rapidjson::kParseNumbersAsStringsFlag;

std::string shorten(std::string_view s) { return remote_text(s, 40); }

const char* type_name(const rapidjson::Value& v) {
  if (v.IsObject()) return "an object";
  if (v.IsArray()) return "an array";
  if (v.IsBool()) return "a boolean";
  if (v.IsString()) return "text";
  return "a number";
}

}  // namespace

std::string remote_text(std::string_view raw, std::size_t max) {
  const std::string s = redact(raw);
  std::string out;
  out.reserve(std::min(s.size(), max));
  bool blank_pending = false;
  for (char c : s) {
    if (c == ' ' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      blank_pending = !out.empty();
      continue;
    }
    // Cut only before the first byte of a character, never inside one.
    if (out.size() >= max && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      out += "...";
      break;
    }
    if (blank_pending) out += ' ';
    blank_pending = false;
    out += c;
  }
  return out;
}

std::optional<Decimal> parse_number_text(std::string_view text) {
  const auto e = text.find_first_of("eE");
  if (e == std::string_view::npos) return Decimal::parse(text, /*round_excess=*/true);
  // Exponent form (what .NET writes for small doubles, e.g. 1E-05): move the decimal point
  // in the digit string, so the value stays exact.
  std::string_view mantissa = text.substr(0, e);
  std::string_view exp_text = text.substr(e + 1);
  if (!exp_text.empty() && exp_text.front() == '+') exp_text.remove_prefix(1);
  int exponent = 0;
  auto [end, ec] = std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);
  if (ec != std::errc() || end != exp_text.data() + exp_text.size() || exp_text.empty()) return std::nullopt;
  if (exponent > 30 || exponent < -30) return exponent < 0 ? std::optional<Decimal>(Decimal()) : std::nullopt;
  std::string sign;
  if (!mantissa.empty() && (mantissa.front() == '-' || mantissa.front() == '+')) {
    if (mantissa.front() == '-') sign = "-";
    mantissa.remove_prefix(1);
  }
  const auto dot = mantissa.find('.');
  std::string digits(mantissa.substr(0, dot));
  std::string frac = dot == std::string_view::npos ? "" : std::string(mantissa.substr(dot + 1));
  if (digits.empty() && frac.empty()) return std::nullopt;
  for (char c : digits + frac) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  std::string all = digits + frac;
  int point = static_cast<int>(digits.size()) + exponent;  // position of the decimal point in `all`
  if (point <= 0) {
    all.insert(0, static_cast<std::size_t>(-point) + 1, '0');
    point = 1;
  } else if (point > static_cast<int>(all.size())) {
    all.append(static_cast<std::size_t>(point) - all.size(), '0');
  }
  std::string plain = sign + all.substr(0, static_cast<std::size_t>(point));
  if (static_cast<std::size_t>(point) < all.size()) plain += "." + all.substr(static_cast<std::size_t>(point));
  return Decimal::parse(plain, /*round_excess=*/true);
}

std::optional<std::size_t> utf16_length(std::string_view text) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len;
    std::uint32_t cp;
    if (c < 0x80) {
      len = 1;
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return std::nullopt;
    }
    if (i + len > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values beyond Unicode are not valid UTF-8.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return std::nullopt;
    }
    units += cp >= 0x10000 ? 2 : 1;
    i += len;
  }
  return units;
}

Result<rapidjson::Document> parse_json(std::string_view body) {
  rapidjson::Document doc;
  doc.Parse<kParseFlags>(body.data(), body.size());
  if (doc.HasParseError()) {
    return fail(ErrorKind::Internal,
                fmt::format("the body is not JSON ({} at offset {})",
                            rapidjson::GetParseError_En(doc.GetParseError()), doc.GetErrorOffset()));
  }
  return doc;
}

// ---- FieldReader --------------------------------------------------------------------------

FieldReader::FieldReader(const rapidjson::Value* object, WireProblems& problems, std::string path)
    : object_(object), problems_(&problems), path_(std::move(path)) {
  if (object_ != nullptr && object_->IsNull()) object_ = nullptr;
  if (object_ != nullptr && !object_->IsObject()) {
    problems_->note(path_.empty() ? "the body" : path_, std::string("is ") + type_name(*object_) + ", not an object");
    object_ = nullptr;
  }
}

std::string FieldReader::path_of(std::string_view name) const {
  return path_.empty() ? std::string(name) : path_ + "." + std::string(name);
}

const rapidjson::Value* FieldReader::find(std::string_view name) const {
  if (object_ == nullptr) return nullptr;
  auto it = object_->FindMember(rapidjson::Value(rapidjson::StringRef(name.data(), name.size())));
  if (it == object_->MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

const rapidjson::Value* FieldReader::scalar(std::string_view name, bool required, const char* expected) {
  const rapidjson::Value* v = find(name);
  if (v == nullptr) {
    if (required) problems_->note(path_of(name), "is missing");
    return nullptr;
  }
  if (!v->IsString()) {
    problems_->note(path_of(name), std::string("is ") + type_name(*v) + ", expected " + expected);
    return nullptr;
  }
  return v;
}

std::string FieldReader::text(std::string_view name, bool required) {
  const rapidjson::Value* v = scalar(name, required, "text");
  if (v == nullptr) return {};
  std::string s(v->GetString(), v->GetStringLength());
  if (required && s.empty()) problems_->note(path_of(name), "is empty");
  return s;
}

bool FieldReader::flag(std::string_view name, bool fallback) {
  const rapidjson::Value* v = find(name);
  if (v == nullptr) return fallback;
  if (!v->IsBool()) {
    problems_->note(path_of(name), std::string("is ") + type_name(*v) + ", expected true or false");
    return fallback;
  }
  return v->GetBool();
}

std::optional<Decimal> FieldReader::optional_amount(std::string_view name) {
  const rapidjson::Value* v = scalar(name, false, "a number");
  if (v == nullptr) return std::nullopt;
  const std::string_view raw(v->GetString(), v->GetStringLength());
  auto d = parse_number_text(raw);
  if (!d) problems_->note(path_of(name), "is not an amount (\"" + shorten(raw) + "\")");
  return d;
}

Decimal FieldReader::amount(std::string_view name, bool required) {
  if (required && find(name) == nullptr) {
    problems_->note(path_of(name), "is missing");
    return {};
  }
  return optional_amount(name).value_or(Decimal());
}

std::optional<std::int64_t> FieldReader::optional_integer(std::string_view name) {
  const rapidjson::Value* v = scalar(name, false, "a whole number");
  if (v == nullptr) return std::nullopt;
  const std::string_view raw(v->GetString(), v->GetStringLength());
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), n);
  if (ec == std::errc() && end == raw.data() + raw.size()) return n;
  // "3.0" and "3E0" are whole numbers too.
  if (auto d = parse_number_text(raw); d && d->has_at_most_decimals(0)) return d->micros() / Decimal::kOne;
  problems_->note(path_of(name), "is not a whole number (\"" + shorten(raw) + "\")");
  return std::nullopt;
}

std::int64_t FieldReader::integer(std::string_view name, bool required, std::int64_t fallback) {
  if (required && find(name) == nullptr) {
    problems_->note(path_of(name), "is missing");
    return fallback;
  }
  return optional_integer(name).value_or(fallback);
}

std::optional<Timestamp> FieldReader::timestamp(std::string_view name, bool required) {
  const rapidjson::Value* v = scalar(name, required, "a date-time");
  if (v == nullptr) return std::nullopt;
  const std::string_view raw(v->GetString(), v->GetStringLength());
  auto t = parse_timestamp(raw);
  if (!t) problems_->note(path_of(name), "is not a date-time (\"" + shorten(raw) + "\")");
  return t;
}

std::optional<Date> FieldReader::date(std::string_view name) {
  const rapidjson::Value* v = scalar(name, false, "a date");
  if (v == nullptr) return std::nullopt;
  const std::string_view raw(v->GetString(), v->GetStringLength());
  auto d = parse_date(raw);
  if (!d || !parse_timestamp(raw)) {
    problems_->note(path_of(name), "is not a date (\"" + shorten(raw) + "\")");
    return std::nullopt;
  }
  return d;
}

std::vector<std::string> FieldReader::texts(std::string_view name) {
  std::vector<std::string> out;
  const rapidjson::Value* v = find(name);
  if (v == nullptr) return out;
  if (!v->IsArray()) {
    problems_->note(path_of(name), std::string("is ") + type_name(*v) + ", expected an array");
    return out;
  }
  for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
    const auto& e = (*v)[i];
    if (!e.IsString()) {
      problems_->note(fmt::format("{}[{}]", path_of(name), i), std::string("is ") + type_name(e) + ", expected text");
      continue;
    }
    out.emplace_back(e.GetString(), e.GetStringLength());
  }
  return out;
}

FieldReader FieldReader::child(std::string_view name) {
  return FieldReader(find(name), *problems_, path_of(name));
}

std::vector<FieldReader> FieldReader::objects(std::string_view name, bool required) {
  std::vector<FieldReader> out;
  const rapidjson::Value* v = find(name);
  if (v == nullptr) {
    if (required) problems_->note(path_of(name), "is missing");
    return out;
  }
  if (!v->IsArray()) {
    problems_->note(path_of(name), std::string("is ") + type_name(*v) + ", expected an array");
    return out;
  }
  out.reserve(v->Size());
  for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
    const auto& e = (*v)[i];
    const std::string p = fmt::format("{}[{}]", path_of(name), i);
    if (!e.IsObject()) {
      problems_->note(p, std::string("is ") + type_name(e) + ", expected an object");
      continue;
    }
    out.emplace_back(&e, *problems_, p);
  }
  return out;
}

// ---- BodyWriter ---------------------------------------------------------------------------

BodyWriter::BodyWriter(WriteProblems& problems) : problems_(&problems), w_(buffer_) {}

void BodyWriter::begin_object(std::string_view name) {
  key(name);
  w_.StartObject();
}

void BodyWriter::begin_array(std::string_view name) {
  key(name);
  w_.StartArray();
}

void BodyWriter::problem(std::string_view field, const std::string& what) {
  problems_->note(subject_, std::string(field) + " " + what);
}

bool BodyWriter::check_text(std::string_view name, std::string_view value, std::size_t max_len) {
  const auto units = utf16_length(value);
  if (!units) {
    problem(name, "is not valid UTF-8");
    return false;
  }
  if (max_len != 0 && *units > max_len) {
    problem(name, fmt::format("is {} characters; Visma allows at most {}", *units, max_len));
    return false;
  }
  return true;
}

void BodyWriter::text(std::string_view name, std::string_view value, std::size_t max_len) {
  check_text(name, value, max_len);
  key(name);
  w_.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void BodyWriter::text_if_set(std::string_view name, std::string_view value, std::size_t max_len) {
  if (!value.empty()) text(name, value, max_len);
}

void BodyWriter::required_text(std::string_view name, std::string_view value, std::size_t max_len) {
  if (value.empty()) problem(name, "is required by Visma but empty");
  text(name, value, max_len);
}

void BodyWriter::text_or_null(std::string_view name, std::string_view value, std::size_t max_len) {
  if (value.empty()) {
    null(name);
  } else {
    text(name, value, max_len);
  }
}

void BodyWriter::flag(std::string_view name, bool value) {
  key(name);
  w_.Bool(value);
}

void BodyWriter::integer(std::string_view name, std::int64_t value) {
  key(name);
  w_.Int64(value);
}

void BodyWriter::number(std::string_view name, Decimal value, int max_decimals, std::string_view rule) {
  const std::string text = value.to_plain_string();
  if (!value.has_at_most_decimals(max_decimals)) {
    problem(name, fmt::format("{} has more than {} decimals ({})", text, max_decimals,
                              rule.empty() ? fmt::format("Visma allows {}", max_decimals) : std::string(rule)));
  }
  key(name);
  w_.RawValue(text.data(), text.size(), rapidjson::kNumberType);
}

void BodyWriter::bounded_number(std::string_view name, Decimal value, int max_decimals, Decimal min, Decimal max,
                                std::string_view rule) {
  if (value < min || value > max) {
    problem(name, fmt::format("{} is outside {}..{}", value.to_plain_string(), min.to_plain_string(),
                              max.to_plain_string()));
  }
  number(name, value, max_decimals, rule);
}

void BodyWriter::date(std::string_view name, const Date& value) {
  const std::string s = format_date(value);
  key(name);
  w_.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void BodyWriter::null(std::string_view name) {
  key(name);
  w_.Null();
}

// ---- merge_for_update ---------------------------------------------------------------------

namespace {

// Copies the members of one JSON object into an open writer, skipping some top-level members.
// Numbers arrive as raw text (kParseNumbersAsStringsFlag) and leave as the same raw text.
class MemberCopier : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, MemberCopier> {
 public:
  MemberCopier(rapidjson::Writer<rapidjson::StringBuffer>& w, const std::set<std::string, std::less<>>& skip)
      : w_(w), skip_(skip) {}

  bool Null() { return scalar([&] { return w_.Null(); }); }
  bool Bool(bool b) { return scalar([&] { return w_.Bool(b); }); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    return scalar([&] { return w_.RawValue(s, n, rapidjson::kNumberType); });
  }
  bool String(const char* s, rapidjson::SizeType n, bool) { return scalar([&] { return w_.String(s, n); }); }
  bool StartObject() {
    ++level_;
    if (level_ == 1) return true;
    return skipping_ || w_.StartObject();
  }
  bool EndObject(rapidjson::SizeType) { return end_container([&] { return w_.EndObject(); }); }
  bool StartArray() {
    ++level_;
    if (level_ == 1) return false;  // the body must be an object
    return skipping_ || w_.StartArray();
  }
  bool EndArray(rapidjson::SizeType) { return end_container([&] { return w_.EndArray(); }); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    if (level_ == 1) skipping_ = skip_.find(std::string_view(s, n)) != skip_.end();
    return skipping_ || w_.Key(s, n);
  }
  // Unused with kParseNumbersAsStringsFlag, but a handler must have them.
  bool Int(int) { return false; }
  bool Uint(unsigned) { return false; }
  bool Int64(std::int64_t) { return false; }
  bool Uint64(std::uint64_t) { return false; }
  bool Double(double) { return false; }

 private:
  template <class F>
  bool scalar(F write) {
    if (level_ == 0) return false;  // the body must be an object
    if (skipping_) {
      if (level_ == 1) skipping_ = false;
      return true;
    }
    return write();
  }
  template <class F>
  bool end_container(F write) {
    --level_;
    if (level_ == 0) return true;
    if (skipping_) {
      if (level_ == 1) skipping_ = false;
      return true;
    }
    return write();
  }

  rapidjson::Writer<rapidjson::StringBuffer>& w_;
  const std::set<std::string, std::less<>>& skip_;
  int level_ = 0;
  bool skipping_ = false;
};

bool copy_members(std::string_view json, rapidjson::Writer<rapidjson::StringBuffer>& w,
                  const std::set<std::string, std::less<>>& skip) {
  MemberCopier copier(w, skip);
  rapidjson::Reader reader;
  rapidjson::MemoryStream ms(json.data(), json.size());
  return !reader.Parse<kParseFlags>(ms, copier).IsError();
}

}  // namespace

Result<std::string> merge_for_update(std::string_view current, std::string_view ours,
                                     const std::set<std::string, std::less<>>& drop) {
  rapidjson::Document ours_doc;
  ours_doc.Parse<kParseFlags>(ours.data(), ours.size());
  if (ours_doc.HasParseError() || !ours_doc.IsObject()) {
    return fail(ErrorKind::Internal, "the update body is not a JSON object");
  }
  std::set<std::string, std::less<>> skip = drop;
  for (auto it = ours_doc.MemberBegin(); it != ours_doc.MemberEnd(); ++it) {
    skip.emplace(it->name.GetString(), it->name.GetStringLength());
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  if (!copy_members(current, w, skip)) {
    return fail(ErrorKind::Internal, "the current object is not a JSON object");
  }
  if (!copy_members(ours, w, {})) {
    return fail(ErrorKind::Internal, "the update body is not a JSON object");
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace wv::visma_wire
