#include "daemon/calibration/calibration_text.hpp"

#include <array>
#include <cstdio>
#include <sstream>

#include "daemon/calibration/crc32.hpp"
#include "daemon/calibration/utc_seconds.hpp"
#include "toml/strict_table.hpp"

namespace calibration {
namespace {

constexpr std::string_view kHeader =
    "# massaged calibration: written by the daemon after a technician's calibration; do not "
    "edit\n";
constexpr std::string_view kChecksumPrefix = "# crc32 = ";
constexpr std::string_view kRedo =
    "; calibrate the chair again (chairctl calibrate), or restore calibration.previous.toml";
// Bounds wide enough for any chair; check_calibration judges the values themselves.
constexpr double kLargestNumber = 1e6;

std::string hex(std::uint32_t value) {
  std::array<char, 9> out{};
  std::snprintf(out.data(), out.size(), "%08x", value);
  return out.data();
}

std::string number(double value) {
  std::ostringstream out;
  out.precision(6);
  out << std::fixed << value;
  return out.str();
}

void write_record(std::string& out, const PartRecord& record) {
  char firmware[8];
  std::snprintf(firmware, sizeof firmware, "0x%04X", record.drive.firmware);
  out += "drive = { ";
  if (record.drive.serial) out += "serial = " + std::to_string(*record.drive.serial) + ", ";
  out += std::string("firmware = ") + firmware + " }\n";
  if (record.calibrated_at) {
    out += "calibrated_at = \"" + utc_seconds_text(*record.calibrated_at) + "\"\n";
  }
  if (record.technician_uid) {
    out += "technician_uid = " + std::to_string(*record.technician_uid) + "\n";
  }
}

void write_part(std::string& out, const StoredCalibration& stored, Procedure part) {
  const auto& c = stored.calibration;
  out += "\n[" + std::string(to_string(part)) + "]\n";
  const auto range = [&out](const safety::AxisRange& r) {
    out += "min_mm = " + number(r.min.value()) + "\n";
    out += "max_mm = " + number(r.max.value()) + "\n";
  };
  switch (part) {
    case Procedure::travel_range:
      range(c.travel);
      break;
    case Procedure::width_range:
      range(c.width);
      break;
    case Procedure::depth_zero:
      range(c.depth);
      break;
    case Procedure::force_sensor:
      out += "offset_n = " + number(c.force.offset.value()) + "\n";
      out += "gain = " + number(c.force.gain) + "\n";
      break;
  }
  if (const auto record = stored.parts.find(part); record != stored.parts.end()) {
    write_record(out, record->second);
  }
}

// The drive, time and technician of a part, when the file records them (format 2).
std::optional<PartRecord> read_record(const toml_strict::Table& section) {
  const auto drive = section.optional_table("drive");
  if (!drive) {
    for (const auto key : {"calibrated_at", "technician_uid"}) {
      if (section.has(key)) {
        section.fail(key,
                     "belongs with the drive the part was measured on, but \"drive\" is "
                     "missing");
      }
    }
    return std::nullopt;
  }
  PartRecord record;
  if (const auto serial = drive->optional_integer("serial", 0, 0xFFFFFFFF)) {
    record.drive.serial = static_cast<std::uint32_t>(*serial);
  }
  record.drive.firmware = static_cast<std::uint16_t>(drive->integer("firmware", 0, 0xFFFF));
  drive->reject_unknown_keys();
  if (const auto when = section.optional_string("calibrated_at")) {
    record.calibrated_at = parse_utc_seconds(*when);
    if (!record.calibrated_at) {
      section.fail("calibrated_at",
                   "\"" + *when + "\" is not a time in UTC such as \"2026-11-24T10:15:02Z\"");
    }
  }
  if (const auto uid = section.optional_integer("technician_uid", 0, 0xFFFFFFFF)) {
    record.technician_uid = static_cast<std::uint32_t>(*uid);
  }
  return record;
}

// The file's format: 1 when it has no "format" key (as written before drives were recorded).
result::Expected<int, std::string> format_of(const toml_strict::Table& root) {
  const auto format = root.optional_integer("format", 1, 0xFFFF).value_or(1);
  if (format > kFormatVersion) {
    return result::unexpected(root.where("format") + ": format " + std::to_string(format) +
                              " is newer than this massaged reads (formats 1 to " +
                              std::to_string(kFormatVersion) +
                              "): a newer version wrote it; update massaged, or calibrate the "
                              "chair again (chairctl calibrate)");
  }
  return static_cast<int>(format);
}

StoredCalibration read_calibration(const toml_strict::Table& root, int format) {
  StoredCalibration stored;
  stored.format_version = format;
  auto& c = stored.calibration;
  c.valid = true;
  for (const auto part : kAllProcedures) {
    const auto section = root.table(to_string(part));
    if (part == Procedure::force_sensor) {
      c.force.offset = units::Newtons(section.number("offset_n", -kLargestNumber, kLargestNumber));
      c.force.gain = section.number("gain", -kLargestNumber, kLargestNumber);
    } else {
      auto& range = part == Procedure::travel_range  ? c.travel
                    : part == Procedure::width_range ? c.width
                                                     : c.depth;
      range.min = units::Millimetres(section.number("min_mm", -kLargestNumber, kLargestNumber));
      range.max = units::Millimetres(section.number("max_mm", -kLargestNumber, kLargestNumber));
    }
    if (stored.format_version >= 2) {
      if (auto record = read_record(section)) stored.parts.emplace(part, *record);
    }
    section.reject_unknown_keys();
  }
  root.reject_unknown_keys();
  return stored;
}

}  // namespace

std::string to_text(const StoredCalibration& stored) {
  std::string out(kHeader);
  out += "format = " + std::to_string(kFormatVersion) + "\n";
  for (const auto part : {Procedure::travel_range, Procedure::width_range, Procedure::depth_zero,
                          Procedure::force_sensor}) {
    write_part(out, stored, part);
  }
  out += std::string(kChecksumPrefix) + hex(crc32(out)) + "\n";
  return out;
}

result::Expected<StoredCalibration, std::string> from_text(std::string_view text,
                                                           std::string_view origin) {
  const std::string file(origin);
  // The checksum line is the last one; everything before it is what it covers.
  std::string_view body = text;
  if (body.ends_with('\n')) body.remove_suffix(1);
  const auto last_line = body.rfind('\n');
  const auto checksum_line =
      last_line == std::string_view::npos ? body : body.substr(last_line + 1);
  if (!checksum_line.starts_with(kChecksumPrefix)) {
    return result::unexpected(file +
                              ": no checksum line at the end: the file is cut short or was "
                              "changed by hand, so its numbers cannot be trusted" +
                              std::string(kRedo));
  }
  const auto covered = text.substr(0, last_line == std::string_view::npos ? 0 : last_line + 1);
  const auto stated = checksum_line.substr(kChecksumPrefix.size());
  const auto actual = hex(crc32(covered));
  if (stated != actual) {
    return result::unexpected(file + ": checksum " + std::string(stated) +
                              " does not match the contents (" + actual +
                              "): the file is damaged or was changed by hand, so its numbers "
                              "cannot be trusted" +
                              std::string(kRedo));
  }
  StoredCalibration stored;
  try {
    const auto root = toml_strict::Document::parse_text(covered, file).root();
    const auto format = format_of(root);
    if (!format) return result::unexpected(format.error());
    stored = read_calibration(root, *format);
  } catch (const toml_strict::FileError& e) {
    return result::unexpected(e.what() + std::string(kRedo));
  }
  if (auto problem = safety::check_calibration(stored.calibration); !problem.empty()) {
    return result::unexpected(file + ": " + problem);
  }
  return stored;
}

}  // namespace calibration
