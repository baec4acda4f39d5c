#pragma once
// Model binding as Visma's ASP.NET API does it: member names match ignoring case, unknown and
// read-only members are ignored, every other member must have its field's JSON type, and the
// swagger rules (required, maxLength) plus the documented decimal limits are enforced. Every
// broken rule is reported in one 2000 message that names the field ("Rows[1].ArticleId").

#include <string>
#include <string_view>

#include "core/time.hpp"

#include "sandbox/json.hpp"
#include "sandbox/visma/api_error.hpp"
#include "sandbox/visma/schema.hpp"

namespace wv::sandbox::visma {

/// The writable members of `body` under their spec spelling, with canonical values: GUIDs in
/// lower case, dates as "2026-11-24T00:00:00", UTC date-times as "...Z", numbers as exact decimal
/// text. Nested objects and array items of emulated definitions are bound the same way. Fails
/// with 400/2000 listing every broken rule.
ApiResult<Json> bind_body(const Json& body, const Schema& schema);

/// Length of `utf8` in UTF-16 code units, as .NET's string.Length counts it.
std::size_t dotnet_length(std::string_view utf8);

/// "2026-11-24T00:00:00" for a date-only field, "2026-11-24T14:33:51.12Z" otherwise.
std::string format_field_time(std::string_view field, Timestamp t);

}  // namespace wv::sandbox::visma
