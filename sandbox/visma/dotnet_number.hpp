#pragma once
// How Visma's API writes its decimal fields: as .NET serialises a double, so a whole amount still
// carries one decimal (100 → 100.0) while others keep only the digits they need (12.5, 0.125).

#include "core/decimal.hpp"
#include "sandbox/json.hpp"

namespace wv::sandbox::visma {

/// `d` as a JSON number with at least `min_dp` decimals: 100 → "100.0" when min_dp is 1.
inline Json dotnet_number(Decimal d, int min_dp = 1) { return Json::number_text(d.to_plain_string(min_dp)); }

}  // namespace wv::sandbox::visma
