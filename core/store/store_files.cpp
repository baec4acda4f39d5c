#include "core/store/store_files.hpp"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <system_error>

#include <fmt/format.h>

namespace wv::store_files {

Status ensure_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return {};
  if (std::filesystem::exists(dir, ec)) {
    return fail(ErrorKind::Store,
                fmt::format("store {} exists but is not a directory; set store_dir to a directory",
                            dir.string()));
  }
  if (dir.has_parent_path()) {
    std::filesystem::create_directories(dir.parent_path(), ec);
    if (ec) {
      return fail(ErrorKind::Store, fmt::format("cannot create {} for the store: {}",
                                                dir.parent_path().string(), ec.message()));
    }
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return fail(ErrorKind::Store, fmt::format("cannot create the store directory {}: {}",
                                              dir.string(), std::strerror(errno)));
  }
  // mkdir's mode is filtered by the umask; say exactly what we mean.
  if (::chmod(dir.c_str(), 0700) != 0) {
    return fail(ErrorKind::Store, fmt::format("cannot make the store directory {} private: {}",
                                              dir.string(), std::strerror(errno)));
  }
  return {};
}

Status check_private(const std::filesystem::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return {};
    return fail(ErrorKind::Store,
                fmt::format("cannot inspect {}: {}", path.string(), std::strerror(errno)));
  }
  const unsigned mode = st.st_mode & 07777u;
  if ((mode & 077u) == 0) return {};
  const bool is_dir = S_ISDIR(st.st_mode);
  return fail(ErrorKind::Store,
              fmt::format("store {} {} is open to group or others (mode {:04o}) but holds OAuth "
                          "tokens; run `chmod {} {}` and try again",
                          is_dir ? "directory" : "file", path.string(), mode,
                          is_dir ? "700" : "600", path.string()));
}

std::uintmax_t file_size_or_zero(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0 : size;
}

}  // namespace wv::store_files
