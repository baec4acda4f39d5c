// The demo shop (see seed.hpp): a Swedish shop like the recording's, larger, always the same.
#include "sandbox/woo/seed.hpp"

namespace wv::sandbox::woo {
namespace {

// Addresses used by several orders.
#define WV_ANNA R"("first_name":"Anna","last_name":"Svensson","company":"","address_1":"Sveavägen 10","address_2":"","city":"Stockholm","state":"","postcode":"113 50","country":"SE")"
#define WV_KARIN R"("first_name":"Karin","last_name":"Lind","company":"","address_1":"Kungsgatan 12","address_2":"lgh 1102","city":"Göteborg","state":"","postcode":"411 19","country":"SE")"
#define WV_EXEMPEL R"("first_name":"Erik","last_name":"Johansson","company":"Exempelbolaget AB","address_1":"Industrivägen 5","address_2":"","city":"Uppsala","state":"","postcode":"754 50","country":"SE")"
#define WV_NORDIC R"("first_name":"Maja","last_name":"Ek","company":"Nordic Design AB","address_1":"Hamngatan 2","address_2":"","city":"Malmö","state":"","postcode":"211 22","country":"SE")"
#define WV_MIKKO R"("first_name":"Mikko","last_name":"Virtanen","company":"","address_1":"Mannerheimintie 20","address_2":"","city":"Helsinki","state":"","postcode":"00100","country":"FI")"
#define WV_SHIP R"("shipping_lines":[{"method_id":"flat_rate","method_title":"Frakt","instance_id":"1","total":"39.20"}])"

const char* kDemo = R"JSON({"woocommerce":{
 "base":"empty",
 "credentials":[{"consumer_key":"ck_demo","consumer_secret":"cs_demo","permissions":"read_write"},
                {"consumer_key":"ck_demo_read","consumer_secret":"cs_demo_read","permissions":"read"}],
 "tax_classes":[{"slug":"reduced-rate","name":"Reduced rate"},{"slug":"zero-rate","name":"Zero rate"},
                {"slug":"low-rate","name":"Low rate"}],
 "tax_rates":[{"country":"SE","rate":"25.0000","name":"Moms 25%","class":"standard","shipping":true},
              {"country":"SE","rate":"12.0000","name":"Moms 12%","class":"reduced-rate","shipping":false},
              {"country":"SE","rate":"6.0000","name":"Moms 6%","class":"low-rate","shipping":false},
              {"country":"SE","rate":"0.0000","name":"Moms 0%","class":"zero-rate","shipping":false}],
 "coupons":[{"code":"TENPERCENT","discount_type":"percent","amount":"10","description":"10 % rabatt"},
            {"code":"FIFTY","discount_type":"fixed_cart","amount":"50.00","description":"50 kr rabatt"}],
 "products":[
  {"name":"Kaffemugg Stockholm","sku":"MUG-001","regular_price":"149.00","manage_stock":true,"stock_quantity":60,"weight":"0.4","short_description":"Stengodsmugg, 35 cl."},
  {"name":"Bordslampa Ljus","sku":"LAMP-3","regular_price":"649.00","manage_stock":true,"stock_quantity":10,"weight":"1.8"},
  {"name":"Tekanna gjutjärn","sku":"TEAPOT-9","regular_price":"349.00","manage_stock":true,"stock_quantity":12,"weight":"1.2"},
  {"name":"Ljusstake mässing","sku":"CANDLE-2","regular_price":"279.00","manage_stock":true,"stock_quantity":25},
  {"name":"Kökshandduk linne 2-pack","sku":"TOWEL-5","regular_price":"189.00","sale_price":"159.00","manage_stock":true,"stock_quantity":40},
  {"name":"Tygkasse","regular_price":"39.00"},
  {"name":"Installation av belysning (per tillfälle)","sku":"SERVICE-INSTALL","regular_price":"495.00","virtual":true,"description":"Montering av lampa hemma hos kunden."},
  {"name":"Skärbräda ek","sku":"CUTBOARD-1","regular_price":"399.00","manage_stock":true,"stock_quantity":7},
  {"name":"Termos 0,5 l","sku":"THERMOS-1","regular_price":"329.00","manage_stock":true,"stock_quantity":0},
  {"name":"Kruka keramik","sku":"PLANT-POT","regular_price":"229.00","manage_stock":true,"stock_quantity":18},
  {"name":"Ullfilt","sku":"BLANKET-W","regular_price":"1195.00","manage_stock":true,"stock_quantity":9},
  {"name":"Julkort 5-pack","sku":"CARD-1","regular_price":"59.00","manage_stock":true,"stock_quantity":120},
  {"name":"Glögg \"Jul\" alkoholfri 75 cl","sku":"GLOGG-1","regular_price":"69.00","tax_class":"reduced-rate","manage_stock":true,"stock_quantity":48},
  {"name":"T-shirt","type":"variable","sku":"TSHIRT","description":"T-shirt i ekologisk bomull.",
   "attributes":[{"name":"Size","visible":true,"variation":true,"options":["S","M","L"]}],
   "default_attributes":[{"name":"Size","option":"M"}],
   "variations":[
    {"sku":"TSHIRT-S","regular_price":"199.00","manage_stock":true,"stock_quantity":12,"attributes":[{"name":"Size","option":"S"}]},
    {"sku":"TSHIRT-M","regular_price":"199.00","manage_stock":true,"stock_quantity":20,"attributes":[{"name":"Size","option":"M"}]},
    {"sku":"TSHIRT-L","regular_price":"229.00","manage_stock":true,"stock_quantity":6,"attributes":[{"name":"Size","option":"L"}]}]},
  {"name":"Kaffebönor mörkrost 500 g","sku":"FOOD-7","regular_price":"119.00","sale_price":"99.00","tax_class":"reduced-rate","manage_stock":true,"stock_quantity":100,"weight":"0.5"},
  {"name":"Te Earl Grey 100 g","sku":"TEA-20","regular_price":"89.00","tax_class":"reduced-rate","manage_stock":true,"stock_quantity":50},
  {"name":"Mörk choklad 70 %","sku":"CHOC-3","regular_price":"35.00","tax_class":"reduced-rate","manage_stock":true,"stock_quantity":200},
  {"name":"Lingonsylt 400 g","sku":"JAM-1","regular_price":"59.00","tax_class":"reduced-rate","manage_stock":true,"stock_quantity":80},
  {"name":"Honung 500 g","sku":"HONEY-2","regular_price":"119.00","tax_class":"reduced-rate","manage_stock":true,"stock_quantity":30},
  {"name":"Havrekakor 250 g","sku":"COOKIE-4","regular_price":"45.00","tax_class":"reduced-rate","manage_stock":true,"stock_quantity":60},
  {"name":"Äppelmust 75 cl","sku":"JUICE-1","regular_price":"49.00","tax_class":"reduced-rate","manage_stock":true,"stock_quantity":0,"backorders":"notify"},
  {"name":"Svensk husmanskost (bok)","sku":"BOOK-042","regular_price":"249.00","tax_class":"low-rate","manage_stock":true,"stock_quantity":17,"weight":"0.9"},
  {"name":"Fika – svenska bakverk (bok)","sku":"BOOK-108","regular_price":"299.00","tax_class":"low-rate","manage_stock":true,"stock_quantity":9},
  {"name":"Tidskrift Hem & Hus, nr 12","sku":"MAG-12","regular_price":"79.00","tax_class":"low-rate","manage_stock":true,"stock_quantity":40},
  {"name":"Biobiljett 2 st","sku":"CINEMA-2","regular_price":"260.00","tax_class":"low-rate","virtual":true},
  {"name":"E-bok: Stockholmsnatt","sku":"EBOOK-7","regular_price":"129.00","tax_class":"low-rate","virtual":true,"downloadable":true},
  {"name":"Frimärken Brev 10-pack","sku":"STAMP-10","regular_price":"150.00","tax_class":"zero-rate","manage_stock":true,"stock_quantity":199},
  {"name":"Frimärken Utrikes 5-pack","sku":"STAMP-INT","regular_price":"175.00","tax_class":"zero-rate","manage_stock":true,"stock_quantity":80},
  {"name":"Gåva till Stadsmissionen","sku":"GIFT-DONATION","regular_price":"100.00","tax_class":"zero-rate","virtual":true},
  {"name":"Prototyp (utkast)","sku":"PROTO-1","status":"draft","regular_price":"999.00"}],
 "customers":[
  {"email":"karin.lind@example.com","first_name":"Karin","last_name":"Lind","username":"karin.lind",
   "billing":{)JSON" WV_KARIN R"JSON(,"email":"karin.lind@example.com","phone":"+46 70 123 45 67"},"shipping":{)JSON" WV_KARIN R"JSON(}},
  {"email":"inkop@exempelbolaget.example","first_name":"Erik","last_name":"Johansson","username":"exempelbolaget",
   "billing":{)JSON" WV_EXEMPEL R"JSON(,"email":"inkop@exempelbolaget.example","phone":"+46 18 55 66 77"},"shipping":{)JSON" WV_EXEMPEL R"JSON(}},
  {"email":"sofia.berg@example.com","first_name":"Sofia","last_name":"Berg","username":"sofia.berg"}],
 "orders":[
  {"date":"2026-11-18T09:12:00Z","payment_method":"swish","payment_method_title":"Swish","set_paid":true,"transaction_id":"SW-8F3K2L9Q",
   "billing":{)JSON" WV_ANNA R"JSON(,"email":"anna.svensson@example.com","phone":"+46 8 123 456"},"shipping":{)JSON" WV_ANNA R"JSON(},
   "customer_note":"Lämna paketet hos grannen om ingen är hemma.",
   "line_items":[{"sku":"MUG-001","quantity":2},{"sku":"FOOD-7","quantity":1},{"sku":"BOOK-042","quantity":1}],)JSON" WV_SHIP R"JSON(},
  {"date":"2026-11-18T10:40:00Z","customer_id":2,"payment_method":"klarna","payment_method_title":"Klarna","set_paid":true,"transaction_id":"KL-5d1e9a77",
   "billing":{)JSON" WV_KARIN R"JSON(,"email":"karin.lind@example.com","phone":"+46 70 123 45 67"},"shipping":{)JSON" WV_KARIN R"JSON(},
   "line_items":[{"sku":"TSHIRT-M","quantity":2},{"sku":"FOOD-7","quantity":1}],"coupon_lines":[{"code":"TENPERCENT"}],)JSON" WV_SHIP R"JSON(,
   "later":[{"date":"2026-11-19T08:05:00Z","status":"completed"}]},
  {"date":"2026-11-19T13:02:00Z","customer_id":3,"payment_method":"bacs","payment_method_title":"Banköverföring","status":"processing",
   "billing":{)JSON" WV_EXEMPEL R"JSON(,"email":"inkop@exempelbolaget.example","phone":"+46 18 55 66 77"},"shipping":{)JSON" WV_EXEMPEL R"JSON(},
   "meta_data":[{"key":"_billing_vat","value":"SE556677889901"},{"key":"_billing_org_no","value":"556677-8899"},{"key":"customer_reference","value":"PO-2026-117"}],
   "line_items":[{"sku":"LAMP-3","quantity":3},{"sku":"SERVICE-INSTALL","quantity":1},{"sku":"BOOK-042","quantity":2}],
   "fee_lines":[{"name":"Fakturaavgift","total":"23.20","tax_status":"taxable","tax_class":""}],
   "coupon_lines":[{"code":"FIFTY"}],)JSON" WV_SHIP R"JSON(},
  {"date":"2026-11-19T15:30:00Z","currency":"EUR","payment_method":"paypal","payment_method_title":"PayPal","status":"completed","set_paid":true,"transaction_id":"7KX12345AB678901C",
   "billing":{)JSON" WV_MIKKO R"JSON(,"email":"mikko.virtanen@example.com","phone":"+358 40 123 4567"},"shipping":{)JSON" WV_MIKKO R"JSON(},
   "line_items":[{"sku":"MUG-001","quantity":1,"subtotal":"11.20","total":"11.20"},{"sku":"STAMP-10","quantity":1,"subtotal":"13.50","total":"13.50"}],
   "shipping_lines":[{"method_id":"flat_rate","method_title":"Frakt","instance_id":"1","total":"3.60"}]},
  {"date":"2026-11-20T07:45:00Z","payment_method":"bacs","payment_method_title":"Banköverföring","status":"on-hold",
   "billing":{"first_name":"Lars","last_name":"Nilsson","address_1":"Storgatan 3","city":"Umeå","postcode":"903 26","country":"SE","email":"lars.nilsson@example.com","phone":"+46 90 12 34 56"},
   "shipping":{"first_name":"Lars","last_name":"Nilsson","address_1":"Storgatan 3","city":"Umeå","postcode":"903 26","country":"SE"},
   "line_items":[{"product_id":17,"quantity":3},{"sku":"FOOD-7","quantity":2}],)JSON" WV_SHIP R"JSON(},
  {"date":"2026-11-20T11:20:00Z","customer_id":4,"payment_method":"bacs","payment_method_title":"Banköverföring","status":"on-hold",
   "billing":{"first_name":"Sofia","last_name":"Berg","address_1":"Drottninggatan 7","city":"Malmö","postcode":"211 11","country":"SE","email":"sofia.berg@example.com","phone":"+46 40 98 76 54"},
   "shipping":{"first_name":"Sofia","last_name":"Berg","address_1":"Drottninggatan 7","city":"Malmö","postcode":"211 11","country":"SE"},
   "line_items":[{"sku":"TSHIRT-L","quantity":1},{"sku":"LAMP-3","quantity":1}],)JSON" WV_SHIP R"JSON(,
   "later":[{"date":"2026-11-21T09:00:00Z","status":"cancelled"}]},
  {"date":"2026-11-21T10:10:00Z","payment_method":"bacs","payment_method_title":"Banköverföring",
   "billing":{"first_name":"Olle","last_name":"Holm","address_1":"Vasagatan 1","city":"Västerås","postcode":"722 15","country":"SE","email":"olle.holm@example.com"},
   "line_items":[{"sku":"TEA-20","quantity":2},{"sku":"CHOC-3","quantity":3}],)JSON" WV_SHIP R"JSON(},
  {"date":"2026-11-21T14:55:00Z","payment_method":"bacs","payment_method_title":"Banköverföring","status":"processing",
   "billing":{)JSON" WV_NORDIC R"JSON(,"email":"ekonomi@nordicdesign.example","phone":"+46 40 11 22 33"},"shipping":{)JSON" WV_NORDIC R"JSON(},
   "meta_data":[{"key":"_billing_vat","value":"SE559988776601"},{"key":"_billing_org_no","value":"559988-7766"}],
   "line_items":[{"sku":"BLANKET-W","quantity":2},{"sku":"CANDLE-2","quantity":4}],)JSON" WV_SHIP R"JSON(},
  {"date":"2026-11-22T08:30:00Z","payment_method":"swish","payment_method_title":"Swish","set_paid":true,"transaction_id":"SW-22K8P1",
   "billing":{"first_name":"Ingrid","last_name":"Sjöberg","address_1":"Östra Hamngatan 24","city":"Göteborg","postcode":"411 09","country":"SE","email":"ingrid.sjoberg@example.com"},
   "shipping":{"first_name":"Ingrid","last_name":"Sjöberg","address_1":"Östra Hamngatan 24","city":"Göteborg","postcode":"411 09","country":"SE"},
   "line_items":[{"sku":"BOOK-108","quantity":1},{"sku":"MAG-12","quantity":1}],)JSON" WV_SHIP R"JSON(,
   "later":[{"date":"2026-11-23T07:00:00Z","status":"completed"}]},
  {"date":"2026-11-22T12:15:00Z","payment_method":"swish","payment_method_title":"Swish","set_paid":true,"transaction_id":"SW-9QX31",
   "billing":{"first_name":"Per","last_name":"Dahl","address_1":"Ringvägen 40","city":"Stockholm","postcode":"118 63","country":"SE","email":"per.dahl@example.com"},
   "shipping":{"first_name":"Per","last_name":"Dahl","address_1":"Ringvägen 40","city":"Stockholm","postcode":"118 63","country":"SE"},
   "line_items":[{"sku":"TEAPOT-9","quantity":1}],)JSON" WV_SHIP R"JSON(,
   "refunds":[{"date":"2026-11-23T09:30:00Z","reason":"Kunden ångrade köpet","lines":[{"sku":"TEAPOT-9","quantity":1},{"shipping":true}]}]},
  {"date":"2026-11-23T09:05:00Z","customer_id":2,"payment_method":"klarna","payment_method_title":"Klarna","set_paid":true,"transaction_id":"KL-77aa01",
   "billing":{)JSON" WV_KARIN R"JSON(,"email":"karin.lind@example.com","phone":"+46 70 123 45 67"},"shipping":{)JSON" WV_KARIN R"JSON(},
   "line_items":[{"sku":"HONEY-2","quantity":1},{"sku":"JAM-1","quantity":2},{"sku":"COOKIE-4","quantity":1}],)JSON" WV_SHIP R"JSON(},
  {"date":"2026-11-23T16:45:00Z","payment_method":"swish","payment_method_title":"Swish","set_paid":true,"transaction_id":"SW-EB7",
   "billing":{"first_name":"Nora","last_name":"Lund","city":"Lund","postcode":"222 21","country":"SE","email":"nora.lund@example.com"},
   "line_items":[{"sku":"EBOOK-7","quantity":1}]}
 ]}})JSON";

#undef WV_ANNA
#undef WV_KARIN
#undef WV_EXEMPEL
#undef WV_NORDIC
#undef WV_MIKKO
#undef WV_SHIP

}  // namespace

void seed_demo(ShopState& shop) {
  // Catalogue and customers are dated when the demo shop was set up; orders carry their own dates.
  const Timestamp setup = parse_timestamp("2026-11-02T08:00:00Z").value();
  auto status = seed_from_json(shop, kDemo, setup);
  if (!status) throw std::logic_error("the built-in demo seed is invalid: " + status.error().message);
}

}  // namespace wv::sandbox::woo
