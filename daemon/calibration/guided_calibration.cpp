#include "daemon/calibration/guided_calibration.hpp"

#include <algorithm>
#include <cstdio>

#include "units/quantity_text.hpp"

namespace calibration {
namespace {

using units::mm_text;

std::string range_text(const safety::AxisRange& range) {
  return mm_text(range.min) + " .. " + mm_text(range.max);
}

}  // namespace

GuidedCalibration::GuidedCalibration(control::ChairCommands& controller,
                                     const CalibrationInUse& in_use, ProcedureSettings settings)
    : controller_(&controller), in_use_(&in_use), settings_(settings) {}

StepView GuidedCalibration::view(std::string instruction, bool measuring) const {
  StepView v;
  v.procedure = std::string(to_string(procedure_));
  v.instruction = std::move(instruction);
  v.measuring = measuring;
  v.finished = step_ == Step::done;
  v.error = error_;
  v.result = result_;
  return v;
}

safety::Calibration& GuidedCalibration::stage() {
  if (!staged_) staged_ = in_use_->calibration();
  return *staged_;
}

void GuidedCalibration::committed() {
  staged_.reset();
  force_staged_ = false;
  // A finished procedure has nothing more to show once its result is stored.
  if (step_ == Step::done) {
    step_ = Step::idle;
    result_.clear();
  }
}

void GuidedCalibration::use_range_max(hal::AxisKind axis, units::Millimetres range_max) {
  if (axis == hal::AxisKind::width) {
    settings_.travel.width_range_max = range_max;
  } else if (axis == hal::AxisKind::travel) {
    settings_.travel.travel_range_max = range_max;
  }
}

void GuidedCalibration::discard() {
  staged_.reset();
  force_staged_ = false;
  step_ = Step::idle;
  error_.clear();
  result_.clear();
  waiting_.reset();
  start_reply_.reset();
  end_stops_.reset();
}

void GuidedCalibration::start(std::unique_ptr<control::SetpointSource> source) {
  // The chair may still be parking after the last measurement: the session starts once it is
  // ready (see poll).
  start_reply_.reset();
  waiting_ = std::move(source);
  start_waiting();
}

void GuidedCalibration::start_waiting() {
  if (!waiting_) return;
  const auto status = controller_->status();
  if (status.state == control::ChairState::stopping ||
      status.state == control::ChairState::homing) {
    return;  // still parking from the last one: the controller would refuse it
  }
  start_reply_ = controller_->start(std::move(waiting_), control::Requester::technician).reply;
  waiting_.reset();
}

std::optional<std::string> GuidedCalibration::start_refused() {
  if (!start_reply_ ||
      start_reply_->wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    return std::nullopt;
  }
  const auto reply = start_reply_->get();
  start_reply_.reset();
  if (reply.accepted) return std::nullopt;
  return reply.message + "; then confirm the step again";
}

bool GuidedCalibration::measurement_over() const {
  if (waiting_ || start_reply_) return false;  // not started, or not yet answered
  // Over once the chair is ready again, except under the reference load: the rollers are not
  // released while a force rests on them, so that step is over when its session ends and the
  // chair parks once the technician takes the load off.
  const auto state = controller_->status().state;
  // The same when retracting for the depth's zero: something may rest on the rollers, which is
  // what that step finds out.
  if (step_ == Step::force_gaining || step_ == Step::depth_retracting) {
    return state != control::ChairState::running;
  }
  return state != control::ChairState::running && state != control::ChairState::stopping;
}

StepView GuidedCalibration::begin(Procedure procedure) {
  procedure_ = procedure;
  error_.clear();
  result_.clear();
  start_reply_.reset();
  waiting_.reset();
  if (procedure == Procedure::force_sensor) {
    step_ = Step::force_unloaded;
    return view(
        "make sure nobody sits in the chair and nothing rests on the rollers, then confirm: the "
        "load cell's zero is measured");
  }
  if (procedure == Procedure::depth_zero) {
    step_ = Step::depth_ready;
    return view(
        "make sure nobody sits in the chair and nothing rests on or against the rollers, then "
        "confirm: the rollers retract fully and the load cell is read there");
  }
  step_ = Step::range_ready;
  return view("make sure nobody sits in the chair and nothing blocks the " +
              std::string(to_string(procedure)) +
              " axis, then confirm: the axis runs slowly to both of its ends");
}

StepView GuidedCalibration::confirm(std::optional<units::Newtons> reference) {
  error_.clear();
  switch (step_) {
    case Step::force_unloaded:
      samples_ = std::make_shared<ForceSamples>();
      start(std::make_unique<ForceSampling>(settings_.sampling, samples_));
      step_ = Step::force_zeroing;
      return view("measuring the load cell with no load", true);
    case Step::force_loaded:
      if (!reference) {
        error_ = "say which reference load rests on the rollers, in newtons (--reference 50)";
        return view("place the known reference load on the rollers, then confirm with its force");
      }
      reference_ = *reference;
      samples_ = std::make_shared<ForceSamples>();
      start(std::make_unique<ForceSampling>(settings_.sampling, samples_));
      step_ = Step::force_gaining;
      return view("measuring the load cell under the reference load", true);
    case Step::range_ready: {
      reach_ = std::make_shared<ReachRecord>();
      EndStopSearchSpec spec;
      spec.axis =
          procedure_ == Procedure::width_range ? hal::AxisKind::width : hal::AxisKind::travel;
      spec.high_target = procedure_ == Procedure::width_range ? settings_.travel.width_range_max
                                                              : settings_.travel.travel_range_max;
      spec.low_target = units::Millimetres(0.0);
      start(std::make_unique<EndStopSearch>(spec, reach_));
      step_ = Step::range_searching;
      return view("running the axis to its ends", true);
    }
    case Step::depth_ready:
      depth_rest_ = std::make_shared<DepthRestRecord>();
      start(std::make_unique<DepthZeroSearch>(settings_.depth_zero, depth_rest_));
      step_ = Step::depth_retracting;
      return view("retracting the rollers and reading the load cell", true);
    case Step::idle:
      error_ = "no procedure is under way; begin one first (force, travel, width or depth)";
      return view("");
    default:
      return poll();
  }
}

StepView GuidedCalibration::poll() {
  if (!measuring()) {
    switch (step_) {
      case Step::force_unloaded:
        return view("take every load off the rollers, then confirm");
      case Step::force_loaded:
        return view("place the known reference load on the rollers, then confirm with its force");
      case Step::range_ready:
        return view("clear the axis's way, then confirm");
      case Step::depth_ready:
        return view("take everything off and away from the rollers, then confirm");
      case Step::done:
        return view("finished: review the staged calibration, then commit it");
      default:
        return view("no procedure is under way");
    }
  }
  start_waiting();
  if (auto refused = start_refused()) {
    error_ = *refused;
    step_ = step_ == Step::force_zeroing      ? Step::force_unloaded
            : step_ == Step::force_gaining    ? Step::force_loaded
            : step_ == Step::depth_retracting ? Step::depth_ready
                                              : Step::range_ready;
    return view("the measurement could not start");
  }
  if (!measurement_over()) return view("measuring", true);
  if (step_ == Step::force_zeroing) return finish_zero();
  if (step_ == Step::force_gaining) return finish_gain();
  if (step_ == Step::depth_retracting) return finish_depth();
  return finish_range();
}

std::optional<std::string> GuidedCalibration::interrupted(std::size_t samples) const {
  if (samples >= settings_.sampling.samples) return std::nullopt;
  return "the measurement was interrupted after " + std::to_string(samples) + " of " +
         std::to_string(settings_.sampling.samples) + " readings: the chair is " +
         controller_->status().describe() + "; once it is ready, confirm the step again";
}

StepView GuidedCalibration::finish_zero() {
  const auto samples = samples_->taken();
  if (auto why = interrupted(samples.size())) {
    error_ = *why;
    step_ = Step::force_unloaded;
    return view("take every load off the rollers, then confirm to measure the zero again");
  }
  const auto offset = fit_zero(samples, settings_.force_bounds);
  if (!offset) {
    error_ = offset.error();
    step_ = Step::force_unloaded;
    return view("take every load off the rollers, then confirm to measure the zero again");
  }
  offset_ = *offset;
  step_ = Step::force_loaded;
  char text[64];
  std::snprintf(text, sizeof text, "zero: the load cell reads %.2f N with no load",
                offset_.value());
  result_ = text;
  return view("place the known reference load on the rollers, then confirm with its force");
}

StepView GuidedCalibration::finish_gain() {
  const auto samples = samples_->taken();
  if (auto why = interrupted(samples.size())) {
    error_ = *why;
    step_ = Step::force_loaded;
    return view("check the reference load, then confirm to measure it again");
  }
  const auto fit = fit_gain(offset_, samples, reference_, settings_.force_bounds);
  if (!fit) {
    error_ = fit.error();
    step_ = Step::force_loaded;
    return view("check the reference load, then confirm to measure it again");
  }
  auto& staged = stage();
  staged.force = *fit;
  force_staged_ = true;
  char text[96];
  std::snprintf(text, sizeof text, "load cell: offset %.2f N, gain %.4f", fit->offset.value(),
                fit->gain);
  result_ = text;
  step_ = Step::done;
  return view("remove the reference load; review the staged calibration, then commit it");
}

StepView GuidedCalibration::finish_range() {
  const auto reach = reach_->get();
  const bool width = procedure_ == Procedure::width_range;
  const auto range_max =
      width ? settings_.travel.width_range_max : settings_.travel.travel_range_max;
  const auto& t = settings_.travel;
  const auto retry = [this] {
    step_ = Step::range_ready;
    return view("clear the axis's way, then confirm to run it again");
  };
  if (reach.timed_out || !reach.low || !reach.high) {
    error_ = "the axis did not come to rest at both ends in time; check that it moves freely";
    return retry();
  }
  // The supervisor lets the axis go to within its margin of the range it holds (the mechanism's
  // own on a chair never calibrated); a free axis comes to rest exactly there.
  const auto& base = width ? in_use_->calibration().width : in_use_->calibration().travel;
  const auto low_stop = *reach.low - t.supervisor_margin;
  const auto high_stop = *reach.high + t.supervisor_margin;
  if (units::abs(low_stop - base.min) > t.tolerance) {
    error_ = "going down the axis came to rest at " + mm_text(*reach.low) + ", not near " +
             mm_text(base.min + t.supervisor_margin) +
             ": something blocks it or it lost its reference; clear it, home the chair, repeat";
    return retry();
  }
  if (units::abs(high_stop - base.max) > t.tolerance) {
    error_ = "going up the axis came to rest at " + mm_text(*reach.high) + ", not near " +
             mm_text(base.max - t.supervisor_margin) +
             ": something blocks it; clear the way, repeat";
    return retry();
  }
  if (high_stop > range_max + t.tolerance) {
    error_ = "the axis reached " + mm_text(high_stop) + ", beyond the drive's RANGE_MAX " +
             mm_text(range_max) + ": the drive and the chair disagree; check the drive's type";
    return retry();
  }
  safety::AxisRange stops{low_stop, high_stop};
  std::string how = ": end stops ";
  if (in_use_->usable(procedure_)) {
    // The supervisor holds the axis inside the calibrated soft range, so the axis came to rest
    // at that range's ends, not at its end stops: the end stops are where the calibration that
    // set it found them, its soft margin further out, within the mechanism's own range and the
    // drive's RANGE_MAX. Taking the soft range for the end stops would narrow it by the margin
    // at every recalibration.
    const auto mechanism = width ? safety::uncalibrated().width : safety::uncalibrated().travel;
    stops = {std::max(low_stop - t.soft_margin, mechanism.min),
             std::min(high_stop + t.soft_margin, range_max)};
    how = ": reaches both ends of its calibrated range; end stops ";
  }
  const auto soft = stops.inset(t.soft_margin);
  auto& staged = stage();
  (width ? staged.width : staged.travel) = soft;
  result_ = std::string(to_string(procedure_)) + how + range_text(stops) + ", soft range " +
            range_text(soft);
  end_stops_ = stops;
  step_ = Step::done;
  return view("review the staged calibration, then commit it");
}

StepView GuidedCalibration::finish_depth() {
  const auto rest = depth_rest_->get();
  const auto retry = [this] {
    step_ = Step::depth_ready;
    return view("take everything off and away from the rollers, then confirm to retract again");
  };
  if (rest.timed_out || !rest.position) {
    error_ = "the rollers did not come to rest retracted; check that the depth axis moves freely";
    return retry();
  }
  if (rest.raw_forces.size() < settings_.depth_zero.samples) {
    error_ = "the measurement was interrupted: the chair is " + controller_->status().describe() +
             "; once it is ready, confirm the step again";
    return retry();
  }
  // The load cell judged with the best correction there is: the one just staged, else the one
  // in use. Without either, its offset alone could pass for contact, or hide it.
  const bool force_known = in_use_->usable(Procedure::force_sensor) || force_staged_;
  if (!force_known) {
    error_ =
        "the load cell is not calibrated yet, so contact cannot be told from its offset: "
        "calibrate the force sensor first (chairctl calibrate force), then the depth";
    return retry();
  }
  const auto& sensor = staged_ ? staged_->force : in_use_->calibration().force;
  const auto mean = steady_mean(rest.raw_forces, settings_.force_bounds);
  if (!mean) {
    error_ = mean.error();
    return retry();
  }
  const auto contact = sensor.corrected(*mean);
  if (contact > settings_.most_force_at_zero) {
    char text[200];
    std::snprintf(text, sizeof text,
                  "the load cell reads %.1f N with the rollers retracted: something touches "
                  "them; clear them and confirm again",
                  contact.value());
    error_ = text;
    return retry();
  }
  auto& staged = stage();
  staged.depth.min = *rest.position;
  char text[160];
  std::snprintf(text, sizeof text, "depth: zero at %.1f mm, the load cell reads %.2f N there",
                rest.position->value(), contact.value());
  result_ = text;
  step_ = Step::done;
  return view("review the staged calibration, then commit it");
}

}  // namespace calibration
