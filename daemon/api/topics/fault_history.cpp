#include "daemon/api/topics/fault_history.hpp"

#include "daemon/api/json/chair_json.hpp"

namespace massaged {

using nlohmann::json;

namespace {

bool latched_state(control::ChairState state) {
  return state == control::ChairState::fault || state == control::ChairState::emergency_stop;
}

// What the latch set in `status` is about: state, kind, summary, detail, fault.
json latch_json(const control::ChairStatus& status) {
  json out{{"state", control::to_string(status.state)},
           {"summary", status.describe()},
           {"detail", status.cause}};
  if (status.fault) {
    out["kind"] = fault_kind_id(status.fault->kind);
    out["fault"] = fault_json(*status.fault);
    out["detail"] = status.fault->detail;
  } else {
    out["kind"] = "emergency_stop";
    out["fault"] = nullptr;
  }
  return out;
}

}  // namespace

std::optional<json> FaultHistory::observe(const control::ChairStatus& status,
                                          std::chrono::system_clock::time_point now) {
  if (!latched_state(status.state)) return std::nullopt;
  const auto key = std::make_pair(status.state, status.since);
  if (recorded_ && *recorded_ == key) return std::nullopt;
  recorded_ = key;
  json record = latch_json(status);
  record["time"] = utc_text(now);
  records_.push_back(record);
  if (records_.size() > kKept) records_.pop_front();
  return record;
}

json FaultHistory::to_json(const control::ChairStatus& status) const {
  return json{{"current", latched_state(status.state) ? latch_json(status) : json()},
              {"history", json(std::vector<json>(records_.begin(), records_.end()))}};
}

}  // namespace massaged
