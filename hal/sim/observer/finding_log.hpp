#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/observer/finding.hpp"
#include "sim/observer/observed_world.hpp"

// The safety observer's record. A rule flags an unsafe state on every step it holds; the record
// makes one finding of each unbroken run of steps, keeps its worst value and when it ended, and
// tells its listener once, when it begins. Flagging a state already open allocates nothing.
namespace sim {

class FindingLog {
 public:
  using Listener = std::function<void(const Finding&)>;
  // Which way a value gets worse: a force upward, a distance from the spine downward.
  enum class Worse { higher, lower };

  // Beyond `capacity` findings, further ones are counted, not kept: a run gone wrong from the
  // start cannot fill the memory.
  explicit FindingLog(std::size_t capacity = 1000);

  void flag(ObserverRule rule, std::optional<hal::AxisKind> axis, const ObservedWorld& world,
            const UnderRollers& under, double value, double limit, std::string_view unit,
            Worse worse = Worse::higher);
  // Ends the step: a state not flagged during it is over.
  void end_step();

  [[nodiscard]] const std::vector<Finding>& findings() const { return findings_; }
  [[nodiscard]] std::size_t dropped() const { return dropped_; }
  void set_listener(Listener listener) { listener_ = std::move(listener); }

 private:
  static constexpr std::size_t kSlots = kObserverRuleCount * (hal::kAllAxisKinds.size() + 1);
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  std::size_t capacity_;
  std::vector<Finding> findings_;
  std::size_t dropped_ = 0;
  // Per rule and axis: the open finding (kNone when the state is not under way) and whether it
  // was flagged this step.
  std::array<std::size_t, kSlots> open_{};
  std::array<bool, kSlots> flagged_{};
  std::array<bool, kSlots> dropping_{};  // over capacity: counted once, not kept
  Listener listener_;
};

}  // namespace sim
