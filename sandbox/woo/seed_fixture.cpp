// The recording shop at the start of the recording (see seed.hpp).
#include "sandbox/woo/seed.hpp"

#include "sandbox/woo/order_engine.hpp"

namespace wv::sandbox::woo {
namespace {

Timestamp at(const char* utc) { return parse_timestamp(utc).value(); }

Product simple(Id id, const char* name, const char* slug, const char* sku, const char* regular, const char* tax_class,
               std::int64_t stock, const char* weight) {
  Product p;
  p.id = id;
  p.name = name;
  p.slug = slug;
  p.sku = sku;
  p.regular_price = regular;
  p.tax_class = tax_class;
  p.manage_stock = true;
  p.stock_quantity = stock;
  p.weight = weight;
  p.date_created = at("2026-11-24T14:33:47Z");
  p.date_modified = p.date_created;
  p.categories.push_back(Term{15, "Uncategorized", "uncategorized"});
  return p;
}

Product variation(Id id, const char* sku, const char* size, std::int64_t stock, const char* price, const char* created) {
  Product v;
  v.id = id;
  v.is_variation = true;
  v.parent_id = 17;
  v.type = "variation";
  v.name = std::string("T-shirt - ") + size;
  v.sku = sku;
  v.regular_price = price;
  v.tax_class = "";
  v.manage_stock = true;
  v.stock_quantity = stock;
  v.variation_attributes.push_back(AttributeValue{0, "Size", size});
  v.date_created = at(created);
  v.date_modified = v.date_created;
  return v;
}

}  // namespace

void seed_empty(ShopState& shop) {
  shop = ShopState{};
  shop.tax_classes = {{"standard", "Standard rate"}, {"reduced-rate", "Reduced rate"}, {"zero-rate", "Zero rate"}};
  Customer admin;
  admin.id = 1;
  admin.role = "administrator";
  admin.username = "admin";
  admin.email = "admin@shop.example.com";
  admin.date_created = at("2026-11-24T14:00:00Z");
  admin.date_modified = admin.date_created;
  shop.customers[1] = admin;
  shop.next_user_id = 2;
  shop.next_post_id = 10;
  shop.next_comment_id = 2;  // WordPress's sample comment is 1
}

void seed_fixture(ShopState& shop) {
  seed_empty(shop);
  shop.settings.home_url = "https://shop.example.com";
  shop.tax_classes = {{"standard", "Standard rate"},
                      {"reduced-rate", "Reduced rate"},
                      {"zero-rate", "Zero rate"},
                      {"low-rate", "Low rate"}};
  auto rate = [](Id id, const char* pct, const char* name, const char* cls, bool shipping) {
    TaxRate r;
    r.id = id;
    r.country = "SE";
    r.rate = pct;
    r.name = name;
    r.tax_class = cls;
    r.shipping = shipping;
    return r;
  };
  shop.tax_rates = {rate(1, "25.0000", "Moms 25%", "standard", true), rate(2, "12.0000", "Moms 12%", "reduced-rate", false),
                    rate(3, "6.0000", "Moms 6%", "low-rate", false), rate(4, "0.0000", "Moms 0%", "zero-rate", false)};

  Coupon tenpercent;
  tenpercent.id = 10;
  tenpercent.code = "tenpercent";
  tenpercent.amount = "10";
  tenpercent.discount_type = "percent";
  tenpercent.description = "10 % rabatt";
  tenpercent.date_created = at("2026-11-24T14:33:46Z");
  tenpercent.date_modified = tenpercent.date_created;
  Coupon fifty;
  fifty.id = 11;
  fifty.code = "fifty";
  fifty.amount = "50.00";
  fifty.discount_type = "fixed_cart";
  fifty.description = "50 kr rabatt";
  fifty.date_created = at("2026-11-24T14:33:47Z");
  fifty.date_modified = fifty.date_created;
  shop.coupons[10] = tenpercent;
  shop.coupons[11] = fifty;

  Product mug = simple(12, "Kaffemugg Stockholm", "kaffemugg-stockholm", "MUG-001", "149.00", "", 60, "0.4");
  mug.short_description = "Stengodsmugg, 35 cl.";
  Product lamp = simple(13, "Bordslampa Ljus", "bordslampa-ljus", "LAMP-3", "599.00", "", 8, "1.8");
  Product coffee = simple(14, "Kaffebönor mörkrost 500 g", "kaffebonor-morkrost-500-g", "FOOD-7", "119.00",
                          "reduced-rate", 100, "0.5");
  coffee.sale_price = "99.00";
  Product book = simple(15, "Svensk husmanskost (bok)", "svensk-husmanskost-bok", "BOOK-042", "249.00", "low-rate", 20,
                        "0.9");
  Product stamps = simple(16, "Frimärken Brev 10-pack", "frimarken-brev-10-pack", "STAMP-10", "150.00", "zero-rate",
                          200, "0.05");
  Product tshirt;
  tshirt.id = 17;
  tshirt.name = "T-shirt";
  tshirt.slug = "t-shirt";
  tshirt.type = "variable";
  tshirt.sku = "TSHIRT";
  tshirt.description = "T-shirt i ekologisk bomull.";
  tshirt.attributes.push_back(ProductAttribute{0, "Size", 0, true, true, {"S", "M", "L"}});
  tshirt.default_attributes.push_back(AttributeValue{0, "Size", "M"});
  tshirt.categories.push_back(Term{15, "Uncategorized", "uncategorized"});
  tshirt.date_created = at("2026-11-24T14:33:47Z");
  tshirt.date_modified = at("2026-11-24T14:33:48Z");
  for (Product* p : {&mug, &lamp, &coffee, &book, &stamps, &tshirt}) shop.products[p->id] = *p;
  shop.products[18] = variation(18, "TSHIRT-S", "S", 10, "199.00", "2026-11-24T14:33:47Z");
  shop.products[19] = variation(19, "TSHIRT-M", "M", 15, "199.00", "2026-11-24T14:33:48Z");
  shop.products[20] = variation(20, "TSHIRT-L", "L", 5, "229.00", "2026-11-24T14:33:48Z");
  // Variations first: a variable product's price comes from its variations'.
  for (auto& [id, p] : shop.products) {
    if (p.type != "variable") sync_product(shop, p);
  }
  for (auto& [id, p] : shop.products) {
    if (p.type == "variable") sync_product(shop, p);
  }

  shop.keys.push_back(ApiKey{"ck_TEST", "cs_TEST", "read_write", 1, {}});
  shop.next_post_id = 21;
  shop.next_item_id = 1;
  shop.next_item_meta_id = 1;
  shop.next_comment_id = 2;
  // Post meta ids: chosen so that order 26's own meta_data get 379–381 as in the recording,
  // given the rows the products and orders created in between write.
  shop.next_post_meta_id = 169;
}

}  // namespace wv::sandbox::woo
