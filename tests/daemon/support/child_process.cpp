#include "tests/daemon/support/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace massaged::testing {
namespace {

// Variables through which systemd talks to a service; the child gets only the test's own.
const std::set<std::string> kServiceVariables = {
    "NOTIFY_SOCKET",   "WATCHDOG_USEC",     "WATCHDOG_PID",           "LISTEN_FDS",
    "LISTEN_PID",      "LISTEN_FDNAMES",    "INVOCATION_ID",          "JOURNAL_STREAM",
    "STATE_DIRECTORY", "RUNTIME_DIRECTORY", "CONFIGURATION_DIRECTORY"};

std::vector<std::string> child_environment(const ChildOptions& options) {
  std::vector<std::string> out;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const std::string name = text.substr(0, text.find('='));
    if (kServiceVariables.contains(name) || options.environment.contains(name)) continue;
    out.push_back(text);
  }
  for (const auto& [name, value] : options.environment) out.push_back(name + "=" + value);
  return out;
}

std::string read_whole(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes `value` in decimal at `out`, NUL-terminated; async-signal-safe, for use after fork().
void write_decimal(char* out, long value) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  while (n > 0) *out++ = digits[--n];
  *out = '\0';
}

}  // namespace

ChildProcess::ChildProcess(const std::filesystem::path& program, const ChildOptions& options,
                           const std::filesystem::path& output_directory)
    : stdout_path_(output_directory / "stdout.txt"), stderr_path_(output_directory / "stderr.txt") {
  std::vector<std::string> arguments{program.string()};
  arguments.insert(arguments.end(), options.arguments.begin(), options.arguments.end());
  auto environment = child_environment(options);
  // The child writes its own pid into this entry between fork() and exec().
  std::string listen_pid = "LISTEN_PID=" + std::string(24, '\0');
  if (options.listening_socket) environment.push_back("LISTEN_FDS=1");

  std::vector<char*> argv;
  for (auto& a : arguments) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& e : environment) envp.push_back(e.data());
  if (options.listening_socket) envp.push_back(listen_pid.data());
  envp.push_back(nullptr);

  const int out = ::open(stdout_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const int err = ::open(stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (out < 0 || err < 0) throw std::runtime_error("cannot create the child's output files");

  pid_ = ::fork();
  if (pid_ == 0) {
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    if (options.listening_socket) {
      // dup2 clears close-on-exec on the copy; systemd passes descriptors from 3 on.
      if (*options.listening_socket != 3)
        ::dup2(*options.listening_socket, 3);
      else
        ::fcntl(3, F_SETFD, 0);
      write_decimal(listen_pid.data() + std::strlen("LISTEN_PID="), ::getpid());
    }
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(out);
  ::close(err);
  if (pid_ < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !exit_code_) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
}

void ChildProcess::send_signal(int signal) const {
  // Once reaped, the pid may already belong to another process.
  if (pid_ > 0 && !exit_code_) ::kill(pid_, signal);
}

std::optional<int> ChildProcess::wait_for_exit(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!exit_code_) {
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      break;
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return exit_code_;
}

std::string ChildProcess::standard_output() const { return read_whole(stdout_path_); }
std::string ChildProcess::standard_error() const { return read_whole(stderr_path_); }

int run_to_exit(ChildProcess& child, std::chrono::milliseconds timeout) {
  const auto code = child.wait_for_exit(timeout);
  if (!code) {
    child.send_signal(SIGKILL);
    throw std::runtime_error("the child did not exit in time; stderr: " + child.standard_error());
  }
  return *code;
}

}  // namespace massaged::testing
