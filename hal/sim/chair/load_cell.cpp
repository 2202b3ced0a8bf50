#include "sim/chair/load_cell.hpp"

namespace sim {

LoadCell::LoadCell(LoadCellError error, std::uint64_t seed) : error_(error), noise_(seed) {}

units::Newtons LoadCell::sample(units::Newtons force) {
  return force * (1.0 + error_.gain_error) + error_.offset + error_.noise * noise_.next();
}

}  // namespace sim
