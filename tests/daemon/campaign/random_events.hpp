#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "profile/actuator_profile.hpp"
#include "profile/axis_kind.hpp"

// What happens to a campaign's session besides its program: the person and the panel at random
// moments (during the body scan, during a hold, two at once), and faults of the link, the drives
// and the daemon. A script of events, made from a seed, replayed exactly from it.
namespace campaign {

// What the person does on the panel, or a technician's reset after an emergency stop.
enum class PanelAction {
  more,
  less,
  focus_up,
  focus_down,
  tender,
  hold_here,
  nudge_up,
  nudge_down,
  pause,
  resume,
  extend,
  stop,
  emergency_stop,
  reset,
};
inline constexpr int kPanelActions = 14;

// The link misbehaves for a while: answers dropped, broken (a bad CRC or a malformed frame),
// late, or none at all (the bus gone), for the whole bus or one drive.
struct LinkTrouble {
  double drop = 0.0;
  double corrupt = 0.0;
  std::chrono::milliseconds delay{0};
  bool silent = false;
  std::optional<hal::AxisKind> axis;  // none: the whole bus
  std::chrono::milliseconds lasting{0};
};

// A drive's own trouble: an alarm of a kind, a power cycle, a jammed mechanism for a while.
struct DriveTrouble {
  enum class Kind { alarm, reboot, stall };
  Kind kind = Kind::alarm;
  hal::AxisKind axis = hal::AxisKind::travel;
  hal::AlarmKind alarm = hal::AlarmKind::other;  // for an alarm
  std::chrono::milliseconds lasting{0};          // for a stall
};

// The daemon's process dies and starts again, the drives left as they are.
struct DaemonRestart {};

using Happening = std::variant<PanelAction, LinkTrouble, DriveTrouble, DaemonRestart>;

struct Event {
  // From the session's start.
  std::chrono::milliseconds at{0};
  // Then waits for the next hold of a compression, if there is one.
  bool in_a_hold = false;
  Happening what;
};

struct EventScript {
  // In time order; two events at the same moment happen in the same control cycle.
  std::vector<Event> events;
};

// `session_length`: the program's estimate; events fall in it, a few in the body scan before it.
[[nodiscard]] EventScript random_events(std::uint64_t seed,
                                        std::chrono::milliseconds session_length);

// "at 12.340 s during a hold: link trouble on width: 30 % dropped for 2.000 s", for a report.
[[nodiscard]] std::string describe(const Event& event);

}  // namespace campaign
