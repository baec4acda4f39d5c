#pragma once
// The argument schemas of the wc/v3 routes, taken from a real WooCommerce 7.9 shop (generated into
// wc_schemas.cpp by tools/gen_schemas.py).

#include <string>

#include "sandbox/json.hpp"

namespace wv::sandbox::woo {

/// The generated table as JSON text: {"/products POST": [["name", {schema}], ...], ...}.
const std::string& wc_route_schemas_json();
/// The ordered [name, schema] pairs of `route_key` ("/products/{id} PUT"); an empty array when
/// the route takes no arguments or is unknown.
const Json& route_args(const std::string& route_key);

}  // namespace wv::sandbox::woo
