// The chair's methods against the real controller and HAL driving a simulated chair over Modbus
// TCP, in stepped time: the test runs the control loop's cycles itself, and answers that come
// later are polled between cycles as the server would.

#include "daemon/api/methods/chair_methods.hpp"
#include "daemon/api/methods/fault_methods.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/api/methods/diagnostics_methods.hpp"
#include "daemon/api/topics/chair_feed.hpp"
#include "tests/daemon/control/chair_rig.hpp"

using control::ChairState;
using control_test::ChairRig;
using massaged::ApiRole;
using nlohmann::json;
using namespace std::chrono_literals;
using testing::HasSubstr;

namespace {

class ChairMethodsTest : public testing::Test {
 protected:
  ChairMethodsTest() {
    massaged::add_chair_methods(rpc_, {&rig_.controller(), [] { return json(); }});
    massaged::add_fault_methods(rpc_, rig_.controller(), history_);
    massaged::add_diagnostics_methods(
        rpc_, {&rig_.drives(), [this] { return rig_.loop().statistics(); }, rig_.period()});
  }

  static std::string request(const std::string& method, const json& params = nullptr) {
    json r{{"jsonrpc", "2.0"}, {"method", method}, {"id", 1}};
    if (!params.is_null()) r["params"] = params;
    return r.dump();
  }

  massaged::Caller as(ApiRole role) { return massaged::Caller{{}, role, 7, nullptr}; }

  // Answers on the main loop; an answer that comes later is polled between control cycles.
  json call(const std::string& method, ApiRole role = ApiRole::panel,
            const json& params = nullptr) {
    auto pending = rpc_.answer(request(method, params), as(role));
    const auto start = std::chrono::steady_clock::now();
    for (int cycles = 0; !pending.poll(start); ++cycles) {
      if (cycles > 3000) return json("no answer in 30 s of chair time");
      rig_.cycle();
    }
    return json::parse(*pending.text());
  }

  // The emergency stop as the reading thread answers it.
  json stop_from_the_reading_thread(ApiRole role = ApiRole::anyone) {
    auto part =
        rpc_.take_urgent(request("chair.emergency_stop", {{"reason", "panel button"}}), as(role));
    if (!part) return json("not urgent");
    return json::parse(*part->answered.text());
  }

  // Drives connected, the start-up latch still set.
  void until_drives_ready() {
    ASSERT_TRUE(rig_.run_until(
        [this] {
          return rig_.controller().status().cause.find("drives are ready") != std::string::npos;
        },
        10s))
        << rig_.controller().status().describe();
  }

  bool until(ChairState state) {
    return rig_.run_until([this, state] { return rig_.state() == state; }, 30s);
  }

  ChairRig rig_;
  massaged::FaultHistory history_;
  massaged::JsonRpcDispatcher rpc_;
};

TEST_F(ChairMethodsTest, StatusShowsTheStartUpLatchUntilSomeoneResets) {
  until_drives_ready();
  const auto status = call("chair.status")["result"];
  EXPECT_EQ(status["state"], "starting");
  EXPECT_EQ(status["latched"], true);
  EXPECT_THAT(status["cause"].get<std::string>(), HasSubstr("reset the chair"));
  EXPECT_TRUE(status["fault"].is_null());
  EXPECT_TRUE(status["session"].is_null());
  EXPECT_EQ(status["session_remaining_s"], 0.0);
}

TEST_F(ChairMethodsTest, PanelResetIsAnsweredOnceTheControlLoopHasCarriedItOut) {
  until_drives_ready();
  const auto reset = call("chair.reset");
  EXPECT_THAT(reset["result"]["message"].get<std::string>(), HasSubstr("homes and parks"));
  EXPECT_TRUE(until(ChairState::ready));
  EXPECT_EQ(call("chair.status")["result"]["latched"], false);
}

TEST_F(ChairMethodsTest, ResetWithNothingLatchedIsRefusedSayingWhy) {
  ASSERT_TRUE(rig_.bring_to_ready());
  const auto r = call("chair.reset");
  EXPECT_EQ(r["error"]["code"], -32002);
  EXPECT_THAT(r["error"]["message"].get<std::string>(), HasSubstr("nothing is latched"));
  EXPECT_EQ(r["error"]["data"]["state"], "ready");
}

TEST_F(ChairMethodsTest, EmergencyStopReachesEveryDriveBeforeTheNextCycleAndLatches) {
  ASSERT_TRUE(rig_.bring_to_ready());
  const auto r = stop_from_the_reading_thread();
  EXPECT_THAT(r["result"]["source"].get<std::string>(),
              HasSubstr("API client 7 (uid 0, pid 0): panel button"));
  // No cycle has run: the bus thread sent the stop on its own, at once.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  bool all_stopped = false;
  while (!all_stopped && std::chrono::steady_clock::now() < deadline) {
    all_stopped = true;
    for (const auto axis : hal::kAllAxisKinds) {
      all_stopped = all_stopped && rig_.truth(axis).quick_stop != sim::QuickStopState::inactive;
    }
  }
  EXPECT_TRUE(all_stopped);
  rig_.cycle();
  EXPECT_EQ(rig_.state(), ChairState::emergency_stop);
  EXPECT_THAT(rig_.controller().status().cause, HasSubstr("panel button"));
}

TEST_F(ChairMethodsTest, EmergencyStopIsIdempotentAndTheLatchIsClearedByThePanel) {
  ASSERT_TRUE(rig_.bring_to_ready());
  stop_from_the_reading_thread();
  rig_.cycle();
  const auto since = rig_.controller().status().since;
  const auto again = stop_from_the_reading_thread();
  EXPECT_TRUE(again.contains("result"));
  rig_.run_for(100ms);
  EXPECT_EQ(rig_.state(), ChairState::emergency_stop);
  EXPECT_EQ(rig_.controller().status().since, since);  // nothing changed
  rig_.run_for(1s);                                    // the quick stop is over
  EXPECT_TRUE(call("chair.reset", ApiRole::panel).contains("result"));
  EXPECT_TRUE(until(ChairState::ready));
}

TEST_F(ChairMethodsTest, MalformedStopRequestStillStopsTheChair) {
  ASSERT_TRUE(rig_.bring_to_ready());
  auto part = rpc_.take_urgent(
      R"({"jsonrpc":"2.0","method":"chair.emergency_stop","params":{"reason":42,"x":[1]},"id":3})",
      as(ApiRole::anyone));
  ASSERT_TRUE(part);
  EXPECT_TRUE(json::parse(*part->answered.text()).contains("result"));
  rig_.cycle();
  EXPECT_EQ(rig_.state(), ChairState::emergency_stop);
}

TEST_F(ChairMethodsTest, FaultIsATechniciansToClearNotThePanels) {
  ASSERT_TRUE(rig_.bring_to_ready());
  rig_.chair().raise_alarm(hal::AxisKind::depth, hal::AlarmKind::over_temperature);
  ASSERT_TRUE(until(ChairState::fault));
  const auto panel = call("chair.reset", ApiRole::panel);
  EXPECT_EQ(panel["error"]["code"], -32001);
  EXPECT_THAT(panel["error"]["message"].get<std::string>(),
              HasSubstr("clearing a fault needs the technician role"));
  EXPECT_EQ(panel["error"]["data"]["required_role"], "technician");
  rig_.run_for(1s);
  const auto technician = call("chair.reset", ApiRole::technician);
  // A technician may: accepted, or refused by the chair itself while the cause remains.
  if (technician.contains("error")) {
    EXPECT_EQ(technician["error"]["code"], -32002) << technician;
  }
}

TEST_F(ChairMethodsTest, FaultsListShowsTheLatchNowAndEachOneRecorded) {
  ASSERT_TRUE(rig_.bring_to_ready());
  massaged::TopicBoard board(massaged::chair_topics());
  massaged::ChairFeed feed(boost::asio::system_executor(), board, history_,
                           {[this] { return rig_.controller().status(); }, nullptr, nullptr});
  const auto tick = [&] {
    feed.tick(std::chrono::steady_clock::now(), std::chrono::system_clock::now());
  };
  tick();
  EXPECT_TRUE(call("faults.list")["result"]["history"].empty());
  rig_.chair().raise_alarm(hal::AxisKind::depth, hal::AlarmKind::over_temperature);
  ASSERT_TRUE(until(ChairState::fault));
  tick();
  tick();  // seen twice, recorded once
  const auto faults = call("faults.list")["result"];
  ASSERT_EQ(faults["history"].size(), 1U);
  EXPECT_EQ(faults["history"][0]["state"], "fault");
  EXPECT_EQ(faults["history"][0]["kind"], "over_temperature");
  EXPECT_EQ(faults["history"][0]["fault"]["axis"], "depth");
  EXPECT_TRUE(faults["history"][0]["time"].is_string());
  EXPECT_EQ(faults["current"]["kind"], "over_temperature");
}

TEST_F(ChairMethodsTest, DiagnosticsShowEveryAxisLiveForATechnicianOnly) {
  ASSERT_TRUE(rig_.bring_to_ready());
  EXPECT_EQ(call("diagnostics.axes", ApiRole::panel)["error"]["code"], -32001);
  const auto axes = call("diagnostics.axes", ApiRole::technician)["result"]["axes"];
  ASSERT_EQ(axes.size(), 5U);
  EXPECT_EQ(axes[0]["axis"], "travel");
  EXPECT_EQ(axes[0]["unit"], 1);
  EXPECT_EQ(axes[0]["state"], "active");
  EXPECT_EQ(axes[0]["reading"]["position_unit"], "mm");
  EXPECT_EQ(axes[0]["reading"]["flags"]["homed"], true);
  EXPECT_EQ(axes[3]["reading"]["position_unit"], "deg");
  EXPECT_TRUE(axes[0]["identity"]["serial"].is_number());
}

TEST_F(ChairMethodsTest, BusStatisticsCountEveryTransactionPerBusAndPerAxis) {
  ASSERT_TRUE(rig_.bring_to_ready());
  const auto r = call("diagnostics.buses", ApiRole::technician)["result"];
  ASSERT_EQ(r["buses"].size(), 1U);
  const auto& bus = r["buses"][0];
  EXPECT_EQ(bus["bus"], "main");
  EXPECT_EQ(bus["link_up"], true);
  EXPECT_THAT(bus["link"].get<std::string>(), HasSubstr("tcp 127.0.0.1:"));
  ASSERT_EQ(bus["axes"].size(), 5U);
  std::uint64_t per_axis = 0;
  for (const auto& axis : bus["axes"])
    per_axis += axis["statistics"]["transactions"].get<std::uint64_t>();
  EXPECT_GT(per_axis, 100U);
  EXPECT_GE(bus["statistics"]["transactions"].get<std::uint64_t>(), per_axis);
  EXPECT_GT(bus["statistics"]["time_us"]["max"].get<int>(), 0);
}

TEST_F(ChairMethodsTest, LoopStatisticsGiveTheRateAndTheCyclesRun) {
  ASSERT_TRUE(rig_.bring_to_ready());
  const auto r = call("diagnostics.loop", ApiRole::technician)["result"];
  EXPECT_EQ(r["rate_hz"], 100.0);
  EXPECT_EQ(r["period_us"], 10000);
  EXPECT_GT(r["cycles"].get<int>(), 10);
  EXPECT_TRUE(r["lateness_us"]["p99"].is_number());
}

}  // namespace
