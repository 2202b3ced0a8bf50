// chairctl: the massage chair from a terminal, through the daemon's API (docs/api.md).

#include <unistd.h>

#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "daemon/chairctl/commands.hpp"
#include "daemon/chairctl/exit_code.hpp"
#include "daemon/chairctl/program_files.hpp"
#include "daemon/chairctl/status_text.hpp"
#include "daemon/chairctl/technician_commands.hpp"
#include "daemon/chairctl/technician_text.hpp"

using nlohmann::json;

namespace {

constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0  done\n"
    "  1  the daemon refused or could not do it (the message says why)\n"
    "  2  the command line is wrong\n"
    "  3  the daemon cannot be reached: not running, no socket, no answer\n"
    "  4  permission denied: the socket, or the role the command needs\n"
    "  5  a program file has errors (programs check, programs install)\n"
    "  6  watch: the session was interrupted by a fault or an emergency stop\n"
    "\n"
    "The socket is /run/massaged/api.sock unless --socket says otherwise. docs/api.md describes "
    "the API behind every command.";

std::string message_of(const json& result) {
  return result.value("message", std::string("done")) + "\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("chairctl: the massage chair from a terminal", "chairctl");
  app.set_version_flag("--version", std::string("chairctl ") + MASSAGED_VERSION);
  app.footer(kExitCodes);
  app.require_subcommand(1);

  chairctl::Options options;
  std::string socket = options.socket.string();
  int timeout_s = 10;
  app.add_option("--socket", socket, "The daemon's API socket")
      ->capture_default_str()
      ->type_name("PATH");
  app.add_flag("--json", options.json, "Print the daemon's answers as JSON, one per line");
  app.add_option("--timeout", timeout_s, "Seconds to wait for an answer")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));

  chairctl::Output io{std::cout, std::cerr, ::isatty(STDOUT_FILENO) == 1};
  std::function<int()> run;
  const auto simple = [&](const char* name, const char* help, const char* method) {
    app.add_subcommand(name, help)->callback([&run, &options, &io, method] {
      run = [&options, &io, method] { return chairctl::session_command(options, io, method); };
    });
  };

  app.add_subcommand("info", "Who answers on the socket: version, state, your role")->callback([&] {
    run = [&] {
      return chairctl::call_and_print(options, io, "server.info", nullptr, [](const json& r) {
        return "massaged " + r.value("version", std::string()) + ", API " +
               std::to_string(r.value("api_version", 0)) + ", " + r.value("state", std::string()) +
               "; your role: " + r.value("role", std::string()) + "\n";
      });
    };
  });
  app.add_subcommand("status", "The chair's state, a fault, the session")->callback([&] {
    run = [&] { return chairctl::status(options, io); };
  });

  std::string program;
  int intensity = 0;
  int minutes = 0;
  std::string user;
  auto* start = app.add_subcommand("start", "Start a session with a program");
  start->add_option("PROGRAM", program, "The program's id (chairctl programs list)")->required();
  start->add_option("--intensity", intensity, "The firmest intensity you accept, 1..10")
      ->check(CLI::Range(1, 10));
  start->add_option("--minutes", minutes, "How long the session lasts, in minutes")
      ->check(CLI::Range(1, 60));
  start->add_option("--user", user, "Whose kept shoulder position to use and keep");
  start->callback([&] {
    run = [&] {
      json params{{"program", program}};
      if (intensity > 0) params["intensity"] = intensity;
      if (minutes > 0) params["minutes"] = minutes;
      if (!user.empty()) params["user"] = user;
      return chairctl::call_and_print(options, io, "session.start", params, message_of);
    };
  });
  simple("pause", "Pause the session: the rollers retract", "session.pause");
  simple("resume", "Resume the paused session", "session.resume");
  simple("stop", "End the session: the rollers retract and park", "session.stop");
  simple("extend", "Add time to the session", "session.extend");
  simple("more", "Firmer", "session.more");
  simple("less", "Lighter", "session.less");
  simple("up", "Work a level higher up the back", "session.focus_up");
  simple("down", "Work a level lower down the back", "session.focus_down");
  simple("tender", "That spot is tender: lighter there from now on", "session.tender");
  simple("hold", "Hold here: press the present spot", "session.hold_here");
  simple("estop", "Emergency stop: every drive stops at once; chairctl reset clears it",
         "chair.emergency_stop");
  simple("reset", "Clear the emergency-stop latch once its cause is gone", "chair.reset");
  app.add_subcommand("watch", "Follow the session live until it ends")->callback([&] {
    run = [&] { return chairctl::watch(options, io); };
  });
  app.add_subcommand("faults", "The fault now and those since the daemon started")->callback([&] {
    run = [&] {
      return chairctl::call_and_print(options, io, "faults.list", nullptr,
                                      [](const json& r) { return chairctl::faults_text(r); });
    };
  });
  app.add_subcommand("diagnostics", "Technician: every axis live")->callback([&] {
    run = [&] {
      return chairctl::call_and_print(options, io, "diagnostics.axes", nullptr,
                                      [](const json& r) { return chairctl::axes_text(r); });
    };
  });
  app.add_subcommand("stats", "Technician: the control loop's timing and every bus's statistics")
      ->callback([&] { run = [&] { return chairctl::statistics(options, io); }; });

  chairctl::CalibrateOptions calibrate;
  double reference = 0.0;
  auto* calibrate_command = app.add_subcommand(
      "calibrate",
      "Technician: calibrate the force sensor, the travel, the width or the depth's zero, step by "
      "step");
  calibrate_command->add_option("PROCEDURE", calibrate.procedure, "force, travel, width or depth")
      ->required()
      ->check(CLI::IsMember({"force", "travel", "width", "depth"}));
  calibrate_command->add_flag("--yes", calibrate.yes,
                              "Confirm every step and the commit without asking");
  calibrate_command
      ->add_option("--reference", reference,
                   "The reference load placed on the rollers, in newtons (force)")
      ->check(CLI::Range(1.0, 500.0));
  calibrate_command->callback([&] {
    if (reference > 0.0) calibrate.reference_newtons = reference;
    run = [&] { return chairctl::calibrate(options, io, std::cin, calibrate); };
  });
  app.add_subcommand("calibration", "Technician: the calibration in use, its file, what is staged")
      ->callback([&] {
        run = [&] {
          return chairctl::call_and_print(
              options, io, "calibration.show", nullptr,
              [](const json& r) { return chairctl::calibration_text(r); });
        };
      });
  std::string jog_axis;
  double jog_step = 0.0;
  double jog_speed = 20.0;
  auto* jog = app.add_subcommand(
      "jog", "Technician: move travel or width by a step while chairctl holds the dead man");
  jog->add_option("AXIS", jog_axis, "travel or width")
      ->required()
      ->check(CLI::IsMember({"travel", "width"}));
  jog->add_option("STEP_MM", jog_step, "Millimetres to move; negative: toward the neck, narrower")
      ->required()
      ->check(CLI::Range(-1200.0, 1200.0));
  jog->add_option("--speed", jog_speed, "Millimetres per second, 1..50")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 50.0));
  jog->callback(
      [&] { run = [&] { return chairctl::jog(options, io, jog_axis, jog_step, jog_speed); }; });

  app.add_subcommand("self-test",
                     "Technician: each axis moves through a short pattern; nobody in the chair")
      ->callback([&] { run = [&] { return chairctl::self_test(options, io); }; });
  int register_unit = 0;
  std::string register_bus;
  std::vector<std::string> register_names;
  auto* registers = app.add_subcommand(
      "registers", "Technician: a drive's raw registers, read by their names in its profile");
  registers->add_option("UNIT", register_unit, "The drive's Modbus unit id")
      ->required()
      ->check(CLI::Range(1, 247));
  registers->add_option("NAME", register_names,
                        "Registers to read (status.position, or position); every one by default");
  registers->add_option("--bus", register_bus, "The bus, when the unit id is on several");
  registers->callback([&] {
    run = [&] {
      json params{{"unit", register_unit}};
      if (!register_names.empty()) params["names"] = register_names;
      if (!register_bus.empty()) params["bus"] = register_bus;
      return chairctl::call_and_print(options, io, "diagnostics.registers", params,
                                      [](const json& r) { return chairctl::registers_text(r); });
    };
  });

  auto* programs = app.add_subcommand("programs", "The massage programs");
  programs->require_subcommand(1);
  programs->add_subcommand("list", "The programs a session may run")->callback([&] {
    run = [&] {
      return chairctl::call_and_print(options, io, "programs.list", nullptr,
                                      [](const json& r) { return chairctl::programs_text(r); });
    };
  });
  std::string program_id;
  auto* show = programs->add_subcommand("show", "A program and its steps");
  show->add_option("ID", program_id, "The program's id")->required();
  show->callback([&] {
    run = [&] {
      return chairctl::call_and_print(options, io, "programs.describe", json{{"id", program_id}},
                                      [](const json& r) { return chairctl::program_text(r); });
    };
  });
  std::vector<std::string> files;
  auto* check = programs->add_subcommand(
      "check", "Check program files with the daemon's checker; needs no daemon");
  check->add_option("FILE", files, "Program files (.toml)")->required();
  check->callback([&] {
    run = [&] {
      return chairctl::check_program_files({files.begin(), files.end()}, options.json, io.out);
    };
  });
  std::string install_file;
  auto* install = programs->add_subcommand("install", "OEM: check and install a program file");
  install->add_option("FILE", install_file, "The program file (.toml)")->required();
  install->callback(
      [&] { run = [&] { return chairctl::install_program(options, io, install_file); }; });
  auto* remove = programs->add_subcommand("remove", "OEM: remove an installed program");
  remove->add_option("ID", program_id, "The program's id")->required();
  remove->callback([&] {
    run = [&] {
      return chairctl::call_and_print(
          options, io, "programs.remove", json{{"id", program_id}},
          [](const json& r) { return "removed " + r.value("id", std::string()) + "\n"; });
    };
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? chairctl::kSuccess : chairctl::kUsage;
  }
  options.socket = socket;
  options.timeout = std::chrono::seconds(timeout_s);
  return run ? run() : chairctl::kUsage;
}
