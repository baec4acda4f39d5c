#include "sandbox/woo/batch.hpp"

#include <vector>

#include "sandbox/woo/php.hpp"

namespace wv::sandbox::woo {
namespace {

constexpr std::size_t kMaxBatchItems = 100;

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
  auto items_of = [&](const char* key) {
    const Json* list = body.find(key);
    return list && (list->is_array() || list->is_object()) ? php_values(*list) : std::vector<Json>{};
  };
  const std::vector<Json> creates = items_of("create");
  const std::vector<Json> updates = items_of("update");
  const std::vector<Json> deletes = items_of("delete");
  if (creates.size() + updates.size() + deletes.size() > kMaxBatchItems) {
    return error("woocommerce_rest_request_entity_too_large", "Unable to accept more than 100 items for this request.", 413);
  }
  Json out = Json::object();
  if (!creates.empty()) {
    Json results = Json::array();
    for (const auto& item : creates) results.push(result_of(0, actions.create(object_or_empty(item))));
    out.add("create", results);
  }
  if (!updates.empty()) {
    Json results = Json::array();
    for (const auto& item : updates) {
      const Json* idv = item.find("id");
      const Id id = idv ? php_int(*idv) : 0;
      results.push(result_of(id, actions.update(object_or_empty(item), id)));
    }
    out.add("update", results);
  }
  if (!deletes.empty()) {
    Json results = Json::array();
    for (const auto& item : deletes) {
      const Id id = php_int(item);
      results.push(result_of(id, actions.remove(id)));
    }
    out.add("delete", results);
  }
  return ok(std::move(out));
}

}  // namespace wv::sandbox::woo
