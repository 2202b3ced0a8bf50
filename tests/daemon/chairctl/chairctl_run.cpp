#include "tests/daemon/chairctl/chairctl_run.hpp"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace massaged::testing {
namespace {

// Reads both pipes until both close or the deadline passes.
void collect(int out_fd, int err_fd, ChairctlRun& run,
             std::chrono::steady_clock::time_point deadline) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* sinks[2] = {&run.out, &run.err};
  int open = 2;
  while (open > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return;
    const int ready = ::poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP)) == 0) continue;
      char chunk[4096];
      const auto n = ::read(fds[i].fd, chunk, sizeof chunk);
      if (n <= 0) {
        fds[i].fd = -1;
        --open;
      } else {
        sinks[i]->append(chunk, static_cast<std::size_t>(n));
      }
    }
  }
}

}  // namespace

ChairctlRun run_chairctl(const std::vector<std::string>& arguments,
                         const std::optional<ClientIdentity>& as,
                         std::chrono::milliseconds timeout) {
  std::vector<std::string> args{MASSAGED_CHAIRCTL};
  args.insert(args.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  // Opened here, run from the descriptor: another user may not be allowed into the build tree
  // (a clone in a private temporary directory), but the program itself is theirs to run.
  const int program = ::open(MASSAGED_CHAIRCTL, O_RDONLY | O_CLOEXEC);
  if (program < 0) throw std::runtime_error(std::string("cannot open ") + MASSAGED_CHAIRCTL);
  int out[2];
  int err[2];
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
    ::close(program);
    throw std::runtime_error("pipe2 failed");
  }
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // The child of a threaded process: system calls only until exec.
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err[1], STDERR_FILENO);
    if (as && (::setgroups(as->groups.size(), as->groups.data()) != 0 ||
               ::setresgid(as->gid, as->gid, as->gid) != 0 ||
               ::setresuid(as->uid, as->uid, as->uid) != 0)) {
      ::_exit(125);
    }
    ::fexecve(program, argv.data(), environ);
    ::_exit(127);
  }
  ::close(program);
  ::close(out[1]);
  ::close(err[1]);
  ChairctlRun run;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  collect(out[0], err[0], run, deadline);
  ::close(out[0]);
  ::close(err[0]);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    ::usleep(1000);
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return run;
}

}  // namespace massaged::testing
