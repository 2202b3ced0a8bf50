#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>

#include <nlohmann/json.hpp>

#include "daemon/control/chair_state.hpp"

// The faults and emergency stops since the daemon started, newest last, as the panel and the
// technician look them up (faults.list) and subscribers hear of them (the faults topic). The
// chair's status is sampled on the main loop; each latching of fault or emergency_stop is one
// record. Kept in memory, the last kKept of them.
namespace massaged {

class FaultHistory {
 public:
  static constexpr std::size_t kKept = 100;

  // Notes the chair's status at `now` (wall clock); returns the record when the chair has just
  // latched a fault or an emergency stop that is not recorded yet.
  std::optional<nlohmann::json> observe(const control::ChairStatus& status,
                                        std::chrono::system_clock::time_point now);

  // {"current": the latch set now (its state, kind, summary, detail, fault), or null;
  // "history": every record kept, each with its "time"}.
  [[nodiscard]] nlohmann::json to_json(const control::ChairStatus& status) const;
  [[nodiscard]] const std::deque<nlohmann::json>& records() const { return records_; }

 private:
  std::deque<nlohmann::json> records_;
  // The latch last recorded: its state and when the chair entered it.
  std::optional<std::pair<control::ChairState, hal::Clock::time_point>> recorded_;
};

}  // namespace massaged
