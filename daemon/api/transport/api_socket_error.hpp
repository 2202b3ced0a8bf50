#pragma once

#include <stdexcept>

namespace massaged {

// The API socket cannot be opened; what() says where and what to do.
class ApiSocketError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace massaged
