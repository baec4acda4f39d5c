#include "tests/support/process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace wv::testing {
namespace {

using namespace std::chrono_literals;

/// A new empty file in the temporary directory, named after `purpose`.
Result<std::filesystem::path> make_temporary_file(const std::string& purpose) {
  std::string pattern = (std::filesystem::temp_directory_path() / ("woovisma-test-" + purpose + "-XXXXXX")).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) return fail(ErrorKind::Internal, "cannot create a temporary file: " + std::string(std::strerror(errno)));
  ::close(fd);
  return std::filesystem::path(pattern);
}

std::string read_whole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> child_environment(const ProcessOptions& options) {
  std::map<std::string, std::string> variables;
  if (!options.clear_env) {
    for (char** entry = environ; *entry != nullptr; ++entry) {
      std::string_view text = *entry;
      std::size_t eq = text.find('=');
      if (eq == std::string_view::npos) continue;
      variables[std::string(text.substr(0, eq))] = std::string(text.substr(eq + 1));
    }
  }
  for (const auto& name : options.unset_env) variables.erase(name);
  for (const auto& [name, value] : options.env) variables[name] = value;
  std::vector<std::string> out;
  for (const auto& [name, value] : variables) out.push_back(name + "=" + value);
  return out;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

Result<Process> Process::spawn(ProcessOptions options) {
  if (options.args.empty()) return fail(ErrorKind::Internal, "Process::spawn: no program given");
  Process process;
  auto output_path = [&](const std::optional<std::filesystem::path>& chosen,
                         const std::string& purpose) -> Result<std::filesystem::path> {
    if (chosen) return *chosen;
    auto path = make_temporary_file(purpose);
    if (path) process.temporary_files_.push_back(*path);
    return path;
  };
  auto out = output_path(options.stdout_file, "stdout");
  if (!out) return fail(out.error());
  auto err = output_path(options.stderr_file, "stderr");
  if (!err) return fail(err.error());
  process.stdout_path_ = *out;
  process.stderr_path_ = *err;
  std::filesystem::path stdin_path = "/dev/null";
  int stdin_pipe[2] = {-1, -1};
  if (options.stdin_pipe) {
    // Both ends close on exec: the child gets its end through dup2 only, so that no other
    // child started meanwhile keeps the pipe open.
    if (::pipe2(stdin_pipe, O_CLOEXEC) != 0) {
      return fail(ErrorKind::Internal, "cannot create a pipe: " + std::string(std::strerror(errno)));
    }
  } else if (options.stdin_text) {
    auto in = make_temporary_file("stdin");
    if (!in) return fail(in.error());
    process.temporary_files_.push_back(*in);
    std::ofstream(*in, std::ios::binary) << *options.stdin_text;
    stdin_path = *in;
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (options.stdin_pipe) {
    posix_spawn_file_actions_adddup2(&actions, stdin_pipe[0], STDIN_FILENO);
  } else {
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, stdin_path.c_str(), O_RDONLY, 0);
  }
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, process.stdout_path_.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, process.stderr_path_.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (options.working_dir) posix_spawn_file_actions_addchdir_np(&actions, options.working_dir->c_str());

  // The child starts with default signal handling and an empty mask, whatever the test
  // process (or a server thread in it) has blocked.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGPIPE);
  sigset_t empty;
  sigemptyset(&empty);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setsigmask(&attributes, &empty);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  std::vector<char*> argv;
  for (auto& arg : options.args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> environment = child_environment(options);
  std::vector<char*> envp;
  for (auto& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);

  int rc = ::posix_spawn(&process.pid_, options.args[0].c_str(), &actions, &attributes, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (options.stdin_pipe) {
    ::close(stdin_pipe[0]);
    process.stdin_fd_ = stdin_pipe[1];
  }
  if (rc != 0) {
    process.pid_ = -1;
    return fail(ErrorKind::Internal, "cannot start " + options.args[0] + ": " + std::strerror(rc));
  }
  return process;
}

Process::Process(Process&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      stdin_fd_(std::exchange(other.stdin_fd_, -1)),
      exit_code_(other.exit_code_),
      stdout_path_(std::move(other.stdout_path_)),
      stderr_path_(std::move(other.stderr_path_)),
      temporary_files_(std::move(other.temporary_files_)) {
  other.temporary_files_.clear();
}

Process& Process::operator=(Process&& other) noexcept {
  if (this != &other) {
    release();
    pid_ = std::exchange(other.pid_, -1);
    stdin_fd_ = std::exchange(other.stdin_fd_, -1);
    exit_code_ = other.exit_code_;
    stdout_path_ = std::move(other.stdout_path_);
    stderr_path_ = std::move(other.stderr_path_);
    temporary_files_ = std::move(other.temporary_files_);
    other.temporary_files_.clear();
  }
  return *this;
}

Process::~Process() { release(); }

void Process::release() {
  close_stdin();
  if (pid_ > 0 && !exit_code_) kill();
  std::error_code ignored;
  for (const auto& path : temporary_files_) std::filesystem::remove(path, ignored);
  temporary_files_.clear();
  pid_ = -1;
}

bool Process::running() {
  if (pid_ <= 0 || exit_code_) return false;
  int status = 0;
  pid_t reaped = ::waitpid(pid_, &status, WNOHANG);
  if (reaped == pid_) {
    exit_code_ = decode_status(status);
    return false;
  }
  return reaped == 0;
}

std::optional<int> Process::wait(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto step = 1ms;
  while (running()) {
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(step);
    step = std::min<std::chrono::milliseconds>(step * 2, 20ms);
  }
  return exit_code_;
}

void Process::terminate() {
  if (running()) ::kill(pid_, SIGTERM);
}

void Process::kill() {
  if (!running()) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  exit_code_ = decode_status(status);
}

bool Process::write_stdin(std::string_view text) {
  if (stdin_fd_ < 0) return false;
  // A child that stopped reading would raise SIGPIPE in this process: block it for this thread
  // while writing and take a pending one back before unblocking.
  sigset_t pipe_signal, previous;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous);
  bool ok = true;
  while (!text.empty()) {
    const ssize_t n = ::write(stdin_fd_, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  if (!ok) {
    const timespec no_wait{0, 0};
    (void)sigtimedwait(&pipe_signal, nullptr, &no_wait);
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return ok;
}

void Process::close_stdin() {
  if (stdin_fd_ >= 0) ::close(stdin_fd_);
  stdin_fd_ = -1;
}

std::string Process::stdout_text() const { return read_whole(stdout_path_); }
std::string Process::stderr_text() const { return read_whole(stderr_path_); }

Result<ProcessResult> run_process(ProcessOptions options, std::chrono::milliseconds timeout) {
  auto process = Process::spawn(std::move(options));
  if (!process) return fail(process.error());
  ProcessResult result;
  if (auto code = process->wait(timeout)) {
    result.exit_code = *code;
  } else {
    result.timed_out = true;
    process->kill();
  }
  result.out = process->stdout_text();
  result.err = process->stderr_text();
  return result;
}

bool wait_for_file(const std::filesystem::path& path, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto step = 1ms;
  for (;;) {
    std::error_code ignored;
    if (std::filesystem::exists(path, ignored)) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(step);
    step = std::min<std::chrono::milliseconds>(step * 2, 20ms);
  }
}

}  // namespace wv::testing
