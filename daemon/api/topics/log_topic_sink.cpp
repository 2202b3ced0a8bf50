#include "daemon/api/topics/log_topic_sink.hpp"

#include <string>

#include "daemon/api/json/chair_json.hpp"

namespace massaged {

LogTopicSink::LogTopicSink() { set_level(spdlog::level::info); }

void LogTopicSink::sink_it_(const spdlog::details::log_msg& message) {
  lines_.push_back(
      nlohmann::json{{"time", utc_text(message.time)},
                     {"level", std::string(spdlog::level::to_string_view(message.level).data(),
                                           spdlog::level::to_string_view(message.level).size())},
                     {"message", std::string(message.payload.data(), message.payload.size())}});
  if (lines_.size() > kKept) {
    lines_.pop_front();
    ++dropped_;
  }
}

LogTopicSink::Taken LogTopicSink::take() {
  const std::lock_guard lock(mutex_);
  Taken out{{lines_.begin(), lines_.end()}, dropped_};
  lines_.clear();
  dropped_ = 0;
  return out;
}

}  // namespace massaged
