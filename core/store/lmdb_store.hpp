#pragma once
// The LMDB implementation behind Store::open (private to core/store).

#include <filesystem>
#include <memory>
#include <span>

#include "core/store/schema.hpp"
#include "core/store/store.hpp"

namespace wv::store_detail {

/// Store::open with `steps` as the schema's migrations instead of this program's, so that tests
/// can play an older or newer program. The version written is steps.size().
Result<std::unique_ptr<Store>> open_store(const std::filesystem::path& dir, Store::Options options,
                                          std::span<const store_schema::Migration> steps);

}  // namespace wv::store_detail
