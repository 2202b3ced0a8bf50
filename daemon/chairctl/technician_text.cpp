#include "daemon/chairctl/technician_text.hpp"

#include <cstdio>

#include "daemon/chairctl/json_fields.hpp"

namespace chairctl {

using nlohmann::json;

namespace {

std::string number_text(const json& value, const char* format) {
  if (!value.is_number()) return "-";
  char out[32];
  std::snprintf(out, sizeof out, format, value.get<double>());
  return out;
}

std::string range_line(const char* name, const json& range) {
  return std::string("  ") + name + number_text(range.value("min_mm", json()), "%9.3f") + " .. " +
         number_text(range.value("max_mm", json()), "%.3f") + " mm\n";
}

// "depth drive serial 20260003, firmware 0x0104".
std::string drive_text(const std::string& axis, const json& drive) {
  if (!drive.is_object()) return axis + " drive";
  const auto& serial = drive.value("serial", json());
  char firmware[16];
  std::snprintf(firmware, sizeof firmware, "0x%04X", drive.value("firmware", 0U));
  return axis + " drive " +
         (serial.is_number() ? "serial " + std::to_string(serial.get<std::uint64_t>())
                             : std::string("without a serial number")) +
         ", firmware " + firmware;
}

// Where a part was measured, when and by whom, or why it is not in use.
std::string part_line(const json& part) {
  char name[16];
  std::snprintf(name, sizeof name, "  %-7s ", text_of(part, "part").c_str());
  const auto state = text_of(part, "state");
  if (state == "not measured") return name + std::string("not measured: the mechanism's own\n");
  if (state == "not recorded") {
    return name +
           std::string("drive not recorded (a file of format 1): recorded at the next commit\n");
  }
  std::string out = name + drive_text(text_of(part, "axis"), part.value("drive", json()));
  if (const auto at = text_of(part, "calibrated_at"); !at.empty()) out += ", " + at;
  if (const auto& uid = part.value("technician_uid", json()); uid.is_number()) {
    out += " by uid " + std::to_string(uid.get<std::uint64_t>());
  }
  if (state == "replaced") out += "\n          NOT IN USE: " + text_of(part, "problem");
  return out + "\n";
}

}  // namespace

std::string calibration_step_text(const json& step) {
  std::string out;
  const auto result = text_of(step, "result");
  const auto error = text_of(step, "error");
  if (!error.empty()) out += "! " + error + "\n";
  if (!result.empty()) out += "= " + result + "\n";
  out += "[" + text_of(step, "procedure") + "] " + text_of(step, "instruction") + "\n";
  return out;
}

std::string diff_text(const json& diff) {
  const auto& changes = diff.value("diff", json::array());
  if (changes.empty()) return "the staged calibration changes nothing\n";
  std::string out = "staged changes:\n";
  for (const auto& change : changes) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-16s %10s -> %s\n",
                  change.value("field", std::string()).c_str(),
                  number_text(change.value("current", json()), "%.4f").c_str(),
                  number_text(change.value("staged", json()), "%.4f").c_str());
    out += line;
  }
  return out;
}

std::string calibration_text(const json& shown) {
  const auto& format = shown.value("format_version", json());
  std::string out = "file: " + text_of(shown, "file") + " (" + text_of(shown, "stored") +
                    (format.is_number() ? ", format " + std::to_string(format.get<int>()) : "") +
                    ")\n";
  if (const auto problem = text_of(shown, "problem"); !problem.empty()) {
    out += "problem: " + problem + "\n";
  }
  if (const auto previous = text_of(shown, "previous_file"); !previous.empty()) {
    out += "previous: " + previous + "\n";
  }
  const auto& c = shown.value("calibration", json::object());
  out += std::string("in use: ") + (c.value("valid", false) ? "valid" : "NOT VALID") + "\n";
  if (const auto refusal = text_of(shown, "refusal"); !refusal.empty()) out += refusal + "\n";
  out += range_line("travel ", c.value("travel", json::object()));
  out += range_line("width  ", c.value("width", json::object()));
  out += range_line("depth  ", c.value("depth", json::object()));
  const auto& force = c.value("force", json::object());
  out += "  force   offset " + number_text(force.value("offset_n", json()), "%.3f") + " N, gain " +
         number_text(force.value("gain", json()), "%.4f") + "\n";
  if (const auto& parts = shown.value("parts", json()); parts.is_array() && !parts.empty()) {
    out += "measured on:\n";
    for (const auto& part : parts) out += part_line(part);
  }
  if (shown.contains("procedure") && shown["procedure"].is_object()) {
    out += "under way: " + calibration_step_text(shown["procedure"]);
  }
  if (shown.contains("staged") && shown["staged"].is_object()) out += diff_text(shown);
  return out;
}

std::string registers_text(const json& read) {
  std::string out = text_of(read, "axis") + " drive, bus " + text_of(read, "bus") + " unit " +
                    std::to_string(read.value("unit", 0)) + " (" + text_of(read, "profile") + ")\n";
  for (const auto& r : read.value("registers", json::array())) {
    const auto value = r.value("value", std::int64_t{0});
    char line[160];
    std::snprintf(line, sizeof line, "  %-30s %s  %11lld  0x%04llX\n",
                  r.value("name", std::string()).c_str(), r.value("address", std::string()).c_str(),
                  static_cast<long long>(value),
                  static_cast<unsigned long long>(value) &
                      (r.value("words", 1) == 2 ? 0xFFFFFFFFULL : 0xFFFFULL));
    out += line;
  }
  return out;
}

std::string self_test_text(const json& report) {
  std::string out;
  for (const auto& axis : report.value("axes", json::array())) {
    char line[200];
    const auto name = axis.value("axis", std::string());
    if (!axis.value("run", false)) {
      std::snprintf(line, sizeof line, "  %-7s %s\n", name.c_str(),
                    text_of(axis, "problem").c_str());
    } else if (axis.value("reached", false)) {
      std::snprintf(line, sizeof line, "  %-7s ok in %s s, peak %s mA, %s C\n", name.c_str(),
                    number_text(axis.value("seconds", json()), "%.1f").c_str(),
                    number_text(axis.value("peak_current_ma", json()), "%.0f").c_str(),
                    number_text(axis.value("hottest_c", json()), "%.1f").c_str());
    } else {
      std::snprintf(line, sizeof line, "  %-7s FAILED: %s (peak %s mA, %s C)\n", name.c_str(),
                    text_of(axis, "problem").c_str(),
                    number_text(axis.value("peak_current_ma", json()), "%.0f").c_str(),
                    number_text(axis.value("hottest_c", json()), "%.1f").c_str());
    }
    out += line;
  }
  out += report.value("passed", false) ? "self-test passed\n" : "self-test FAILED\n";
  return out;
}

std::string jog_text(const json& at) {
  return text_of(at, "axis") + " at " + number_text(at.value("position_mm", json()), "%.1f") +
         " mm, going to " + number_text(at.value("target_mm", json()), "%.1f") + " mm";
}

}  // namespace chairctl
