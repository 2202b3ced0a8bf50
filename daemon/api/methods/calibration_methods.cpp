#include "daemon/api/methods/calibration_methods.hpp"

#include <memory>
#include <set>
#include <string>

#include <spdlog/spdlog.h>

#include "daemon/api/json/calibration_json.hpp"
#include "daemon/api/transport/json_rpc_error.hpp"
#include "daemon/api/transport/method_params.hpp"
#include "daemon/calibration/calibration_commit.hpp"
#include "daemon/calibration/drive_range.hpp"

namespace massaged {

using calibration::Procedure;
using nlohmann::json;

namespace {

// The reference load a technician can place: the lightest gives too coarse a gain, the
// heaviest is more than the rollers are built to carry.
constexpr double kHeaviestReferenceNewtons = 500.0;

// The guided procedure and who works on it. Main loop only.
struct CalibrationBench {
  explicit CalibrationBench(CalibrationContext c)
      : context(std::move(c)), guide(*context.controller, *context.in_use, context.settings) {}

  CalibrationContext context;
  calibration::GuidedCalibration guide;
  std::set<Procedure> staged_procedures;  // finished since the last commit or discard
  // The client working on the procedure: another waits until it is done or gone.
  std::uint64_t owner = 0;
  std::string owner_name;
  std::weak_ptr<NotificationSink> owner_sink;
  bool owner_watched = false;  // the owner could be watched (it has a connection)

  [[nodiscard]] control::ChairCommands& controller() const { return *context.controller; }
  [[nodiscard]] calibration::CalibrationInUse& in_use() const { return *context.in_use; }
};

[[noreturn]] void calibration_refused(const control::ChairStatus& status, const std::string& why,
                                      const std::string& reason) {
  throw JsonRpcError(JsonRpcErrorCode::refused, why,
                     json{{"state", control::to_string(status.state)}, {"reason", reason}});
}

// Another client holds the procedure and is still connected.
void check_holder(CalibrationBench& bench, const Caller& caller) {
  const bool busy = bench.guide.under_way() || bench.guide.staged();
  if (!busy || bench.owner == caller.connection) return;
  const auto sink = bench.owner_sink.lock();
  const bool owner_here = bench.owner_watched ? sink && sink->open() : true;
  if (!owner_here) return;
  calibration_refused(bench.controller().status(),
                      "cannot calibrate: " + bench.owner_name +
                          " is calibrating the chair; one calibration at a time: wait until it "
                          "commits or discards, or until it disconnects",
                      "calibration under way");
}

void hold_for(CalibrationBench& bench, const Caller& caller) {
  bench.owner = caller.connection;
  bench.owner_name = caller.describe();
  bench.owner_sink = caller.notifications;
  bench.owner_watched = caller.notifications != nullptr;
}

// The chair may be calibrated now: nothing latched, no session of anyone else's.
void check_chair_free(CalibrationBench& bench, bool beginning) {
  const auto status = bench.controller().status();
  const auto state = status.state;
  if (state == control::ChairState::running || state == control::ChairState::paused) {
    if (!beginning && bench.guide.measuring()) return;  // our own measurement
    calibration_refused(status,
                        "cannot calibrate while a session runs (" + status.cause +
                            "); stop it first (chairctl stop), then begin again",
                        "session running");
  }
  // Parking after the last measurement: the procedure waits for it by itself.
  const bool settling =
      state == control::ChairState::stopping || state == control::ChairState::homing;
  if (state == control::ChairState::ready || (!beginning && settling)) return;
  calibration_refused(status, control::refusal("calibrate", status), "not ready");
}

json stored_json(const CalibrationBench& bench) {
  const auto& store = *bench.context.store;
  json out{{"file", store.current_path().string()},
           {"previous_file", nullptr},
           {"stored", "none"},
           {"problem", nullptr}};
  if (const auto previous = store.load_previous(); previous && *previous) {
    out["previous_file"] = store.previous_path().string();
  }
  const auto loaded = store.load();
  if (!loaded) {
    out["stored"] = "damaged";
    out["problem"] = loaded.error();
  } else if (*loaded) {
    out["stored"] = "whole";
  }
  return out;
}

json staged_diff(CalibrationBench& bench) {
  const auto& staged = bench.guide.staged();
  json out{{"staged", staged ? calibration_json(*staged) : json()},
           {"diff",
            staged ? calibration_diff_json(bench.in_use().calibration(), *staged) : json::array()}};
  json procedures = json::array();
  for (const auto p : bench.staged_procedures) procedures.push_back(calibration::to_string(p));
  out["procedures"] = std::move(procedures);
  return out;
}

// Notes which procedure's result is staged once one finishes.
json step_result(CalibrationBench& bench, const calibration::StepView& step) {
  if (step.finished && bench.guide.staged()) {
    if (const auto p = calibration::procedure_named(step.procedure)) {
      bench.staged_procedures.insert(*p);
    }
  }
  return step_json(step);
}

json show_calibration(CalibrationBench& bench) {
  bench.context.watch->look();
  const auto& in_use = bench.in_use();
  auto out = stored_json(bench);
  out["calibration"] = calibration_json(in_use.calibration());
  out["refusal"] = in_use.refusal().empty() ? json() : json(in_use.refusal());
  out["format_version"] = in_use.stored() ? json(in_use.stored()->format_version) : json();
  out["parts"] = parts_json(in_use);
  out["procedure"] = bench.guide.under_way() || bench.guide.staged()
                         ? step_result(bench, bench.guide.poll())
                         : json();
  const auto diff = staged_diff(bench);
  for (const auto& [key, value] : diff.items()) out[key] = value;
  return out;
}

json begin_procedure(CalibrationBench& bench, const json& params, const Caller& caller) {
  const MethodParams p("calibration.begin", params, {"procedure"});
  const auto name = p.string("procedure");
  const auto procedure = calibration::procedure_named(name);
  if (!procedure) {
    p.fail("\"procedure\" is \"" + name + "\"; it is one of force, travel, width, depth");
  }
  check_holder(bench, caller);
  if (bench.guide.measuring()) {
    calibration_refused(bench.controller().status(),
                        "cannot begin: the chair is measuring for the " +
                            std::string(calibration::to_string(*procedure)) +
                            " step under way; wait for it (calibration.poll) or discard it",
                        "measuring");
  }
  check_chair_free(bench, true);
  // The procedure builds on the parts in use: those measured for the drives in place.
  bench.context.watch->look();
  if (auto* drives = bench.context.drives) {
    for (const auto axis : {hal::AxisKind::travel, hal::AxisKind::width}) {
      if (const auto most = calibration::drive_range_max(*drives, axis)) {
        bench.guide.use_range_max(axis, *most);
      }
    }
  }
  hold_for(bench, caller);
  spdlog::info("calibration: {} begins the {} procedure", caller.describe(), name);
  return step_result(bench, bench.guide.begin(*procedure));
}

std::optional<units::Newtons> reference_of(const MethodParams& p, const json& params) {
  if (!p.has("reference_newtons")) return std::nullopt;
  const auto& value = params["reference_newtons"];
  if (!value.is_number()) {
    p.fail("\"reference_newtons\" must be a number of newtons, not " +
           std::string(value.type_name()));
  }
  const double newtons = value.get<double>();
  if (!(newtons > 0.0) || newtons > kHeaviestReferenceNewtons) {
    p.fail("\"reference_newtons\" is " + value.dump() + ", allowed above 0 up to " +
           std::to_string(static_cast<int>(kHeaviestReferenceNewtons)));
  }
  return units::Newtons(newtons);
}

json confirm_step(CalibrationBench& bench, const json& params, const Caller& caller) {
  const MethodParams p("calibration.confirm", params, {"reference_newtons"});
  const auto reference = reference_of(p, params);
  check_holder(bench, caller);
  if (!bench.guide.under_way()) {
    calibration_refused(bench.controller().status(),
                        "no calibration step waits for a confirmation; begin a procedure first "
                        "(calibration.begin: force, travel, width or depth)",
                        "no procedure");
  }
  check_chair_free(bench, false);
  return step_result(bench, bench.guide.confirm(reference));
}

// A commit: the file first (what survives a crash), then, once the chair has come to rest, the
// calibration in use: the sessions at once and the controller's supervisor through the watch.
struct CommitSequence {
  CalibrationBench* bench = nullptr;
  calibration::StoredCalibration stored;
  std::string file;
  std::chrono::steady_clock::time_point settle_deadline;
  std::optional<std::uint64_t> version;  // of the calibration in use, once it is

  std::optional<json> poll() {
    auto& watch = *bench->context.watch;
    if (!version) {
      const auto status = bench->controller().status();
      if (status.state == control::ChairState::stopping ||
          status.state == control::ChairState::homing) {
        if (std::chrono::steady_clock::now() > settle_deadline) {
          calibration_refused(status,
                              "the calibration is stored in " + file +
                                  ", but the chair did not come to rest to take it (" +
                                  status.describe() +
                                  "): take every load off the rollers; the daemon uses it from "
                                  "its next start",
                              "not at rest");
        }
        return std::nullopt;
      }
      bench->in_use().committed(stored);
      version = bench->in_use().version();
    }
    watch.look();
    if (!watch.taken(*version)) {
      if (const auto refusal = watch.refused(*version)) {
        calibration_refused(bench->controller().status(),
                            "the calibration is stored in " + file +
                                ", but the chair did not take it now: " + *refusal +
                                "; it takes it as soon as it can, at the latest at the daemon's "
                                "next start",
                            "not taken");
      }
      return std::nullopt;
    }
    spdlog::info("calibration: committed to {} and in use", file);
    return json{{"message", "calibration stored in " + file + " and in use"},
                {"file", file},
                {"calibration", calibration_json(bench->in_use().calibration())}};
  }
};

// The user id of a caller outside a connection (a test calling the dispatcher) is 0, as root's.
calibration::CommitRecord commit_record(CalibrationBench& bench, const Caller& caller) {
  calibration::CommitRecord record;
  record.drives = bench.in_use().drives();
  record.now = std::chrono::floor<std::chrono::seconds>(bench.context.wall_clock());
  record.technician_uid = caller.credentials.uid;
  return record;
}

// A chair whose force sensor is not calibrated for the depth drive in place cannot run programs:
// its first commit, and the first after that drive was replaced, must include the force sensor.
void check_force_sensor(CalibrationBench& bench, const control::ChairStatus& status) {
  if (bench.in_use().usable(Procedure::force_sensor) ||
      bench.staged_procedures.contains(Procedure::force_sensor)) {
    return;
  }
  for (const auto& replaced : bench.in_use().replaced()) {
    if (replaced.part != Procedure::force_sensor) continue;
    calibration_refused(status,
                        "cannot commit yet: the force sensor's calibration in use was measured "
                        "on another drive: " +
                            calibration::replaced_text(replaced) + ", then commit",
                        "force sensor not calibrated");
  }
  calibration_refused(status,
                      "this chair was never calibrated: its force sensor must be calibrated "
                      "before it can run programs (chairctl calibrate force), then commit",
                      "force sensor not calibrated");
}

JsonRpcDispatcher::Result commit_calibration(CalibrationBench& bench, const json& params,
                                             const Caller& caller) {
  const MethodParams p("calibration.commit", params, {});
  check_holder(bench, caller);
  const auto status = bench.controller().status();
  if (bench.guide.measuring()) {
    calibration_refused(status, "the chair is still measuring; wait for the step's result first",
                        "measuring");
  }
  if (!bench.guide.staged()) {
    calibration_refused(status,
                        "nothing is staged: finish a procedure first (calibration.begin, then "
                        "confirm each step)",
                        "nothing staged");
  }
  bench.context.watch->look();
  check_force_sensor(bench, status);
  if (status.state == control::ChairState::running || status.state == control::ChairState::paused ||
      status.latched) {
    calibration_refused(status, control::refusal("commit a calibration", status), "not ready");
  }
  auto stored =
      calibration::calibration_to_commit(bench.in_use().stored(), *bench.guide.staged(),
                                         bench.staged_procedures, commit_record(bench, caller));
  if (auto written = bench.context.store->commit(stored); !written) {
    throw JsonRpcError(
        JsonRpcErrorCode::storage_failed, written.error(),
        json{{"file", bench.context.store->current_path().string()}, {"reason", "storage failed"}});
  }
  spdlog::info("calibration: {} committed {}", caller.describe(),
               bench.context.store->current_path().string());
  bench.guide.committed();
  bench.staged_procedures.clear();
  auto sequence = std::make_shared<CommitSequence>();
  sequence->bench = &bench;
  sequence->stored = std::move(stored);
  sequence->file = bench.context.store->current_path().string();
  sequence->settle_deadline = std::chrono::steady_clock::now() + bench.context.settle_patience;
  return LaterAnswer([sequence] { return sequence->poll(); },
                     bench.context.settle_patience + std::chrono::seconds(5),
                     "the new calibration (stored in " + sequence->file + ")");
}

json discard_calibration(CalibrationBench& bench, const json& params, const Caller& caller) {
  const MethodParams p("calibration.discard", params, {});
  check_holder(bench, caller);
  if (bench.guide.measuring()) {
    // Our own measurement: the rollers retract and park.
    (void)bench.controller().stop_session();
  }
  const bool anything = bench.guide.under_way() || bench.guide.staged();
  bench.guide.discard();
  bench.staged_procedures.clear();
  bench.owner = 0;
  bench.owner_sink.reset();
  bench.owner_watched = false;
  return json{{"message", anything ? "the procedure and what it staged are discarded"
                                   : "nothing was under way"}};
}

}  // namespace

void add_calibration_methods(JsonRpcDispatcher& rpc, CalibrationContext context) {
  auto bench = std::make_shared<CalibrationBench>(std::move(context));
  rpc.add_method("calibration.show", ApiRole::technician,
                 [bench](const json& params, const Caller&) {
                   const MethodParams p("calibration.show", params, {});
                   return JsonRpcDispatcher::Result(show_calibration(*bench));
                 });
  rpc.add_method("calibration.begin", ApiRole::technician,
                 [bench](const json& params, const Caller& caller) {
                   return JsonRpcDispatcher::Result(begin_procedure(*bench, params, caller));
                 });
  rpc.add_method("calibration.confirm", ApiRole::technician,
                 [bench](const json& params, const Caller& caller) {
                   return JsonRpcDispatcher::Result(confirm_step(*bench, params, caller));
                 });
  rpc.add_method("calibration.poll", ApiRole::technician,
                 [bench](const json& params, const Caller&) {
                   const MethodParams p("calibration.poll", params, {});
                   return JsonRpcDispatcher::Result(step_result(*bench, bench->guide.poll()));
                 });
  rpc.add_method("calibration.diff", ApiRole::technician,
                 [bench](const json& params, const Caller&) {
                   const MethodParams p("calibration.diff", params, {});
                   return JsonRpcDispatcher::Result(staged_diff(*bench));
                 });
  rpc.add_method("calibration.commit", ApiRole::technician,
                 [bench](const json& params, const Caller& caller) {
                   return commit_calibration(*bench, params, caller);
                 });
  rpc.add_method("calibration.discard", ApiRole::technician,
                 [bench](const json& params, const Caller& caller) {
                   return JsonRpcDispatcher::Result(discard_calibration(*bench, params, caller));
                 });
}

}  // namespace massaged
