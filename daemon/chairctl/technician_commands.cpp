#include "daemon/chairctl/technician_commands.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <thread>

#include "daemon/chairctl/chair_client.hpp"
#include "daemon/chairctl/exit_code.hpp"
#include "daemon/chairctl/technician_text.hpp"

namespace chairctl {

using nlohmann::json;

namespace {

constexpr int kForbiddenCode = -32001;
// How often the chair is asked while it measures, and how often a jog is confirmed: the
// daemon's dead man lets go after 300 ms without a confirmation.
constexpr std::chrono::milliseconds kPollEvery{200};

int failed(const Options& options, Output& io, const RemoteError& e) {
  if (options.json) io.out << json{{"error", e.to_json()}}.dump() << '\n';
  io.err << "chairctl: " << e.what() << '\n';
  return e.code() == kForbiddenCode ? kPermissionDenied : kRefused;
}

template <class Body>
int with_connection(const Options& options, Output& io, Body body) {
  try {
    ChairClient client(options.socket);
    return body(client);
  } catch (const ConnectError& e) {
    io.err << "chairctl: " << e.what() << '\n';
    return e.kind() == ConnectError::Kind::permission_denied ? kPermissionDenied : kNotRunning;
  } catch (const RemoteError& e) {
    return failed(options, io, e);
  } catch (const TransportError& e) {
    io.err << "chairctl: " << e.what() << '\n';
    return kNotRunning;
  }
}

// A line from the technician; none at the end of the input.
std::optional<std::string> ask(Output& io, std::istream& in, const std::string& question) {
  io.out << question << std::flush;
  std::string line;
  if (!std::getline(in, line)) {
    io.out << '\n';
    return std::nullopt;
  }
  return line;
}

bool wants_reference(const json& step) {
  return step.value("procedure", std::string()) == "force" &&
         step.value("instruction", std::string()).find("reference load") != std::string::npos &&
         step.value("instruction", std::string()).find("remove") == std::string::npos;
}

// Drops the procedure when the technician gives up half way, so that nothing half done stays.
int abandon(ChairClient& client, const Options& options, Output& io, const std::string& why) {
  client.call("calibration.discard", nullptr, options.timeout);
  io.err << "chairctl: " << why << "; the procedure is discarded, nothing is stored\n";
  return kRefused;
}

}  // namespace

int calibrate(const Options& options, Output& io, std::istream& in, const CalibrateOptions& what) {
  return with_connection(options, io, [&](ChairClient& client) -> int {
    auto step =
        client.call("calibration.begin", json{{"procedure", what.procedure}}, options.timeout);
    // Each line once: what the step asks, what went wrong, what was found.
    std::string said;
    std::string erred;
    std::string found;
    const auto show = [&](const json& s) {
      if (options.json) {
        io.out << s.dump() << '\n' << std::flush;
        return;
      }
      const auto text_at = [&s](const char* key) {
        return s[key].is_string() ? s[key].get<std::string>() : std::string();
      };
      const auto error = text_at("error");
      const auto result = text_at("result");
      const auto instruction = text_at("instruction");
      if (!error.empty() && error != erred) io.out << "! " << error << '\n';
      if (!result.empty() && result != found) io.out << "= " << result << '\n';
      const bool bare = s.value("measuring", false) && instruction == "measuring";
      if (instruction != said && !bare) {
        io.out << "[" << s.value("procedure", std::string()) << "] " << instruction << '\n';
        said = instruction;
      }
      erred = error;
      found = result;
      io.out << std::flush;
    };
    for (;;) {
      show(step);
      if (step.value("finished", false)) break;
      if (step.value("measuring", false)) {
        std::this_thread::sleep_for(kPollEvery);
        step = client.call("calibration.poll", nullptr, options.timeout);
        continue;
      }
      // The step waits for the technician.
      if (what.yes && step["error"].is_string()) {
        return abandon(client, options, io, "the step failed with --yes");
      }
      json params;
      if (what.reference_newtons) params["reference_newtons"] = *what.reference_newtons;
      if (!what.yes) {
        if (wants_reference(step) && !what.reference_newtons) {
          const auto answer = ask(io, in, "Reference load in newtons, then Enter: ");
          if (!answer) return abandon(client, options, io, "no answer");
          try {
            params["reference_newtons"] = std::stod(*answer);
          } catch (const std::exception&) {
            io.err << "chairctl: \"" << *answer << "\" is not a number of newtons\n";
            continue;
          }
        } else if (!ask(io, in, "Press Enter to confirm (Ctrl-C to give up) ")) {
          return abandon(client, options, io, "no answer");
        }
      }
      step = client.call("calibration.confirm", params, options.timeout);
    }
    const auto diff = client.call("calibration.diff", nullptr, options.timeout);
    if (options.json) {
      io.out << diff.dump() << '\n';
    } else {
      io.out << diff_text(diff) << std::flush;
    }
    if (!what.yes) {
      const auto answer = ask(io, in, "Commit this calibration? [y/N] ");
      if (!answer || (*answer != "y" && *answer != "Y" && *answer != "yes")) {
        client.call("calibration.discard", nullptr, options.timeout);
        io.out << "not committed: the calibration in use stays as it was\n";
        return kSuccess;
      }
    }
    // The commit waits for the chair to come to rest (parking after the measurement).
    const auto committed = client.call("calibration.commit", nullptr,
                                       std::max(options.timeout, std::chrono::milliseconds(30000)));
    if (options.json) {
      io.out << committed.dump() << '\n';
    } else {
      io.out << committed.value("message", std::string("committed")) << '\n';
    }
    return kSuccess;
  });
}

int jog(const Options& options, Output& io, const std::string& axis, double step_mm,
        double speed_mm_s) {
  return with_connection(options, io, [&](ChairClient& client) -> int {
    const auto started = client.call(
        "jog.start", json{{"axis", axis}, {"step_mm", step_mm}, {"speed_mm_s", speed_mm_s}},
        options.timeout);
    if (!options.json) io.out << started.value("message", std::string("jogging")) << '\n';
    // Long enough for the step at its speed, with time to start and stop.
    const auto most = std::chrono::duration<double>(std::abs(step_mm) / speed_mm_s + 5.0);
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::seconds>(most);
    json at;
    for (;;) {
      try {
        at = client.call("jog.confirm", nullptr, options.timeout);
      } catch (const RemoteError& e) {
        if (!options.json && io.terminal) io.out << '\n';
        io.err << "chairctl: the jog stopped before it arrived: " << e.what() << '\n';
        return kRefused;
      }
      if (options.json) {
        io.out << at.dump() << '\n' << std::flush;
      } else if (io.terminal) {
        io.out << "\r\033[K" << jog_text(at) << std::flush;
      }
      if (at.value("arrived", false) || std::chrono::steady_clock::now() > deadline) break;
      std::this_thread::sleep_for(kPollEvery);
    }
    const auto stopped = client.call("jog.stop", nullptr, options.timeout);
    if (!options.json) {
      if (io.terminal) io.out << '\n';
      io.out << (at.value("arrived", false) ? "arrived: " : "stopped short: ") << jog_text(at)
             << '\n';
    }
    return at.value("arrived", false) ? kSuccess : kRefused;
  });
}

int self_test(const Options& options, Output& io) {
  return with_connection(options, io, [&](ChairClient& client) -> int {
    if (!options.json)
      io.out << "self-test: each axis moves through a short pattern\n" << std::flush;
    // About ten seconds on a healthy chair; each target may take four.
    const auto report = client.call("diagnostics.self_test", nullptr,
                                    std::max(options.timeout, std::chrono::milliseconds(70000)));
    if (options.json) {
      io.out << report.dump() << '\n';
    } else {
      io.out << self_test_text(report);
    }
    return report.value("passed", false) ? kSuccess : kRefused;
  });
}

}  // namespace chairctl
