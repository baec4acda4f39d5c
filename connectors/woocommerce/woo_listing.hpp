#pragma once
// Helpers shared by the WooClient source files (private): reading a whole collection into a
// WooListing, and treating a 404 as "absent".

#include <optional>
#include <string>
#include <variant>

#include "connectors/woocommerce/woo_json.hpp"
#include "connectors/woocommerce/woo_transport.hpp"

namespace wv::woo {

inline std::int64_t id_of(const Order& o) {
  return o.id;
}
inline std::int64_t id_of(const Refund& r) {
  return r.id;
}
inline std::int64_t id_of(const Product& p) {
  return p.id;
}
inline std::int64_t id_of(const Variation& v) {
  return v.id;
}
inline std::int64_t id_of(const ShopCustomer& c) {
  return c.id;
}
inline std::int64_t id_of(const TaxRate& t) {
  return t.id;
}
inline std::int64_t id_of(const CatalogItem& item) {
  return std::visit([](const auto& x) { return x.id; }, item);
}

/// Every page of `path`, parsed with `parse(body)`: readable objects in `items`, the others'
/// errors in `unreadable`.
template <class T, class Parse>
Result<WooListing<T>> read_listing(Transport& transport, std::string_view path,
                                const QueryParams& query, int per_page, Parse parse) {
  WooListing<T> out;
  auto status = transport.fetch_pages(path, query, per_page,
                                      [&](const HttpResponse& page) -> Result<PageSummary> {
                                        auto parsed = parse(page.body);
                                        if (!parsed) return std::unexpected(parsed.error());
                                        PageSummary summary;
                                        summary.items = parsed->size();
                                        for (std::size_t i = 0; i < parsed->size(); ++i) {
                                          auto& item = (*parsed)[i];
                                          if (!item) {
                                            out.unreadable.push_back(item.error());
                                            continue;
                                          }
                                          summary.ids.push_back(id_of(*item));
                                          out.items.push_back(std::move(*item));
                                        }
                                        return summary;
                                      });
  if (!status) return std::unexpected(status.error());
  return out;
}

/// The items of `listing`, or the first unreadable object's error.
template <class T>
Result<std::vector<T>> all_readable(Result<WooListing<T>> listing) {
  if (!listing) return std::unexpected(listing.error());
  if (!listing->unreadable.empty()) return std::unexpected(listing->unreadable.front());
  return std::move(listing->items);
}

/// nullopt when `response` failed with NotFound, else the parsed object or the failure.
template <class T, class Parse>
Result<std::optional<T>> parse_unless_absent(const Result<HttpResponse>& response, Parse parse) {
  if (!response) {
    if (response.error().kind == ErrorKind::NotFound) return std::optional<T>();
    return std::unexpected(response.error());
  }
  auto parsed = parse(response->body);
  if (!parsed) return std::unexpected(parsed.error());
  return std::optional<T>(std::move(*parsed));
}

/// orderby=id&order=asc: a stable order, so pages read at the same time neither overlap nor leave
/// gaps while nothing changes.
inline QueryParams by_id() {
  return {{"orderby", "id"}, {"order", "asc"}};
}

/// "a,b,c" for WordPress's list parameters.
template <class Range>
std::string comma_list(const Range& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ',';
    if constexpr (std::is_convertible_v<decltype(v), std::string>) {
      out += v;
    } else {
      out += std::to_string(v);
    }
  }
  return out;
}

}  // namespace wv::woo
