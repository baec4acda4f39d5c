// parse_json: RapidJSON's SAX reader with numbers delivered as their text.

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cctype>

#include "sandbox/json.hpp"

namespace wv::sandbox {
namespace {

// Builds Json values from RapidJSON's SAX events; numbers arrive as raw text.
class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
 public:
  bool Null() { return put(Json::null()); }
  bool Bool(bool b) { return put(Json::boolean(b)); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) { return put(Json::number_text(std::string(s, n))); }
  bool String(const char* s, rapidjson::SizeType n, bool) { return put(Json::string(std::string(s, n))); }
  bool StartObject() { return open(Json::object()); }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    keys_.back() = std::string(s, n);
    return true;
  }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(Json::array()); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  Json take() { return std::move(root_); }

 private:
  bool open(Json container) {
    stack_.push_back(std::move(container));
    keys_.emplace_back();
    return true;
  }
  bool close() {
    Json done = std::move(stack_.back());
    stack_.pop_back();
    keys_.pop_back();
    return put(std::move(done));
  }
  bool put(Json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
    } else if (stack_.back().is_array()) {
      stack_.back().push(std::move(value));
    } else {
      stack_.back().set(keys_.back(), std::move(value));  // a repeated key: the last one wins
    }
    return true;
  }

  Json root_;
  std::vector<Json> stack_;
  std::vector<std::string> keys_;
};

bool may_follow_value(char c, JsonDialect dialect) {
  if (dialect == JsonDialect::DotNet) return std::isspace(static_cast<unsigned char>(c)) != 0;
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

Result<Json> rejected(std::size_t offset, std::string_view why) {
  return fail(ErrorKind::Rejected, "invalid JSON at offset " + std::to_string(offset) + ": " + std::string(why));
}

}  // namespace

Result<Json> parse_json(std::string_view text, JsonDialect dialect) {
  constexpr unsigned kFlags = rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseStopWhenDoneFlag;
  TreeBuilder builder;
  rapidjson::Reader reader;
  rapidjson::MemoryStream stream(text.data(), text.size());
  const rapidjson::ParseResult ok =
      dialect == JsonDialect::Strict ? reader.Parse<kFlags | rapidjson::kParseValidateEncodingFlag>(stream, builder)
                                     : reader.Parse<kFlags>(stream, builder);
  if (!ok) return rejected(ok.Offset(), rapidjson::GetParseError_En(ok.Code()));
  for (std::size_t i = stream.Tell(); i < text.size(); ++i) {
    if (!may_follow_value(text[i], dialect)) return rejected(i, "text after the end of the value");
  }
  return builder.take();
}

}  // namespace wv::sandbox
