#include "sandbox/woo/batch.hpp"

#include "sandbox/woo/php.hpp"

namespace wv::sandbox::woo {
namespace {

constexpr std::int64_t kMaxBatchItems = 100;

Json error_item(Id id, const Reply& reply) {
  const Json* data = reply.body.find("data");
  return Json::object().add("id", id).add("error", Json::object()
                                                       .add("code", *reply.body.find("code"))
                                                       .add("message", *reply.body.find("message"))
                                                       .add("data", data ? *data : Json::null()));
}

const Json& object_or_empty(const Json& item) {
  static const Json empty = Json::object();
  return item.is_object() ? item : empty;
}

Json result_of(Id id, const Reply& reply) { return reply.status >= 400 ? error_item(id, reply) : reply.body; }

}  // namespace

Reply batch_items(Call& call, const BatchActions& actions) {
  const Json& body = call.params.body();
  std::int64_t total = 0;
  for (const char* key : {"create", "update", "delete"}) {
    if (const Json* list = body.find(key); list && (list->is_array() || list->is_object())) {
      total += static_cast<std::int64_t>(php_values(*list).size());
    }
  }
  if (total > kMaxBatchItems) {
    return error("woocommerce_rest_request_entity_too_large", "Unable to accept more than 100 items for this request.", 413);
  }
  Json out = Json::object();
  if (const Json* list = body.find("create"); list && !php_values(*list).empty()) {
    Json results = Json::array();
    for (const auto& item : php_values(*list)) results.push(result_of(0, actions.create(object_or_empty(item))));
    out.add("create", results);
  }
  if (const Json* list = body.find("update"); list && !php_values(*list).empty()) {
    Json results = Json::array();
    for (const auto& item : php_values(*list)) {
      const Json* idv = item.find("id");
      const Id id = idv ? php_int(*idv) : 0;
      results.push(result_of(id, actions.update(object_or_empty(item), id)));
    }
    out.add("update", results);
  }
  if (const Json* list = body.find("delete"); list && !php_values(*list).empty()) {
    Json results = Json::array();
    for (const auto& item : php_values(*list)) {
      const Id id = php_int(item);
      results.push(result_of(id, actions.remove(id)));
    }
    out.add("delete", results);
  }
  return ok(std::move(out));
}

}  // namespace wv::sandbox::woo
