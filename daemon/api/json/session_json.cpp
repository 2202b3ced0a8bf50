#include "daemon/api/json/session_json.hpp"

#include <cmath>
#include <variant>

namespace massaged {

using nlohmann::json;

namespace {

double whole_seconds(std::chrono::nanoseconds d) {
  return std::round(std::chrono::duration<double>(d).count());
}

json spot_json(anatomy::VertebralLevel level, anatomy::Side side) {
  return json{{"level", anatomy::to_string(level)},
              {"side", std::string(anatomy::to_string(side))}};
}

}  // namespace

json progress_json(const session::SessionProgress& p,
                   const std::optional<safety::Decision>& decision) {
  const bool massaging = p.phase == session::SessionPhase::massaging;
  json released = json::array();
  for (const auto& spot : p.released) released.push_back(spot_json(spot.level, spot.side));
  json tender = json::array();
  for (const auto& spot : p.tender) {
    auto entry = spot_json(spot.level, spot.side);
    entry["most_intensity"] = spot.most_intensity;
    tender.push_back(std::move(entry));
  }
  json skipped = json::array();
  for (const auto& part : p.skipped) {
    skipped.push_back(json{{"step", part.step},
                           {"technique", part.technique},
                           {"level", anatomy::to_string(part.level)},
                           {"reason", session::reason(part)}});
  }
  const auto mm = [](const std::optional<units::Millimetres>& at) {
    return at ? json(std::round(at->value())) : json();
  };
  json force = nullptr;
  if (decision && decision->engage_depth) {
    if (const auto* press = std::get_if<control::DepthForce>(&decision->setpoint.depth)) {
      force = std::round(press->force.value() * 10.0) / 10.0;
    }
  }
  return json{{"phase", std::string(session::to_string(p.phase))},
              {"program_id", p.program_id},
              {"program_name", p.program_name},
              {"step", massaging || p.step_index > 0 ? p.step_index + 1 : 0},
              {"step_count", p.step_count},
              {"technique", p.technique},
              {"zone", p.zone ? json(session::to_string(*p.zone)) : json()},
              {"intensity", p.intensity},
              {"doing", p.doing},
              {"holding_here", p.holding_here},
              {"elapsed_s", whole_seconds(p.elapsed)},
              {"remaining_s", whole_seconds(p.remaining)},
              {"force_n", force},
              {"intensity_shift", p.intensity_shift},
              {"focus_shift", p.focus_shift},
              {"shoulder_mm", p.shoulder ? json(std::round(p.shoulder->travel().value())) : json()},
              {"back_end_mm", mm(p.back_end)},
              {"s1_mm", mm(p.s1)},
              {"released", std::move(released)},
              {"skipped", std::move(skipped)},
              {"tender", std::move(tender)},
              {"outcome", p.outcome}};
}

}  // namespace massaged
