// When a client's waiting output counts as stalled, in stepped time: no byte taken by its socket
// for send_timeout. Queueing more is not progress; a slow reader that takes a little in each
// send_timeout is never stalled, however long its queue lasts.

#include "daemon/api/transport/output_drain.hpp"

#include <gtest/gtest.h>

namespace output_drain_test {

using namespace std::chrono_literals;
using massaged::OutputDrain;

const OutputDrain::Clock::time_point kStart{};

TEST(OutputDrain, NothingWaitingNeverStalls) {
  const OutputDrain drain(5s);
  EXPECT_FALSE(drain.deadline());
  EXPECT_FALSE(drain.stalled(kStart + 1h));
}

TEST(OutputDrain, OutputNothingOfWhichIsTakenForTheSendTimeoutHasStalled) {
  OutputDrain drain(5s);
  drain.waiting(kStart);
  EXPECT_EQ(drain.deadline(), kStart + 5s);
  EXPECT_FALSE(drain.stalled(kStart + 4999ms));
  EXPECT_TRUE(drain.stalled(kStart + 5s));
}

TEST(OutputDrain, MoreOutputQueuedIsNoProgress) {
  OutputDrain drain(5s);
  drain.waiting(kStart);
  drain.waiting(kStart + 3s);  // a notification more, the first still waiting
  EXPECT_TRUE(drain.stalled(kStart + 5s));
}

TEST(OutputDrain, SlowReaderTakingSomeInEachTimeoutNeverStalls) {
  OutputDrain drain(5s);
  drain.waiting(kStart);
  auto now = kStart;
  // Ten minutes of output taken a little every 4.9 s: far longer than the timeout in all.
  for (int i = 0; i < 120; ++i) {
    now += 4900ms;
    ASSERT_FALSE(drain.stalled(now)) << "after " << i << " reads";
    drain.took(now);
    drain.waiting(now);  // and the chair sends more meanwhile
  }
  // Then it stops reading.
  EXPECT_FALSE(drain.stalled(now + 4999ms));
  EXPECT_TRUE(drain.stalled(now + 5s));
}

TEST(OutputDrain, DrainedOutputStartsAFreshWaitWhenMoreComes) {
  OutputDrain drain(5s);
  drain.waiting(kStart);
  drain.drained();
  EXPECT_FALSE(drain.deadline());
  EXPECT_FALSE(drain.stalled(kStart + 1h));
  drain.waiting(kStart + 1h);
  EXPECT_FALSE(drain.stalled(kStart + 1h + 4s));
  EXPECT_TRUE(drain.stalled(kStart + 1h + 5s));
}

}  // namespace output_drain_test
