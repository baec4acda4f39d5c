#pragma once
// Access to the shared reference material (../shared) from tests.

#include <filesystem>
#include <string>

namespace wv::testing {

/// The shared directory (fixtures, specs), as configured at build time.
std::filesystem::path shared_dir();
/// The directory of the real WooCommerce 7.9 transcripts.
std::filesystem::path woo_fixture_dir();
/// The whole text of `path`; fails the current test when it cannot be read.
std::string read_file(const std::filesystem::path& path);
/// The text of the WooCommerce fixture whose name starts with `prefix` ("23-" or
/// "23-order-company-fee-fixed-coupon").
std::string woo_fixture(const std::string& prefix);

/// A fresh, empty temporary directory, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace wv::testing
