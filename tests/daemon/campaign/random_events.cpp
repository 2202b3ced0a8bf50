#include "tests/daemon/campaign/random_events.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "hal/variant/overloaded.hpp"
#include "tests/daemon/campaign/seeded_draws.hpp"

namespace campaign {
namespace {

using std::chrono::milliseconds;
using namespace std::chrono_literals;

// The body scan comes first and takes about this long; a share of the events falls in it.
constexpr milliseconds kScan{40s};

constexpr std::array<std::string_view, kPanelActions> kActionNames = {
    "more",       "less",  "focus up", "focus down", "tender", "hold here",      "nudge up",
    "nudge down", "pause", "resume",   "extend",     "stop",   "emergency stop", "reset"};

milliseconds draw_moment(SeededDraws& draws, milliseconds session_length) {
  if (draws.chance(25)) return milliseconds(draws.between(0, static_cast<int>(kScan.count())));
  return kScan + milliseconds(draws.between(0, static_cast<int>(session_length.count())));
}

PanelAction draw_action(SeededDraws& draws) {
  // The adjustments are what people press most; a stop or an emergency stop ends the session.
  const int roll = draws.between(1, 100);
  if (roll <= 60) return static_cast<PanelAction>(draws.between(0, 7));  // more .. nudge down
  if (roll <= 80) return draws.chance(50) ? PanelAction::pause : PanelAction::resume;
  if (roll <= 88) return PanelAction::extend;
  if (roll <= 94) return PanelAction::stop;
  return PanelAction::emergency_stop;
}

LinkTrouble draw_link_trouble(SeededDraws& draws) {
  LinkTrouble trouble;
  switch (draws.between(0, 3)) {
    case 0:
      trouble.drop = draws.between(0.1, 1.0, 0.1);
      break;
    case 1:
      trouble.corrupt = draws.between(0.1, 1.0, 0.1);
      break;
    case 2:
      trouble.delay = milliseconds(draws.between(5, 200));
      break;
    default:
      trouble.silent = true;
      break;
  }
  if (draws.chance(50))
    trouble.axis = draws.pick(std::span<const hal::AxisKind>(hal::kAllAxisKinds));
  trouble.lasting = milliseconds(draws.between(50, 5000));
  return trouble;
}

DriveTrouble draw_drive_trouble(SeededDraws& draws) {
  DriveTrouble trouble;
  trouble.axis = draws.pick(std::span<const hal::AxisKind>(hal::kAllAxisKinds));
  switch (draws.between(0, 2)) {
    case 0:
      trouble.kind = DriveTrouble::Kind::alarm;
      trouble.alarm = hal::kAlarmKindKeys[static_cast<std::size_t>(
                                              draws.between(0, hal::kAlarmKindKeys.size() - 1))]
                          .second;
      break;
    case 1:
      trouble.kind = DriveTrouble::Kind::reboot;
      break;
    default:
      trouble.kind = DriveTrouble::Kind::stall;
      trouble.lasting = milliseconds(draws.between(100, 3000));
      break;
  }
  return trouble;
}

std::string seconds_text(milliseconds t) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f s", static_cast<double>(t.count()) / 1000.0);
  return text;
}

std::string where(const std::optional<hal::AxisKind>& axis) {
  return axis ? std::string(hal::to_string(*axis)) : std::string("the whole bus");
}

}  // namespace

EventScript random_events(std::uint64_t seed, milliseconds session_length) {
  // Another stream than the program's and the body's of the same seed.
  SeededDraws draws(seed ^ 0xE7E27E27E27E27E2ULL);
  EventScript script;
  const int actions = draws.between(0, 6);
  // An emergency stop is followed, after a while, by a reset, as a technician or the person
  // would do.
  const auto press = [&](milliseconds at, bool in_a_hold, PanelAction action) {
    script.events.push_back({at, in_a_hold, action});
    if (action == PanelAction::emergency_stop) {
      script.events.push_back(
          {at + milliseconds(draws.between(0, 5000)), false, PanelAction::reset});
    }
  };
  for (int i = 0; i < actions; ++i) {
    const auto at = draw_moment(draws, session_length);
    press(at, draws.chance(20), draw_action(draws));
    // Now and then a second press in the same moment.
    if (draws.chance(10)) press(at, false, draw_action(draws));
  }
  if (draws.chance(30)) {
    script.events.push_back(
        {draw_moment(draws, session_length), draws.chance(20), draw_link_trouble(draws)});
  }
  if (draws.chance(20)) {
    script.events.push_back(
        {draw_moment(draws, session_length), draws.chance(20), draw_drive_trouble(draws)});
  }
  if (draws.chance(5)) {
    script.events.push_back({draw_moment(draws, session_length), false, DaemonRestart{}});
  }
  std::stable_sort(script.events.begin(), script.events.end(),
                   [](const Event& a, const Event& b) { return a.at < b.at; });
  return script;
}

std::string describe(const Event& event) {
  const auto what = std::visit(
      variant::Overloaded{
          [](PanelAction action) {
            return "the panel: " + std::string(kActionNames[static_cast<std::size_t>(action)]);
          },
          [](const LinkTrouble& t) {
            std::string text = "link trouble on " + where(t.axis) + ": ";
            if (t.drop > 0.0) text += std::to_string(static_cast<int>(t.drop * 100)) + " % dropped";
            if (t.corrupt > 0.0) {
              text += std::to_string(static_cast<int>(t.corrupt * 100)) + " % broken";
            }
            if (t.delay > 0ms) text += std::to_string(t.delay.count()) + " ms late";
            if (t.silent) text += "no answers";
            return text + " for " + seconds_text(t.lasting);
          },
          [](const DriveTrouble& t) {
            const auto axis = std::string(hal::to_string(t.axis));
            switch (t.kind) {
              case DriveTrouble::Kind::alarm:
                return axis + " drive raises alarm " + std::string(hal::alarm_kind_key(t.alarm));
              case DriveTrouble::Kind::reboot:
                return axis + " drive power-cycles";
              case DriveTrouble::Kind::stall:
                return axis + " mechanism jams for " + seconds_text(t.lasting);
            }
            return axis;
          },
          [](const DaemonRestart&) { return std::string("the daemon restarts"); },
      },
      event.what);
  return "at " + seconds_text(event.at) + (event.in_a_hold ? " during a hold" : "") + ": " + what;
}

}  // namespace campaign
