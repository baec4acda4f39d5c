#pragma once
// 128-bit integers for the exact intermediate of a product of amounts, and the one rounding
// division every exact calculation ends with (Decimal, and the emulators' totals models).

namespace wv {

__extension__ using int128 = __int128;

/// numerator ÷ denominator, rounded half away from zero. denominator must not be zero.
int128 divide_half_away(int128 numerator, int128 denominator);

}  // namespace wv
