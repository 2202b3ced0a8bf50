#include "daemon/process/check_config.hpp"

#include <ostream>

#include "daemon/config/chair_config.hpp"
#include "daemon/config/effective_config.hpp"

namespace massaged {

int check_config(const std::filesystem::path& path, const ServiceDirectories& service,
                 std::ostream& out, std::ostream& err) {
  try {
    out << effective_config_toml(load_chair_config(path, service));
    return 0;
  } catch (const std::exception& e) {
    err << e.what() << '\n';
    return 1;
  }
}

}  // namespace massaged
