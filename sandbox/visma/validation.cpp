#include "sandbox/visma/validation.hpp"

#include <limits>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "sandbox/visma/dotnet_number.hpp"
#include "sandbox/visma/guid.hpp"

namespace wv::sandbox::visma {
namespace {

const Schema* emulated_schema(std::string_view name) {
  for (const auto& s : all_schemas()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += " ";
    out += p;
  }
  return out;
}

bool is_integer_text(const std::string& text, long long& out) {
  if (text.empty()) return false;
  std::size_t i = text[0] == '-' ? 1 : 0;
  if (i == text.size()) return false;
  for (std::size_t k = i; k < text.size(); ++k) {
    if (text[k] < '0' || text[k] > '9') return false;
  }
  if (text.size() > 11) return false;
  out = std::stoll(text);
  return out >= std::numeric_limits<int>::min() && out <= std::numeric_limits<int>::max();
}

class Binder {
 public:
  Json bind_object(const Json& body, const Schema& schema, const std::string& prefix) {
    Json out = Json::object();
    for (const auto& [key, value] : body.members()) {
      const FieldRule* rule = schema.find_ignoring_case(key);
      if (!rule || rule->read_only) continue;
      const std::string path = prefix + std::string(rule->name);
      if (auto bound = bind_value(value, *rule, schema, path)) out.set(rule->name, std::move(*bound));
    }
    for (const auto& rule : schema.fields) {
      if (!rule.required || rule.read_only) continue;
      const Json* v = out.find_ignoring_case(rule.name);
      if (!v || v->is_null()) {
        errors.push_back(prefix + std::string(rule.name) + ": The " + std::string(rule.name) +
                         " field is required.");
      }
    }
    return out;
  }

  std::vector<std::string> errors;

 private:
  std::optional<Json> bind_value(const Json& value, const FieldRule& rule, const Schema& schema,
                                 const std::string& path) {
    if (value.is_null()) return Json::null();
    auto type_error = [&](const char* expected) -> std::optional<Json> {
      errors.push_back(path + ": Could not convert the value " + value.dump() + " to " + expected + ".");
      return std::nullopt;
    };
    switch (rule.type) {
      case FieldType::String: {
        if (!value.is_string()) return type_error("a string");
        if (rule.max_length > 0 && dotnet_length(value.text()) > static_cast<std::size_t>(rule.max_length)) {
          errors.push_back(path + ": The field " + std::string(rule.name) +
                           " must be a string or array type with a maximum length of '" +
                           std::to_string(rule.max_length) + "'.");
          return std::nullopt;
        }
        return value;
      }
      case FieldType::Uuid: {
        if (!value.is_string()) return type_error("a Guid");
        auto g = normalize_guid(value.text());
        if (!g) return type_error("a Guid");
        return Json::string(*g);
      }
      case FieldType::DateTime: {
        if (!value.is_string()) return type_error("a DateTime");
        if (is_date_only(rule.name)) {
          auto d = parse_date(value.text());
          if (!d) return type_error("a DateTime");
          return Json::string(format_date(*d) + "T00:00:00");
        }
        auto t = parse_timestamp(value.text());
        if (!t) return type_error("a DateTime");
        return Json::string(format_field_time(rule.name, *t));
      }
      case FieldType::Integer: {
        long long n = 0;
        if (!value.is_number() || !is_integer_text(value.text(), n)) return type_error("an Int32");
        return Json::integer(n);
      }
      case FieldType::Number: {
        if (!value.is_number()) return type_error("a Decimal");
        auto d = value.as_decimal();
        if (!d) {
          errors.push_back(path + ": The value " + value.text() +
                           " has more than 6 decimals or is out of range.");
          return std::nullopt;
        }
        const int dp = max_decimals(schema.name, rule.name);
        if (dp >= 0 && !d->has_at_most_decimals(dp)) {
          errors.push_back(path + ": The field " + std::string(rule.name) + " allows at most " +
                           std::to_string(dp) + " decimals (got " + value.text() + ").");
          return std::nullopt;
        }
        return dotnet_number(*d);
      }
      case FieldType::Boolean:
        if (!value.is_bool()) return type_error("a Boolean");
        return value;
      case FieldType::Array: {
        if (!value.is_array()) return type_error("an array");
        if (rule.max_length > 0 && value.items().size() > static_cast<std::size_t>(rule.max_length)) {
          errors.push_back(path + ": The field " + std::string(rule.name) +
                           " must be a string or array type with a maximum length of '" +
                           std::to_string(rule.max_length) + "'.");
          return std::nullopt;
        }
        const Schema* item_schema = emulated_schema(rule.ref);
        Json out = Json::array();
        for (std::size_t i = 0; i < value.items().size(); ++i) {
          const Json& item = value.items()[i];
          const std::string item_path = path + "[" + std::to_string(i) + "]";
          if (item_schema) {
            if (!item.is_object()) {
              errors.push_back(item_path + ": Could not convert the value " + item.dump() +
                               " to an object.");
              continue;
            }
            out.push(bind_object(item, *item_schema, item_path + "."));
          } else {
            out.push(item);
          }
        }
        return out;
      }
      case FieldType::Object: {
        if (!value.is_object()) return type_error("an object");
        if (const Schema* nested = emulated_schema(rule.ref)) return bind_object(value, *nested, path + ".");
        return value;
      }
    }
    return std::nullopt;
  }
};

}  // namespace

std::size_t dotnet_length(std::string_view utf8) {
  std::size_t units = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    units += len == 4 ? 2 : 1;  // outside the BMP: a surrogate pair
    i += len;
  }
  return units;
}

std::string format_field_time(std::string_view field, Timestamp t) {
  if (is_date_only(field)) return format_date(t) + "T00:00:00";
  return format_timestamp(t);
}

ApiResult<Json> bind_body(const Json& body, const Schema& schema) {
  if (!body.is_object()) {
    return validation_fail("The request body is missing or is not a JSON object (" +
                           std::string(schema.name) + " expected).");
  }
  Binder binder;
  Json bound = binder.bind_object(body, schema, "");
  if (!binder.errors.empty()) return validation_fail(join(binder.errors));
  return bound;
}

}  // namespace wv::sandbox::visma
