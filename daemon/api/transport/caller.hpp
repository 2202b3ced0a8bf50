#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "daemon/api/transport/api_role.hpp"
#include "daemon/api/transport/peer_credentials.hpp"

// Who sent a request: the client's credentials and the role they give it, and where the
// client's notifications go.
namespace massaged {

// A client's way back for notifications: its connection, whose socket the API's own thread
// serves. Any thread may send.
class NotificationSink {
 public:
  virtual ~NotificationSink() = default;
  // Queues one message (one line of JSON, without its newline). False once the client is gone,
  // so that whatever sends to it can forget it.
  virtual bool send(std::string line) = 0;
  // False once the client is gone.
  [[nodiscard]] virtual bool open() const = 0;
  // The client holds `change` subscriptions more (fewer when negative). A client that waits for
  // notifications is not idle, however long it stays silent.
  virtual void count_subscriptions(int change) = 0;
};

struct Caller {
  PeerCredentials credentials;
  ApiRole role = ApiRole::anyone;
  std::uint64_t connection = 0;  // the connection's number in logs; 0 outside a connection
  // Null when the caller cannot receive notifications (a test calling the dispatcher).
  std::shared_ptr<NotificationSink> notifications;

  // "API client 7 (uid 1000, pid 4242)": for logs and for who pressed the emergency stop.
  [[nodiscard]] std::string describe() const;
};

}  // namespace massaged
