#pragma once

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

// One line of `chairctl watch`: the chair's state, the session's step and zone, the contact
// force, a progress bar and the time left, from the status and progress topics' fields.
namespace chairctl {

// "running  step 3/9 compression  T4, rhomboid, both sides  18.0 N  [######--------------]
// 31%  3:12 left"
[[nodiscard]] std::string watch_line(const nlohmann::json& status, const nlohmann::json& progress,
                                     std::size_t bar_width = 20);

// How far the program is, 0..1, from its elapsed and remaining time.
[[nodiscard]] double done_fraction(const nlohmann::json& progress);

}  // namespace chairctl
