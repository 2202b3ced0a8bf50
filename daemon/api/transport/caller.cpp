#include "daemon/api/transport/caller.hpp"

namespace massaged {

std::string Caller::describe() const {
  return "API client " + std::to_string(connection) + " (" + credentials.describe() + ")";
}

}  // namespace massaged
