#pragma once

#include <functional>
#include <string>
#include <vector>

// What the daemon does when it stops, in order. The parts that move the chair add their step
// first when they start (the HAL: put every actuator into its safe state), so those run before
// the API and the rest close.
namespace massaged {

class ShutdownSequence {
 public:
  using Step = std::function<void()>;

  // `name` says what the step does, for the log and systemd's status line.
  void add_step(std::string name, Step step);

  // Runs every step once, in the order added, even when one throws; `on_step` hears each name
  // before its step runs. Returns false if any step failed (each failure is logged). Later
  // calls do nothing and return the first call's outcome.
  bool run(const std::function<void(const std::string&)>& on_step = {});

 private:
  struct Entry {
    std::string name;
    Step step;
  };
  std::vector<Entry> steps_;
  bool ran_ = false;
  bool succeeded_ = true;
};

}  // namespace massaged
