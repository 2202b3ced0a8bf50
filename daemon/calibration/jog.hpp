#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "daemon/model/setpoint_source.hpp"
#include "profile/axis_kind.hpp"
#include "units/units.hpp"

// The technician's jog: one linear axis moves toward a target (a step from where it stood) while
// the technician keeps confirming; the supervisor keeps it inside the calibrated range. It is a
// dead-man control: when the confirmations stop for longer than the allowed gap, or the client
// lets go (disconnects), the axis stops where it is and the session ends.
namespace calibration {

// Shared between the client's thread (confirm, let_go) and the jog on the control loop.
class DeadMan {
 public:
  // Whether the client still holds on (its connection is open), asked on the control loop's
  // thread every cycle: none when the client's connection cannot be watched.
  using Holding = std::function<bool()>;

  DeadMan() = default;
  explicit DeadMan(Holding holding) : holding_(std::move(holding)) {}

  void confirm() { confirmations_.fetch_add(1, std::memory_order_relaxed); }
  void let_go() { released_.store(true, std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t confirmations() const {
    return confirmations_.load(std::memory_order_relaxed);
  }
  [[nodiscard]] bool released() const {
    return released_.load(std::memory_order_relaxed) || (holding_ && !holding_());
  }

  // Where the jogged axis stands and where it is going, as the jog last saw it (for width: the
  // rollers' distance apart), for the client.
  void report(units::Millimetres position, units::Millimetres target) {
    position_mm_.store(position.value(), std::memory_order_relaxed);
    target_mm_.store(target.value(), std::memory_order_relaxed);
  }
  [[nodiscard]] units::Millimetres position() const {
    return units::Millimetres(position_mm_.load(std::memory_order_relaxed));
  }
  [[nodiscard]] units::Millimetres target() const {
    return units::Millimetres(target_mm_.load(std::memory_order_relaxed));
  }

 private:
  Holding holding_;
  std::atomic<std::uint64_t> confirmations_{0};
  std::atomic<bool> released_{false};
  std::atomic<double> position_mm_{0.0};
  std::atomic<double> target_mm_{0.0};
};

struct JogSpec {
  hal::AxisKind axis = hal::AxisKind::travel;  // travel or width
  units::Millimetres step{10.0};               // signed: toward the seat / wider when positive
  units::MillimetresPerSecond speed{20.0};
  // The client confirms every 200 ms; a gap this long means it stopped.
  std::chrono::nanoseconds confirm_gap{std::chrono::milliseconds(300)};
};

class Jog final : public control::SetpointSource {
 public:
  Jog(JogSpec spec, std::shared_ptr<DeadMan> dead_man);

  [[nodiscard]] std::string name() const override;
  control::SetpointRequest next(const control::ChairMeasurement& measured,
                                std::chrono::nanoseconds run_time) override;
  [[nodiscard]] bool finished() const override { return stopped_; }

 private:
  JogSpec spec_;
  std::shared_ptr<DeadMan> dead_man_;
  control::ChairSetpoint target_{};
  bool started_ = false;
  bool stopped_ = false;
  std::uint64_t seen_ = 0;
  std::chrono::nanoseconds last_confirmed_{0};
};

}  // namespace calibration
