#include "modbus/chair_drives.hpp"

#include <exception>
#include <future>
#include <stdexcept>
#include <string>
#include <utility>

namespace hal {
namespace {

template <class Call>
std::vector<DriveError> on_every_bus(std::vector<std::unique_ptr<DriveBus>>& buses, Call call) {
  std::vector<std::future<std::vector<DriveError>>> pending;
  for (auto& bus : buses) {
    pending.push_back(std::async(std::launch::async, [&bus, &call] { return call(*bus); }));
  }
  std::vector<DriveError> errors;
  for (auto& p : pending) {
    for (auto& e : p.get()) errors.push_back(std::move(e));
  }
  return errors;
}

}  // namespace

ChairDrives::ChairDrives(std::vector<BusConfig> buses, const Clock& clock) : clock_(&clock) {
  if (buses.empty()) throw std::invalid_argument("the chair has no buses configured");
  for (auto& config : buses) buses_.push_back(std::make_unique<DriveBus>(std::move(config), clock));
}

std::vector<DriveError> ChairDrives::connect() {
  return on_every_bus(buses_, [](DriveBus& bus) { return bus.connect(); });
}

std::vector<DriveError> ChairDrives::activate() {
  return on_every_bus(buses_, [](DriveBus& bus) { return bus.activate(); });
}

std::vector<DriveError> ChairDrives::deactivate() {
  return on_every_bus(buses_, [](DriveBus& bus) { return bus.deactivate(); });
}

void ChairDrives::disconnect() {
  for (auto& bus : buses_) bus->disconnect();
}

CycleReport ChairDrives::cycle(std::chrono::microseconds budget) {
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + budget;
  // Only a caller running cycles back to back polls for their results: a paced control loop
  // sleeps until each result, as any waiting thread.
  const bool polls = start - last_cycle_end_ <= DriveBus::kBackToBack && result_poll_.worthwhile();
  std::vector<PendingCycle> pending;
  pending.reserve(buses_.size());
  for (auto& bus : buses_) pending.push_back(bus->start_cycle(polls));

  CycleReport report;
  std::size_t drives = 0;
  for (const auto& bus : buses_) drives += bus->size();
  report.axes.reserve(drives);
  for (std::size_t b = 0; b < buses_.size(); ++b) {
    auto& bus = *buses_[b];
    std::optional<DriveBus::CycleResult> result;
    std::string failure;
    try {
      result = pending[b].wait_until(deadline, result_poll_);
      if (!result) {
        failure = "the cycle did not finish within " + std::to_string(budget.count()) + " µs";
      }
    } catch (const std::exception& e) {
      failure = std::string("the bus thread failed: ") + e.what();
    }
    const auto now = clock_->now();
    for (std::size_t i = 0; i < bus.size(); ++i) {
      auto& channel = bus.channel(i);
      AxisOutcome outcome{bus.name(), channel.kind(), channel.unit(),
                          result::unexpected(DriveError{})};
      if (result) {
        auto& one = (*result)[i];
        if (one) {
          outcome.reading = axis_reading(channel.kind(), *one, now);
        } else {
          outcome.reading = result::unexpected(one.error());
        }
      } else {
        outcome.reading =
            result::unexpected(channel.error(DriveErrorKind::overrun, "running a cycle", failure));
      }
      report.axes.push_back(std::move(outcome));
    }
  }
  last_cycle_end_ = std::chrono::steady_clock::now();
  return report;
}

void ChairDrives::quick_stop() {
  for (auto& bus : buses_) bus->quick_stop();
}

void ChairDrives::serve_pending_stops() {
  for (auto& bus : buses_) bus->serve_pending_stop();
}

DriveChannel& ChairDrives::channel_of(AxisKind kind) {
  for (auto& bus : buses_) {
    for (std::size_t i = 0; i < bus->size(); ++i) {
      if (bus->channel(i).kind() == kind) return bus->channel(i);
    }
  }
  throw std::invalid_argument("no " + std::string(to_string(kind)) +
                              " drive is configured on any bus");
}

LinearAxis ChairDrives::linear(AxisKind kind) {
  if (is_rotary(kind)) {
    throw std::invalid_argument("the " + std::string(to_string(kind)) +
                                " axis is rotary; ask for rotary()");
  }
  return LinearAxis(channel_of(kind));
}

RotaryAxis ChairDrives::rotary(AxisKind kind) {
  if (!is_rotary(kind)) {
    throw std::invalid_argument("the " + std::string(to_string(kind)) +
                                " axis is linear; ask for linear()");
  }
  return RotaryAxis(channel_of(kind));
}

const DriveChannel& ChairDrives::channel_at(DrivePlace at) const {
  return bus_at(at.bus).channel(at.drive);
}

const std::string& ChairDrives::bus_name(std::size_t bus) const { return bus_at(bus).name(); }

std::string ChairDrives::bus_link(std::size_t bus) const {
  return link_text(bus_at(bus).config().link);
}

bool ChairDrives::link_up(std::size_t bus) const { return bus_at(bus).link_up(); }

TransactionStatistics ChairDrives::bus_statistics(std::size_t bus) const {
  return bus_at(bus).statistics();
}

QuickStopRecord ChairDrives::last_quick_stop(std::size_t bus) const {
  return bus_at(bus).last_quick_stop();
}

TransactionStatistics ChairDrives::statistics() const {
  TransactionStatistics all;
  for (const auto& bus : buses_) all.merge(bus->statistics());
  return all;
}

std::size_t ChairDrives::drive_count(std::size_t bus) const { return bus_at(bus).size(); }

AxisKind ChairDrives::axis(DrivePlace at) const { return channel_at(at).kind(); }

int ChairDrives::unit(DrivePlace at) const { return channel_at(at).unit(); }

const ActuatorProfile& ChairDrives::profile(DrivePlace at) const {
  return channel_at(at).profile();
}

AxisState ChairDrives::state(DrivePlace at) const { return channel_at(at).state(); }

std::optional<DriveIdentity> ChairDrives::identity(DrivePlace at) const {
  return channel_at(at).identity();
}

std::optional<DriveReading> ChairDrives::reading(DrivePlace at) const {
  return channel_at(at).reading();
}

TransactionStatistics ChairDrives::drive_statistics(DrivePlace at) const {
  return channel_at(at).statistics().snapshot();
}

// Logically const: the read is the bus thread's job, and it writes nothing to the drive.
std::future<DrivesView::RegisterValues> ChairDrives::read_registers(
    DrivePlace at, std::vector<RegisterSpec> specs) const {
  return buses_.at(at.bus)->read_drive_registers(at.drive, std::move(specs));
}

}  // namespace hal
