#include "daemon/chairctl/watch_line.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "daemon/chairctl/status_text.hpp"

namespace chairctl {

using nlohmann::json;

namespace {

std::string field(const json& object, const char* key) {
  const auto found = object.find(key);
  if (found == object.end() || found->is_null()) return "";
  if (found->is_string()) return found->get<std::string>();
  return found->dump();
}

}  // namespace

double done_fraction(const json& progress) {
  const double elapsed = progress.value("elapsed_s", 0.0);
  const double remaining = progress.value("remaining_s", 0.0);
  const auto phase = progress.value("phase", std::string());
  if (phase == "finished") return 1.0;
  if (elapsed + remaining <= 0.0) return 0.0;
  return std::clamp(elapsed / (elapsed + remaining), 0.0, 1.0);
}

std::string watch_line(const json& status, const json& progress, std::size_t bar_width) {
  std::string out = field(status, "state");
  const auto phase = field(progress, "phase");
  if (phase == "scanning") {
    out += "  body scan: finding your shoulders";
  } else if (!phase.empty()) {
    out += "  step " + field(progress, "step") + "/" + field(progress, "step_count");
    const auto technique = field(progress, "technique");
    if (!technique.empty()) out += " " + technique;
    const auto zone = field(progress, "zone");
    if (!zone.empty()) out += "  " + zone;
  }
  if (const auto force = progress.find("force_n"); force != progress.end() && force->is_number()) {
    char text[32];
    std::snprintf(text, sizeof text, "  %.1f N", force->get<double>());
    out += text;
  }
  const double fraction = done_fraction(progress);
  const auto filled =
      static_cast<std::size_t>(std::lround(fraction * static_cast<double>(bar_width)));
  out += "  [" + std::string(filled, '#') + std::string(bar_width - filled, '-') + "] ";
  out += std::to_string(static_cast<int>(std::floor(fraction * 100.0))) + "%";
  out += "  " + clock_text(progress.value("remaining_s", 0.0)) + " left";
  return out;
}

}  // namespace chairctl
