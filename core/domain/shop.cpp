#include "core/domain/shop.hpp"

namespace wv {

std::optional<std::string> find_meta(const std::vector<MetaItem>& meta, const std::string& key) {
  for (const auto& item : meta) {
    if (item.key == key) return item.value;
  }
  return std::nullopt;
}

std::string Address::full_name() const {
  std::string name = first_name;
  if (!last_name.empty()) name += (name.empty() ? "" : " ") + last_name;
  return name.empty() ? company : name;
}

}  // namespace wv
