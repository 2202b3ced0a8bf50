#include "tests/daemon/chairctl/chair_under_test.hpp"

#include <signal.h>
#include <sys/stat.h>

#include <fstream>
#include <stdexcept>
#include <thread>

#include "daemon/calibration/calibration_store.hpp"
#include "daemon/calibration/state_files.hpp"
#include "tests/daemon/control/simulator_calibration.hpp"

namespace massaged::testing {

using nlohmann::json;
using namespace std::chrono_literals;

namespace {

std::string configuration(const std::filesystem::path& dir, const std::filesystem::path& socket,
                          int port, const std::string& api_keys) {
  std::string text = "[daemon]\nstate_directory = \"" + (dir / "state").string() +
                     "\"\nprograms_directory = \"" + MASSAGED_SOURCE_DIR + "/programs\"\n" +
                     "[api]\nsocket = \"" + socket.string() + "\"\n" + api_keys +
                     // A machine busy with other tests must not make the drives look lost: half
                     // the default rate, and 400 ms of silence before the chair faults.
                     "[control]\nrate_hz = 50\ncomm_loss_cycles = 20\n" +
                     "[[bus]]\nname = \"main\"\ntransport = \"tcp\"\nprofile = \"" +
                     MASSAGED_SOURCE_DIR + "/config/profiles/ra1.toml\"\n" +
                     "[bus.tcp]\nhost = \"127.0.0.1\"\nport = " + std::to_string(port) + "\n";
  int unit = 1;
  for (const char* kind : {"travel", "width", "depth", "knead", "tap"}) {
    text += "[[bus.axis]]\nkind = \"" + std::string(kind) + "\"\nunit = " + std::to_string(unit++) +
            "\n";
  }
  return text;
}

}  // namespace

ChairUnderTest::ChairUnderTest(ChairOptions options)
    : sim_(std::make_unique<test_support::SimProcess>(test_support::SimProcess::Link::tcp,
                                                      options.sim_arguments)),
      socket_(dir_ / "run" / "api.sock") {
  std::filesystem::create_directories(dir_ / "state");
  if (options.calibrated) {
    calibration::DiskStateFiles files;
    calibration::CalibrationStore store(dir_ / "state", files);
    // The force sensor as measured on the simulator's depth drive (its default serial number
    // and firmware), so that the daemon checks it against the drive in place.
    calibration::StoredCalibration calibrated;
    calibrated.calibration = control_test::simulator_calibration();
    calibrated.parts[calibration::Procedure::force_sensor] =
        calibration::PartRecord{calibration::DriveStamp{20260003, 0x0104},
                                std::chrono::sys_days{std::chrono::year{2026} / 11 / 24}, 0};
    if (auto stored = store.commit(calibrated); !stored) {
      throw std::runtime_error("cannot store the calibration: " + stored.error());
    }
  }
  const auto config = dir_ / "chair.toml";
  std::ofstream(config) << configuration(dir_.path(), socket_, sim_->port(), options.api_keys);
  daemon_ = std::make_unique<ChildProcess>(
      MASSAGED_EXECUTABLE, ChildOptions{{"--config", config.string()}, {}, std::nullopt},
      dir_.path());
  const auto deadline = std::chrono::steady_clock::now() + kChairPatience;
  for (;;) {
    try {
      if (call("server.info")["state"] == "ready") return;
    } catch (const std::exception&) {
      // Not listening yet.
    }
    if (daemon_->wait_for_exit(0ms) || std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("massaged did not become ready:\n" + daemon_->standard_error());
    }
    std::this_thread::sleep_for(20ms);
  }
}

ChairUnderTest::~ChairUnderTest() {
  daemon_->send_signal(SIGTERM);
  daemon_->wait_for_exit(kChairPatience);
}

json ChairUnderTest::call(const std::string& method, const json& params) const {
  auto connection = client();
  return connection.call(method, params, std::chrono::seconds(30));
}

std::string ChairUnderTest::state() const {
  return call("chair.status")["state"].get<std::string>();
}

bool ChairUnderTest::wait_for(const std::string& state, std::chrono::milliseconds patience) const {
  const auto deadline = std::chrono::steady_clock::now() + patience;
  while (std::chrono::steady_clock::now() < deadline) {
    if (this->state() == state) return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

void ChairUnderTest::make_ready() const {
  // The reset is refused until every drive has been reached: try again until it is taken.
  const auto deadline = std::chrono::steady_clock::now() + kChairPatience;
  for (;;) {
    try {
      call("chair.reset");
      break;
    } catch (const chairctl::RemoteError& e) {
      if (std::chrono::steady_clock::now() > deadline) throw;
      std::this_thread::sleep_for(50ms);
    }
  }
  if (!wait_for("ready", kChairPatience)) {
    throw std::runtime_error("the chair did not become ready: " + call("chair.status").dump());
  }
  // The topics are fed from the main loop a tick later than chair.status answers: wait until a
  // subscriber is told "ready" too, so that tests see one chair whichever way they ask.
  auto watcher = client();
  auto state =
      watcher.call("topics.subscribe", {{"topics", {{"status", {"state"}}}}})["current"]["status"]
          .value("state", std::string());
  while (state != "ready") {
    const auto update = watcher.next_notification(kChairPatience);
    if (!update) throw std::runtime_error("no subscriber was told the chair is ready");
    state = (*update)["params"]["changed"].value("status", json::object()).value("state", state);
  }
}

json ChairUnderTest::truth() { return sim_->control({{"cmd", "state"}})["axes"]; }

void ChairUnderTest::open_socket_to_everyone() const {
  ::chmod(dir_.path().c_str(), 0755);
  ::chmod(socket_.parent_path().c_str(), 0755);
  ::chmod(socket_.c_str(), 0666);
}

}  // namespace massaged::testing
