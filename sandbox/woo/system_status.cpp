// GET /system_status: the recording shop's report (file 29 of the transcripts), with the three
// values the recording redacted filled in with plausible ones, and the parts that follow the
// emulated shop's state (URLs, currency, post counts) filled in per request.
#include "sandbox/woo/render.hpp"

#include <string>

namespace wv::sandbox::woo {
namespace {

const std::string& system_status_template() {
  static const std::string text = std::string()
      + R"WCSTATUS({"environment":{"home_url":"https://shop.example.com","site_url":"https://shop.example.com","version":"7.9.0","log_directory":"/var/www/shop/wp-content/uploads/wc-logs/","log_directory_writable":true,"wp_version":"6.1.9","wp_multisite":false,"wp_memory_limit":536870912,"wp_debug_mode":true,"wp_cron":false,"language":"en_US","external_object_cache":null,"server_info":"Apache/2.4.62 (Debian)","php_version":"8.2.36","php_post_max_size":8388608,"php_max_execution_time":120,"php_max_input_vars":1000,"curl_version":"7.88.1, OpenSSL/3.0.19","suhosin_installed":false,"max_upload_size":2097152,"mysql_version":"10.11.19","mysql_version_string":"10.11.19-MariaDB-0+deb12u1","default_timezone":"UTC","fsockopen_or_curl_enabled":true,"soapclient_enabled":false,"domdocument_enabled":true,"gzip_enabled":true,"mbstring_enabled":true,"remote_post_successful":false,"remote_post_response":false,"remote_get_successful":false,"remote_get_response":false},"database":{"wc_database_version":"7.9.0","database_prefix":"wp_","maxmind_geoip_database":"","database_tables":{"woocommerce":{"wp_woocommerce_sessions":{"data":"0.02","index":"0.02","engine":"InnoDB"},"wp_woocommerce_api_keys":{"data":"0.02","index":"0.03","engine":"InnoDB"},"wp_woocommerce_attribute_taxonomies":{"data":"0.02","index":"0.02","engine":"InnoDB"},"wp_woocommerce_downloadable_product_permissions":{"data":"0.02","index":"0.06","engine":"InnoDB"},"wp_woocommerce_order_items":{"data":"0.02","index":"0.02","engine":"InnoDB"},"wp_woocommerce_order_itemmeta":{"data":"0.02","index":"0.03","engine":"InnoDB"},"wp_woocommerce_tax_rates":{"data":"0.02","index":"0.06","engine":"InnoDB"},"wp_woocommerce_tax_rate_locations":{"data":"0.02","index":"0.03","engine":"InnoDB"},"wp_woocommerce_shipping_zones":{"data":"0.02","index":"0.00","engine":"InnoDB"},"wp_woocommerce_shipping_zone_locations":{"data":"0.02","index":"0.03","engine":"InnoDB"},"wp_woocommerce_shipping_zone_methods":{"data":"0.02","index":"0.00","engine":"InnoDB"},"wp_woocommerce_payment_tokens":{"data":"0.02","index":"0.02","engine":"InnoDB"},"wp_woocommerce_payment_tokenmeta":{"data":"0.02","index":"0.03","engine":"InnoDB"},"wp_woocommerce_log":{"data":"0.02","index":"0.02","engine":"InnoDB"}},"other":{"wp_actionscheduler_actions":{"data":"0.02","index":"0.11","engine":"InnoDB"},"wp_actionscheduler_claims":{"data":"0.02","index":"0.02","engine":"InnoDB"},"wp_actionscheduler_groups":{"data":"0.02","index":"0.02","engine":"InnoDB"},"wp_actionscheduler_logs":{"data":"0.02","index":"0.03","engine":"InnoDB"},"wp_commentmeta":{"data":"0.02","index":"0.03","engine":"InnoDB"},"wp_comments":{"data":"0.02","index":"0.09","engine":"InnoDB"},"wp_links":{"data":"0.02","index":"0.02","engine":"InnoDB"},"wp_options":{"data":"0.09","index":"0.03","engine":"InnoDB"},"wp_postmeta":{"data":"0.05","index":"0.03","engine":"InnoDB"},"wp_posts":{"data":"0.05","index":"0.06","engine":"InnoDB"},"wp_termmeta":{"data":"0.02","index":"0.03","engine":"InnoDB"},"wp_terms":{"data":"0.02","index":"0.03","engine":"InnoDB"},"wp_term_relationships":{"data":"0.02","index":"0.02","engine":"InnoDB"},"wp_term_taxonomy":{"data":"0.02","index":"0.03","engine":"InnoDB"},"wp_usermeta":{"data":"0.02","index":"0.03","engine":"InnoDB"},"wp_users":{"data":"0.02","index":"0.05","engine":"InnoDB"},"wp_wc_admin_notes":{"data":"0.02","index":"0.00","engine":"InnoDB"},"wp_wc_admin_note_actions":{"data":"0.02","index":"0.02","engine":"InnoDB"},"wp_wc_category_lookup":{"data":"0.02","index":"0.00","engine":"InnoDB"},"wp_wc_customer_lookup":{"data":"0.02","index":"0.03","engine":"InnoDB"},"wp_wc_download_log":{"data":"0.02","index":"0.03","engine":"InnoDB"},"wp_wc_order_coupon_lookup":{"data":"0.02","index":"0.03","engine":"InnoDB"},"wp_wc_order_product_lookup":{"data":"0.02","index":"0.06","engine":"InnoDB"},"wp_wc_order_stats":{"data":"0.02","index":"0.05","engine":"InnoDB"},"wp_wc_order_tax_lookup":{"data":"0.02","index":"0.03","engine":"InnoDB"},"wp_wc_product_attributes_lookup":{"data":"0.02","index":"0.02","engine":"InnoDB"},"wp_wc_product_download_directories":{"data":"0.02","index":"0.02","engine":"InnoDB"},"wp_wc_product_meta_lookup":{"data":"0.02","index":"0.09","engine":"InnoDB"},"wp_wc_rate_limits":{"data":"0.02","index":"0.02","engine":"InnoDB"},"wp_wc_reserved_stock":{"data":"0.02","index":"0.00","engine":"InnoDB"},"wp_wc_tax_rate_classes":{"data":"0.02","index":"0.02","engine":"InnoDB"},"wp_wc_webhooks":{"data":"0.02","index":"0.02","engine":"InnoDB"}}},"database_size":{"data":1.0500000000000005,"index":1.4400000000000008}},"active_plugins":[{"plugin":"woocommerce/woocommerce.php","name":"WooCommerce","version":"7.9.0","version_latest":"7.9.0","url":"https://woocommerce.com/","author_name":"Automattic","author_url":"https://woocommerce.com","network_activated":false}],"inactive_plugins":[{"plugin":"akismet/akismet.php","name":"Akismet Anti-Spam","version":"5.0.2","version_latest":"5.0.2","url":"https://akismet.com/","author_name":"Automattic","author_url":"https://automattic.com/wordpress-plugins/","network_activated":false}],"dropins_mu_plugins":{"dropins":[],"mu_plugins":[{"plugin":"woovisma-sandbox.php","name":"woovisma sandbox","version":"","url":"","author_name":"","author_url":""}]},"theme":{"name":"twentytwentythree","version":false,"version_latest":0,"author_url":"","is_child_theme":false,"has_woocommerce_support":true,"has_woocommerce_file":false,"has_outdated_templates":false,"overrides":[],"parent_name":"","parent_version":"","parent_version_latest":"","parent_author_url":""},"settings":{"api_enabled":false,"force_ssl":false,"currency":"SEK","currency_symbol":"&#107;&#114;","currency_position":"right_space","thousand_separator":" ","decimal_separator":",","number_of_decimals":2,"geolocation_enabled":false,"taxonomies":{"external":"external","grouped":"grouped","simple":"simple","variable":"variable"},"product_visibility_terms":{"exclude-from-catalog":"exclude-from-catalog","exclude-from-search":"exclude-from-search","featur)WCSTATUS"
      + R"WCSTATUS(ed":"featured","outofstock":"outofstock","rated-1":"rated-1","rated-2":"rated-2","rated-3":"rated-3","rated-4":"rated-4","rated-5":"rated-5"},"woocommerce_com_connected":"no","enforce_approved_download_dirs":true,"order_datastore":"WC_Order_Data_Store_CPT","HPOS_feature_screen_enabled":false,"HPOS_enabled":false,"HPOS_sync_enabled":false},"security":{"secure_connection":true,"hide_errors":true},"pages":[{"page_name":"Shop base","page_id":"5","page_set":true,"page_exists":true,"page_visible":true,"shortcode":"","block":"","shortcode_required":false,"shortcode_present":false,"block_present":false,"block_required":false},{"page_name":"Cart","page_id":"6","page_set":true,"page_exists":true,"page_visible":true,"shortcode":"[woocommerce_cart]","block":"woocommerce/cart","shortcode_required":true,"shortcode_present":true,"block_present":false,"block_required":true},{"page_name":"Checkout","page_id":"7","page_set":true,"page_exists":true,"page_visible":true,"shortcode":"[woocommerce_checkout]","block":"woocommerce/checkout","shortcode_required":true,"shortcode_present":true,"block_present":false,"block_required":true},{"page_name":"My account","page_id":"8","page_set":true,"page_exists":true,"page_visible":true,"shortcode":"[woocommerce_my_account]","block":"","shortcode_required":true,"shortcode_present":true,"block_present":false,"block_required":false},{"page_name":"Terms and conditions","page_id":"","page_set":false,"page_exists":false,"page_visible":false,"shortcode":"","block":"","shortcode_required":false,"shortcode_present":false,"block_present":false,"block_required":false}],"post_type_counts":[{"type":"attachment","count":"1"},{"type":"page","count":"7"},{"type":"post","count":"1"},{"type":"product","count":"9"},{"type":"product_variation","count":"3"},{"type":"shop_coupon","count":"2"},{"type":"shop_order","count":"6"},{"type":"shop_order_refund","count":"1"}]})WCSTATUS"
      ;
  return text;
}

}  // namespace

Json render_system_status(const ShopState& shop, const RenderOptions& options) {
  Json status = parse_json(system_status_template()).value();
  if (Json* env = status.find("environment")) {
    env->set("home_url", Json::string(options.site_url));
    env->set("site_url", Json::string(options.site_url));
  }
  if (Json* settings = status.find("settings")) {
    settings->set("currency", Json::string(shop.settings.currency));
    settings->set("currency_symbol", Json::string(shop.settings.currency_symbol_html));
    settings->set("thousand_separator", Json::string(shop.settings.thousand_separator));
    settings->set("decimal_separator", Json::string(shop.settings.decimal_separator));
    settings->set("number_of_decimals", Json::integer(shop.settings.price_decimals));
  }
  if (Json* security = status.find("security")) {
    security->set("secure_connection", Json::boolean(options.site_url.rfind("https:", 0) == 0));
  }
  std::int64_t products = 0, variations = 0, orders = 0, refunds = 0;
  for (const auto& [id, p] : shop.products) (p.is_variation ? variations : products) += 1;
  for (const auto& [id, o] : shop.orders) (o.is_refund ? refunds : orders) += 1;
  const std::pair<const char*, std::int64_t> counts[] = {
      {"attachment", 1}, {"page", 7}, {"post", 1}, {"product", products}, {"product_variation", variations},
      {"shop_coupon", static_cast<std::int64_t>(shop.coupons.size())}, {"shop_order", orders},
      {"shop_order_refund", refunds}};
  Json list = Json::array();
  for (const auto& [type, count] : counts) {
    if (count == 0) continue;
    list.push(Json::object().add("type", type).add("count", std::to_string(count)));
  }
  status.set("post_type_counts", list);
  return status;
}

}  // namespace wv::sandbox::woo
