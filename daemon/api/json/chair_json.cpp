#include "daemon/api/json/chair_json.hpp"

#include <ctime>

namespace massaged {

using nlohmann::json;

std::string utc_text(std::chrono::system_clock::time_point time) {
  const auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(time);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(time - seconds).count();
  const std::time_t t = std::chrono::system_clock::to_time_t(seconds);
  std::tm utc{};
  ::gmtime_r(&t, &utc);
  char text[40];
  const auto n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char out[48];
  std::snprintf(out, sizeof out, "%.*s.%03dZ", static_cast<int>(n), text,
                static_cast<int>(millis < 0 ? 0 : millis));
  return out;
}

std::chrono::system_clock::time_point wall_time_of(std::chrono::steady_clock::time_point then,
                                                   std::chrono::steady_clock::time_point steady_now,
                                                   std::chrono::system_clock::time_point wall_now) {
  return wall_now -
         std::chrono::duration_cast<std::chrono::system_clock::duration>(steady_now - then);
}

std::string fault_kind_id(safety::FaultKind kind) {
  // The safety code's own name with words joined by underscores ("over-temperature" becomes
  // "over_temperature"), so that a kind added there is named here too.
  std::string id(safety::to_string(kind));
  for (auto& c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) c = '_';
  }
  return id;
}

json fault_json(const safety::Fault& fault) {
  return json{{"kind", fault_kind_id(fault.kind)},
              {"axis", fault.axis ? json(std::string(hal::to_string(*fault.axis))) : json()},
              {"bus", fault.bus},
              {"unit", fault.unit},
              {"summary", fault.summary()},
              {"detail", fault.detail}};
}

json status_json(const control::ChairStatus& status, std::chrono::system_clock::time_point since) {
  return json{{"state", control::to_string(status.state)},
              {"description", status.describe()},
              {"cause", status.cause},
              {"latched", status.latched},
              {"fault", status.fault ? fault_json(*status.fault) : json()},
              {"since", utc_text(since)}};
}

json statistics_json(const hal::TransactionStatistics& s) {
  return json{{"transactions", s.transactions},
              {"timeouts", s.timeouts},
              {"bad_frames", s.bad_frames},
              {"exceptions", s.exceptions},
              {"disconnections", s.disconnections},
              {"reconnects", s.reconnects},
              {"time_us",
               {{"count", s.times.count()},
                {"p50", s.times.percentile(0.5).count()},
                {"p99", s.times.percentile(0.99).count()},
                {"max", s.times.max().count()}}}};
}

}  // namespace massaged
