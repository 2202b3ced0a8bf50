#include "sim/chair/simulated_chair.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace sim {
namespace {

std::size_t index_of(hal::AxisKind axis) {
  const auto& all = hal::kAllAxisKinds;
  return static_cast<std::size_t>(std::find(all.begin(), all.end(), axis) - all.begin());
}

double power_up_position(const PowerUpPositions& p, hal::AxisKind axis) {
  switch (axis) {
    case hal::AxisKind::travel:
      return p.travel.value();
    case hal::AxisKind::width:
      return p.width.value();
    case hal::AxisKind::depth:
      return p.depth.value();
    case hal::AxisKind::knead:
      return p.knead.value();
    case hal::AxisKind::tap:
      return p.tap.value();
  }
  return 0.0;
}

const ChairConfig& checked(const ChairConfig& config) {
  check_chair_config(config);
  return config;
}

}  // namespace

SimulatedChair::SimulatedChair(ChairConfig config)
    : config_(checked(config)),
      map_(config_.profile),
      body_(config_.body),
      load_cell_(config_.load_cell, config_.seed) {
  drives_.reserve(hal::kAllAxisKinds.size());
  for (std::size_t i = 0; i < hal::kAllAxisKinds.size(); ++i) {
    const auto axis = hal::kAllAxisKinds[i];
    const DriveIdentity identity{.serial = config_.serials.at(axis), .firmware = config_.firmware};
    drives_.emplace_back(config_.profile, map_, axis, identity,
                         power_up_position(config_.power_up, axis), config_.ambient.value());
  }
  sense_force();
}

// ---- registers ----

SimulatedDrive* SimulatedChair::drive_at(std::uint8_t unit) {
  for (const auto& [axis, id] : config_.unit_ids) {
    if (id == unit) return &drives_[index_of(axis)];
  }
  return nullptr;
}

bool SimulatedChair::has_unit(std::uint8_t unit) const {
  return std::any_of(config_.unit_ids.begin(), config_.unit_ids.end(),
                     [unit](const auto& entry) { return entry.second == unit; });
}

std::optional<ModbusException> SimulatedChair::read(std::uint8_t unit, std::uint16_t address,
                                                    std::uint16_t count,
                                                    std::vector<std::uint16_t>& out) {
  const std::scoped_lock lock(mutex_);
  auto* d = drive_at(unit);
  if (d == nullptr) return ModbusException::gateway_target_failed;
  return d->read(address, count, out);
}

std::optional<ModbusException> SimulatedChair::write(std::uint8_t unit, std::uint16_t address,
                                                     std::span<const std::uint16_t> words) {
  const std::scoped_lock lock(mutex_);
  auto* d = drive_at(unit);
  if (d == nullptr) return ModbusException::gateway_target_failed;
  return d->write(address, words, now_);
}

std::optional<ModbusException> SimulatedChair::write_read(
    std::uint8_t unit, std::uint16_t write_address, std::span<const std::uint16_t> words,
    std::uint16_t read_address, std::uint16_t read_count, std::vector<std::uint16_t>& out) {
  const std::scoped_lock lock(mutex_);
  auto* d = drive_at(unit);
  if (d == nullptr) return ModbusException::gateway_target_failed;
  // A read that would be refused refuses the whole request before anything is written.
  if (auto refused = d->check_read(read_address, read_count)) return refused;
  if (auto refused = d->write(write_address, words, now_)) return refused;
  return d->read(read_address, read_count, out);
}

void SimulatedChair::broadcast_write(std::uint16_t address, std::span<const std::uint16_t> words) {
  const std::scoped_lock lock(mutex_);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto* r = map_.at(static_cast<std::uint16_t>(address + i));
    if (r == nullptr || !r->is_command) return;
  }
  for (auto& d : drives_) {
    (void)d.write(address, words, now_);  // a broadcast is answered by none, refused or not
  }
}

// ---- time ----

void SimulatedChair::advance(std::chrono::nanoseconds duration) {
  // The lock is taken per step, so that transports are served between steps of a long advance.
  {
    const std::scoped_lock lock(mutex_);
    pending_ += duration;
  }
  for (;;) {
    const std::scoped_lock lock(mutex_);
    if (pending_ < kStep) return;
    pending_ -= kStep;
    step();
  }
}

std::chrono::nanoseconds SimulatedChair::now() const {
  const std::scoped_lock lock(mutex_);
  return now_;
}

RollerPlace SimulatedChair::roller_place() const {
  return RollerPlace{.travel = units::Millimetres(drive(hal::AxisKind::travel).true_position()),
                     .width = units::Millimetres(drive(hal::AxisKind::width).true_position()),
                     .depth = units::Millimetres(drive(hal::AxisKind::depth).true_position())};
}

void SimulatedChair::sense_force() {
  contact_ = body_.force_at(roller_place());
  reading_ = load_cell_.sample(contact_ + reference_load_);
  drive(hal::AxisKind::depth)
      .sense(DriveSenses{.force_reading = reading_.value(),
                         .load_force = (contact_ + reference_load_).value()});
}

void SimulatedChair::step() {
  now_ += kStep;
  for (auto& d : drives_) d.step(kStep, now_);
  body_.relax(std::chrono::duration<double>(kStep).count(), roller_place());
  sense_force();
  observe();
}

void SimulatedChair::observe() {
  ObservedWorld world{.now = now_, .contact = contact_, .body = &body_.config()};
  for (std::size_t i = 0; i < drives_.size(); ++i) world.axes[i] = drives_[i].truth();
  observer_.observe(world);
}

// ---- the scene ----

SimulatedDrive& SimulatedChair::drive(hal::AxisKind axis) { return drives_[index_of(axis)]; }

const SimulatedDrive& SimulatedChair::drive(hal::AxisKind axis) const {
  return drives_[index_of(axis)];
}

void SimulatedChair::set_stalled(hal::AxisKind axis, bool stalled) {
  const std::scoped_lock lock(mutex_);
  drive(axis).set_blocked(stalled);
}

void SimulatedChair::raise_alarm(hal::AxisKind axis, hal::AlarmKind kind) {
  const std::scoped_lock lock(mutex_);
  const auto& alarms = config_.profile.alarms;
  if (std::none_of(alarms.begin(), alarms.end(),
                   [kind](const auto& a) { return a.kind == kind; })) {
    throw std::invalid_argument("profile '" + config_.profile.name +
                                "' defines no alarm of that kind; add it to the profile's "
                                "[[alarms]] or raise another");
  }
  drive(axis).raise_alarm(kind);
}

void SimulatedChair::set_motor_temperature(hal::AxisKind axis, units::Celsius temperature) {
  const std::scoped_lock lock(mutex_);
  drive(axis).set_motor_temperature(temperature.value());
}

void SimulatedChair::reboot(hal::AxisKind axis) {
  const std::scoped_lock lock(mutex_);
  drive(axis).reboot(now_);
}

void SimulatedChair::replace_drive(hal::AxisKind axis, std::uint32_t serial) {
  const std::scoped_lock lock(mutex_);
  auto& old = drive(axis);
  config_.serials[axis] = serial;
  old = SimulatedDrive(config_.profile, map_, axis,
                       DriveIdentity{.serial = serial, .firmware = config_.firmware},
                       old.true_position(), config_.ambient.value());
  old.reboot(now_);  // switched on now
  sense_force();
}

void SimulatedChair::seat(BodyConfig body) {
  const std::scoped_lock lock(mutex_);
  body_.seat(std::move(body));
  observer_.seat();
  sense_force();
}

BodyConfig SimulatedChair::body() const {
  const std::scoped_lock lock(mutex_);
  return body_.config();
}

void SimulatedChair::place_reference_load(units::Newtons load) {
  const std::scoped_lock lock(mutex_);
  if (load.value() < 0.0 || load.value() > 1000.0) {
    throw std::invalid_argument("reference load " + std::to_string(load.value()) +
                                " N is out of range, allowed 0..1000 N");
  }
  reference_load_ = load;
  sense_force();
}

void SimulatedChair::remove_reference_load() {
  const std::scoped_lock lock(mutex_);
  reference_load_ = units::Newtons(0.0);
  sense_force();
}

// ---- the truth ----

AxisTruth SimulatedChair::axis(hal::AxisKind axis) const {
  const std::scoped_lock lock(mutex_);
  return drive(axis).truth();
}

ForceTruth SimulatedChair::force() const {
  const std::scoped_lock lock(mutex_);
  return ForceTruth{.contact = contact_, .reference_load = reference_load_, .reading = reading_};
}

std::vector<double> SimulatedChair::nodule_tension() const {
  const std::scoped_lock lock(mutex_);
  return body_.nodule_tension();
}

std::vector<Finding> SimulatedChair::observer_findings() const {
  const std::scoped_lock lock(mutex_);
  return observer_.findings();
}

bool SimulatedChair::observer_saw_body_scan() const {
  const std::scoped_lock lock(mutex_);
  return observer_.body_scanned();
}

std::size_t SimulatedChair::observer_dropped() const {
  const std::scoped_lock lock(mutex_);
  return observer_.dropped();
}

void SimulatedChair::set_observer_listener(FindingLog::Listener listener) {
  const std::scoped_lock lock(mutex_);
  observer_.set_listener(std::move(listener));
}

std::uint8_t SimulatedChair::unit_of(hal::AxisKind axis) const { return config_.unit_ids.at(axis); }

}  // namespace sim
