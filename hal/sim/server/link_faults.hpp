#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <random>

// Faults of the link between the master and the simulated drives, switchable while the
// simulator runs: lost answers, broken answers (a bad CRC on RTU, a malformed frame on TCP),
// late answers, or a cut link. They apply to the whole bus or to one unit id.
namespace sim {

struct LinkFaults {
  double drop = 0.0;                   // share of answers never sent, 0..1
  double corrupt = 0.0;                // share of answers sent broken, 0..1
  std::chrono::milliseconds delay{0};  // added before every answer
  // The link is cut: requests do not reach the drive and nothing is answered, so a drive whose
  // COMM_TIMEOUT is set sees its master fall silent.
  bool silent = false;
  bool operator==(const LinkFaults&) const = default;
};

// A partial update: the fields given replace the current ones, the others stay.
struct LinkFaultsChange {
  std::optional<double> drop{};
  std::optional<double> corrupt{};
  std::optional<std::chrono::milliseconds> delay{};
  std::optional<bool> silent{};
};

// What happens to one request and its answer.
struct AnswerFate {
  bool reaches_drive = true;  // false: the drive never sees the request
  bool send = true;
  bool corrupt = false;
  std::chrono::milliseconds delay{0};
};

inline constexpr std::chrono::milliseconds kMaxLinkDelay{60'000};

// Decides the fate of each answer from the faults in force and a seeded generator, so that a
// run with the same seed and the same requests drops and corrupts the same answers.
// Thread-safe: the transports ask from their threads, the control socket changes from its own.
class LinkFaultInjector {
 public:
  explicit LinkFaultInjector(std::uint64_t seed) : random_(seed) {}

  // Without `unit` (or with unit 0), changes the faults of the whole bus. With it, changes that
  // unit's own faults, which replace the bus's for it; they start as a copy of the bus's. Throws
  // std::invalid_argument, naming the field and its range, for a probability outside 0..1 or a
  // delay outside 0..60000 ms; nothing changes then.
  void change(const LinkFaultsChange& change, std::optional<std::uint8_t> unit = std::nullopt);
  // Back to a healthy link for every unit.
  void clear();

  // A unit without faults of its own, and unit 0 (broadcast), has the bus's.
  [[nodiscard]] LinkFaults faults_for(std::uint8_t unit) const;
  // Asked once per request to `unit`, before the drive sees it.
  [[nodiscard]] AnswerFate next_answer(std::uint8_t unit);

 private:
  [[nodiscard]] const LinkFaults& faults_locked(std::uint8_t unit) const;
  [[nodiscard]] bool happens_locked(double probability);

  mutable std::mutex mutex_;
  LinkFaults bus_;
  std::map<std::uint8_t, LinkFaults> units_;
  std::mt19937_64 random_;
};

}  // namespace sim
