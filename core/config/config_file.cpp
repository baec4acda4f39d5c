// Reading a config or secrets file together with the permissions of the very file read, so
// that the permission check cannot be fooled by a file swapped in between.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "core/config/config_detail.hpp"

namespace wv::config_detail {
namespace {

// Closes the descriptor on every path out.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

std::unexpected<Error> cannot_read(std::string_view role, const std::filesystem::path& path,
                                   int error_number) {
  return fail(ErrorKind::Config, fmt::format("cannot read {} {}: {}", role, path.string(),
                                             std::strerror(error_number)));
}

}  // namespace

Result<FileText> read_file_with_mode(const std::filesystem::path& path, std::string_view role) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) return cannot_read(role, path, errno);
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return cannot_read(role, path, errno);
  if (!S_ISREG(info.st_mode)) {
    return fail(ErrorKind::Config,
                fmt::format("cannot read {} {}: not a regular file", role, path.string()));
  }
  FileText file;
  file.mode = info.st_mode & 07777;
  char buffer[16384];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return cannot_read(role, path, errno);
    }
    if (n == 0) break;
    file.text.append(buffer, static_cast<std::size_t>(n));
  }
  return file;
}

bool readable_by_others(mode_t mode) { return (mode & (S_IRGRP | S_IROTH)) != 0; }

std::string octal_mode(mode_t mode) { return fmt::format("{:04o}", mode & 07777); }

}  // namespace wv::config_detail
