#include "sandbox/visma/state.hpp"

#include "core/text.hpp"
#include "sandbox/visma/guid.hpp"

namespace wv::sandbox::visma {

Json* Collection::find(std::string_view id) {
  auto it = index_.find(ascii_lower(id));
  return it == index_.end() ? nullptr : &items_[it->second];
}

const Json* Collection::find(std::string_view id) const {
  auto it = index_.find(ascii_lower(id));
  return it == index_.end() ? nullptr : &items_[it->second];
}

Json& Collection::add(Json record) {
  index_[ascii_lower(record.str("Id"))] = items_.size();
  items_.push_back(std::move(record));
  return items_.back();
}

bool Collection::erase(std::string_view id) {
  const auto before = items_.size();
  std::erase_if(items_, [&](const Json& r) { return ascii_iequals(r.str("Id"), id); });
  if (items_.size() == before) return false;
  reindex();
  return true;
}

void Collection::reindex() {
  index_.clear();
  for (std::size_t i = 0; i < items_.size(); ++i) index_[ascii_lower(items_[i].str("Id"))] = i;
}

std::string VismaState::new_id(std::string_view kind) {
  return guid_from_name(id_namespace_ + ":" + std::string(kind) + ":" + std::to_string(++id_sequence_));
}

Timestamp VismaState::stamp(Timestamp now) {
  last_stamp_ = now > last_stamp_ ? now : last_stamp_ + std::chrono::milliseconds(1);
  return last_stamp_;
}

std::string VismaState::company_currency() const {
  const std::string c = company.str("CurrencyCode");
  return c.empty() ? "SEK" : c;
}

bool VismaState::has_module(std::string_view module) const {
  const Json* mods = company.find_ignoring_case("ActivatedModules");
  if (!mods || !mods->is_array()) return false;
  for (const auto& m : mods->items()) {
    if (m.is_string() && ascii_iequals(m.text(), module)) return true;
  }
  return false;
}

void VismaState::clear(std::string_view seed_name) {
  *this = VismaState();
  id_namespace_ = "visma:" + std::string(seed_name);
}

}  // namespace wv::sandbox::visma
