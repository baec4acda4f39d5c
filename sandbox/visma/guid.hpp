#pragma once
// GUIDs as Visma writes them ("3fa85f64-5717-4562-b3fc-2c963f66afa6", lower case). The emulator
// derives them from names so that seeded data and a replayed session get the same ids.

#include <optional>
#include <string>
#include <string_view>

namespace wv::sandbox::visma {

/// A GUID (version-4 layout) derived from `name` by SHA-256: the same name, the same GUID.
std::string guid_from_name(std::string_view name);
/// `text` as a lower-case GUID when it is one ("D-D-D-D-D" hex groups 8-4-4-4-12, optionally in
/// braces), else nullopt.
std::optional<std::string> normalize_guid(std::string_view text);

}  // namespace wv::sandbox::visma
