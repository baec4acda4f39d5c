#include "sandbox/woo/rest_request.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <regex>

#include "sandbox/woo/php.hpp"
#include "sandbox/woo/wc_schemas.hpp"
#include "sandbox/woo/wp_time.hpp"

namespace wv::sandbox::woo {

Json error_body(const RestError& error) {
  if (error.data_override) {
    return Json::object().add("code", error.code).add("message", error.message).add("data", *error.data_override);
  }
  Json data = Json::object().add("status", error.status);
  for (const auto& [k, v] : error.extra.members()) data.add(k, v);
  return Json::object().add("code", error.code).add("message", error.message).add("data", data);
}

const Json& route_args(const std::string& route_key) {
  static const Json table = parse_json(wc_route_schemas_json()).value();
  static const Json empty = Json::array();
  const Json* args = table.find(route_key);
  return args ? *args : empty;
}

// --- PHP value semantics --------------------------------------------------------------------

namespace {

bool number_is_int(const std::string& text) {
  return text.find_first_of(".eE") == std::string::npos;
}

double to_double(const std::string& text) { return std::strtod(text.c_str(), nullptr); }

bool is_numeric(const Json& v) {
  if (v.is_number()) return true;
  if (v.is_string()) return php_is_numeric(v.text());
  return false;
}

bool rest_is_integer(const Json& v) {
  if (!is_numeric(v)) return false;
  const double d = to_double(v.text());
  return std::round(d) == d;
}

bool rest_is_boolean(const Json& v) {
  if (v.is_bool()) return true;
  if (v.is_string()) {
    const std::string s = lowercase(v.text());
    return s == "false" || s == "true" || s == "0" || s == "1";
  }
  if (v.is_number() && number_is_int(v.text())) return v.text() == "0" || v.text() == "1";
  return false;
}

bool rest_is_array(const Json& v) {
  if (v.is_string() || v.is_number() || v.is_bool()) return true;  // wp_parse_list makes a list
  return php_is_list(v);
}

bool rest_is_object(const Json& v) {
  if (v.is_string() && v.text().empty()) return true;
  return v.is_object() || v.is_array();
}

std::vector<Json> as_array(const Json& v) {
  if (v.is_string() || v.is_number() || v.is_bool()) {
    std::vector<Json> out;
    for (auto& part : wp_parse_list(php_string(v))) out.push_back(Json::string(part));
    return out;
  }
  return php_values(v);
}

std::vector<std::string> types_of(const Json& schema) {
  std::vector<std::string> out;
  const Json* type = schema.find("type");
  if (type == nullptr) return out;
  if (type->is_string()) {
    out.push_back(type->text());
  } else {
    for (const auto& t : type->items()) out.push_back(t.text());
  }
  return out;
}

// rest_get_best_type_for_value.
std::string best_type(const Json& v, const std::vector<std::string>& types) {
  auto allowed = [&](const char* t) { return std::find(types.begin(), types.end(), t) != types.end(); };
  if (v.is_string() && v.text().empty() && allowed("string")) return "string";
  if (allowed("array") && rest_is_array(v)) return "array";
  if (allowed("object") && rest_is_object(v)) return "object";
  if (allowed("integer") && rest_is_integer(v)) return "integer";
  if (allowed("number") && is_numeric(v)) return "number";
  if (allowed("boolean") && rest_is_boolean(v)) return "boolean";
  if (allowed("string") && v.is_string()) return "string";
  if (allowed("null") && v.is_null()) return "null";
  return "";
}

RestError type_error(const std::string& param, const std::string& type) {
  return RestError{"rest_invalid_type", param + " is not of type " + type + ".", 400,
                   Json::object().add("param", param)};
}

std::string enum_text(const Json& v) {
  if (v.is_string() || v.is_number()) return v.text();
  if (v.is_bool()) return v.bool_value() ? "1" : "";
  return to_php_json(v);
}

// wp_sprintf's %l: "a, b, and c"; "a and b".
std::string list_text(const std::vector<std::string>& items) {
  if (items.size() == 1) return items[0];
  if (items.size() == 2) return items[0] + " and " + items[1];
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? ", and " : ", ";
    out += items[i];
  }
  return out;
}

bool values_equal(const Json& value, const Json& option, const std::string& type) {
  if (type == "integer" || type == "number") {
    return is_numeric(value) && is_numeric(option) && to_double(value.text()) == to_double(option.text());
  }
  if (type == "boolean") return php_bool(value) == php_bool(option);
  return php_string(value) == php_string(option) && (value.is_string() || value.is_number());
}

std::string bound_text(const Json& n) {
  // sprintf( '%d', ... ) of the schema's bound.
  return std::to_string(static_cast<long long>(to_double(n.text())));
}

std::optional<RestError> validate_number(const Json& v, const Json& schema, const std::string& param,
                                         const std::string& type) {
  if (!is_numeric(v)) return type_error(param, type);
  if (type == "integer" && !rest_is_integer(v)) return type_error(param, "integer");
  const double value = to_double(v.text());
  const Json* min = schema.find("minimum");
  const Json* max = schema.find("maximum");
  const bool xmin = schema.find("exclusiveMinimum") && schema.find("exclusiveMinimum")->bool_value();
  const bool xmax = schema.find("exclusiveMaximum") && schema.find("exclusiveMaximum")->bool_value();
  auto oob = [&](std::string message) { return RestError{"rest_out_of_bounds", param + message, 400, Json::object()}; };
  if (min && !max) {
    if (xmin && value <= to_double(min->text())) return oob(" must be greater than " + bound_text(*min));
    if (!xmin && value < to_double(min->text())) return oob(" must be greater than or equal to " + bound_text(*min));
  }
  if (max && !min) {
    if (xmax && value >= to_double(max->text())) return oob(" must be less than " + bound_text(*max));
    if (!xmax && value > to_double(max->text())) return oob(" must be less than or equal to " + bound_text(*max));
  }
  if (min && max) {
    const double lo = to_double(min->text());
    const double hi = to_double(max->text());
    const bool bad = (xmin ? value <= lo : value < lo) || (xmax ? value >= hi : value > hi);
    if (bad) {
      return oob(" must be between " + bound_text(*min) + (xmin ? " (exclusive)" : " (inclusive)") + " and " +
                 bound_text(*max) + (xmax ? " (exclusive)" : " (inclusive)"));
    }
  }
  return std::nullopt;
}

}  // namespace

bool wp_is_email(const std::string& s) {
  static const std::regex re(R"(^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$)");
  return s.size() >= 6 && std::regex_match(s, re);
}

std::string php_string(const Json& v) {
  switch (v.type()) {
    case Json::Type::String: return v.text();
    case Json::Type::Bool: return v.bool_value() ? "1" : "";
    case Json::Type::Number: {
      if (number_is_int(v.text())) return v.text();
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.14G", to_double(v.text()));
      std::string s = buf;
      if (s.find('E') != std::string::npos) {
        // PHP: 1.0E+25
        const auto e = s.find('E');
        std::string mant = s.substr(0, e);
        if (mant.find('.') == std::string::npos) mant += ".0";
        std::string exp = s.substr(e + 1);
        const char sign = exp[0];
        exp = exp.substr(1);
        while (exp.size() > 1 && exp[0] == '0') exp.erase(0, 1);
        return mant + "E" + sign + exp;
      }
      return s;
    }
    default: return "";
  }
}

std::int64_t php_int(const Json& v) {
  if (v.is_bool()) return v.bool_value() ? 1 : 0;
  if (v.is_number() || v.is_string()) {
    const std::string& t = v.text();
    if (v.is_number() && number_is_int(t)) return std::strtoll(t.c_str(), nullptr, 10);
    if (php_is_numeric(t)) return static_cast<std::int64_t>(to_double(t));
    return std::strtoll(t.c_str(), nullptr, 10);  // leading digits, as (int) "12abc" is 12
  }
  return 0;
}

bool php_bool(const Json& v) {
  // rest_sanitize_boolean: 'false' (any case) and '0' and '' are false.
  if (v.is_bool()) return v.bool_value();
  if (v.is_string()) {
    const std::string s = lowercase(v.text());
    return !(s.empty() || s == "false" || s == "0");
  }
  if (v.is_number()) return to_double(v.text()) != 0;
  if (v.is_array()) return !v.items().empty();
  if (v.is_object()) return !v.members().empty();
  return false;
}

std::optional<RestError> validate_value(const Json& value, const Json& schema, const std::string& param) {
  std::vector<std::string> types = types_of(schema);
  if (types.empty()) return std::nullopt;
  std::string type = types[0];
  if (types.size() > 1) {
    type = best_type(value, types);
    if (type.empty()) {
      std::string joined;
      for (std::size_t i = 0; i < types.size(); ++i) joined += (i ? "," : "") + types[i];
      return type_error(param, joined);
    }
  }
  if (type == "null") {
    if (!value.is_null()) return type_error(param, "null");
  } else if (type == "boolean") {
    if (!rest_is_boolean(value)) return type_error(param, "boolean");
  } else if (type == "object") {
    if (!rest_is_object(value)) return type_error(param, "object");
    const Json* required = schema.find("required");
    const Json* properties = schema.find("properties");
    if (required && required->is_array()) {
      for (const auto& name : required->items()) {
        if (!value.has(name.text())) {
          return RestError{"rest_property_required", name.text() + " is a required property of " + param + ".", 400,
                           Json::object()};
        }
      }
    } else if (properties) {
      for (const auto& [name, prop] : properties->members()) {
        const Json* req = prop.find("required");
        if (req && req->is_bool() && req->bool_value() && !value.has(name)) {
          return RestError{"rest_property_required", name + " is a required property of " + param + ".", 400,
                           Json::object()};
        }
      }
    }
    for (const auto& [name, child] : value.members()) {
      const Json* prop = properties ? properties->find(name) : nullptr;
      if (prop) {
        if (auto error = validate_value(child, *prop, param + "[" + name + "]")) return error;
        continue;
      }
      const Json* additional = schema.find("additionalProperties");
      if (additional && additional->is_bool() && !additional->bool_value()) {
        return RestError{"rest_additional_properties_forbidden", name + " is not a valid property of Object.", 400,
                         Json::object()};
      }
      if (additional && additional->is_object()) {
        if (auto error = validate_value(child, *additional, param + "[" + name + "]")) return error;
      }
    }
  } else if (type == "array") {
    if (!rest_is_array(value)) return type_error(param, "array");
    const std::vector<Json> items = as_array(value);
    if (const Json* item_schema = schema.find("items")) {
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (auto error = validate_value(items[i], *item_schema, param + "[" + std::to_string(i) + "]")) return error;
      }
    }
    if (const Json* min = schema.find("minItems"); min && static_cast<double>(items.size()) < to_double(min->text())) {
      return RestError{"rest_too_few_items", param + " must contain at least " + min->text() + " items.", 400, Json::object()};
    }
    if (const Json* max = schema.find("maxItems"); max && static_cast<double>(items.size()) > to_double(max->text())) {
      return RestError{"rest_too_many_items", param + " must contain at most " + max->text() + " items.", 400, Json::object()};
    }
  } else if (type == "number" || type == "integer") {
    if (auto error = validate_number(value, schema, param, type)) return error;
  } else if (type == "string") {
    if (!value.is_string()) return type_error(param, "string");
    const std::size_t length = [&] {
      std::size_t n = 0;
      for (unsigned char c : value.text()) n += (c & 0xC0) != 0x80;
      return n;
    }();
    if (const Json* min = schema.find("minLength"); min && static_cast<double>(length) < to_double(min->text())) {
      return RestError{"rest_too_short",
                       param + " must be at least " + min->text() + (min->text() == "1" ? " character" : " characters") +
                           " long.",
                       400, Json::object()};
    }
    if (const Json* max = schema.find("maxLength"); max && static_cast<double>(length) > to_double(max->text())) {
      return RestError{"rest_too_long",
                       param + " must be at most " + max->text() + (max->text() == "1" ? " character" : " characters") +
                           " long.",
                       400, Json::object()};
    }
  }
  if (const Json* options = schema.find("enum"); options && options->is_array() && !options->items().empty()) {
    bool found = false;
    for (const auto& option : options->items()) found = found || values_equal(value, option, type);
    if (!found) {
      std::vector<std::string> names;
      for (const auto& option : options->items()) names.push_back(enum_text(option));
      const std::string message = names.size() == 1 ? param + " is not " + names[0] + "."
                                                    : param + " is not one of " + list_text(names) + ".";
      return RestError{"rest_not_in_enum", message, 400, Json::object()};
    }
  }
  if (const Json* format = schema.find("format"); format && type == "string") {
    if (format->text() == "date-time" && !wp_is_rfc3339(value.text())) {
      return RestError{"rest_invalid_date", "Invalid date.", 400, Json::object()};
    }
    if (format->text() == "email" && !wp_is_email(value.text())) {
      return RestError{"rest_invalid_email", "Invalid email address.", 400, Json::object()};
    }
  }
  return std::nullopt;
}

std::optional<RestError> validate_params(const Json& args, const RestParams& params) {
  Json missing = Json::array();
  std::string missing_text;
  for (const auto& arg : args.items()) {
    const std::string& name = arg.items()[0].text();
    const Json* required = arg.items()[1].find("required");
    if (required && required->is_bool() && required->bool_value() && params.get(name) == nullptr) {
      missing.push(Json::string(name));
      missing_text += (missing_text.empty() ? "" : ", ") + name;
    }
  }
  if (!missing.items().empty()) {
    return RestError{"rest_missing_callback_param", "Missing parameter(s): " + missing_text, 400,
                     Json::object().add("params", missing)};
  }
  Json invalid = Json::object();
  Json details = Json::object();
  std::string names;
  for (const auto& arg : args.items()) {
    const std::string& name = arg.items()[0].text();
    const Json* value = params.get(name);
    if (value == nullptr) continue;
    if (auto error = validate_value(*value, arg.items()[1], name)) {
      invalid.add(name, error->message);
      Json data = error->extra.members().empty() ? Json::null() : error->extra;
      details.add(name, Json::object().add("code", error->code).add("message", error->message).add("data", data));
      names += (names.empty() ? "" : ", ") + name;
    }
  }
  if (names.empty()) return std::nullopt;
  return RestError{"rest_invalid_param", "Invalid parameter(s): " + names, 400,
                   Json::object().add("params", invalid).add("details", details)};
}

RestParams::RestParams(Json query, Json body, const Json& args)
    : query_(std::move(query)), body_(body.is_object() ? std::move(body) : Json::object()), args_(args) {}

const Json* RestParams::get(const std::string& name) const {
  if (const Json* v = body_.find(name)) return v->is_null() ? nullptr : v;
  if (const Json* v = query_.find(name)) return v->is_null() ? nullptr : v;
  for (const auto& arg : args_.items()) {
    if (arg.items()[0].text() == name) return arg.items()[1].find("default");
  }
  return nullptr;
}

bool RestParams::has(const std::string& name) const { return body_.has(name) || query_.has(name); }

void RestParams::set_query(const std::string& name, Json value) { query_.set(name, std::move(value)); }
void RestParams::erase_query(const std::string& name) { query_.erase(name); }

std::int64_t RestParams::integer(const std::string& name, std::int64_t fallback) const {
  const Json* v = get(name);
  return v ? php_int(*v) : fallback;
}

bool RestParams::boolean(const std::string& name, bool fallback) const {
  const Json* v = get(name);
  return v ? php_bool(*v) : fallback;
}

std::string RestParams::string(const std::string& name) const {
  const Json* v = get(name);
  return v ? php_string(*v) : "";
}

std::vector<std::string> RestParams::list(const std::string& name) const {
  std::vector<std::string> out;
  const Json* v = get(name);
  if (v == nullptr) return out;
  if (v->is_array() || v->is_object()) {
    for (const auto& item : php_values(*v)) out.push_back(php_string(item));
    return out;
  }
  return wp_parse_list(php_string(*v));
}

}  // namespace wv::sandbox::woo
