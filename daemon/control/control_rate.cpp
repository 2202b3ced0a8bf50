#include "daemon/control/control_rate.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace control {
namespace {

using std::chrono::nanoseconds;

// Bytes of the frames one drive exchanges per cycle: one function 23, or 16 then 03.
struct CycleFrames {
  int request = 0;
  int reply = 0;
  int frames = 0;  // each followed by a silent interval and, for requests, an answer time
  int requests = 0;
};

CycleFrames frames_of(const hal::ActuatorProfile& profile) {
  const int write_words = profile.command_block.count;
  const int read_words = profile.status_block.count;
  constexpr int kAddressAndFunction = 2;
  constexpr int kCrc = 2;
  if (profile.has_function(23)) {
    // read start, read count, write start, write count, byte count, the words.
    const int request = kAddressAndFunction + 8 + 1 + 2 * write_words + kCrc;
    const int reply = kAddressAndFunction + 1 + 2 * read_words + kCrc;
    return {request, reply, 2, 1};
  }
  const int write_request = kAddressAndFunction + 5 + 2 * write_words + kCrc;
  const int write_reply = kAddressAndFunction + 4 + kCrc;
  const int read_request = kAddressAndFunction + 4 + kCrc;
  const int read_reply = kAddressAndFunction + 1 + 2 * read_words + kCrc;
  return {write_request + read_request, write_reply + read_reply, 4, 2};
}

int bits_per_character(const hal::RtuLine& line) {
  return 1 + line.data_bits + (line.parity == hal::Parity::none ? 0 : 1) + line.stop_bits;
}

// The Modbus RTU silent interval: 3.5 characters, fixed at 1.75 ms above 19200 baud.
nanoseconds silent_interval(const hal::RtuLine& line) {
  if (line.baud > 19200) return std::chrono::microseconds(1750);
  return nanoseconds(static_cast<long long>(3.5 * bits_per_character(line) * 1e9 / line.baud));
}

std::string format(double value, const char* spec) {
  char text[32];
  std::snprintf(text, sizeof text, spec, value);
  return text;
}

char parity_letter(hal::Parity parity) {
  switch (parity) {
    case hal::Parity::none:
      return 'N';
    case hal::Parity::odd:
      return 'O';
    case hal::Parity::even:
      break;
  }
  return 'E';
}

}  // namespace

nanoseconds rtu_cycle_time(const hal::BusConfig& bus) {
  const auto* line = std::get_if<hal::RtuLine>(&bus.link);
  if (line == nullptr || bus.axes.empty()) return nanoseconds{0};
  const auto f = frames_of(bus.profile);
  const double bits = static_cast<double>(f.request + f.reply) * bits_per_character(*line);
  const auto on_wire = nanoseconds(static_cast<long long>(bits * 1e9 / line->baud));
  const auto per_drive =
      on_wire + f.frames * silent_interval(*line) + f.requests * nanoseconds(kDriveAnswerTime);
  return per_drive * static_cast<long long>(bus.axes.size());
}

ControlRate achievable_rate(int configured_hz, const std::vector<hal::BusConfig>& buses,
                            int minimum_hz) {
  ControlRate out;
  out.rate_hz = configured_hz;
  const hal::BusConfig* slowest = nullptr;
  nanoseconds slowest_time{0};
  for (const auto& bus : buses) {
    const auto t = rtu_cycle_time(bus);
    if (t > slowest_time) {
      slowest_time = t;
      slowest = &bus;
    }
  }
  if (slowest != nullptr) {
    const double carried = kBusShare * 1e9 / static_cast<double>(slowest_time.count());
    if (carried < configured_hz) {
      const auto& line = std::get<hal::RtuLine>(slowest->link);
      const auto f = frames_of(slowest->profile);
      const std::string why = "bus \"" + slowest->name + "\" exchanges " +
                              std::to_string(slowest->axes.size()) + " drives' frames of " +
                              std::to_string(f.request) + " and " + std::to_string(f.reply) +
                              " bytes per cycle at " + std::to_string(line.baud) + " baud " +
                              std::to_string(line.data_bits) + parity_letter(line.parity) +
                              std::to_string(line.stop_bits) + ", " +
                              format(static_cast<double>(slowest_time.count()) / 1e6, "%.1f") +
                              " ms with the silent intervals and the drives' answer times";
      const double floor_hz = std::floor(carried);
      if (floor_hz < minimum_hz) {
        throw std::invalid_argument(why + ", so it cannot carry even " +
                                    std::to_string(minimum_hz) +
                                    " Hz; raise the baud rate or spread the drives over more "
                                    "buses");
      }
      out.rate_hz = floor_hz;
      out.lowered = "control.rate_hz = " + std::to_string(configured_hz) + " is more than " + why +
                    " can carry; running at " + format(floor_hz, "%.0f") +
                    " Hz instead. To run faster, raise the baud rate or spread the drives over "
                    "more buses";
    }
  }
  out.period = nanoseconds(static_cast<long long>(1e9 / out.rate_hz));
  for (const auto& bus : buses) {
    if (bus.drive_comm_timeout < 2 * out.period) {
      throw std::invalid_argument(
          "bus \"" + bus.name +
          "\": drive_comm_timeout_ms = " + std::to_string(bus.drive_comm_timeout.count()) +
          " is shorter than two control cycles at " + format(out.rate_hz, "%.0f") +
          " Hz, so the drives would stop between heartbeats; raise it to at least " +
          std::to_string(std::chrono::ceil<std::chrono::milliseconds>(2 * out.period).count()));
    }
  }
  return out;
}

}  // namespace control
