#pragma once

#include <nlohmann/json.hpp>

#include "sim/chair/simulated_chair.hpp"
#include "sim/server/link_faults.hpp"

namespace sim {

// The commands of the control socket (the protocol is described in control_socket.hpp),
// carried out on the simulated chair's scene and truth and on the link faults. Every field of a
// request is checked: an unknown command or field, a value of the wrong type or out of range
// throws std::invalid_argument with a message that names it, and nothing changes.
class ControlCommands {
 public:
  ControlCommands(SimulatedChair& chair, LinkFaultInjector& faults)
      : chair_(&chair), faults_(&faults) {}

  // The reply to one request object (which has a string "cmd").
  nlohmann::json operator()(const nlohmann::json& request);

 private:
  nlohmann::json state() const;
  nlohmann::json observer() const;
  nlohmann::json link(const nlohmann::json& request);
  nlohmann::json clear(const nlohmann::json& request);
  nlohmann::json stall(const nlohmann::json& request);
  nlohmann::json alarm(const nlohmann::json& request);
  nlohmann::json reboot(const nlohmann::json& request);
  nlohmann::json replace_drive(const nlohmann::json& request);
  nlohmann::json motor_temperature(const nlohmann::json& request);
  nlohmann::json body(const nlohmann::json& request);
  nlohmann::json reference_load(const nlohmann::json& request);

  SimulatedChair* chair_;
  LinkFaultInjector* faults_;
};

}  // namespace sim
