#include "tests/daemon/campaign/campaign_session.hpp"

#include <functional>
#include <future>
#include <optional>
#include <stdexcept>

#include "daemon/session/massage_session.hpp"
#include "daemon/session/session_length.hpp"
#include "hal/variant/overloaded.hpp"
#include "tests/daemon/campaign/random_body.hpp"
#include "tests/daemon/campaign/random_events.hpp"
#include "tests/daemon/campaign/random_program.hpp"
#include "tests/daemon/session/session_rig.hpp"

namespace campaign {
namespace {

using control::ChairState;
using control::CommandReply;
using control_test::ChairRig;
using session::SessionPhase;
using namespace std::chrono_literals;
using Clock = hal::Clock;

// How long a command may go unanswered before the daemon counts as not answering: a command is
// taken at the next cycle, a reset's homing answers once it has begun.
constexpr std::chrono::nanoseconds kAnswerWithin = 5s;
// Past the program's own length: the scan, pauses, extensions, a reset's homing.
constexpr std::chrono::nanoseconds kOverTime = 20min;

std::string seconds_text(std::chrono::nanoseconds t) {
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(t).count() / 1000.0)
             .substr(0, 8) +
         " s";
}

// The session tests' rig at their 10 Hz, over the in-memory link: the same Modbus frames as on a
// socket, for a fraction of the processor time.
control_test::RigOptions options_for(const sim::BodyConfig& body) {
  auto options = session_test::options_for(body);
  options.link = control_test::RigLink::in_memory;
  return options;
}

// One session's run: applies the script, watches the rules, says how it ended.
class CampaignRun {
 public:
  CampaignRun(std::uint64_t seed, SessionReport& report)
      : report_(&report),
        made_(random_program(seed, checker_)),
        script_(random_events(
            seed, std::chrono::duration_cast<std::chrono::milliseconds>(made_.estimated_duration))),
        rig_(options_for(random_body(seed))) {}

  void run() {
    if (!rig_.bring_to_ready()) {
      problem("the chair did not become ready before the session: " + status());
      return;
    }
    if (!start()) return;
    start_ = rig_.clock().now();
    const auto limit = start_ + made_.estimated_duration + kOverTime;
    while (rig_.clock().now() < limit) {
      fire_due_events();
      rig_.cycle();
      take_answers();
      undo_due_troubles();
      watch();
      if (over()) break;
    }
    report_->simulated = rig_.clock().now() - start_;
    conclude();
  }

 private:
  struct Awaited {
    std::future<CommandReply> reply;
    PanelAction action;
    Clock::time_point asked;
  };

  void problem(std::string what) { report_->problems.push_back(std::move(what)); }
  std::string status() { return rig_.controller().status().describe(); }
  std::chrono::nanoseconds since_start() { return rig_.clock().now() - start_; }

  bool start() {
    auto checked = checker_.check_text(made_.text, "random.toml");
    if (!checked) {
      problem("the program does not check");
      return false;
    }
    const int extensions = session::extensions_needed(*checked, rig_.options().limits);
    auto starting =
        session::prepare_session(std::move(*checked), session_test::setup_of(rig_), {}, nullptr);
    const auto started = rig_.answer(rig_.controller().start_session(std::move(starting.source)));
    if (!started.accepted) {
      problem("the session was refused: " + started.message);
      return false;
    }
    for (int i = 0; i < extensions; ++i) (void)rig_.answer(rig_.controller().extend_session());
    controls_.emplace(std::move(starting.controls));
    return true;
  }

  bool in_a_hold() const {
    const auto p = controls_->progress();
    return p.technique == "compression" && p.doing.starts_with("holding");
  }

  // Each event on its own: one waiting for a hold holds none of the others back.
  void fire_due_events() {
    const auto now = since_start();
    for (std::size_t i = 0; i < script_.events.size(); ++i) {
      const auto& event = script_.events[i];
      if (fired_[i] || now < event.at) continue;
      // An event meant for a hold waits for one, but not past the session or five minutes.
      if (event.in_a_hold && !in_a_hold() && !session_over_ && now < event.at + 5min) continue;
      report_->events.push_back(describe(event) + " (applied at " + seconds_text(now) + ")");
      fired_[i] = true;
      ++fired_count_;
      apply(event.what);
    }
  }

  void apply(const Happening& what) {
    std::visit(variant::Overloaded{
                   [this](PanelAction action) { press(action); },
                   [this](const LinkTrouble& t) { trouble_on_link(t); },
                   [this](const DriveTrouble& t) { trouble_in_drive(t); },
                   [this](const DaemonRestart&) { restart_daemon(); },
               },
               what);
  }

  void press(PanelAction action) {
    auto& c = rig_.controller();
    auto& s = *controls_;
    const auto now = rig_.clock().now();
    const auto awaited = [&](std::future<CommandReply> reply) {
      awaited_.push_back({std::move(reply), action, now});
    };
    switch (action) {
      case PanelAction::more:
        (void)s.more();
        return;
      case PanelAction::less:
        (void)s.less();
        return;
      case PanelAction::focus_up:
        (void)s.focus_up();
        return;
      case PanelAction::focus_down:
        (void)s.focus_down();
        return;
      case PanelAction::tender:
        (void)s.tender();
        return;
      case PanelAction::hold_here:
        (void)s.hold_here();
        return;
      case PanelAction::nudge_up:
        (void)s.nudge_shoulder(-1);
        return;
      case PanelAction::nudge_down:
        (void)s.nudge_shoulder(1);
        return;
      case PanelAction::pause:
        return awaited(c.pause());
      case PanelAction::resume:
        return awaited(c.resume());
      case PanelAction::extend:
        return awaited(c.extend_session());
      case PanelAction::stop:
        return awaited(c.stop_session());
      case PanelAction::emergency_stop:
        c.emergency_stop("the campaign's panel");
        stopped_for_good_ = true;
        return;
      case PanelAction::reset:
        return awaited(c.reset());
    }
  }

  void trouble_on_link(const LinkTrouble& t) {
    troubled_ = true;
    sim::LinkFaultsChange change;
    change.drop = t.drop;
    change.corrupt = t.corrupt;
    change.delay = t.delay;
    change.silent = t.silent;
    std::optional<std::uint8_t> unit;
    if (t.axis) unit = rig_.chair().unit_of(*t.axis);
    rig_.link().change(change, unit);
    undo_.push_back({rig_.clock().now() + t.lasting, [this] { rig_.link().clear(); }});
  }

  void trouble_in_drive(const DriveTrouble& t) {
    troubled_ = true;
    auto& chair = rig_.chair();
    switch (t.kind) {
      case DriveTrouble::Kind::alarm:
        try {
          chair.raise_alarm(t.axis, t.alarm);
        } catch (const std::invalid_argument& e) {
          report_->events.push_back(std::string("  not applied: ") + e.what());
        }
        return;
      case DriveTrouble::Kind::reboot:
        chair.reboot(t.axis);
        return;
      case DriveTrouble::Kind::stall:
        chair.set_stalled(t.axis, true);
        undo_.push_back({rig_.clock().now() + t.lasting,
                         [this, axis = t.axis] { rig_.chair().set_stalled(axis, false); }});
        return;
    }
  }

  void restart_daemon() {
    troubled_ = true;
    // The process dies with its session; the drives, left without their master, stop on their
    // own; the daemon comes back as it starts at boot, waiting for its start-up reset.
    awaited_.clear();
    rig_.restart_daemon();
    stopped_for_good_ = true;
    session_over_ = true;
    // Someone resets the chair, as after any start: again a second later while the daemon
    // refuses (the depth drive still retracting after its master fell silent, say).
    if (!reset_after_restart()) {
      problem("the chair did not come back after a restart: " + status());
    }
  }

  bool reset_after_restart() {
    constexpr auto kGiveUp = 60s;
    const auto give_up = rig_.clock().now() + kGiveUp;
    while (rig_.clock().now() < give_up) {
      const auto s = rig_.controller().status();
      if (s.state == ChairState::ready) return true;
      const bool waiting_for_reset = s.state == ChairState::starting && s.latched &&
                                     s.cause.starts_with("the drives are ready");
      if (waiting_for_reset && !rig_.answer(rig_.controller().reset()).accepted) rig_.run_for(1s);
      rig_.cycle();
    }
    return rig_.state() == ChairState::ready;
  }

  void take_answers() {
    const auto now = rig_.clock().now();
    for (auto it = awaited_.begin(); it != awaited_.end();) {
      if (it->reply.wait_for(0s) == std::future_status::ready) {
        const auto reply = it->reply.get();
        if (reply.accepted && it->action == PanelAction::pause) {
          paused_ = true;
          elapsed_at_pause_ = controls_->progress().elapsed;
        }
        if (reply.accepted && it->action == PanelAction::resume) paused_ = false;
        if (reply.accepted && it->action == PanelAction::stop) stopped_for_good_ = true;
        it = awaited_.erase(it);
      } else if (now - it->asked > kAnswerWithin) {
        problem("the daemon did not answer a panel command within 5 s (at " +
                seconds_text(since_start()) + "): " + status());
        it = awaited_.erase(it);
      } else {
        ++it;
      }
    }
  }

  void undo_due_troubles() {
    const auto now = rig_.clock().now();
    for (auto it = undo_.begin(); it != undo_.end();) {
      if (now >= it->first) {
        it->second();
        it = undo_.erase(it);
      } else {
        ++it;
      }
    }
  }

  void watch() {
    const auto state = rig_.state();
    const auto p = controls_->progress();
    const bool ended = p.phase == SessionPhase::finished || p.phase == SessionPhase::ended;
    if (ended) session_over_ = true;
    const bool moving_on = state == ChairState::running;
    if (moving_on && session_over_ && !reported_resumed_) {
      reported_resumed_ = true;
      problem("the chair runs again after the session was over, at " + seconds_text(since_start()) +
              ": " + status());
    }
    if (moving_on && stopped_for_good_ && !reported_resumed_) {
      reported_resumed_ = true;
      problem("the chair runs again after a stop, an emergency stop or a restart, at " +
              seconds_text(since_start()) + ": " + status());
    }
    // A paused program's clock stands still; one period's slack for the cycle that paused it.
    if (paused_ && !session_over_ && !reported_paused_ &&
        p.elapsed > elapsed_at_pause_ + rig_.period() * 2) {
      reported_paused_ = true;
      problem("the program went on while paused, at " + seconds_text(since_start()) + ": " +
              status());
    }
    if (state == ChairState::fault && !troubled_ && !reported_fault_) {
      reported_fault_ = true;
      problem("a fault with nothing in the script to cause it, at " + seconds_text(since_start()) +
              ": " + status());
    }
  }

  bool over() {
    if (fired_count_ < script_.events.size() || !awaited_.empty() || !undo_.empty()) return false;
    const auto state = rig_.state();
    const bool still = state == ChairState::ready || state == ChairState::fault ||
                       state == ChairState::emergency_stop;
    return still && (session_over_ || stopped_for_good_);
  }

  void conclude() {
    for (const auto& finding : rig_.chair().observer_findings()) {
      report_->unsafe.push_back(finding.describe());
    }
    if (const auto dropped = rig_.chair().observer_dropped(); dropped > 0) {
      report_->unsafe.push_back(std::to_string(dropped) + " more findings beyond those kept");
    }
    const auto p = controls_ ? controls_->progress() : session::SessionProgress{};
    const auto state = rig_.state();
    if (p.phase == SessionPhase::finished) {
      report_->ending = p.outcome;
    } else if (p.phase == SessionPhase::ended) {
      report_->ending = "ended: " + p.outcome;
      // A session ends early for a reason: the person, a fault, a restart, or a body the scan
      // could not fit (which it says).
      if (!stopped_for_good_ && !troubled_ && p.outcome.find("scan") == std::string::npos) {
        problem("the session ended with nothing in the script to end it: " + p.outcome);
      }
    } else if (state == ChairState::paused && paused_) {
      report_->ending = "paused on the panel, never resumed, until the campaign's limit";
    } else if (stopped_for_good_ && state != ChairState::running) {
      report_->ending = "stopped: " + status();
    } else {
      report_->ending = "unfinished: " + status();
      problem("the session neither ended nor stood still within " +
              seconds_text(made_.estimated_duration + kOverTime) + ": " + status());
    }
    if (state == ChairState::fault) {
      const auto s = rig_.controller().status();
      if (s.cause.empty()) problem("the chair ended in a fault that names no cause");
      report_->ending += " (fault: " + s.describe() + ")";
    }
  }

  SessionReport* report_;
  programs::ProgramChecker checker_;
  RandomProgram made_;
  EventScript script_;
  ChairRig rig_;
  std::optional<session::SessionControls> controls_;
  Clock::time_point start_{};
  std::vector<bool> fired_ = std::vector<bool>(script_.events.size(), false);
  std::size_t fired_count_ = 0;
  std::vector<Awaited> awaited_;
  std::vector<std::pair<Clock::time_point, std::function<void()>>> undo_;
  bool troubled_ = false;
  bool paused_ = false;
  std::chrono::nanoseconds elapsed_at_pause_{0};
  bool session_over_ = false;
  bool stopped_for_good_ = false;
  bool reported_resumed_ = false;
  bool reported_paused_ = false;
  bool reported_fault_ = false;
};

}  // namespace

std::string replay_command(std::uint64_t seed) {
  // From the test command's g++ build tree; any build tree has it at the same place.
  return "build/test-gcc/tests/daemon/benchmarks/campaign_benchmark --seed " +
         std::to_string(seed) + " --verbose";
}

std::string SessionReport::describe() const {
  std::string text = "campaign session, seed " + std::to_string(seed) + ": " +
                     (passed() ? "passed" : "FAILED") + "; " + ending + "\n";
  for (const auto& u : unsafe) text += "  unsafe: " + u + "\n";
  for (const auto& p : problems) text += "  problem: " + p + "\n";
  for (const auto& e : events) text += "  event " + e + "\n";
  text += "  replay: " + replay_command(seed) + "\n";
  return text;
}

SessionReport run_campaign_session(std::uint64_t seed) {
  SessionReport report;
  report.seed = seed;
  CampaignRun run(seed, report);
  run.run();
  return report;
}

}  // namespace campaign
