#pragma once
// A Visma article as documents and price lists need it: which article, and its VAT rate.

#include <string>

#include "core/decimal.hpp"

namespace wv {

struct ArticleRef {
  std::string id;
  std::string number;
  Decimal vat_percent;
};

}  // namespace wv
