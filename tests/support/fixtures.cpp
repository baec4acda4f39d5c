#include "tests/support/fixtures.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace wv::testing {

std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("WOOVISMA_SHARED_DIR")) return env;
  return WOOVISMA_SHARED_DIR;
}

std::filesystem::path woo_fixture_dir() { return shared_dir() / "fixtures" / "woocommerce-7.9"; }

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) FAIL("cannot read " << path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string woo_fixture(const std::string& prefix) {
  for (const auto& entry : std::filesystem::directory_iterator(woo_fixture_dir())) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && entry.path().extension() == ".json") {
      return read_file(entry.path());
    }
  }
  FAIL("no WooCommerce fixture starting with " << prefix);
  return {};
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "woovisma-test-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace wv::testing
