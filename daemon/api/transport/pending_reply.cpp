#include "daemon/api/transport/pending_reply.hpp"

#include <spdlog/spdlog.h>

#include "daemon/api/transport/json_rpc_error.hpp"

namespace massaged {

using nlohmann::json;

PendingReply PendingReply::whole(json response) {
  PendingReply reply;
  reply.whole_ = std::move(response);
  return reply;
}

void PendingReply::add_response(json id, bool notification, json response) {
  slots_.push_back(Slot{std::move(id), notification, std::move(response), {}, {}, {}});
}

void PendingReply::add_later(json id, bool notification, std::string method, LaterAnswer later) {
  slots_.push_back(
      Slot{std::move(id), notification, std::nullopt, std::move(method), std::move(later), {}});
}

void PendingReply::merge(PendingReply other) {
  for (auto& slot : other.slots_) slots_.push_back(std::move(slot));
}

bool PendingReply::poll(time_point now) {
  for (auto& slot : slots_) {
    if (!slot.response) poll(slot, now);
  }
  return complete();
}

void PendingReply::poll(Slot& slot, time_point now) {
  if (!slot.deadline) slot.deadline = now + slot.later->patience();
  try {
    if (auto result = slot.later->poll()) {
      slot.response = json{{"jsonrpc", "2.0"}, {"result", std::move(*result)}, {"id", slot.id}};
    } else if (now >= *slot.deadline) {
      const auto waited = slot.later->patience().count();
      spdlog::error("API method {}: {} did not come within {} ms", slot.method,
                    slot.later->waiting_for(), waited);
      slot.response = json_rpc_error_response(
          slot.id, JsonRpcErrorCode::timeout,
          "the chair did not answer " + slot.later->waiting_for() + " within " +
              std::to_string(waited) + " ms; check chair.status and the daemon's log",
          json{{"method", slot.method}, {"waited_ms", waited}});
    }
  } catch (const JsonRpcError& e) {
    slot.response = json_rpc_error_response(slot.id, e.code(), e.what(), e.data());
  } catch (const std::exception& e) {
    spdlog::error("API method {} failed: {}", slot.method, e.what());
    slot.response = json_rpc_error_response(
        slot.id, JsonRpcErrorCode::internal_error,
        "Internal error in " + slot.method + "; the daemon's log has details");
  }
  if (slot.response) slot.later.reset();
}

bool PendingReply::complete() const {
  for (const auto& slot : slots_) {
    if (!slot.response) return false;
  }
  return true;
}

std::optional<std::string> PendingReply::text() const {
  if (whole_) return json_rpc_text(*whole_);
  json answers = json::array();
  for (const auto& slot : slots_) {
    if (!slot.notification && slot.response) answers.push_back(*slot.response);
  }
  // Notifications get no reply at all: a batch of them not even an empty array.
  if (answers.empty()) return std::nullopt;
  if (!batch_) return json_rpc_text(answers.front());
  return json_rpc_text(answers);
}

}  // namespace massaged
