#include "daemon/api/methods/diagnostics_methods.hpp"

#include <variant>

#include "daemon/api/json/chair_json.hpp"
#include "daemon/api/transport/method_params.hpp"
#include "modbus/drive_alarm.hpp"

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

json reading_json(const hal::DriveChannel& channel) {
  const auto reading = channel.reading();
  if (!reading) return nullptr;
  const bool rotary = hal::is_rotary(channel.kind());
  const auto& v = reading->values;
  json out{
      {"position", v.position},
      {"position_unit", rotary ? "deg" : "mm"},
      {"velocity", v.velocity},
      {"velocity_unit", rotary ? "rpm" : "mm/s"},
      {"force_n", v.force},
      {"current_ma", v.current},
      {"temperature_c", v.temperature},
      {"flags", flags_json(v.flags)},
      {"alarm", nullptr},
      {"age_ms", std::chrono::duration<double, std::milli>(channel.clock().now() - reading->read_at)
                     .count()}};
  if (reading->alarm) {
    out["alarm"] = json{{"code", reading->alarm->code},
                        {"name", reading->alarm->name},
                        {"kind", hal::to_string(reading->alarm->kind)}};
  }
  return out;
}

json identity_json(const hal::DriveChannel& channel) {
  const auto identity = channel.identity();
  if (!identity) return nullptr;
  return json{{"map_id", identity->map_id},
              {"map_version", identity->map_version},
              {"firmware", identity->firmware},
              {"serial", identity->serial ? json(*identity->serial) : json()},
              {"capabilities", identity->capabilities}};
}

std::string transport_of(const hal::BusConfig& bus) {
  if (const auto* rtu = std::get_if<hal::RtuLine>(&bus.link)) return "rtu " + rtu->device.string();
  const auto& tcp = std::get<hal::TcpEndpoint>(bus.link);
  return "tcp " + tcp.host + ":" + std::to_string(tcp.port);
}

json axes(hal::ChairDrives& drives) {
  json out = json::array();
  for (std::size_t b = 0; b < drives.bus_count(); ++b) {
    auto& bus = drives.bus(b);
    for (std::size_t c = 0; c < bus.size(); ++c) {
      const auto& channel = bus.channel(c);
      out.push_back(json{{"axis", hal::to_string(channel.kind())},
                         {"bus", bus.name()},
                         {"unit", channel.unit()},
                         {"state", hal::to_string(channel.state())},
                         {"link_up", bus.link_up()},
                         {"identity", identity_json(channel)},
                         {"reading", reading_json(channel)}});
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

json buses(hal::ChairDrives& drives) {
  json out = json::array();
  for (std::size_t b = 0; b < drives.bus_count(); ++b) {
    auto& bus = drives.bus(b);
    json axes = json::array();
    for (std::size_t c = 0; c < bus.size(); ++c) {
      const auto& channel = bus.channel(c);
      axes.push_back(json{{"axis", hal::to_string(channel.kind())},
                          {"unit", channel.unit()},
                          {"statistics", statistics_json(channel.statistics().snapshot())}});
    }
    out.push_back(json{{"bus", bus.name()},
                       {"link", transport_of(bus.config())},
                       {"link_up", bus.link_up()},
                       {"statistics", statistics_json(bus.statistics())},
                       {"axes", std::move(axes)},
                       {"last_quick_stop", last_quick_stop_json(bus.last_quick_stop())}});
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
  if (auto* drives = context.drives) {
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
