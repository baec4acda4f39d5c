#pragma once
// A WooCommerce refund as the credit of what it refunds: the refunded lines, shipping and fees
// with their (negative) amounts and VAT, so the same exact mapping as for orders applies.

#include "core/domain/shop.hpp"
#include "core/error.hpp"

namespace wv {

/// `refund` of `order` as an order whose lines are the refunded ones (negative quantities and
/// amounts) and whose totals are the refund's. Fails with Rejected when the refund names no
/// lines (an amount-only refund cannot be split into VAT rates: credit it by hand) or when its
/// lines do not add up to its amount.
Result<Order> refund_as_order(const Order& order, const Refund& refund);

}  // namespace wv
