#include "daemon/api/topics/topic_board.hpp"

#include <algorithm>
#include <cmath>

#include "daemon/api/transport/json_rpc_error.hpp"

namespace massaged {

using nlohmann::json;

namespace {

[[noreturn]] void invalid(const std::string& message, json data = json()) {
  throw JsonRpcError(JsonRpcErrorCode::invalid_params,
                     "Invalid params: topics.subscribe: " + message, std::move(data));
}

std::vector<std::string> names_of(const std::vector<TopicSpec>& topics) {
  std::vector<std::string> out;
  for (const auto& topic : topics) out.push_back(topic.name);
  return out;
}

double rate_of(const json& params) {
  const auto rate = params.find("max_rate_hz");
  if (rate == params.end()) return TopicBoard::kDefaultRateHz;
  if (!rate->is_number() || !std::isfinite(rate->get<double>()) ||
      rate->get<double>() < TopicBoard::kMinRateHz ||
      rate->get<double>() > TopicBoard::kMaxRateHz) {
    invalid("\"max_rate_hz\" must be a number from 0.1 to 50 (notifications per second)");
  }
  return rate->get<double>();
}

}  // namespace

TopicBoard::TopicBoard(std::vector<TopicSpec> topics) : topics_(std::move(topics)) {
  for (const auto& topic : topics_) {
    if (topic.kind == TopicKind::state) states_[topic.name] = json::object();
  }
}

const TopicSpec& TopicBoard::spec(std::string_view topic) const {
  for (const auto& t : topics_) {
    if (t.name == topic) return t;
  }
  throw std::logic_error("no topic " + std::string(topic));
}

const json& TopicBoard::state(std::string_view topic) const {
  const auto found = states_.find(topic);
  if (found == states_.end()) throw std::logic_error("no state topic " + std::string(topic));
  return found->second;
}

void TopicBoard::set_state(std::string_view topic, const json& value) {
  const auto found = states_.find(topic);
  if (found == states_.end()) throw std::logic_error("no state topic " + std::string(topic));
  found->second = value;
}

void TopicBoard::add_event(std::string_view topic, const json& event) {
  for (auto& [id, s] : subscriptions_) {
    const auto fields = s.fields.find(topic);
    if (fields == s.fields.end()) continue;
    auto& queue = s.waiting[fields->first];
    if (queue.size() >= kMaxWaitingEvents) {
      queue.pop_front();
      ++s.dropped[fields->first];
    }
    queue.push_back(filtered(event, fields->second));
  }
}

json TopicBoard::filtered(const json& value, const std::vector<std::string>& fields) const {
  if (fields.empty() || !value.is_object()) return value;
  json out = json::object();
  for (const auto& field : fields) {
    const auto found = value.find(field);
    if (found != value.end()) out[field] = *found;
  }
  return out;
}

json TopicBoard::changes(Subscription& s) {
  json changed = json::object();
  json events = json::object();
  json dropped = json::object();
  for (const auto& [topic, fields] : s.fields) {
    if (spec(topic).kind == TopicKind::state) {
      const json now = filtered(states_.at(topic), fields);
      json& sent = s.sent[topic];
      json diff = json::object();
      for (const auto& [key, value] : now.items()) {
        const auto before = sent.find(key);
        if (before == sent.end() || *before != value) diff[key] = value;
      }
      // A field that has no value any more is sent as null.
      if (sent.is_object()) {
        for (const auto& [key, value] : sent.items()) {
          if (!now.contains(key)) diff[key] = nullptr;
        }
      }
      if (!diff.empty()) changed[topic] = std::move(diff);
      sent = now;
    } else {
      auto& queue = s.waiting[topic];
      if (!queue.empty()) {
        events[topic] = json(std::vector<json>(queue.begin(), queue.end()));
        queue.clear();
      }
      if (auto& count = s.dropped[topic]; count > 0) {
        dropped[topic] = count;
        count = 0;
      }
    }
  }
  if (changed.empty() && events.empty() && dropped.empty()) return nullptr;
  json params{{"subscription", s.id}};
  if (!changed.empty()) params["changed"] = std::move(changed);
  if (!events.empty()) params["events"] = std::move(events);
  if (!dropped.empty()) params["dropped"] = std::move(dropped);
  return json{{"jsonrpc", "2.0"}, {"method", "topics.update"}, {"params", std::move(params)}};
}

void TopicBoard::flush(time_point now) {
  for (auto it = subscriptions_.begin(); it != subscriptions_.end();) {
    auto& s = it->second;
    if (!s.sink->open()) {
      it = subscriptions_.erase(it);  // the client has gone: nobody to tell
      continue;
    }
    if (s.last_sent && now < *s.last_sent + s.min_interval) {
      ++it;
      continue;
    }
    const json notification = changes(s);
    if (notification.is_null()) {
      ++it;
      continue;
    }
    s.last_sent = now;
    if (!s.sink->send(json_rpc_text(notification))) {
      it = subscriptions_.erase(it);
      continue;
    }
    ++it;
  }
}

json TopicBoard::subscribe(const json& params, const Caller& caller) {
  if (!caller.notifications) {
    throw JsonRpcError(JsonRpcErrorCode::unavailable,
                       "topics.subscribe: this client cannot receive notifications",
                       json{{"reason", "no connection to send notifications on"}});
  }
  if (!params.is_object()) invalid("params must be an object with \"topics\"");
  for (const auto& [key, value] : params.items()) {
    if (key != "topics" && key != "max_rate_hz") {
      invalid("unknown parameter \"" + key + "\"; allowed: topics, max_rate_hz");
    }
  }
  const auto topics = params.find("topics");
  if (topics == params.end() || !topics->is_object() || topics->empty()) {
    invalid(
        "\"topics\" must be an object naming at least one topic, each with a list of "
        "fields (empty for all), e.g. {\"status\": [\"state\"]}",
        json{{"topics", names_of(topics_)}});
  }
  Subscription s;
  for (const auto& item : topics->items()) {
    // Named, not bound: clang 14 cannot capture a structured binding in a lambda.
    const std::string& name = item.key();
    const json& wanted = item.value();
    const auto known = std::find_if(topics_.begin(), topics_.end(),
                                    [&name](const TopicSpec& t) { return t.name == name; });
    if (known == topics_.end()) {
      invalid("there is no topic \"" + name + "\"", json{{"topics", names_of(topics_)}});
    }
    if (!grants(caller.role, known->role)) {
      throw JsonRpcError(JsonRpcErrorCode::forbidden,
                         "the topic " + name + " needs the " + std::string(to_string(known->role)) +
                             " role; this client (uid " + std::to_string(caller.credentials.uid) +
                             ") has " + std::string(to_string(caller.role)),
                         json{{"topic", name},
                              {"required_role", to_string(known->role)},
                              {"role", to_string(caller.role)},
                              {"uid", caller.credentials.uid}});
    }
    if (!wanted.is_array()) {
      invalid("the fields of \"" + name + "\" must be a list of names (empty for all)",
              json{{"fields", known->fields}});
    }
    std::vector<std::string> fields;
    for (const auto& field : wanted) {
      if (!field.is_string() || std::find(known->fields.begin(), known->fields.end(),
                                          field.get<std::string>()) == known->fields.end()) {
        invalid("the topic " + name + " has no field " + field.dump(),
                json{{"topic", name}, {"fields", known->fields}});
      }
      fields.push_back(field.get<std::string>());
    }
    s.fields[name] = std::move(fields);
  }
  const double rate = rate_of(params);
  std::size_t held = 0;
  for (const auto& [id, other] : subscriptions_) held += other.connection == caller.connection;
  if (held >= kMaxSubscriptionsPerClient) {
    throw JsonRpcError(JsonRpcErrorCode::too_many_subscriptions,
                       "this client has " + std::to_string(held) +
                           " subscriptions, the most one client may hold; unsubscribe first",
                       json{{"limit", kMaxSubscriptionsPerClient}});
  }
  s.id = next_id_++;
  s.connection = caller.connection;
  s.sink = caller.notifications;
  s.min_interval = std::chrono::nanoseconds(static_cast<std::int64_t>(1e9 / rate));
  json current = json::object();
  json resolved = json::object();
  for (const auto& [name, fields] : s.fields) {
    resolved[name] = fields.empty() ? spec(name).fields : fields;
    if (spec(name).kind == TopicKind::state) {
      s.sent[name] = filtered(states_.at(name), fields);
      current[name] = s.sent[name];
    }
  }
  s.sink->count_subscriptions(+1);
  const auto id = s.id;
  subscriptions_.emplace(id, std::move(s));
  return json{{"subscription", id},
              {"topics", std::move(resolved)},
              {"max_rate_hz", rate},
              {"current", std::move(current)}};
}

json TopicBoard::unsubscribe(const json& params, const Caller& caller) {
  if (!params.is_object() || !params.contains("subscription") ||
      !params["subscription"].is_number_unsigned() || params.size() != 1) {
    throw JsonRpcError(JsonRpcErrorCode::invalid_params,
                       "Invalid params: topics.unsubscribe takes {\"subscription\": id}, the id "
                       "topics.subscribe returned");
  }
  const auto id = params["subscription"].get<std::uint64_t>();
  const auto found = subscriptions_.find(id);
  if (found == subscriptions_.end() || found->second.connection != caller.connection) {
    throw JsonRpcError(JsonRpcErrorCode::not_found,
                       "this client has no subscription " + std::to_string(id),
                       json{{"what", "subscription"}, {"id", id}});
  }
  drop(found);
  return json{{"subscription", id}, {"unsubscribed", true}};
}

void TopicBoard::drop(std::map<std::uint64_t, Subscription>::iterator it) {
  it->second.sink->count_subscriptions(-1);
  subscriptions_.erase(it);
}

json TopicBoard::describe() const {
  json out = json::array();
  for (const auto& topic : topics_) {
    out.push_back(json{{"topic", topic.name},
                       {"kind", topic.kind == TopicKind::state ? "state" : "events"},
                       {"role", to_string(topic.role)},
                       {"fields", topic.fields},
                       {"description", topic.description}});
  }
  return out;
}

}  // namespace massaged
