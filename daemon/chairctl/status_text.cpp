#include "daemon/chairctl/status_text.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "daemon/chairctl/json_fields.hpp"

namespace chairctl {

using nlohmann::json;

namespace {

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// "4", "4.5": how programs write centimetres.
std::string short_number(double value) {
  if (std::abs(value - std::round(value)) < 1e-9) return fixed(value, 0);
  return fixed(value, 1);
}

std::string where_across(const json& step) {
  if (step.contains("muscle")) return text_of(step, "muscle");
  if (step.contains("lateral_cm")) return short_number(number_of(step, "lateral_cm")) + " cm";
  return "";
}

std::string span_of(const json& step) {
  const auto top = text_of(step, "top");
  const auto bottom = text_of(step, "bottom");
  return top == bottom ? top : top + " to " + bottom;
}

void line(std::ostringstream& out, const std::string& label, const std::string& value) {
  // Values start in the 11th column.
  out << label << ':' << std::string(label.size() < 9 ? 9 - label.size() : 1, ' ') << value << '\n';
}

}  // namespace

std::string clock_text(double seconds) {
  const auto total = static_cast<long long>(std::llround(std::max(seconds, 0.0)));
  const auto h = total / 3600;
  const auto m = (total / 60) % 60;
  const auto s = total % 60;
  char text[32];
  if (h > 0) {
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", h, m, s);
  } else {
    std::snprintf(text, sizeof text, "%lld:%02lld", m, s);
  }
  return text;
}

std::string progress_text(const json& progress) {
  std::string out = text_of(progress, "program_name", text_of(progress, "program_id"));
  const auto phase = text_of(progress, "phase");
  if (phase == "scanning") return out + ": the body scan looks for your shoulders";
  if (phase == "finished" || phase == "ended") {
    const auto outcome = text_of(progress, "outcome");
    return out + ": " + (outcome.empty() ? phase : outcome);
  }
  out += ": step " + fixed(number_of(progress, "step"), 0) + " of " +
         fixed(number_of(progress, "step_count"), 0);
  const auto technique = text_of(progress, "technique");
  if (!technique.empty()) out += ", " + technique;
  const auto zone = text_of(progress, "zone");
  if (!zone.empty()) out += " at " + zone;
  const auto intensity = number_of(progress, "intensity");
  if (intensity > 0) out += ", intensity " + fixed(intensity, 0);
  if (progress.value("holding_here", false)) out += ", holding here";
  return out;
}

std::string fit_text(const json& progress) {
  const auto shoulder = progress.find("shoulder_mm");
  const auto s1 = progress.find("s1_mm");
  if (shoulder == progress.end() || !shoulder->is_number() || s1 == progress.end() ||
      !s1->is_number()) {
    return "";
  }
  auto out = "shoulders at " + fixed(shoulder->get<double>(), 0) + " mm";
  const auto end = progress.find("back_end_mm");
  if (end != progress.end() && end->is_number()) {
    out += ", the back leaving the rollers at " + fixed(end->get<double>(), 0) + " mm";
  }
  return out + ", levels C7 to S1 down to " + fixed(s1->get<double>(), 0) + " mm";
}

std::string skipped_text(const json& part) {
  return "step " + fixed(number_of(part, "step"), 0) + ", " + text_of(part, "technique") + ": " +
         text_of(part, "reason");
}

std::string status_text(const json& status) {
  std::ostringstream out;
  std::string state = text_of(status, "state", "unknown");
  const auto cause = text_of(status, "cause");
  line(out, "chair", cause.empty() ? state : state + " (" + cause + ")");
  line(out, "latched",
       status.value("latched", false)
           ? "yes: the emergency-stop latch is set; chairctl reset clears it"
           : "no");
  if (const auto fault = status.find("fault"); fault != status.end() && fault->is_object()) {
    line(out, "fault", text_of(*fault, "summary"));
    const auto detail = text_of(*fault, "detail");
    if (!detail.empty()) line(out, "detail", detail);
  }
  const auto session = status.find("session");
  if (session == status.end() || !session->is_object()) {
    line(out, "session", "none");
  } else {
    line(out, "session", progress_text(*session));
    if (const auto fit = fit_text(*session); !fit.empty()) line(out, "body", fit);
    if (const auto skipped = session->find("skipped");
        skipped != session->end() && skipped->is_array()) {
      for (const auto& part : *skipped) line(out, "skipped", skipped_text(part));
    }
    const auto phase = text_of(*session, "phase");
    if (phase == "massaging" || phase == "scanning") {
      line(out, "time left",
           clock_text(number_of(status, "session_remaining_s")) + " of the session, about " +
               clock_text(number_of(*session, "remaining_s")) + " of the program");
    }
  }
  return out.str();
}

std::string programs_text(const json& list) {
  std::ostringstream out;
  std::size_t width = 2;
  for (const auto& p : list.value("programs", json::array())) {
    width = std::max(width, text_of(p, "id").size());
  }
  for (const auto& p : list.value("programs", json::array())) {
    const auto id = text_of(p, "id");
    out << id << std::string(width - id.size() + 2, ' ') << text_of(p, "name") << " ("
        << fixed(number_of(p, "intended_minutes"), 0) << " min"
        << (text_of(p, "origin") == "installed" ? ", installed" : "") << ")\n";
  }
  for (const auto& refused : list.value("refused", json::array())) {
    out << "refused: " << text_of(refused, "file") << '\n';
    for (const auto& e : refused.value("errors", json::array())) {
      out << "  " << text_of(e, "text") << '\n';
    }
  }
  return out.str();
}

std::string step_text(const json& step) {
  const auto technique = text_of(step, "technique");
  const auto intensity = "intensity " + fixed(number_of(step, "intensity"), 0);
  if (technique == "compression") {
    return "compression at " + text_of(step, "level") + ", " + where_across(step) + ", " +
           text_of(step, "side") + " side" + (text_of(step, "side") == "both" ? "s" : "") + ", " +
           intensity + ", held " + fixed(number_of(step, "hold_s"), 0) + " s in " +
           fixed(number_of(step, "increments"), 0) + " rise(s), " +
           fixed(number_of(step, "repeats"), 0) + " time(s)";
  }
  if (technique == "rolling") {
    return "rolling " + span_of(step) + ", " + where_across(step) + ", " + intensity + ", " +
           fixed(number_of(step, "passes"), 0) + " passes at " +
           short_number(number_of(step, "speed_cm_s")) + " cm/s";
  }
  if (technique == "kneading") {
    return "kneading " + span_of(step) + ", " + where_across(step) + ", " + intensity + ", " +
           fixed(number_of(step, "duration_s"), 0) + " s";
  }
  if (technique == "tapping") {
    return "tapping " + span_of(step) + ", " + where_across(step) + ", " + intensity + ", " +
           fixed(number_of(step, "duration_s"), 0) + " s at " +
           short_number(number_of(step, "frequency_hz")) + " Hz";
  }
  if (technique == "rest") return "rest, " + fixed(number_of(step, "duration_s"), 0) + " s";
  if (technique == "group") {
    return fixed(number_of(step, "repeats"), 0) + " times:";
  }
  return technique;
}

namespace {

void steps_into(std::ostringstream& out, const json& steps, int depth) {
  int n = 0;
  for (const auto& step : steps) {
    out << std::string(static_cast<std::size_t>(2 + depth * 3), ' ') << ++n << ". "
        << step_text(step) << '\n';
    if (step.contains("steps")) steps_into(out, step["steps"], depth + 1);
  }
}

}  // namespace

std::string program_text(const json& details) {
  std::ostringstream out;
  out << text_of(details, "name") << " (" << text_of(details, "id") << ", "
      << text_of(details, "origin") << ")\n";
  out << text_of(details, "description") << '\n';
  out << "by " << text_of(details, "author") << "; meant to take "
      << fixed(number_of(details, "intended_minutes"), 0) << " min, at most "
      << clock_text(number_of(details, "estimated_s")) << " on the largest body\n";
  out << "steps:\n";
  steps_into(out, details.value("steps", json::array()), 0);
  return out.str();
}

std::string faults_text(const json& faults) {
  std::ostringstream out;
  const auto& current = faults.value("current", json());
  line(out, "now", current.is_object() ? text_of(current, "summary") : "no fault");
  const auto history = faults.value("history", json::array());
  if (history.empty()) {
    out << "no faults or emergency stops since the daemon started\n";
    return out.str();
  }
  for (const auto& entry : history) {
    out << text_of(entry, "time") << "  " << text_of(entry, "kind") << "  "
        << text_of(entry, "summary") << '\n';
  }
  return out.str();
}

std::string axes_text(const json& axes) {
  std::ostringstream out;
  for (const auto& axis : axes.value("axes", json::array())) {
    out << text_of(axis, "axis") << " (bus " << text_of(axis, "bus") << ", unit "
        << fixed(number_of(axis, "unit"), 0) << "): " << text_of(axis, "state");
    if (const auto reading = axis.find("reading"); reading != axis.end() && reading->is_object()) {
      out << ", at " << fixed(number_of(*reading, "position"), 1) << ' '
          << text_of(*reading, "position_unit") << ", "
          << fixed(number_of(*reading, "current_ma"), 0) << " mA, "
          << fixed(number_of(*reading, "temperature_c"), 1) << " °C";
      std::string flags;
      const json flag_values = reading->value("flags", json::object());
      for (const auto& [name, on] : flag_values.items()) {
        if (on.is_boolean() && on.get<bool>()) flags += (flags.empty() ? "" : " ") + name;
      }
      if (!flags.empty()) out << " [" << flags << "]";
      if (const auto alarm = reading->find("alarm");
          alarm != reading->end() && alarm->is_object()) {
        out << ", ALARM " << fixed(number_of(*alarm, "code"), 0) << " " << text_of(*alarm, "name");
      }
    }
    out << '\n';
  }
  return out.str();
}

namespace {

std::string transactions_text(const json& s) {
  const auto& times = s.value("time_us", json::object());
  return fixed(number_of(s, "transactions"), 0) + " transactions, " +
         fixed(number_of(s, "timeouts"), 0) + " timeouts, " + fixed(number_of(s, "bad_frames"), 0) +
         " bad frames, " + fixed(number_of(s, "exceptions"), 0) + " exceptions, " +
         fixed(number_of(s, "reconnects"), 0) + " reconnects; " +
         fixed(number_of(times, "p50"), 0) + "/" + fixed(number_of(times, "p99"), 0) + "/" +
         fixed(number_of(times, "max"), 0) + " µs (median/p99/max)";
}

}  // namespace

std::string statistics_text(const json& buses, const json& loop) {
  std::ostringstream out;
  if (loop.is_object()) {
    const auto& late = loop.value("lateness_us", json::object());
    out << "control loop: " << fixed(number_of(loop, "rate_hz"), 0) << " Hz, "
        << fixed(number_of(loop, "cycles"), 0) << " cycles, "
        << fixed(number_of(loop, "overruns"), 0) << " overruns; started late by "
        << fixed(number_of(late, "p50"), 0) << "/" << fixed(number_of(late, "p99"), 0) << "/"
        << fixed(number_of(late, "max"), 0) << " µs (median/p99/max)\n";
  }
  for (const auto& bus : buses.value("buses", json::array())) {
    out << "bus " << text_of(bus, "bus") << " (" << (bus.value("link_up", false) ? "up" : "down")
        << "): " << transactions_text(bus.value("statistics", json::object())) << '\n';
    for (const auto& axis : bus.value("axes", json::array())) {
      out << "  " << text_of(axis, "axis") << " (unit " << fixed(number_of(axis, "unit"), 0)
          << "): " << transactions_text(axis.value("statistics", json::object())) << '\n';
    }
  }
  return out.str();
}

}  // namespace chairctl
