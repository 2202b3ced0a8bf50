#include "modbus/pending_cycle.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>

// The caller's side of a cycle handed to a bus thread: whether it polls for the result or sleeps
// until it, it gets the result the bus thread gives, and never waits past its deadline.
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

hal::PendingCycle::Result one_timeout() {
  hal::DriveError e;
  e.kind = hal::DriveErrorKind::timeout;
  hal::PendingCycle::Result result;
  result.push_back(result::unexpected(e));
  return result;
}

TEST(PendingCycle, CallerThatPollsGetsTheResultAnnouncedAhead) {
  std::promise<hal::PendingCycle::Result> result;
  std::promise<void> near;
  hal::PendingCycle pending(result.get_future(), near.get_future());
  hal::BriefPoll poll;
  near.set_value();
  std::thread bus([&result] { result.set_value(one_timeout()); });
  const auto got = pending.wait_until(Clock::now() + 10s, poll);
  bus.join();
  ASSERT_TRUE(got.has_value());
  ASSERT_EQ(got->size(), 1U);
  EXPECT_EQ(got->front().error().kind, hal::DriveErrorKind::timeout);
}

TEST(PendingCycle, CallerThatSleepsGetsTheResult) {
  std::promise<hal::PendingCycle::Result> result;
  hal::PendingCycle pending(result.get_future(), {});
  hal::BriefPoll poll;
  std::thread bus([&result] { result.set_value(one_timeout()); });
  const auto got = pending.wait_until(Clock::now() + 10s, poll);
  bus.join();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->size(), 1U);
}

// The result announced as near but held up (a drive answering late): the caller stops polling
// and waits no longer than its deadline.
TEST(PendingCycle, ResultAnnouncedButLateIsGivenUpAtTheDeadline) {
  std::promise<hal::PendingCycle::Result> result;
  std::promise<void> near;
  hal::PendingCycle pending(result.get_future(), near.get_future());
  hal::BriefPoll poll;
  near.set_value();
  EXPECT_FALSE(pending.wait_until(Clock::now() + 20ms, poll).has_value());
}

TEST(PendingCycle, ResultNeverAnnouncedIsGivenUpAtTheDeadline) {
  std::promise<hal::PendingCycle::Result> result;
  std::promise<void> near;
  hal::PendingCycle pending(result.get_future(), near.get_future());
  hal::BriefPoll poll;
  EXPECT_FALSE(pending.wait_until(Clock::now() + 20ms, poll).has_value());
  std::promise<hal::PendingCycle::Result> unpolled;
  hal::PendingCycle sleeping(unpolled.get_future(), {});
  EXPECT_FALSE(sleeping.wait_until(Clock::now() + 20ms, poll).has_value());
}

TEST(PendingCycle, WhatTheBusThreadThrewReachesTheCaller) {
  std::promise<hal::PendingCycle::Result> result;
  std::promise<void> near;
  hal::PendingCycle pending(result.get_future(), near.get_future());
  hal::BriefPoll poll;
  result.set_exception(std::make_exception_ptr(std::runtime_error("the link broke")));
  near.set_value();
  EXPECT_THROW((void)pending.wait_until(Clock::now() + 10s, poll), std::runtime_error);
}

}  // namespace
