#include "daemon/api/calibration_watch.hpp"

#include <set>

#include <spdlog/spdlog.h>

namespace massaged {
namespace {

// "travel drive 20260001, depth drive 20260003": the drives the calibration is bound to, when
// every one of them has identified itself.
std::optional<std::string> drives_found(const calibration::CalibrationInUse& in_use) {
  if (!in_use.stored() || in_use.stored()->parts.empty()) return std::nullopt;
  std::string out;
  std::set<hal::AxisKind> named;
  for (const auto& [part, record] : in_use.stored()->parts) {
    const auto axis = calibration::measured_on(part);
    const auto drive = in_use.drives().find(axis);
    if (drive == in_use.drives().end()) return std::nullopt;
    if (!named.insert(axis).second) continue;
    out += (out.empty() ? "" : ", ") + std::string(hal::to_string(axis)) + " drive " +
           (drive->second.serial ? std::to_string(*drive->second.serial) : "(no serial number)");
  }
  return out;
}

}  // namespace

CalibrationWatch::CalibrationWatch(calibration::CalibrationInUse& in_use,
                                   control::ChairCommands& controller, CurrentSession& session,
                                   const hal::DrivesView* drives)
    : in_use_(&in_use),
      controller_(&controller),
      session_(&session),
      drives_(drives),
      // The control loop and the sessions start with the calibration in use as it is now.
      told_(in_use.version()),
      taken_(in_use.version()) {}

void CalibrationWatch::look() {
  if (drives_ != nullptr) in_use_->look_at(calibration::drives_in_place(*drives_));
  if (in_use_->version() != told_) {
    session_->use_calibration(in_use_->calibration(), in_use_->refusal());
    told_ = in_use_->version();
    tell();
  }
  if (!confirmed_ && in_use_->replaced().empty()) {
    if (const auto found = drives_found(*in_use_)) {
      spdlog::info("calibration: measured on the drives in place ({})", *found);
      confirmed_ = true;
    }
  }
  hand_on();
}

// The log hears of a part put out of use; once its drive is back or it is measured again, the
// drives are confirmed again (look).
void CalibrationWatch::tell() {
  if (!in_use_->replaced().empty()) {
    spdlog::warn("calibration: {}", in_use_->refusal());
    confirmed_ = false;
  }
}

void CalibrationWatch::hand_on() {
  if (reply_) {
    if (reply_->wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    const auto answer = reply_->get();
    reply_.reset();
    if (answer.accepted) {
      taken_ = handing_;
    } else {
      refused_version_ = handing_;
      refusal_ = answer.message;
    }
  }
  if (in_use_->version() == taken_) return;
  handing_ = in_use_->version();
  reply_ = controller_->use_calibration(in_use_->calibration());
}

std::optional<std::string> CalibrationWatch::refused(std::uint64_t version) const {
  if (refused_version_ < version || refusal_.empty()) return std::nullopt;
  return refusal_;
}

}  // namespace massaged
