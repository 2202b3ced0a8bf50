#include "daemon/calibration/calibration_text.hpp"

#include <array>
#include <cstdio>
#include <sstream>

#include <toml++/toml.h>

#include "daemon/calibration/crc32.hpp"

namespace calibration {
namespace {

constexpr std::string_view kHeader =
    "# massaged calibration: written by the daemon after a technician's calibration; do not "
    "edit\n";
constexpr std::string_view kChecksumPrefix = "# crc32 = ";
constexpr std::string_view kRedo =
    "; calibrate the chair again (chairctl calibrate), or restore calibration.previous.toml";

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

void write_range(std::string& out, std::string_view name, const safety::AxisRange& range) {
  out += "\n[" + std::string(name) + "]\n";
  out += "min_mm = " + number(range.min.value()) + "\n";
  out += "max_mm = " + number(range.max.value()) + "\n";
}

using Problem = result::Expected<safety::Calibration, std::string>;

std::string where(std::string_view origin, const toml::source_region& source) {
  return std::string(origin) + ":" + std::to_string(source.begin.line) + ":" +
         std::to_string(source.begin.column);
}

// The number at `section.key`, or an error naming it.
result::Expected<double, std::string> read_number(const toml::table& root, std::string_view origin,
                                                  std::string_view section, std::string_view key) {
  const auto* table = root[section].as_table();
  const std::string dotted = std::string(section) + "." + std::string(key);
  if (table == nullptr) {
    return result::unexpected(std::string(origin) + ": " + dotted + ": missing" +
                              std::string(kRedo));
  }
  const auto node = (*table)[key];
  const auto value = node.value<double>();
  if (!value) {
    const auto at = node ? where(origin, node.node()->source()) : std::string(origin);
    return result::unexpected(at + ": " + dotted + ": missing or not a number" +
                              std::string(kRedo));
  }
  return *value;
}

// Every key the file may have: anything else means it was not written by this daemon.
std::string unknown_key(const toml::table& root, std::string_view origin) {
  constexpr std::array<std::string_view, 4> kSections{"travel", "width", "depth", "force"};
  for (const auto& [section, node] : root) {
    const auto name = section.str();
    bool known = false;
    for (const auto s : kSections) known = known || name == s;
    if (!known || !node.is_table()) {
      return where(origin, node.source()) + ": " + std::string(name) +
             ": unknown; allowed are travel, width, depth, force" + std::string(kRedo);
    }
    for (const auto& [key, value] : *node.as_table()) {
      const auto k = key.str();
      const bool ok =
          name == "force" ? (k == "offset_n" || k == "gain") : (k == "min_mm" || k == "max_mm");
      if (!ok) {
        return where(origin, value.source()) + ": " + std::string(name) + "." + std::string(k) +
               ": unknown key" + std::string(kRedo);
      }
    }
  }
  return {};
}

}  // namespace

std::string to_text(const safety::Calibration& calibration) {
  std::string out(kHeader);
  write_range(out, "travel", calibration.travel);
  write_range(out, "width", calibration.width);
  write_range(out, "depth", calibration.depth);
  out += "\n[force]\n";
  out += "offset_n = " + number(calibration.force.offset.value()) + "\n";
  out += "gain = " + number(calibration.force.gain) + "\n";
  out += std::string(kChecksumPrefix) + hex(crc32(out)) + "\n";
  return out;
}

result::Expected<safety::Calibration, std::string> from_text(std::string_view text,
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
  toml::table root;
  try {
    root = toml::parse(covered, file);
  } catch (const toml::parse_error& e) {
    return result::unexpected(where(file, e.source()) + ": " + std::string(e.description()) +
                              std::string(kRedo));
  }
  if (auto unknown = unknown_key(root, file); !unknown.empty()) {
    return result::unexpected(std::move(unknown));
  }
  safety::Calibration c;
  c.valid = true;
  struct RangeKey {
    std::string_view section;
    safety::AxisRange* range;
  };
  for (const auto& [section, range] :
       {RangeKey{"travel", &c.travel}, RangeKey{"width", &c.width}, RangeKey{"depth", &c.depth}}) {
    const auto min = read_number(root, file, section, "min_mm");
    if (!min) return result::unexpected(min.error());
    const auto max = read_number(root, file, section, "max_mm");
    if (!max) return result::unexpected(max.error());
    range->min = units::Millimetres(*min);
    range->max = units::Millimetres(*max);
  }
  const auto offset = read_number(root, file, "force", "offset_n");
  if (!offset) return result::unexpected(offset.error());
  const auto gain = read_number(root, file, "force", "gain");
  if (!gain) return result::unexpected(gain.error());
  c.force.offset = units::Newtons(*offset);
  c.force.gain = *gain;
  if (auto problem = safety::check_calibration(c); !problem.empty()) {
    return result::unexpected(file + ": " + problem);
  }
  return c;
}

}  // namespace calibration
