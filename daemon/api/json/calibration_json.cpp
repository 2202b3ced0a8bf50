#include "daemon/api/json/calibration_json.hpp"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "daemon/calibration/utc_seconds.hpp"

namespace massaged {

using nlohmann::json;

namespace {

// Millimetres and newtons to a thousandth, the gain to a ten-thousandth: as the file keeps them.
// Divided, not multiplied, so that the number shows as written (3.014, not 3.0140000000000002).
double rounded_to(double value, double step) {
  const double per_unit = std::round(1.0 / step);
  return std::round(value * per_unit) / per_unit;
}

json range_json(const safety::AxisRange& range) {
  return json{{"min_mm", rounded_to(range.min.value(), 0.001)},
              {"max_mm", rounded_to(range.max.value(), 0.001)}};
}

// Every number of a calibration by its dotted name, in a fixed order.
std::vector<std::pair<std::string, double>> calibration_fields(const safety::Calibration& c) {
  return {{"travel.min_mm", rounded_to(c.travel.min.value(), 0.001)},
          {"travel.max_mm", rounded_to(c.travel.max.value(), 0.001)},
          {"width.min_mm", rounded_to(c.width.min.value(), 0.001)},
          {"width.max_mm", rounded_to(c.width.max.value(), 0.001)},
          {"depth.min_mm", rounded_to(c.depth.min.value(), 0.001)},
          {"depth.max_mm", rounded_to(c.depth.max.value(), 0.001)},
          {"force.offset_n", rounded_to(c.force.offset.value(), 0.001)},
          {"force.gain", rounded_to(c.force.gain, 0.0001)}};
}

json text_or_null(const std::string& text) { return text.empty() ? json() : json(text); }

json drive_json(const calibration::DriveStamp& drive) {
  return json{{"serial", drive.serial ? json(*drive.serial) : json()},
              {"firmware", drive.firmware}};
}

json part_json(const calibration::CalibrationInUse& in_use, calibration::Procedure part) {
  const auto axis = calibration::measured_on(part);
  json out{{"part", std::string(calibration::to_string(part))},
           {"axis", std::string(hal::to_string(axis))},
           {"state", "not measured"},
           {"drive", nullptr},
           {"drive_in_place", nullptr},
           {"calibrated_at", nullptr},
           {"technician_uid", nullptr},
           {"problem", nullptr}};
  if (const auto drive = in_use.drives().find(axis); drive != in_use.drives().end()) {
    out["drive_in_place"] = drive_json(drive->second);
  }
  const auto& stored = in_use.stored();
  if (!stored) return out;
  if (stored->format_version < 2) {
    out["state"] = "not recorded";
    return out;
  }
  const auto record = stored->parts.find(part);
  if (record == stored->parts.end()) return out;
  out["state"] = "measured";
  out["drive"] = drive_json(record->second.drive);
  if (const auto& at = record->second.calibrated_at) {
    out["calibrated_at"] = calibration::utc_seconds_text(*at);
  }
  if (const auto& uid = record->second.technician_uid) out["technician_uid"] = *uid;
  for (const auto& replaced : in_use.replaced()) {
    if (replaced.part != part) continue;
    out["state"] = "replaced";
    out["problem"] = calibration::replaced_text(replaced);
  }
  return out;
}

}  // namespace

json calibration_json(const safety::Calibration& calibration) {
  return json{{"valid", calibration.valid},
              {"travel", range_json(calibration.travel)},
              {"width", range_json(calibration.width)},
              {"depth", range_json(calibration.depth)},
              {"force",
               {{"offset_n", rounded_to(calibration.force.offset.value(), 0.001)},
                {"gain", rounded_to(calibration.force.gain, 0.0001)}}}};
}

json calibration_diff_json(const safety::Calibration& current, const safety::Calibration& staged) {
  const auto before = calibration_fields(current);
  const auto after = calibration_fields(staged);
  json out = json::array();
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (before[i].second == after[i].second) continue;
    out.push_back(json{
        {"field", before[i].first}, {"current", before[i].second}, {"staged", after[i].second}});
  }
  return out;
}

json parts_json(const calibration::CalibrationInUse& in_use) {
  json out = json::array();
  for (const auto part : calibration::kAllProcedures) out.push_back(part_json(in_use, part));
  return out;
}

json step_json(const calibration::StepView& step) {
  return json{{"procedure", step.procedure},       {"instruction", step.instruction},
              {"measuring", step.measuring},       {"finished", step.finished},
              {"error", text_or_null(step.error)}, {"result", text_or_null(step.result)}};
}

}  // namespace massaged
