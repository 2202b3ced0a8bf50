#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// The vertebral levels a back roller reaches, from the base of the neck to the sacrum, in the
// order the roller meets them travelling down the back.
namespace anatomy {

enum class VertebralLevel : std::uint8_t {
  C7,
  T1,
  T2,
  T3,
  T4,
  T5,
  T6,
  T7,
  T8,
  T9,
  T10,
  T11,
  T12,
  L1,
  L2,
  L3,
  L4,
  L5,
  S1
};

inline constexpr std::size_t kLevelCount = 19;

constexpr std::size_t index_of(VertebralLevel level) { return static_cast<std::size_t>(level); }
constexpr VertebralLevel level_at(std::size_t index) { return static_cast<VertebralLevel>(index); }

// "C7", "T4", "L5", "S1".
std::string to_string(VertebralLevel level);
// Accepts "C7".."S1", case-insensitive; nullopt for anything else.
std::optional<VertebralLevel> parse_level(std::string_view text);

// A level `steps` further down the back (negative: up), kept within C7..S1.
VertebralLevel shifted(VertebralLevel level, int steps);

// Where on the back a level lies, as the safety rules group them.
enum class Region {
  neck,      // C7: the base of the neck
  thoracic,  // T1..T11
  kidney,    // T12..L3: the kidneys lie below the 12th rib; no tapping, no deep pressure
  lumbar,    // L4..L5
  sacral     // S1
};

Region region_of(VertebralLevel level);
std::string_view to_string(Region region);

}  // namespace anatomy
