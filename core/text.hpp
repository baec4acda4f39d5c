#pragma once
// Small text helpers that respect UTF-8 (Visma's length limits count characters, not bytes).

#include <string>
#include <string_view>
#include <vector>

namespace wv {

/// The number of characters (code points) in UTF-8 `text`.
std::size_t utf8_length(std::string_view text);
/// `text` cut to at most `max_chars` characters, never inside a character.
std::string utf8_truncate(std::string_view text, std::size_t max_chars);
/// `text` cut into pieces of at most `max_chars` characters, preferring to break at spaces.
std::vector<std::string> utf8_chunks(std::string_view text, std::size_t max_chars);
/// `text` with leading and trailing white space removed.
std::string trim(std::string_view text);
/// The same, as a view into `text` (which must outlive it).
std::string_view trim_view(std::string_view text);
/// `text` without HTTP's optional white space (spaces and tabs, RFC 9110 "OWS") at either end.
std::string_view trim_ows(std::string_view text);
/// ASCII lower case.
std::string ascii_lower(std::string_view text);
/// True when `a` equals `b` ignoring ASCII case.
bool ascii_iequals(std::string_view a, std::string_view b);

}  // namespace wv
