#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "bench_master.hpp"

// A transport thread, a physics thread and a control channel call the chair at once, as they
// do in chair-sim. Each request must be served whole, and no step of time may be lost.
namespace sim::testing {
namespace {

using hal::AxisKind;

TEST(SimulatedChairThreads, RequestsPhysicsAndSceneChangesAreSerialised) {
  SimulatedChair chair(ra1_chair());
  constexpr int kSteps = 3000;
  std::atomic<bool> physics_done{false};
  std::atomic<int> torn_answers{0};
  std::atomic<int> answers{0};

  std::thread physics([&] {
    // Starts once the transport has been served, so that the drive runs for most of the time.
    while (answers == 0) std::this_thread::yield();
    for (int i = 0; i < kSteps; ++i) chair.advance(SimulatedChair::kStep);
    physics_done = true;
  });
  std::thread transport([&] {
    // Function 23 on the tap drive: the echo in each answer must be the heartbeat of the same
    // request, whatever the physics thread does in between.
    std::uint16_t beat = 0;
    std::vector<std::uint16_t> status;
    while (!physics_done) {
      ++beat;
      const std::vector<std::uint16_t> command = {0x0101, 3000, beat};  // ENABLE, velocity mode
      if (chair.write_read(5, 0x0100, command, 0x0200, 8, status) || status.size() != 8 ||
          status[6] != beat) {
        ++torn_answers;
      }
      ++answers;
    }
  });
  std::thread control([&] {
    auto body = chair.body();
    while (!physics_done) {
      body.seated = !body.seated;
      chair.seat(body);
      (void)chair.axis(AxisKind::tap);
      (void)chair.force();
    }
  });
  physics.join();
  transport.join();
  control.join();

  EXPECT_EQ(torn_answers, 0);
  EXPECT_GT(answers, 0);
  EXPECT_EQ(chair.now(), kSteps * SimulatedChair::kStep) << "every step of time was taken";
  EXPECT_NEAR(chair.axis(AxisKind::tap).speed.value(), 300.0, 1e-6);
}

}  // namespace
}  // namespace sim::testing
