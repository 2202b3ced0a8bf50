#include "modbus/register_access.hpp"

#include <algorithm>
#include <cstdio>

#include "profile/register_image.hpp"

namespace hal {

std::vector<RegisterRange> contiguous_runs(std::span<const RegisterSpec> specs) {
  std::vector<RegisterSpec> sorted(specs.begin(), specs.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.address < b.address; });
  std::vector<RegisterRange> runs;
  for (const auto& spec : sorted) {
    if (!runs.empty() && runs.back().start + runs.back().count == spec.address) {
      runs.back().count = static_cast<std::uint16_t>(runs.back().count + spec.words);
    } else {
      runs.push_back(RegisterRange{spec.address, spec.words});
    }
  }
  return runs;
}

std::string describe(const RegisterRange& range) {
  char text[32];
  const unsigned last = range.count == 0 ? range.start : range.start + range.count - 1U;
  std::snprintf(text, sizeof text, "0x%04X..0x%04X", static_cast<unsigned>(range.start), last);
  return text;
}

result::Expected<std::vector<std::int64_t>, DriveError> read_registers(
    ModbusLink& link, DriveChannel& drive, std::span<const RegisterSpec> specs,
    const std::string& doing) {
  std::vector<std::int64_t> values(specs.size());
  for (const auto& run : contiguous_runs(specs)) {
    std::vector<std::uint16_t> words(run.count);
    if (auto done = link.read(drive.unit(), run.start, words, &drive.statistics()); !done) {
      return result::unexpected(drive.error(done.error(), doing));
    }
    const RegisterImage image(run, drive.profile().word_order, std::move(words));
    for (std::size_t i = 0; i < specs.size(); ++i) {
      if (run.contains(specs[i])) values[i] = image.get(specs[i]);
    }
  }
  return values;
}

result::Expected<void, DriveError> write_registers(ModbusLink& link, DriveChannel& drive,
                                                   std::span<const RegisterSpec> specs,
                                                   std::span<const std::int64_t> values,
                                                   const std::string& doing) {
  for (const auto& run : contiguous_runs(specs)) {
    RegisterImage image(run, drive.profile().word_order);
    for (std::size_t i = 0; i < specs.size(); ++i) {
      if (run.contains(specs[i])) image.set(specs[i], values[i]);
    }
    const auto words = image.words();
    if (auto done =
            link.write(drive.unit(), run.start, {words.data(), words.size()}, &drive.statistics());
        !done) {
      return result::unexpected(drive.error(done.error(), doing));
    }
  }
  return {};
}

}  // namespace hal
