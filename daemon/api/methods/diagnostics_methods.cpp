#include "daemon/api/methods/diagnostics_methods.hpp"

#include "daemon/api/json/chair_json.hpp"
#include "daemon/api/transport/method_params.hpp"

namespace massaged {

using nlohmann::json;

namespace {

json flags_json(const hal::StatusFlags& f) {
  return json{{"ready", f.ready},        {"enabled", f.enabled},
              {"moving", f.moving},      {"target_reached", f.target_reached},
              {"homed", f.homed},        {"homing", f.homing},
              {"fault", f.fault},        {"force_limited", f.force_limited},
              {"at_min", f.at_min},      {"at_max", f.at_max},
              {"comm_lost", f.comm_lost}};
}

json reading_json(const hal::DrivesView& drives, hal::DrivePlace at) {
  const auto reading = drives.reading(at);
  if (!reading) return nullptr;
  const bool rotary = hal::is_rotary(drives.axis(at));
  const auto& v = reading->values;
  json out{{"position", v.position},
           {"position_unit", rotary ? "deg" : "mm"},
           {"velocity", v.velocity},
           {"velocity_unit", rotary ? "rpm" : "mm/s"},
           {"force_n", v.force},
           {"current_ma", v.current},
           {"temperature_c", v.temperature},
           {"flags", flags_json(v.flags)},
           {"alarm", nullptr},
           {"age_ms",
            std::chrono::duration<double, std::milli>(drives.now() - reading->read_at).count()}};
  if (reading->alarm) {
    out["alarm"] = json{{"code", reading->alarm->code},
                        {"name", reading->alarm->name},
                        {"kind", hal::to_string(reading->alarm->kind)}};
  }
  return out;
}

json identity_json(const hal::DrivesView& drives, hal::DrivePlace at) {
  const auto identity = drives.identity(at);
  if (!identity) return nullptr;
  return json{{"map_id", identity->map_id},
              {"map_version", identity->map_version},
              {"firmware", identity->firmware},
              {"serial", identity->serial ? json(*identity->serial) : json()},
              {"capabilities", identity->capabilities}};
}

json axes(const hal::DrivesView& drives) {
  json out = json::array();
  for (std::size_t b = 0; b < drives.bus_count(); ++b) {
    for (std::size_t d = 0; d < drives.drive_count(b); ++d) {
      const hal::DrivePlace at{b, d};
      out.push_back(json{{"axis", hal::to_string(drives.axis(at))},
                         {"bus", drives.bus_name(b)},
                         {"unit", drives.unit(at)},
                         {"state", hal::to_string(drives.state(at))},
                         {"link_up", drives.link_up(b)},
                         {"identity", identity_json(drives, at)},
                         {"reading", reading_json(drives, at)}});
    }
  }
  return json{{"axes", std::move(out)}};
}

json last_quick_stop_json(const hal::QuickStopRecord& record) {
  if (record.sequence == 0) return nullptr;
  json confirmations = json::array();
  for (const auto& c : record.confirmations) {
    confirmations.push_back(
        json{{"axis", hal::to_string(c.axis)},
             {"unit", c.unit},
             {"confirmed", c.reading.has_value()},
             {"error", c.reading ? json() : json(c.reading.error().message())}});
  }
  return json{{"sequence", record.sequence},
              {"broadcast", record.broadcast},
              {"confirmations", std::move(confirmations)}};
}

json buses(const hal::DrivesView& drives) {
  json out = json::array();
  for (std::size_t b = 0; b < drives.bus_count(); ++b) {
    json axes = json::array();
    for (std::size_t d = 0; d < drives.drive_count(b); ++d) {
      const hal::DrivePlace at{b, d};
      axes.push_back(json{{"axis", hal::to_string(drives.axis(at))},
                          {"unit", drives.unit(at)},
                          {"statistics", statistics_json(drives.drive_statistics(at))}});
    }
    out.push_back(json{{"bus", drives.bus_name(b)},
                       {"link", drives.bus_link(b)},
                       {"link_up", drives.link_up(b)},
                       {"statistics", statistics_json(drives.bus_statistics(b))},
                       {"axes", std::move(axes)},
                       {"last_quick_stop", last_quick_stop_json(drives.last_quick_stop(b))}});
  }
  return json{{"buses", std::move(out)}, {"total", statistics_json(drives.statistics())}};
}

json loop(const control::PeriodStatistics& s, std::chrono::nanoseconds period) {
  const double period_s = std::chrono::duration<double>(period).count();
  return json{{"rate_hz", period_s > 0 ? 1.0 / period_s : 0.0},
              {"period_us", std::chrono::duration_cast<std::chrono::microseconds>(period).count()},
              {"cycles", s.cycles},
              {"overruns", s.overruns},
              {"lateness_us",
               {{"p50", s.lateness_p50.count()},
                {"p99", s.lateness_p99.count()},
                {"max", s.lateness_max.count()}}},
              {"work_us", {{"p99", s.work_p99.count()}, {"max", s.work_max.count()}}}};
}

}  // namespace

void add_diagnostics_methods(JsonRpcDispatcher& rpc, DiagnosticsContext context) {
  if (const auto* drives = context.drives) {
    rpc.add_method("diagnostics.axes", ApiRole::technician,
                   [drives](const json& params, const Caller&) {
                     const MethodParams p("diagnostics.axes", params, {});
                     return axes(*drives);
                   });
    rpc.add_method("diagnostics.buses", ApiRole::technician,
                   [drives](const json& params, const Caller&) {
                     const MethodParams p("diagnostics.buses", params, {});
                     return buses(*drives);
                   });
  }
  rpc.add_method("diagnostics.loop", ApiRole::technician,
                 [statistics = context.loop_statistics, period = context.period](const json& params,
                                                                                 const Caller&) {
                   const MethodParams p("diagnostics.loop", params, {});
                   return loop(statistics(), period);
                 });
}

}  // namespace massaged
