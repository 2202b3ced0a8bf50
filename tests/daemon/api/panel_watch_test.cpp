// The loss of the control panel, decided in stepped time.

#include "daemon/api/panel_watch.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace {

using massaged::Caller;
using massaged::PanelWatch;
using namespace std::chrono_literals;
using testing::HasSubstr;

// A panel's connection, open until the test closes it.
class PanelConnection final : public massaged::NotificationSink {
 public:
  bool send(std::string) override { return is_open; }
  [[nodiscard]] bool open() const override { return is_open; }
  void count_subscriptions(int) override {}
  bool is_open = true;
};

struct Panel {
  std::shared_ptr<PanelConnection> connection = std::make_shared<PanelConnection>();
  Caller caller() const {
    Caller c;
    c.connection = 4;
    c.credentials.uid = 1000;
    c.notifications = connection;
    return c;
  }
};

const PanelWatch::Clock::time_point t0{};

TEST(PanelWatch, APanelSilentForLongerThanTheTimeoutDuringASessionIsLostOnce) {
  PanelWatch watch(1500ms);
  Panel panel;
  watch.heard(panel.caller(), t0);
  watch.heard(panel.caller(), t0 + 1s);
  EXPECT_FALSE(watch.lost(t0 + 2s, true));  // 1 s since it was last heard
  EXPECT_FALSE(watch.lost(t0 + 2500ms, true));
  const auto lost = watch.lost(t0 + 2600ms, true);
  ASSERT_TRUE(lost);
  EXPECT_THAT(*lost, HasSubstr("the control panel was lost: nothing heard from API client 4"));
  EXPECT_THAT(*lost, HasSubstr("for 1600 ms (panel_timeout_ms = 1500)"));
  EXPECT_FALSE(watch.lost(t0 + 10s, true)) << "one stop per loss";
  EXPECT_FALSE(watch.watching());
  watch.heard(panel.caller(), t0 + 20s);  // the panel is back
  EXPECT_TRUE(watch.watching());
  EXPECT_TRUE(watch.lost(t0 + 22s, true));
}

TEST(PanelWatch, APanelWhoseConnectionClosesDuringASessionIsLostAtOnce) {
  PanelWatch watch(1500ms);
  Panel panel;
  watch.heard(panel.caller(), t0);
  panel.connection->is_open = false;
  const auto lost = watch.lost(t0 + 10ms, true);
  ASSERT_TRUE(lost);
  EXPECT_THAT(*lost, HasSubstr("the connection of API client 4"));
}

TEST(PanelWatch, WithoutASessionNothingIsLostAndAPanelThatLeftIsForgotten) {
  PanelWatch watch(1500ms);
  Panel panel;
  watch.heard(panel.caller(), t0);
  EXPECT_FALSE(watch.lost(t0 + 1min, false));  // silent, but nothing runs
  EXPECT_TRUE(watch.watching());
  panel.connection->is_open = false;
  EXPECT_FALSE(watch.lost(t0 + 2min, false));
  EXPECT_FALSE(watch.watching());
  // A session started later from elsewhere does not depend on the panel that left.
  EXPECT_FALSE(watch.lost(t0 + 3min, true));
}

TEST(PanelWatch, NoPanelNoTimeoutNoStop) {
  PanelWatch unheard(1500ms);
  EXPECT_FALSE(unheard.lost(t0 + 1h, true));  // no panel ever said it was there
  PanelWatch off(0ms);
  Panel panel;
  off.heard(panel.caller(), t0);
  EXPECT_FALSE(off.watching());
  EXPECT_FALSE(off.lost(t0 + 1h, true));
}

}  // namespace
