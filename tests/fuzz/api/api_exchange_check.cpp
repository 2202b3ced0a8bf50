#include "tests/fuzz/api/api_exchange_check.hpp"

#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string_view>

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "daemon/api/chair_api.hpp"
#include "daemon/api/methods/server_info.hpp"
#include "daemon/api/transport/json_rpc_error.hpp"
#include "daemon/api/transport/line_framer.hpp"
#include "tests/daemon/calibration/stored_calibration_for_tests.hpp"
#include "tests/daemon/control/simulator_calibration.hpp"
#include "tests/fuzz/api/recording_chair.hpp"

namespace fuzz {
namespace {

using nlohmann::json;

// Past every answer's patience: an answer the stand-in's commands did not complete at once
// waits for something that never comes here, and must then be an error, as the main loop
// answers it once that long has passed.
constexpr auto kBeyondEveryPatience = std::chrono::hours(24);
// Reads of this many bytes, to frame the stream a second time as a slow client sends it.
constexpr std::size_t kSmallRead = 7;

// The daemon's state directory, empty for each exchange: a program installed or a calibration
// committed by one input must not change what the next one finds.
class StateDirectory {
 public:
  StateDirectory()
      : path_(std::filesystem::temp_directory_path() /
              ("massaged-api-fuzz-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~StateDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  StateDirectory(const StateDirectory&) = delete;
  StateDirectory& operator=(const StateDirectory&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A client that takes every notification.
class OpenSink final : public massaged::NotificationSink {
 public:
  bool send(std::string /*line*/) override { return true; }
  [[nodiscard]] bool open() const override { return true; }
  void count_subscriptions(int /*change*/) override {}
};

// The API as DaemonProcess puts it together: server.info, the programs and topics, then the
// chair's methods once it is attached. The ChairApi adds a sink to the default logger that it
// never takes out (the daemon makes one); one is made per exchange here, so it is taken out.
class ApiUnderTest {
 public:
  explicit ApiUnderTest(const std::filesystem::path& state) {
    config_.daemon.programs_directory = std::filesystem::path(MASSAGED_SOURCE_DIR) / "programs";
    config_.daemon.state_directory = state;
    sinks_before_ = spdlog::default_logger()->sinks().size();
    massaged::add_server_info_method(rpc_, [] { return massaged::DaemonState::ready; });
    api_ = std::make_unique<massaged::ChairApi>(io_, rpc_, config_);
    api_->attach({&chair_, [] { return control::PeriodStatistics{}; },
                  std::chrono::milliseconds(10), nullptr,
                  calibration_test::stored_without_drives(control_test::simulator_calibration())});
    // The role that may call every method, so that every method's parameters are read.
    caller_.role = massaged::ApiRole::oem;
    caller_.connection = 1;
    caller_.notifications = std::make_shared<OpenSink>();
  }
  ~ApiUnderTest() {
    api_->stop();
    api_.reset();
    spdlog::default_logger()->sinks().resize(sinks_before_);
  }
  ApiUnderTest(const ApiUnderTest&) = delete;
  ApiUnderTest& operator=(const ApiUnderTest&) = delete;

  // One message as the connection and the main loop answer it: urgent requests on the reading
  // thread, the rest by the dispatcher, answers that come later polled until they are in.
  massaged::PendingReply answer(std::string_view message) {
    auto reply = [&] {
      if (auto urgent = rpc_.take_urgent(message, caller_)) {
        if (!urgent->rest) return std::move(urgent->answered);
        return rpc_.answer_parsed(*urgent->rest, caller_, std::move(urgent->answered));
      }
      return rpc_.answer(message, caller_);
    }();
    const auto now = std::chrono::steady_clock::now();
    if (!reply.poll(now)) reply.poll(now + kBeyondEveryPatience);
    return reply;
  }

  [[nodiscard]] const RecordingChair& chair() const { return chair_; }

 private:
  boost::asio::io_context io_;
  massaged::ChairConfig config_;
  massaged::JsonRpcDispatcher rpc_;
  RecordingChair chair_;
  std::unique_ptr<massaged::ChairApi> api_;
  massaged::Caller caller_;
  std::size_t sinks_before_ = 0;
};

struct Framed {
  std::vector<std::string> messages;
  bool too_long = false;
};

Framed framed(std::string_view stream, std::size_t read_size) {
  massaged::LineFramer framer(kFuzzMessageLimit);
  Framed out;
  const auto take = [&out](std::string_view line) {
    out.messages.emplace_back(line);
    return true;
  };
  for (std::size_t at = 0; at < stream.size(); at += read_size) {
    if (framer.feed(stream.substr(at, read_size), take) ==
        massaged::LineFramer::Outcome::too_long) {
      out.too_long = true;
      return out;
    }
  }
  framer.finish(take);
  return out;
}

// The message as the checker reads it, bounded as the dispatcher bounds it; nothing when it is
// not JSON or nests too deep (the reply must then be an error).
std::optional<json> parsed(std::string_view message) {
  bool too_deep = false;
  json value = json::parse(
      message,
      [&too_deep](int depth, json::parse_event_t event, json&) {
        const bool opens =
            event == json::parse_event_t::object_start || event == json::parse_event_t::array_start;
        if (opens && depth >= massaged::JsonRpcDispatcher::kMaxNesting) too_deep = true;
        return !too_deep;
      },
      false);
  if (too_deep || value.is_discarded()) return std::nullopt;
  return value;
}

std::vector<json> requests_of(const std::optional<json>& message) {
  if (!message) return {};
  if (!message->is_array()) return {*message};
  return {message->begin(), message->end()};
}

std::optional<std::string> method_of(const json& request) {
  if (!request.is_object()) return std::nullopt;
  const auto method = request.find("method");
  if (method == request.end() || !method->is_string()) return std::nullopt;
  return method->get<std::string>();
}

bool has_id(const json& request) { return request.is_object() && request.contains("id"); }

void count(const json& response, ApiExchangeVerdict& verdict) {
  if (!response.is_object()) return;
  if (response.contains("result")) ++verdict.results;
  if (response.contains("error")) ++verdict.errors;
}

// What is wrong with one response object of a reply.
std::optional<std::string> response_fault(const json& response) {
  if (!response.is_object()) return "a response is not an object";
  if (response.value("jsonrpc", json()) != "2.0") return "a response lacks \"jsonrpc\": \"2.0\"";
  if (!response.contains("id")) return "a response has no id";
  const bool result = response.contains("result");
  const auto error = response.find("error");
  if (result == (error != response.end())) return "a response has not exactly one of result, error";
  if (!result) {
    if (!error->is_object() || !error->contains("code") || !(*error)["code"].is_number_integer())
      return "an error has no integer code";
    const auto message = error->find("message");
    if (message == error->end() || !message->is_string() ||
        message->get_ref<const std::string&>().empty())
      return "an error has no message";
  }
  return std::nullopt;
}

// The methods that may give each command.
bool gives(std::string_view method, ChairCommand command) {
  const auto calibration = method.starts_with("calibration.");
  switch (command) {
    case ChairCommand::emergency_stop:
      return method == "chair.emergency_stop";
    case ChairCommand::reset:
      return method == "chair.reset";
    case ChairCommand::start:
      return method.starts_with("jog.") || method == "diagnostics.self_test" || calibration;
    case ChairCommand::start_session:
      return method == "session.start";
    case ChairCommand::pause:
      return method == "session.pause";
    case ChairCommand::resume:
      return method == "session.resume";
    case ChairCommand::stop_session:
      return method == "session.stop" || calibration;
    case ChairCommand::extend_session:
      // A session longer than the chair's default is started, then extended.
      return method == "session.extend" || method == "session.start";
    case ChairCommand::use_calibration:
      return calibration || method == "session.start" || method == "diagnostics.self_test";
    case ChairCommand::shut_down:
      return false;
  }
  return false;
}

// Errors that say the request was no valid call (or failed inside the daemon): a request
// answered with one of them must have given the chair nothing that moves it.
bool says_no_valid_call(const json& error) {
  using massaged::JsonRpcErrorCode;
  const auto code = error.value("code", 0);
  for (const auto no : {JsonRpcErrorCode::parse_error, JsonRpcErrorCode::invalid_request,
                        JsonRpcErrorCode::method_not_found, JsonRpcErrorCode::invalid_params,
                        JsonRpcErrorCode::internal_error, JsonRpcErrorCode::forbidden}) {
    if (code == static_cast<int>(no)) return true;
  }
  return false;
}

// Answered with a result, or with an error the chair's side gave once the call was taken (the
// chair refused, or did not answer in time).
bool answered_as_valid_call(const json& request, const std::optional<json>& reply) {
  if (!reply) return false;
  const auto& id = request["id"];
  const auto matches = [&id](const json& response) {
    if (!response.is_object() || response.value("id", json()) != id) return false;
    if (response.contains("result")) return true;
    const auto error = response.find("error");
    return error != response.end() && error->is_object() && !says_no_valid_call(*error);
  };
  if (reply->is_array()) return std::any_of(reply->begin(), reply->end(), matches);
  return matches(*reply);
}

// Every command `message` gave the chair must come from a request that may give it.
void check_commands(std::string_view message, const std::vector<json>& requests,
                    const std::optional<json>& reply, std::span<const ChairCommand> commands,
                    ApiExchangeVerdict& verdict) {
  for (const auto command : commands) {
    std::optional<std::string> from;
    bool allowed = false;
    for (const auto& request : requests) {
      const auto method = method_of(request);
      if (!method || !gives(*method, command)) continue;
      from = method;
      allowed =
          !moves_the_chair(command) || !has_id(request) || answered_as_valid_call(request, reply);
      if (allowed) break;
    }
    verdict.commands.push_back((from ? *from : std::string("?")) + " -> " + to_string(command));
    if (!allowed) {
      verdict.violations.push_back(std::string(to_string(command)) + " reached the chair from " +
                                   (from ? "a " + *from + " request answered as no valid call"
                                         : "no request that gives it") +
                                   ": " + std::string(message.substr(0, 200)));
    }
  }
}

void check_message(ApiUnderTest& api, std::string_view message, ApiExchangeVerdict& verdict) {
  const auto before = api.chair().commands().size();
  auto pending = api.answer(message);
  const auto commands = std::span(api.chair().commands()).subspan(before);
  const auto quoted = std::string(message.substr(0, 200));
  if (!pending.complete()) {
    verdict.violations.push_back("no reply, even once every answer's patience ran out: " + quoted);
    return;
  }
  const auto requests = requests_of(parsed(message));
  const auto text = pending.text();
  std::optional<json> reply;
  if (text) {
    verdict.replies.push_back(*text);
    reply = json::parse(*text, nullptr, false);
    if (reply->is_discarded()) {
      verdict.violations.push_back("the reply is not JSON: " + *text);
      reply.reset();
    } else if (reply->is_array()) {
      if (reply->empty()) verdict.violations.push_back("an empty batch reply to: " + quoted);
      for (const auto& response : *reply) {
        count(response, verdict);
        if (auto fault = response_fault(response))
          verdict.violations.push_back(*fault + ": " + *text);
      }
    } else {
      count(*reply, verdict);
      if (auto fault = response_fault(*reply)) verdict.violations.push_back(*fault + ": " + *text);
    }
  } else if (requests.empty() || std::any_of(requests.begin(), requests.end(), has_id)) {
    verdict.violations.push_back("no reply to a message that is not only notifications: " + quoted);
  }
  check_commands(message, requests, reply, commands, verdict);
}

}  // namespace

ApiExchangeVerdict check_api_bytes(std::span<const std::uint8_t> bytes) {
  // Quiet: an input that makes a method fail is logged by the daemon, and the fuzzer makes many.
  static const bool quiet = [] {
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("api-fuzz"));
    return true;
  }();
  (void)quiet;
  ApiExchangeVerdict verdict;
  const std::string_view stream(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  try {
    const auto whole = framed(stream, stream.size() + 1);
    const auto slow = framed(stream, kSmallRead);
    if (whole.messages != slow.messages || whole.too_long != slow.too_long) {
      verdict.violations.push_back(
          "the stream frames differently read " + std::to_string(kSmallRead) +
          " bytes at a time (" + std::to_string(slow.messages.size()) + " messages) than whole (" +
          std::to_string(whole.messages.size()) + ")");
    }
    verdict.messages = whole.messages.size();
    verdict.refused_long_line = whole.too_long;
    const StateDirectory state;
    ApiUnderTest api(state.path());
    for (const auto& message : whole.messages) check_message(api, message, verdict);
  } catch (const std::exception& e) {
    verdict.violations.push_back(std::string("an exception escaped: ") + e.what());
  }
  return verdict;
}

}  // namespace fuzz
