#pragma once
// The emulator's data sets.
//
// Seed files. A seed file is one JSON document; the WooCommerce emulator reads its top-level
// "woocommerce" object (other emulators read their own keys):
//
//   {
//     "woocommerce": {
//       "base": "empty",                 // start from "empty" (a fresh Swedish shop with the
//                                        // standard tax classes and no rates), "demo" or "fixture"
//       "settings": {                    // all optional
//         "home_url": "https://shop.example.com",  // default: the Host the client used
//         "currency": "SEK",
//         "prices_include_tax": true,
//         "tax_based_on": "base",        // base, billing or shipping
//         "base_country": "SE", "base_city": "Stockholm", "base_postcode": "111 22",
//         "shipping_tax_class": "",      // "" = standard, "inherit", or a class slug
//         "manage_stock": true,
//         "order_modified_on_any_change": true   // false: only status/note changes move an
//       },                                       // order's date_modified (WooCommerce's posts storage)
//       "credentials": [                 // API keys (the user is the shop admin)
//         {"consumer_key": "ck_...", "consumer_secret": "cs_...", "permissions": "read_write"}
//       ],
//       "tax_classes": [{"slug": "reduced-rate", "name": "Reduced rate"}],
//       "tax_rates": [                   // ids are given in order from 1 unless "id" is set
//         {"country": "SE", "rate": "25.0000", "name": "Moms 25%", "class": "standard",
//          "shipping": true, "priority": 1, "compound": false}
//       ],
//       "coupons": [{"code": "TENPERCENT", "discount_type": "percent", "amount": "10",
//                    "description": "10 % rabatt"}],
//       "products": [                    // bodies of POST /products; a variable product may
//         {"name": "T-shirt", "type": "variable", "sku": "TSHIRT",     // carry its variations
//          "attributes": [{"name": "Size", "variation": true, "options": ["S", "M"]}],
//          "variations": [{"sku": "TSHIRT-S", "regular_price": "199.00",
//                          "attributes": [{"name": "Size", "option": "S"}]}]}
//       ],
//       "customers": [ /* bodies of POST /customers */ ],
//       "orders": [                      // bodies of POST /orders (line items by product_id,
//         {"line_items": [{"sku": "MUG-001", "quantity": 2}], "set_paid": true,   // or sku)
//          "date": "2026-11-20T09:00:00Z"}   // optional: when the order was placed
//       ]
//     }
//   }
//
// Everything is created through the same code the REST API uses, so totals, taxes, stock and
// ids come out as in WooCommerce. A field WooCommerce would refuse fails the seed with a
// message naming it ("woocommerce.products[3]: Invalid or duplicated SKU.").

#include <string_view>

#include "core/error.hpp"
#include "core/time.hpp"
#include "sandbox/woo/model.hpp"

namespace wv::sandbox::woo {

/// A fresh shop: Swedish settings, the standard tax classes, no rates, products, orders or keys.
void seed_empty(ShopState& shop);
/// The recording shop (fixtures/woocommerce-7.9) as it was when the recording started, at
/// 2026-11-24T14:33:48Z: coupons 10 and 11, products 12–17 with variations 18–20, customer 1
/// (admin), the four tax rates, the key ck_TEST / cs_TEST. Everything later in the recording
/// (products 21–23, customer 2, orders 24–29, refund 30) is created by replaying the requests.
void seed_fixture(ShopState& shop);
/// The demo shop: about thirty products across the four Swedish VAT classes (one variable, one
/// without SKU), both coupons, customers, and a dozen orders in every status (one in EUR, one
/// refunded, company orders with VAT and organisation numbers). Always the same data; dates are
/// fixed in November 2026. Key: ck_demo / cs_demo (read_write), ck_demo_read / cs_demo_read (read).
void seed_demo(ShopState& shop);
/// Replaces `shop` with a seed file's "woocommerce" section (format above). Fails with Config
/// naming the offending field; `shop` is unchanged then.
Status seed_from_json(ShopState& shop, std::string_view seed_file_text, Timestamp now);

}  // namespace wv::sandbox::woo
