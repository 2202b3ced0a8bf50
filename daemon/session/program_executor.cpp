#include "daemon/session/program_executor.hpp"

#include <algorithm>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "daemon/programs/duration_estimate.hpp"
#include "daemon/session/compression_runner.hpp"
#include "daemon/session/reposition.hpp"
#include "daemon/session/rest_runner.hpp"
#include "daemon/session/rolling_runner.hpp"
#include "daemon/session/sweep_runner.hpp"
#include "hal/variant/overloaded.hpp"

namespace session {
namespace {

using std::chrono::nanoseconds;

hal::Clock::time_point time_of(nanoseconds run_time) {
  return hal::Clock::time_point{} + std::chrono::duration_cast<hal::Clock::duration>(run_time);
}

std::unique_ptr<StepRunner> runner_for(const programs::Step& step,
                                       const safety::SafetyLimits& limits) {
  return std::visit(
      variant::Overloaded{
          [](const programs::Compression& c) -> std::unique_ptr<StepRunner> {
            return std::make_unique<CompressionRunner>(CompressionSpec{c, std::nullopt});
          },
          [](const programs::Rolling& r) -> std::unique_ptr<StepRunner> {
            return std::make_unique<RollingRunner>(r);
          },
          [&limits](const programs::Kneading& k) -> std::unique_ptr<StepRunner> {
            return std::make_unique<SweepRunner>(sweep_of(k, limits));
          },
          [&limits](const programs::Tapping& t) -> std::unique_ptr<StepRunner> {
            return std::make_unique<SweepRunner>(sweep_of(t, limits));
          },
          [](const programs::Rest& r) -> std::unique_ptr<StepRunner> {
            return std::make_unique<RestRunner>(r);
          },
          [](const programs::StepGroup&) -> std::unique_ptr<StepRunner> {
            throw std::logic_error("a program's groups are unrolled before it runs");
          }},
      step);
}

}  // namespace

ProgramExecutor::ProgramExecutor(programs::Program program, Fitting fitting,
                                 ShoulderPosition shoulder,
                                 std::shared_ptr<LiveAdjustments> adjustments,
                                 std::shared_ptr<ProgressBoard> progress)
    : program_(std::move(program)),
      timeline_(timeline_of(program_)),
      fit_(std::move(fitting)),
      shoulder_(shoulder),
      adjustments_(std::move(adjustments)),
      board_(std::move(progress)),
      spot_watch_(fit_.limits().max_hold, fit_.limits().release) {
  if (timeline_.empty()) {
    throw std::invalid_argument("program " + program_.info.id + " has no steps to run");
  }
  estimate_durations();
  adjustments_->begin(shoulder_, fit_.body().back_end());
}

ProgramExecutor::~ProgramExecutor() {
  adjustments_->finish();
  if (!finished_) board_->end("the session ended before the program finished");
}

std::string ProgramExecutor::name() const {
  return "program \"" + program_.info.name + "\" (" + program_.info.id + ")";
}

control::SetpointRequest ProgramExecutor::next(const control::ChairMeasurement& measured,
                                               nanoseconds run_time) {
  const auto dt = last_run_time_ ? run_time - *last_run_time_ : nanoseconds{0};
  last_run_time_ = run_time;
  force_.update(measured.force, dt);
  const auto now = time_of(run_time);
  spot_watch_.observe(measured.force, measured.travel, measured.lateral, now);
  take_changes(measured);

  RollerAim aim;
  aim.travel = measured.travel;
  aim.speed = near_body_speed(fit_.limits());
  aim.lateral = measured.lateral;
  const bool between_steps = !step_ && !hold_here_;
  if (!finished_ && between_steps && (knead_spin_.turning() || tap_spin_.turning())) {
    // The eccentrics spin down where the last step ended before the next step moves anywhere
    // (over the kidneys, say, where the tapping must already have stopped).
    aim.depth = control::DepthRetracted{};
  } else if (!finished_) {
    auto& active = runner();
    const auto skipped_before = skipped_.size();
    const StepCycle cycle{measured, force_.value(), dt,      run_time, spot_watch_,
                          now,      released_,      skipped_};
    aim = active.next(cycle, fit_);
    for (auto i = skipped_before; i < skipped_.size(); ++i) note_skipped(skipped_[i]);
    if (hold_here_) {
      in_hold_here_ += dt;
    } else {
      in_step_ += dt;
    }
    if (active.done()) {
      if (hold_here_) {
        hold_here_.reset();
      } else {
        advance_step();
      }
    }
  }
  publish(measured, run_time);

  control::SetpointRequest request;
  auto& s = request.setpoint;
  s.travel = aim.travel;
  s.travel_speed = aim.speed;
  s.lateral = aim.lateral;
  s.depth = aim.depth;
  s.knead = knead_spin_.limit(aim.knead, dt);
  s.tap = tap_spin_.limit(aim.tap, dt);
  request.context = fit_.context(aim.pressing, measured.travel, aim.travel, aim.force);
  return request;
}

void ProgramExecutor::take_changes(const control::ChairMeasurement& measured) {
  auto changes = adjustments_->take();
  fit_.set_intensity_shift(changes.intensity_shift);
  fit_.set_focus_shift(changes.focus_shift);
  if (changes.body) {
    fit_.use_body(std::move(*changes.body));
    if (changes.shoulder) shoulder_ = *changes.shoulder;
    estimate_durations();
  }
  if (extent_.observe(measured)) estimate_durations();
  if (finished_) return;
  if (changes.tender > 0) ease_tender_spot(measured);
  if (changes.hold_here > 0 && !hold_here_) begin_hold_here(measured);
}

void ProgramExecutor::ease_tender_spot(const control::ChairMeasurement& measured) {
  const auto spot = runner().spot(fit_).value_or(
      std::pair{fit_.body().level_at(measured.travel), anatomy::Side::both});
  const auto written = written_intensity().value_or(programs::Intensity(1));
  const int hurt_at = fit_.intensity(written, spot.first, spot.second);
  fit_.mark_tender(spot.first, spot.second, hurt_at);
}

void ProgramExecutor::begin_hold_here(const control::ChairMeasurement& measured) {
  const auto side = runner()
                        .spot(fit_)
                        .value_or(std::pair{anatomy::VertebralLevel::C7, anatomy::Side::both})
                        .second;
  programs::Compression hold{
      .level = fit_.body().level_at(measured.travel),
      .side = side,
      .target = measured.lateral,
      .intensity = written_intensity().value_or(programs::Intensity(kHoldHereIntensity)),
      .hold = kHoldHereTime,
      .increments = kHoldHereIncrements,
      .release = std::chrono::ceil<std::chrono::seconds>(fit_.limits().release),
      .repeats = 1,
  };
  hold_here_intensity_ = hold.intensity;
  hold_here_ = std::make_unique<CompressionRunner>(CompressionSpec{hold, measured.travel});
  hold_here_step_ = hold;
  in_hold_here_ = nanoseconds{0};
}

StepRunner& ProgramExecutor::runner() {
  if (hold_here_) return *hold_here_;
  if (!step_) step_ = runner_for(timeline_[index_].step, fit_.limits());
  return *step_;
}

void ProgramExecutor::advance_step() {
  step_.reset();
  in_step_ = nanoseconds{0};
  if (++index_ >= timeline_.size()) {
    index_ = timeline_.size() - 1;
    finished_ = true;
  }
}

std::optional<programs::Intensity> ProgramExecutor::written_intensity() const {
  if (hold_here_) return hold_here_intensity_;
  return intensity_of(timeline_[index_].step);
}

void ProgramExecutor::note_skipped(SkippedPart& part) {
  part.step = index_ + 1;
  const auto zone_now = zone();
  spdlog::warn("session: step {} of {} ({}{}): {}", part.step, timeline_.size(), part.technique,
               zone_now ? ", " + to_string(*zone_now) : std::string(), reason(part));
  if (extent_.lost(part, fit_.body())) estimate_durations();
}

void ProgramExecutor::estimate_durations() {
  const programs::DurationModel model{fit_.body()};
  estimates_.clear();
  for (const auto& entry : timeline_) {
    estimates_.push_back(extent_.estimate(entry.step, model, fit_.limits()));
  }
}

nanoseconds ProgramExecutor::remaining() const {
  if (finished_) return nanoseconds{0};
  const auto* active = hold_here_ ? nullptr : step_.get();
  const auto own = active != nullptr ? active->left(fit_) : std::nullopt;
  nanoseconds left = own ? *own : std::max(estimates_[index_] - in_step_, nanoseconds{0});
  for (std::size_t i = index_ + 1; i < estimates_.size(); ++i) left += estimates_[i];
  if (hold_here_) {
    const nanoseconds hold_here_time = hold_here_step_->hold + hold_here_step_->release;
    left += std::max(hold_here_time - in_hold_here_, nanoseconds{0});
  }
  return left;
}

std::optional<WorkZone> ProgramExecutor::zone() const {
  if (hold_here_) {
    return WorkZone{hold_here_step_->level, hold_here_step_->level,
                    programs::to_string(hold_here_step_->target), hold_here_step_->side};
  }
  const auto spanning = [this](const programs::LevelSpan& span,
                               const programs::LateralTarget& target) {
    return WorkZone{fit_.focus(span.top, target), fit_.focus(span.bottom, target),
                    programs::to_string(target), anatomy::Side::both};
  };
  return std::visit(
      variant::Overloaded{[this](const programs::Compression& c) -> std::optional<WorkZone> {
                            const auto level = fit_.focus(c.level, c.target);
                            return WorkZone{level, level, programs::to_string(c.target), c.side};
                          },
                          [&](const programs::Rolling& r) -> std::optional<WorkZone> {
                            return spanning(r.span, r.target);
                          },
                          [&](const programs::Kneading& k) -> std::optional<WorkZone> {
                            return spanning(k.span, k.target);
                          },
                          [&](const programs::Tapping& t) -> std::optional<WorkZone> {
                            return spanning(t.span, t.target);
                          },
                          [](const auto&) -> std::optional<WorkZone> { return std::nullopt; }},
      timeline_[index_].step);
}

void ProgramExecutor::publish(const control::ChairMeasurement& measured, nanoseconds run_time) {
  SessionProgress p;
  p.phase = finished_ ? SessionPhase::finished : SessionPhase::massaging;
  p.program_id = program_.info.id;
  p.program_name = program_.info.name;
  p.step_index = index_;
  p.step_count = timeline_.size();
  p.technique = hold_here_ ? "compression" : technique_of(timeline_[index_].step);
  p.zone = zone();
  if (!finished_) {
    const auto* active = hold_here_ ? hold_here_.get() : step_.get();
    p.doing = active != nullptr ? active->doing() : "starting";
    if (const auto written = written_intensity()) {
      const auto spot =
          (active != nullptr ? active->spot(fit_) : std::nullopt)
              .value_or(std::pair{fit_.body().level_at(measured.travel), anatomy::Side::both});
      p.intensity = fit_.intensity(*written, spot.first, spot.second);
    }
  } else {
    p.doing = "finished";
    p.outcome = "the program ran to its end";
  }
  p.holding_here = hold_here_ != nullptr;
  p.elapsed = run_time;
  p.remaining = remaining();
  p.released = released_;
  p.skipped = skipped_;
  p.tender = fit_.tender_spots();
  p.intensity_shift = fit_.intensity_shift();
  p.focus_shift = fit_.focus_shift();
  p.shoulder = shoulder_;
  p.back_end = fit_.body().back_end();
  p.s1 = fit_.body().travel_of(anatomy::VertebralLevel::S1);
  board_->publish(std::move(p));
}

}  // namespace session
