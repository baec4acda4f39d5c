// StoreLock: an exclusive flock on <dir>/lock. The kernel drops the lock when the process dies,
// however it dies, so a killed run never leaves a stale lock behind; the pid written into the
// file only serves to name the holder in the message another run prints.

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include <fmt/format.h>

#include "core/store/store.hpp"
#include "core/store/store_files.hpp"

namespace wv {
namespace {

/// The pid the holder wrote, as "pid N", or "pid unknown" while it has not written one yet.
std::string holder_of(int fd) {
  char buf[32] = {};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  std::string text(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  const bool numeric = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  return numeric ? "pid " + text : "pid unknown";
}

}  // namespace

Result<StoreLock> StoreLock::acquire(const std::filesystem::path& dir) {
  if (auto ok = store_files::ensure_directory(dir); !ok) return std::unexpected(ok.error());
  const std::filesystem::path path = dir / "lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return fail(ErrorKind::Store,
                fmt::format("cannot create the lock file {}: {}; check that the store directory "
                            "is writable by this user",
                            path.string(), std::strerror(errno)));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    // Nothing is written here: the file belongs to the holder.
    const std::string holder = err == EWOULDBLOCK ? holder_of(fd) : std::string();
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return fail(ErrorKind::Locked, fmt::format("another woovisma run holds the lock on {} ({})",
                                                 dir.string(), holder));
    }
    return fail(ErrorKind::Store,
                fmt::format("cannot lock {}: {}", path.string(), std::strerror(err)));
  }
  StoreLock lock(fd);
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::fchmod(fd, 0600) != 0 || ::ftruncate(fd, 0) != 0 ||
      ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    return fail(ErrorKind::Store, fmt::format("cannot write the lock file {}: {}", path.string(),
                                              std::strerror(errno)));
  }
  return lock;
}

StoreLock::StoreLock(StoreLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

StoreLock& StoreLock::operator=(StoreLock&& other) noexcept {
  if (this != &other) {
    StoreLock old(std::move(*this));
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

StoreLock::~StoreLock() {
  if (fd_ < 0) return;
  // Forget our pid before letting go, so that nobody is named after we are gone.
  if (::ftruncate(fd_, 0) != 0) {
    // Harmless: the next holder overwrites the pid.
  }
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

}  // namespace wv
