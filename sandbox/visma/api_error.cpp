#include "sandbox/visma/api_error.hpp"

namespace wv::sandbox::visma {

std::unexpected<ApiError> not_found(const std::string& what, const std::string& id) {
  return api_fail(404, ErrorCode::ResourceNotFound,
                  "ResourceNotFoundException - " + what + " with id '" + id + "' was not found.");
}

}  // namespace wv::sandbox::visma
