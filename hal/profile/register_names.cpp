#include "profile/register_names.hpp"

namespace hal {

std::vector<std::pair<std::string, RegisterSpec>> named_registers(const ActuatorProfile& profile) {
  std::vector<std::pair<std::string, RegisterSpec>> out;
  for_each_register(profile, [&out](const RegisterName& name, const auto& field) {
    if constexpr (std::is_same_v<std::decay_t<decltype(field)>, RegisterSpec>) {
      out.emplace_back(name.dotted(), field);
    } else if (field) {
      out.emplace_back(name.dotted(), *field);
    }
  });
  return out;
}

}  // namespace hal
