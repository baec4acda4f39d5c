#pragma once
// The WooCommerce emulator's control API: what a person does in wp-admin, for tests, demos and
// people trying their configuration offline. Every route is under /_sandbox/woo/, takes and
// returns JSON, needs no authentication, and answers errors as {"error": "<one line>"} with 400
// (bad input) or 404 (no such order or product).
//
//   POST /_sandbox/woo/orders
//        Places an order. In: the body of POST /wp-json/wc/v3/orders (line_items by product_id,
//        variation_id or sku; shipping_lines, fee_lines, coupon_lines, status, set_paid, ...).
//        Out 201: the order as GET /orders/{id} shows it.
//   POST /_sandbox/woo/orders/{id}/status      In: {"status": "completed", "note": "optional"}
//   POST /_sandbox/woo/orders/{id}/complete    In: {} (same as status "completed")
//   POST /_sandbox/woo/orders/{id}/cancel      In: {} (same as status "cancelled"; stock comes back)
//        Out 200: the order. Stock, sales counts, dates and notes change as in WooCommerce.
//   POST /_sandbox/woo/orders/{id}/refund
//        In: {"reason": "...", "restock": true, "amount": "149.00" (optional),
//             "lines": [{"item_id": 1, "quantity": 1}]}
//        Amounts per line are worked out from the line (net and tax per unit, as wp-admin fills
//        them in); "amount" defaults to their sum; no lines and an amount refunds just money.
//        Out 201: the refund as GET /orders/{id}/refunds/{refund_id} shows it.
//   POST /_sandbox/woo/orders/{id}/note        In: {"note": "...", "customer_note": false}
//        Out 201: the note.
//   POST /_sandbox/woo/products/{id}/stock     In: {"stock_quantity": 12} or {"delta": -2}
//   POST /_sandbox/woo/products/{id}/price     In: {"regular_price": "199.00", "sale_price": ""}
//        {id} may be a product or a variation. Out 200: the product or variation (edit context).
//   POST /_sandbox/woo/credentials
//        In: {"consumer_key": "ck_...", "consumer_secret": "cs_...",
//             "permissions": "read" | "write" | "read_write", "replace": false}
//        Adds an API key (or replaces them all with this one when "replace" is true).
//        Out 200: {"keys": [{"consumer_key", "permissions"}]}.
//   POST /_sandbox/woo/clock
//        In: {"offset_seconds": 3600} (added to the clock) or {"now": "2026-11-24T14:33:56Z"}.
//        Out 200: {"now": "<UTC time the shop now sees>", "offset_seconds": n}.
//   POST /_sandbox/woo/reset                   In: {"seed": "demo" | "fixture" | "empty"}
//   GET  /_sandbox/woo/state
//        Out 200: {"now", "products", "variations", "customers", "orders": {status: count},
//                  "refunds", "notes", "keys": [{"consumer_key", "permissions"}],
//                  "stock": [{"id", "sku", "stock_quantity"}], "next_ids": {...}}.

#include <optional>

#include "core/time.hpp"
#include "sandbox/http_server.hpp"
#include "sandbox/woo/model.hpp"

namespace wv::sandbox::woo {

/// What the control API needs from the emulator besides the state.
struct ControlContext {
  ShopState& shop;
  Timestamp now;
  std::chrono::milliseconds& clock_offset;
  Timestamp clock_now;  ///< the clock without the offset
  std::string site_url;
};

/// Answers a /_sandbox/woo/ request; nullopt for other paths. A "reset" is reported back in
/// `reset_to` for the emulator to perform.
std::optional<Response> handle_control(ControlContext& context, const Request& request, std::string& reset_to);

}  // namespace wv::sandbox::woo
