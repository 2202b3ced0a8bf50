#include "daemon/storage/stored_file.hpp"

#include <fstream>
#include <iterator>
#include <system_error>

namespace storage {

namespace fs = std::filesystem;

result::Expected<std::optional<std::string>, std::string> read_stored_file(const fs::path& path,
                                                                           std::size_t largest) {
  std::error_code error;
  const auto status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) return std::optional<std::string>();
  if (error) {
    return result::unexpected("cannot read " + path.string() + ": " + error.message() +
                              "; check that the daemon may read it");
  }
  if (status.type() != fs::file_type::regular) {
    return result::unexpected("cannot read " + path.string() +
                              ": it is not a regular file; remove it so the daemon can store "
                              "the file there again");
  }
  const auto size = fs::file_size(path, error);
  if (error) {
    return result::unexpected("cannot read " + path.string() + ": " + error.message());
  }
  if (size > largest) {
    return result::unexpected("cannot read " + path.string() + ": it holds " +
                              std::to_string(size) + " bytes, more than the " +
                              std::to_string(largest) +
                              " a stored file may have; it is not one the daemon wrote, so "
                              "remove it");
  }
  std::ifstream in(path, std::ios::binary);
  std::string contents{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad() || !in.is_open()) {
    return result::unexpected("cannot read " + path.string() +
                              ": the read failed; check that the daemon may read it");
  }
  return std::optional<std::string>(std::move(contents));
}

}  // namespace storage
