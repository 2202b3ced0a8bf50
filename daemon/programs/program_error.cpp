#include "daemon/programs/program_error.hpp"

namespace programs {

std::string ProgramError::to_string() const {
  if (line == 0) return source + ": " + message;
  return source + ':' + std::to_string(line) + ':' + std::to_string(column) + ": " + message;
}

}  // namespace programs
