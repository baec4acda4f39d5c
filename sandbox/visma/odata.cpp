#include "sandbox/visma/odata.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "core/text.hpp"
#include "core/time.hpp"
#include "sandbox/visma/guid.hpp"

namespace wv::sandbox::visma {

enum class CompareOp { Eq, Ne, Gt, Ge, Lt, Le };

struct Literal {
  enum class Type { Null, Bool, Number, String, DateTime, Date, Guid } type = Type::Null;
  bool boolean = false;
  Decimal number;
  std::string text;  ///< string value, or normalized GUID
  Timestamp time{};
};

struct FilterNode {
  enum class Kind { And, Or, Not, Compare, Contains, StartsWith, EndsWith } kind = Kind::Compare;
  CompareOp op = CompareOp::Eq;
  const FieldRule* field = nullptr;
  Literal literal;
  std::unique_ptr<FilterNode> left;
  std::unique_ptr<FilterNode> right;
};

namespace {

const char* edm_name(FieldType t) {
  switch (t) {
    case FieldType::String: return "Edm.String";
    case FieldType::Uuid: return "Edm.Guid";
    case FieldType::DateTime: return "Edm.DateTimeOffset";
    case FieldType::Integer: return "Edm.Int32";
    case FieldType::Number: return "Edm.Double";
    case FieldType::Boolean: return "Edm.Boolean";
    case FieldType::Array: return "Collection";
    case FieldType::Object: return "Edm.ComplexType";
  }
  return "?";
}

const char* edm_name(const Literal& l) {
  switch (l.type) {
    case Literal::Type::Null: return "null";
    case Literal::Type::Bool: return "Edm.Boolean";
    case Literal::Type::Number: return l.number.has_at_most_decimals(0) ? "Edm.Int32" : "Edm.Decimal";
    case Literal::Type::String: return "Edm.String";
    case Literal::Type::DateTime: return "Edm.DateTimeOffset";
    case Literal::Type::Date: return "Edm.Date";
    case Literal::Type::Guid: return "Edm.Guid";
  }
  return "?";
}

const char* op_kind(CompareOp op) {
  switch (op) {
    case CompareOp::Eq: return "Equal";
    case CompareOp::Ne: return "NotEqual";
    case CompareOp::Gt: return "GreaterThan";
    case CompareOp::Ge: return "GreaterThanOrEqual";
    case CompareOp::Lt: return "LessThan";
    case CompareOp::Le: return "LessThanOrEqual";
  }
  return "?";
}

CompareOp reversed(CompareOp op) {
  switch (op) {
    case CompareOp::Gt: return CompareOp::Lt;
    case CompareOp::Ge: return CompareOp::Le;
    case CompareOp::Lt: return CompareOp::Gt;
    case CompareOp::Le: return CompareOp::Ge;
    default: return op;
  }
}

std::unexpected<ApiError> query_error(const std::string& detail) {
  return api_fail(400, ErrorCode::QueryParameterError,
                  "The query specified in the URI is not valid. " + detail);
}

struct Token {
  enum class Type { End, Ident, String, Number, DateTime, Date, Guid, LParen, RParen, Comma } type = Type::End;
  std::string text;
  std::size_t pos = 0;
};

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  ApiResult<std::vector<Token>> run() {
    std::vector<Token> out;
    while (true) {
      while (i_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[i_]))) ++i_;
      if (i_ >= text_.size()) break;
      const std::size_t start = i_;
      const char c = text_[i_];
      if (c == '(') { out.push_back({Token::Type::LParen, "(", start}); ++i_; continue; }
      if (c == ')') { out.push_back({Token::Type::RParen, ")", start}); ++i_; continue; }
      if (c == ',') { out.push_back({Token::Type::Comma, ",", start}); ++i_; continue; }
      if (c == '\'') {
        std::string value;
        ++i_;
        bool closed = false;
        while (i_ < text_.size()) {
          if (text_[i_] == '\'') {
            if (i_ + 1 < text_.size() && text_[i_ + 1] == '\'') {
              value.push_back('\'');
              i_ += 2;
              continue;
            }
            ++i_;
            closed = true;
            break;
          }
          value.push_back(text_[i_++]);
        }
        if (!closed) return query_error("There is an unterminated string literal at position " + std::to_string(start) + " in '" + std::string(text_) + "'.");
        out.push_back({Token::Type::String, value, start});
        continue;
      }
      if (looks_like_guid()) {
        out.push_back({Token::Type::Guid, std::string(text_.substr(i_, 36)), start});
        i_ += 36;
        continue;
      }
      if (is_digit(c) && looks_like_date()) {
        std::size_t j = i_;
        while (j < text_.size() && (is_digit(text_[j]) || std::string_view("-:.TZ+").find(text_[j]) != std::string_view::npos)) ++j;
        std::string lit(text_.substr(i_, j - i_));
        i_ = j;
        out.push_back({lit.size() == 10 ? Token::Type::Date : Token::Type::DateTime, lit, start});
        continue;
      }
      if (is_digit(c) || (c == '-' && i_ + 1 < text_.size() && is_digit(text_[i_ + 1]))) {
        std::size_t j = i_ + 1;
        while (j < text_.size() && (is_digit(text_[j]) || text_[j] == '.')) ++j;
        // OData type suffixes: 12.5m, 3L, 1.5d.
        if (j < text_.size() && std::string_view("mMlLdDfF").find(text_[j]) != std::string_view::npos) {
          out.push_back({Token::Type::Number, std::string(text_.substr(i_, j - i_)), start});
          i_ = j + 1;
          continue;
        }
        out.push_back({Token::Type::Number, std::string(text_.substr(i_, j - i_)), start});
        i_ = j;
        continue;
      }
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$') {
        std::size_t j = i_ + 1;
        while (j < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[j])) || text_[j] == '_' ||
                                    text_[j] == '/' || text_[j] == '.')) {
          ++j;
        }
        out.push_back({Token::Type::Ident, std::string(text_.substr(i_, j - i_)), start});
        i_ = j;
        continue;
      }
      return query_error("Syntax error: character '" + std::string(1, c) + "' is not valid at position " +
                         std::to_string(start) + " in '" + std::string(text_) + "'.");
    }
    out.push_back({Token::Type::End, "", text_.size()});
    return out;
  }

 private:
  bool looks_like_guid() const {
    if (i_ + 36 > text_.size()) return false;
    for (std::size_t k = 0; k < 36; ++k) {
      const char ch = text_[i_ + k];
      if (k == 8 || k == 13 || k == 18 || k == 23) {
        if (ch != '-') return false;
      } else if (!is_hex(ch)) {
        return false;
      }
    }
    return i_ + 36 == text_.size() || !std::isalnum(static_cast<unsigned char>(text_[i_ + 36]));
  }
  bool looks_like_date() const {
    return i_ + 5 <= text_.size() && is_digit(text_[i_ + 1]) && is_digit(text_[i_ + 2]) &&
           is_digit(text_[i_ + 3]) && text_[i_ + 4] == '-';
  }

  std::string_view text_;
  std::size_t i_ = 0;
};

class Parser {
 public:
  Parser(std::vector<Token> tokens, const Schema& schema, std::string_view text)
      : tokens_(std::move(tokens)), schema_(schema), text_(text) {}

  ApiResult<std::unique_ptr<FilterNode>> parse() {
    auto node = parse_or();
    if (!node) return std::unexpected(node.error());
    if (peek().type != Token::Type::End) return syntax("unexpected '" + peek().text + "'");
    return node;
  }

 private:
  const Token& peek() const { return tokens_[pos_]; }
  const Token& next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool peek_keyword(std::string_view kw) const {
    return peek().type == Token::Type::Ident && peek().text == kw;
  }
  std::unexpected<ApiError> syntax(const std::string& what) const {
    return query_error("Syntax error at position " + std::to_string(peek().pos) + " in '" +
                       std::string(text_) + "': " + what + ".");
  }

  ApiResult<std::unique_ptr<FilterNode>> parse_or() {
    auto left = parse_and();
    if (!left) return left;
    while (peek_keyword("or")) {
      next();
      auto right = parse_and();
      if (!right) return right;
      auto node = std::make_unique<FilterNode>();
      node->kind = FilterNode::Kind::Or;
      node->left = std::move(*left);
      node->right = std::move(*right);
      left = std::move(node);
    }
    return left;
  }

  ApiResult<std::unique_ptr<FilterNode>> parse_and() {
    auto left = parse_unary();
    if (!left) return left;
    while (peek_keyword("and")) {
      next();
      auto right = parse_unary();
      if (!right) return right;
      auto node = std::make_unique<FilterNode>();
      node->kind = FilterNode::Kind::And;
      node->left = std::move(*left);
      node->right = std::move(*right);
      left = std::move(node);
    }
    return left;
  }

  ApiResult<std::unique_ptr<FilterNode>> parse_unary() {
    if (peek_keyword("not")) {
      next();
      auto inner = parse_unary();
      if (!inner) return inner;
      auto node = std::make_unique<FilterNode>();
      node->kind = FilterNode::Kind::Not;
      node->left = std::move(*inner);
      return node;
    }
    return parse_primary();
  }

  ApiResult<std::unique_ptr<FilterNode>> parse_primary() {
    if (peek().type == Token::Type::LParen) {
      next();
      auto inner = parse_or();
      if (!inner) return inner;
      if (peek().type != Token::Type::RParen) return syntax("')' expected");
      next();
      return inner;
    }
    if (peek().type == Token::Type::Ident && pos_ + 1 < tokens_.size() &&
        tokens_[pos_ + 1].type == Token::Type::LParen) {
      return parse_function();
    }
    return parse_comparison();
  }

  ApiResult<std::unique_ptr<FilterNode>> parse_function() {
    const std::string name = next().text;
    next();  // (
    FilterNode::Kind kind;
    if (name == "contains" || name == "substringof") {
      kind = FilterNode::Kind::Contains;
    } else if (name == "startswith") {
      kind = FilterNode::Kind::StartsWith;
    } else if (name == "endswith") {
      kind = FilterNode::Kind::EndsWith;
    } else {
      return query_error("An unknown function with name '" + name + "' was found (the emulator supports contains, startswith and endswith).");
    }
    auto field = parse_field();
    if (!field) return std::unexpected(field.error());
    if (peek().type != Token::Type::Comma) return syntax("',' expected");
    next();
    if (peek().type != Token::Type::String) return syntax("a string literal expected as the second argument of " + name);
    Literal lit;
    lit.type = Literal::Type::String;
    lit.text = next().text;
    if (peek().type != Token::Type::RParen) return syntax("')' expected");
    next();
    if ((*field)->type != FieldType::String) {
      return query_error("No function signature for the function with name '" + name +
                         "' matches the specified arguments (" + std::string((*field)->name) + " is " +
                         edm_name((*field)->type) + ").");
    }
    auto node = std::make_unique<FilterNode>();
    node->kind = kind;
    node->field = *field;
    node->literal = std::move(lit);
    return node;
  }

  ApiResult<const FieldRule*> parse_field() {
    if (peek().type != Token::Type::Ident) return syntax("a property name expected");
    const std::string name = next().text;
    if (name.find('/') != std::string::npos) {
      return query_error("The emulator does not support navigation or lambda filters ('" + name + "').");
    }
    const FieldRule* rule = schema_.find(name);
    if (!rule) {
      return query_error("Could not find a property named '" + name + "' on type '" + std::string(schema_.name) + "'.");
    }
    if (rule->type == FieldType::Array || rule->type == FieldType::Object) {
      return query_error("The property '" + name + "' cannot be used in $filter (not a primitive).");
    }
    return rule;
  }

  ApiResult<Literal> parse_literal() {
    const Token t = next();
    Literal l;
    switch (t.type) {
      case Token::Type::String:
        l.type = Literal::Type::String;
        l.text = t.text;
        return l;
      case Token::Type::Number: {
        auto d = Decimal::parse(t.text);
        if (!d) return query_error("The number '" + t.text + "' is not valid.");
        l.type = Literal::Type::Number;
        l.number = *d;
        return l;
      }
      case Token::Type::DateTime:
      case Token::Type::Date: {
        auto ts = parse_timestamp(t.text);
        if (!ts) {
          return api_fail(400, ErrorCode::InvalidInput,
                          "The date-time literal '" + t.text + "' in $filter is not in a valid format (use 2026-11-24T10:00:00Z).");
        }
        l.type = t.type == Token::Type::Date ? Literal::Type::Date : Literal::Type::DateTime;
        l.time = *ts;
        return l;
      }
      case Token::Type::Guid:
        l.type = Literal::Type::Guid;
        l.text = *normalize_guid(t.text);
        return l;
      case Token::Type::Ident:
        if (t.text == "true" || t.text == "false") {
          l.type = Literal::Type::Bool;
          l.boolean = t.text == "true";
          return l;
        }
        if (t.text == "null") return l;
        break;
      default:
        break;
    }
    --pos_;
    return syntax("a literal expected");
  }

  bool is_field_token() const {
    return peek().type == Token::Type::Ident && peek().text != "true" && peek().text != "false" &&
           peek().text != "null";
  }

  ApiResult<std::unique_ptr<FilterNode>> parse_comparison() {
    const FieldRule* field = nullptr;
    Literal lit;
    bool literal_first = false;
    if (is_field_token()) {
      auto f = parse_field();
      if (!f) return std::unexpected(f.error());
      field = *f;
    } else {
      auto l = parse_literal();
      if (!l) return std::unexpected(l.error());
      lit = std::move(*l);
      literal_first = true;
    }
    if (peek().type != Token::Type::Ident) return syntax("an operator (eq, ne, gt, ge, lt, le) expected");
    const std::string op_text = next().text;
    CompareOp op;
    if (op_text == "eq") op = CompareOp::Eq;
    else if (op_text == "ne") op = CompareOp::Ne;
    else if (op_text == "gt") op = CompareOp::Gt;
    else if (op_text == "ge") op = CompareOp::Ge;
    else if (op_text == "lt") op = CompareOp::Lt;
    else if (op_text == "le") op = CompareOp::Le;
    else {
      --pos_;
      return syntax("'" + op_text + "' is not a comparison operator");
    }
    if (literal_first) {
      if (!is_field_token()) return query_error("Comparing two literals is not supported by the emulator.");
      auto f = parse_field();
      if (!f) return std::unexpected(f.error());
      field = *f;
      op = reversed(op);
    } else {
      if (is_field_token()) {
        return query_error("Comparing two properties is not supported by the emulator ('" +
                           std::string(field->name) + " " + op_text + " " + peek().text + "').");
      }
      auto l = parse_literal();
      if (!l) return std::unexpected(l.error());
      lit = std::move(*l);
    }
    if (auto ok = check_types(*field, lit, op); !ok) return std::unexpected(ok.error());
    auto node = std::make_unique<FilterNode>();
    node->kind = FilterNode::Kind::Compare;
    node->op = op;
    node->field = field;
    node->literal = std::move(lit);
    return node;
  }

  ApiResult<bool> check_types(const FieldRule& field, Literal& lit, CompareOp op) const {
    using LT = Literal::Type;
    bool ok = false;
    switch (field.type) {
      case FieldType::String: ok = lit.type == LT::String || lit.type == LT::Null; break;
      case FieldType::Uuid:
        if (lit.type == LT::String) {
          // Json.NET-era clients quote GUIDs; OData v4 would not, the emulator allows both.
          if (auto g = normalize_guid(lit.text)) {
            lit.type = LT::Guid;
            lit.text = *g;
          }
        }
        ok = lit.type == LT::Guid || lit.type == LT::Null;
        break;
      case FieldType::DateTime:
        ok = lit.type == LT::DateTime || lit.type == LT::Date || lit.type == LT::Null;
        break;
      case FieldType::Integer:
      case FieldType::Number: ok = lit.type == LT::Number || lit.type == LT::Null; break;
      case FieldType::Boolean:
        ok = (lit.type == LT::Bool || lit.type == LT::Null) && (op == CompareOp::Eq || op == CompareOp::Ne);
        break;
      default: break;
    }
    if (!ok) {
      return query_error(std::string("A binary operator with incompatible types was detected. Found operand types '") +
                         edm_name(field.type) + "' and '" + edm_name(lit) + "' for operator kind '" +
                         op_kind(op) + "' (property " + std::string(field.name) + ").");
    }
    return true;
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  const Schema& schema_;
  std::string_view text_;
};

// -1, 0, 1 comparing a presented field value with a literal of a checked type; nullopt when the
// value is null (or unreadable), which only eq null / ne null can match.
std::optional<int> compare(const FieldRule& field, const Json& value, const Literal& lit) {
  if (value.is_null()) return std::nullopt;
  auto sign = [](auto a, auto b) { return a < b ? -1 : (b < a ? 1 : 0); };
  switch (field.type) {
    case FieldType::String: return sign(ascii_lower(value.text()), ascii_lower(lit.text));
    case FieldType::Uuid: return sign(ascii_lower(value.text()), lit.text);
    case FieldType::DateTime: {
      auto t = parse_timestamp(value.text());
      if (!t) return std::nullopt;
      return sign(*t, lit.time);
    }
    case FieldType::Integer:
    case FieldType::Number: {
      auto d = value.as_decimal();
      if (!d) return std::nullopt;
      return sign(*d, lit.number);
    }
    case FieldType::Boolean: return value.bool_value() == lit.boolean ? 0 : 1;
    default: return std::nullopt;
  }
}

bool evaluate(const FilterNode& n, const Json& record) {
  switch (n.kind) {
    case FilterNode::Kind::And: return evaluate(*n.left, record) && evaluate(*n.right, record);
    case FilterNode::Kind::Or: return evaluate(*n.left, record) || evaluate(*n.right, record);
    case FilterNode::Kind::Not: return !evaluate(*n.left, record);
    case FilterNode::Kind::Contains:
    case FilterNode::Kind::StartsWith:
    case FilterNode::Kind::EndsWith: {
      const Json& v = record[n.field->name];
      if (!v.is_string()) return false;
      const std::string hay = ascii_lower(v.text());
      const std::string needle = ascii_lower(n.literal.text);
      if (n.kind == FilterNode::Kind::Contains) return hay.find(needle) != std::string::npos;
      if (n.kind == FilterNode::Kind::StartsWith) return hay.starts_with(needle);
      return hay.ends_with(needle);
    }
    case FilterNode::Kind::Compare: {
      const Json& v = record[n.field->name];
      if (n.literal.type == Literal::Type::Null) {
        const bool is_null = v.is_null();
        return n.op == CompareOp::Eq ? is_null : (n.op == CompareOp::Ne ? !is_null : false);
      }
      auto c = compare(*n.field, v, n.literal);
      if (!c) return n.op == CompareOp::Ne;
      switch (n.op) {
        case CompareOp::Eq: return *c == 0;
        case CompareOp::Ne: return *c != 0;
        case CompareOp::Gt: return *c > 0;
        case CompareOp::Ge: return *c >= 0;
        case CompareOp::Lt: return *c < 0;
        case CompareOp::Le: return *c <= 0;
      }
    }
  }
  return false;
}

// Orders two presented values of one field; nulls sort first.
int compare_values(const FieldRule& field, const Json& a, const Json& b) {
  if (a.is_null() || b.is_null()) return a.is_null() == b.is_null() ? 0 : (a.is_null() ? -1 : 1);
  auto sign = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (field.type) {
    case FieldType::Integer:
    case FieldType::Number: return sign(a.as_decimal().value_or(Decimal()), b.as_decimal().value_or(Decimal()));
    case FieldType::DateTime:
      return sign(parse_timestamp(a.text()).value_or(Timestamp{}), parse_timestamp(b.text()).value_or(Timestamp{}));
    case FieldType::Boolean: return sign(a.bool_value(), b.bool_value());
    default: return sign(ascii_lower(a.text()), ascii_lower(b.text()));
  }
}

}  // namespace

ApiResult<Filter> Filter::parse(std::string_view text, const Schema& schema) {
  auto tokens = Lexer(text).run();
  if (!tokens) return std::unexpected(tokens.error());
  if (tokens->size() == 1) return query_error("The $filter expression is empty.");
  Parser parser(std::move(*tokens), schema, text);
  auto root = parser.parse();
  if (!root) return std::unexpected(root.error());
  Filter f;
  f.root_ = std::shared_ptr<const FilterNode>(std::move(*root));
  return f;
}

bool Filter::matches(const Json& record) const { return !root_ || evaluate(*root_, record); }

ApiResult<std::vector<SortKey>> parse_orderby(std::string_view text, const Schema& schema) {
  std::vector<SortKey> keys;
  while (true) {
    const auto comma = text.find(',');
    std::string_view part = text.substr(0, comma);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    const auto space = part.find(' ');
    const std::string name(part.substr(0, space));
    std::string_view dir = space == std::string_view::npos ? std::string_view() : part.substr(space + 1);
    while (!dir.empty() && dir.front() == ' ') dir.remove_prefix(1);
    const FieldRule* rule = schema.find(name);
    if (!rule || rule->type == FieldType::Array || rule->type == FieldType::Object) {
      return query_error("Could not find a sortable property named '" + name + "' on type '" +
                         std::string(schema.name) + "' in $orderby.");
    }
    if (!dir.empty() && dir != "asc" && dir != "desc") {
      return query_error("Syntax error in $orderby: '" + std::string(dir) + "' is not asc or desc.");
    }
    keys.push_back({rule, dir == "desc"});
    if (comma == std::string_view::npos) break;
    text = text.substr(comma + 1);
  }
  return keys;
}

void sort_records(std::vector<Json>& records, const std::vector<SortKey>& keys) {
  std::stable_sort(records.begin(), records.end(), [&](const Json& a, const Json& b) {
    for (const auto& k : keys) {
      const int c = compare_values(*k.field, a[k.field->name], b[k.field->name]);
      if (c != 0) return k.descending ? c > 0 : c < 0;
    }
    return false;
  });
}

}  // namespace wv::sandbox::visma
