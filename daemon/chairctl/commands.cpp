#include "daemon/chairctl/commands.hpp"

#include <fstream>
#include <sstream>

#include "daemon/chairctl/chair_client.hpp"
#include "daemon/chairctl/exit_code.hpp"
#include "daemon/chairctl/status_text.hpp"
#include "daemon/chairctl/watch_line.hpp"

namespace chairctl {

using nlohmann::json;

namespace {

// The daemon's own error codes that chairctl tells apart (docs/api.md).
constexpr int kMethodNotFound = -32601;
constexpr int kForbidden = -32001;
constexpr int kInvalidProgram = -32004;

int report(const RemoteError& e, const Options& options, Output& io) {
  if (options.json) io.out << json{{"error", e.to_json()}}.dump() << '\n';
  io.err << "chairctl: " << e.what() << '\n';
  if (e.code() == kInvalidProgram) {
    for (const auto& error : e.data().value("errors", json::array())) {
      io.err << "  " << error.value("text", std::string()) << '\n';
    }
    return kProgramInvalid;
  }
  return e.code() == kForbidden ? kPermissionDenied : kRefused;
}

int report(const ConnectError& e, Output& io) {
  io.err << "chairctl: " << e.what() << '\n';
  return e.kind() == ConnectError::Kind::permission_denied ? kPermissionDenied : kNotRunning;
}

int report(const TransportError& e, Output& io) {
  io.err << "chairctl: " << e.what() << '\n';
  return kNotRunning;
}

// Runs `body` with a connection, turning each failure into its message and exit code.
int with_client(const Options& options, Output& io, const std::function<int(ChairClient&)>& body) {
  try {
    ChairClient client(options.socket);
    return body(client);
  } catch (const ConnectError& e) {
    return report(e, io);
  } catch (const RemoteError& e) {
    return report(e, options, io);
  } catch (const TransportError& e) {
    return report(e, io);
  }
}

void print(const Options& options, Output& io, const json& result, const HumanText& human) {
  if (options.json) {
    io.out << result.dump() << '\n';
  } else {
    io.out << human(result);
  }
}

bool session_over(const std::string& state) {
  return state != "running" && state != "paused" && state != "stopping";
}

void merge(json& into, const json& changes) {
  if (!changes.is_object()) return;
  for (const auto& [key, value] : changes.items()) into[key] = value;
}

}  // namespace

int call_and_print(const Options& options, Output& io, const std::string& method,
                   const json& params, const HumanText& human) {
  return with_client(options, io, [&](ChairClient& client) {
    print(options, io, client.call(method, params, options.timeout), human);
    return kSuccess;
  });
}

int session_command(const Options& options, Output& io, const std::string& method,
                    const json& params) {
  return call_and_print(options, io, method, params, [](const json& result) {
    return result.value("message", std::string("done")) + "\n";
  });
}

int status(const Options& options, Output& io) {
  return call_and_print(options, io, "chair.status", nullptr,
                        [](const json& result) { return status_text(result); });
}

int statistics(const Options& options, Output& io) {
  return with_client(options, io, [&](ChairClient& client) {
    const auto loop = client.call("diagnostics.loop", nullptr, options.timeout);
    json buses;
    try {
      buses = client.call("diagnostics.buses", nullptr, options.timeout);
    } catch (const RemoteError& e) {
      // A daemon that cannot reach its drives' statistics still has the loop's.
      if (e.code() != kMethodNotFound) throw;
      io.err << "chairctl: this daemon does not offer the buses' statistics\n";
    }
    if (options.json) {
      io.out << json{{"buses", buses.is_object() ? buses["buses"] : json()}, {"loop", loop}}.dump()
             << '\n';
    } else {
      io.out << statistics_text(buses.is_object() ? buses : json::object(), loop);
    }
    return kSuccess;
  });
}

int install_program(const Options& options, Output& io, const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    io.err << "chairctl: cannot read " << file.string() << "; check the path and permissions\n";
    return kUsage;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return call_and_print(
      options, io, "programs.install", json{{"text", text.str()}, {"name", file.string()}},
      [](const json& result) {
        return std::string(result.value("replaced", false) ? "replaced " : "installed ") +
               result.value("id", std::string()) + " as " + result.value("file", std::string()) +
               "\n";
      });
}

int watch(const Options& options, Output& io) {
  return with_client(options, io, [&](ChairClient& client) {
    auto status = client.call("chair.status", nullptr, options.timeout);
    if (session_over(status.value("state", std::string()))) {
      if (options.json) {
        io.out << status.dump() << '\n';
      } else {
        io.out << "no session is running; the chair is " << status.value("state", std::string())
               << "\n";
      }
      return kSuccess;
    }
    const auto subscribed =
        client.call("topics.subscribe",
                    json{{"topics", {{"status", json::array()}, {"progress", json::array()}}},
                         {"max_rate_hz", 5}},
                    options.timeout);
    json current_status = subscribed["current"]["status"];
    json progress = subscribed["current"]["progress"];
    std::string last_drawn;
    const auto draw = [&] {
      const auto text = watch_line(current_status, progress);
      if (text == last_drawn) return;
      last_drawn = text;
      if (options.json) return;
      if (io.terminal) {
        io.out << "\r\033[K" << text << std::flush;
      } else {
        io.out << text << '\n' << std::flush;
      }
    };
    // What the person should know once, each on a line of its own above the watch line: how the
    // scan placed their back, and every part of the program skipped for want of a back.
    bool fit_shown = false;
    std::size_t skipped_shown = 0;
    const auto note = [&](const std::string& text) {
      if (options.json) return;
      io.out << (io.terminal ? "\r\033[K" : "") << text << '\n' << std::flush;
      last_drawn.clear();
    };
    const auto notes = [&] {
      if (const auto fit = fit_text(progress); !fit_shown && !fit.empty()) {
        note("body: " + fit);
        fit_shown = true;
      }
      const auto skipped = progress.value("skipped", json::array());
      for (; skipped_shown < skipped.size(); ++skipped_shown) {
        note("skipped: " + skipped_text(skipped[skipped_shown]));
      }
    };
    notes();
    draw();
    for (;;) {
      auto state = current_status.value("state", std::string());
      // The topics are fed a tick behind chair.status: a session that has only just started may
      // still show the chair ready there. Over is what chair.status says too.
      if (session_over(state)) {
        const auto now = client.call("chair.status", nullptr, options.timeout);
        if (!session_over(now.value("state", std::string()))) state.clear();
      }
      if (!state.empty() && session_over(state)) {
        if (!options.json && io.terminal) io.out << '\n';
        const bool interrupted = state == "fault" || state == "emergency_stop";
        if (!options.json) {
          const auto outcome = progress.value("outcome", std::string());
          io.out << (interrupted ? "the session was interrupted: " +
                                       current_status.value("description", state)
                                 : "the session is over" +
                                       (outcome.empty() ? std::string() : ": " + outcome))
                 << '\n';
        }
        return interrupted ? kSessionInterrupted : kSuccess;
      }
      const auto notification = client.next_notification(std::chrono::seconds(1));
      if (!notification) continue;
      const auto& params = (*notification)["params"];
      if (options.json) io.out << params.dump() << '\n' << std::flush;
      const auto& changed = params.value("changed", json::object());
      if (changed.contains("status")) merge(current_status, changed["status"]);
      if (changed.contains("progress")) merge(progress, changed["progress"]);
      notes();
      draw();
    }
  });
}

}  // namespace chairctl
