#include "daemon/calibration/force_sampling.hpp"
#include "daemon/calibration/held_retracted.hpp"

namespace calibration {
namespace {

// Calibration runs with nobody in the chair and never presses.
}  // namespace

void ForceSamples::add(units::Newtons raw) {
  const std::lock_guard lock(mutex_);
  samples_.push_back(raw);
}

std::vector<units::Newtons> ForceSamples::taken() const {
  const std::lock_guard lock(mutex_);
  return samples_;
}

std::size_t ForceSamples::count() const {
  const std::lock_guard lock(mutex_);
  return samples_.size();
}

ForceSampling::ForceSampling(ForceSamplingSpec spec, std::shared_ptr<ForceSamples> samples)
    : spec_(spec), samples_(std::move(samples)) {}

std::string ForceSampling::name() const {
  return "calibration: sampling the load cell (" + std::to_string(spec_.samples) + " readings)";
}

control::SetpointRequest ForceSampling::next(const control::ChairMeasurement& measured,
                                             std::chrono::nanoseconds run_time) {
  if (!hold_) hold_ = held_retracted(measured);
  if (run_time >= spec_.settle && !finished()) samples_->add(measured.raw_force);
  return {*hold_, {}};
}

bool ForceSampling::finished() const { return samples_->count() >= spec_.samples; }

}  // namespace calibration
