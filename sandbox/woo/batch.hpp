#pragma once
// WooCommerce's batch endpoints (/products/batch, /orders/batch, ...), the way
// WC_REST_Controller::batch_items answers them: at most 100 items in all (413
// woocommerce_rest_request_entity_too_large), then create, update and delete in that order,
// each failure an {id, error} entry inside a 200.

#include <functional>

#include "sandbox/woo/api.hpp"

namespace wv::sandbox::woo {

struct BatchActions {
  std::function<Reply(const Json& item)> create;
  std::function<Reply(const Json& item, Id id)> update;  ///< id: the item's "id", 0 when absent
  std::function<Reply(Id id)> remove;
};

/// Answers the batch request of `call` with `actions`. An item that is not a JSON object reaches
/// create and update as {}.
Reply batch_items(Call& call, const BatchActions& actions);

}  // namespace wv::sandbox::woo
