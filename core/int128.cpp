#include "core/int128.hpp"

namespace wv {

int128 divide_half_away(int128 numerator, int128 denominator) {
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  int128 q = numerator / denominator;
  int128 r = numerator % denominator;
  if (r < 0) r = -r;
  if (2 * r >= denominator) q += numerator < 0 ? -1 : 1;
  return q;
}

}  // namespace wv
