#pragma once
// Pieces the render_*.cpp files share: links, dates, id and meta lists, addresses.

#include <optional>
#include <string>
#include <vector>

#include "sandbox/json.hpp"
#include "sandbox/woo/model.hpp"

namespace wv::sandbox::woo::parts {

inline const std::string kApi = "/wp-json/wc/v3";

/// {"self": [{"href": self}], "collection": [{"href": collection}]}
Json links(const std::string& self, const std::string& collection);
/// Site-local time without offset ("2026-11-24T15:33:47"); null for no time.
Json local_date(const ShopState& shop, Timestamp t);
Json local_date(const ShopState& shop, const std::optional<Timestamp>& t);
/// UTC without offset; null for no time.
Json gmt_date(Timestamp t);
Json gmt_date(const std::optional<Timestamp>& t);
Json ids(const std::vector<Id>& list);
Json terms(const std::vector<Term>& list);
/// [{"id", "key", "value"}]
Json meta_list(const std::vector<Meta>& meta);
/// [{"id", "key", "value", "display_key", "display_value"}] (order items)
Json item_meta_list(const std::vector<Meta>& meta);
/// An address: orders list state before postcode, customers after country; orders' shipping
/// and customers' shipping carry no email.
Json address(const Address& a, bool order, bool with_email);
/// The number, or null.
Json optional_int(const std::optional<std::int64_t>& v);

}  // namespace wv::sandbox::woo::parts
