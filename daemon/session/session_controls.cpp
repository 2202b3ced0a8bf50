#include "daemon/session/session_controls.hpp"

#include <spdlog/spdlog.h>

#include "units/quantity_text.hpp"

namespace session {

SessionControls::SessionControls(std::shared_ptr<LiveAdjustments> adjustments,
                                 std::shared_ptr<ProgressBoard> progress, std::string person,
                                 std::shared_ptr<ShoulderStore> store,
                                 bodymap::ChairGeometry geometry, safety::Calibration calibration)
    : adjustments_(std::move(adjustments)),
      board_(std::move(progress)),
      person_(std::move(person)),
      store_(std::move(store)),
      geometry_(geometry),
      calibration_(std::move(calibration)) {}

control::CommandReply SessionControls::nudge_shoulder(int steps) {
  const auto moved = adjustments_->nudge_shoulder(steps, geometry_, calibration_);
  if (!moved) return {false, moved.error()};
  std::string said = "the shoulders are now at " + units::mm_text(moved->travel(), 0) +
                     " on the track, " + std::to_string(moved->nudge_steps) +
                     " steps from the scan";
  if (person_.empty() || !store_) return {true, said + "; not kept: no person was named"};
  const auto kept = store_->keep(
      person_, KeptShoulder{moved->nudge_steps, moved->travel(), adjustments_->back_end()});
  if (!kept) {
    spdlog::warn("session: cannot keep {}'s shoulder position: {}", person_, kept.error());
    return {true, said + "; it could not be kept for your next session: " + kept.error()};
  }
  return {true, said + "; kept for " + person_ + "'s next session"};
}

void SessionControls::keep_fit() {
  if (person_.empty() || !store_) return;
  const auto fit = adjustments_->take_fit();
  if (!fit) return;
  const auto kept = store_->keep(
      person_, KeptShoulder{fit->shoulder.nudge_steps, fit->shoulder.travel(), fit->back_end});
  if (!kept)
    spdlog::warn("session: cannot keep how {}'s body was fitted: {}", person_, kept.error());
}

StartingSession prepare_session(programs::Program program, const ChairSetup& chair,
                                SessionOptions options, std::shared_ptr<ShoulderStore> store) {
  options.kept_nudge_steps = 0;
  if (!options.person.empty() && store) {
    const auto kept = store->load(options.person);
    if (!kept) {
      spdlog::warn("session: {}; the body scan alone places the body", kept.error());
    } else if (*kept) {
      options.kept_nudge_steps = (*kept)->nudge_steps;
    }
  }
  auto adjustments = std::make_shared<LiveAdjustments>();
  auto board = std::make_shared<ProgressBoard>();
  const auto person = options.person;
  auto source = std::make_unique<MassageSession>(std::move(program), chair, std::move(options),
                                                 adjustments, board);
  return StartingSession{std::move(source),
                         SessionControls(adjustments, board, person, std::move(store),
                                         chair.geometry, chair.calibration)};
}

}  // namespace session
