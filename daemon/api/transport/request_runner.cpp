#include "daemon/api/transport/request_runner.hpp"

namespace massaged {

RequestRunner::RequestRunner(boost::asio::any_io_executor main_loop, const JsonRpcDispatcher& rpc)
    : rpc_(rpc), timer_(std::move(main_loop)) {}

void RequestRunner::run(std::shared_ptr<const Caller> caller, std::vector<IncomingMessage> messages,
                        std::function<void(std::string)> send, std::function<void()> done) {
  if (stopped_) return;
  auto job = std::make_shared<Job>();
  job->caller = std::move(caller);
  job->messages = std::move(messages);
  job->send = std::move(send);
  job->done = std::move(done);
  advance(job);
}

void RequestRunner::stop() {
  stopped_ = true;
  waiting_.clear();
  timer_.cancel();
}

void RequestRunner::advance(const std::shared_ptr<Job>& job) {
  for (;;) {
    if (stopped_) return;
    if (job->current) {
      if (!job->current->poll(std::chrono::steady_clock::now())) {
        waiting_.push_back(job);
        arm_timer();
        return;
      }
      if (auto text = job->current->text()) job->send(std::move(*text));
      job->current.reset();
    }
    if (job->next == job->messages.size()) {
      job->done();
      return;
    }
    auto& message = job->messages[job->next++];
    if (message.urgent) {
      job->current = rpc_.answer_parsed(*message.urgent->rest, *job->caller,
                                        std::move(message.urgent->answered));
    } else {
      job->current = rpc_.answer(message.text, *job->caller);
      // The text is answered; its memory is not needed while later messages wait.
      std::string().swap(message.text);
    }
  }
}

void RequestRunner::arm_timer() {
  if (timer_armed_) return;
  timer_armed_ = true;
  timer_.expires_after(kPollInterval);
  timer_.async_wait([self = weak_from_this()](const boost::system::error_code& error) {
    const auto runner = self.lock();
    if (error || !runner) return;
    runner->timer_armed_ = false;
    if (!runner->stopped_) runner->poll_waiting();
  });
}

void RequestRunner::poll_waiting() {
  auto jobs = std::move(waiting_);
  waiting_.clear();
  for (const auto& job : jobs) advance(job);
}

}  // namespace massaged
