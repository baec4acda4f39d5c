#pragma once
// The store directory and its files as the operating system sees them (private to core/store).
// The store holds OAuth tokens, so its directory is 0700 and its files 0600, and a store that
// others can read is refused rather than used.

#include <filesystem>

#include "core/error.hpp"

namespace wv::store_files {

/// Creates `dir` (and missing parents) with mode 0700 when it does not exist. Fails with Store
/// when it cannot be created or exists and is not a directory.
Status ensure_directory(const std::filesystem::path& dir);

/// Succeeds when `path` is absent or only its owner has access to it. Fails with Store, naming
/// the chmod that fixes it, when group or others have any access.
Status check_private(const std::filesystem::path& path);

/// The size of the file at `path`, or 0 when it does not exist.
std::uintmax_t file_size_or_zero(const std::filesystem::path& path);

}  // namespace wv::store_files
