// The config document as a whole: syntax errors, the top-level keys, and the [log], [http]
// and [visma] tables.

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "core/config/config_detail.hpp"
#include "core/config/config_sections.hpp"

namespace wv::config_detail {
namespace {

constexpr std::int64_t kDay = 86'400;

std::string one_line(std::string_view text) {
  std::string out(text);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return out;
}

void check_url(TableReader& table, std::string_view key, const std::string& url,
               bool empty_allowed) {
  if (url.empty() && empty_allowed) return;
  if (!is_http_url(url)) {
    table.problem(key, fmt::format("\"{}\" must be an http:// or https:// URL, not \"{}\"",
                                   table.path_of(key), url));
  }
}

void read_document(const toml::table& document, const std::filesystem::path& base_dir,
                   ReadContext& context, Config& config) {
  TableReader root(document, "", context);
  root.choice("flow", config.flow);
  root.path("store", config.store_dir, base_dir);
  if (root.has("store") && config.store_dir.empty()) {
    root.problem("store", "\"store\" must name a directory, not \"\"");
  }
  root.path("secrets_file", config.secrets_file, base_dir);
  root.flag("dry_run", config.dry_run);
  if (auto log = root.table("log")) read_log(*log, config);
  if (auto http = root.table("http")) read_http(*http, config.http, base_dir);
  if (auto visma = root.table("visma")) read_visma(*visma, config.visma);
  read_shops(root, config.shops);
  if (auto orders = root.table("orders")) read_orders(*orders, config.orders);
  if (auto articles = root.table("articles")) read_articles(*articles, config.articles);
  read_field_mappings(root, config.field_mappings);
  root.finish();
}

// What reading a document with every table asks for: the whole schema.
const ReadContext& schema() {
  static const ReadContext context = [] {
    const toml::table document = toml::parse(
        "[log]\n[http]\n[visma]\n[[shop]]\n[orders]\n[articles]\n[[field_mapping]]\n");
    ReadContext all("");
    Config ignored;
    read_document(document, {}, all, ignored);
    return all;
  }();
  return context;
}

}  // namespace

void read_log(TableReader& log, Config& config) {
  log.choice("level", config.log_level);
  log.choice("format", config.log_format);
  log.finish();
}

void read_http(TableReader& http, HttpSettings& out, const std::filesystem::path& base_dir) {
  http.seconds("connect_timeout_seconds", out.connect_timeout, 1, 3600);
  http.seconds("total_timeout_seconds", out.total_timeout, 1, kDay);
  if (out.total_timeout < out.connect_timeout) {
    http.problem("total_timeout_seconds",
                 fmt::format("\"{}\" ({}) must not be less than \"{}\" ({})",
                             http.path_of("total_timeout_seconds"), out.total_timeout.count(),
                             http.path_of("connect_timeout_seconds"),
                             out.connect_timeout.count()));
  }
  http.integer("max_in_flight", out.max_in_flight, 1, 64);
  http.integer("max_retries", out.max_retries, 0, 100);
  http.milliseconds("initial_backoff_milliseconds", out.initial_backoff, 1, kDay * 1000);
  std::chrono::seconds max_backoff =
      std::chrono::duration_cast<std::chrono::seconds>(out.max_backoff);
  if (http.seconds("max_backoff_seconds", max_backoff, 1, kDay)) out.max_backoff = max_backoff;
  if (out.max_backoff < out.initial_backoff) {
    http.problem("max_backoff_seconds",
                 fmt::format("\"{}\" must not be less than \"{}\"",
                             http.path_of("max_backoff_seconds"),
                             http.path_of("initial_backoff_milliseconds")));
  }
  std::int64_t max_bytes = static_cast<std::int64_t>(out.max_response_bytes);
  if (http.integer("max_response_bytes", max_bytes, 1024, std::int64_t{1} << 40)) {
    out.max_response_bytes = static_cast<std::size_t>(max_bytes);
  }
  std::filesystem::path ca_bundle = out.ca_bundle;
  if (http.path("ca_bundle", ca_bundle, base_dir)) out.ca_bundle = ca_bundle.string();
  http.text("user_agent", out.user_agent);
  http.finish();
}

void read_visma(TableReader& visma, VismaConfig& out) {
  if (visma.text("api_url", out.api_url)) check_url(visma, "api_url", out.api_url, false);
  if (visma.text("identity_url", out.identity_url)) {
    check_url(visma, "identity_url", out.identity_url, false);
  }
  visma.text("client_id", out.client_id);
  visma.secret("client_secret", out.client_secret);
  if (visma.text("redirect_uri", out.redirect_uri)) {
    check_url(visma, "redirect_uri", out.redirect_uri, false);
  }
  if (visma.text_list("scopes", out.scopes, false)) {
    for (const char* required : {"ea:api", "offline_access"}) {
      if (std::find(out.scopes.begin(), out.scopes.end(), required) == out.scopes.end()) {
        visma.problem("scopes", fmt::format("\"{}\" must include \"{}\"", visma.path_of("scopes"),
                                            required));
      }
    }
  }
  // Visma allows 600 requests a minute per client; more only earns 429s.
  visma.integer("requests_per_minute", out.requests_per_minute, 1, 600);
  visma.integer("page_size", out.page_size, 1, 1000);
  // An access token lives an hour; refreshing earlier than that would refresh every run.
  visma.seconds("token_refresh_margin_seconds", out.token_refresh_margin, 0, 1800);
  visma.finish();
}

Result<ParsedConfig> parse_config_text(std::string_view text, const std::filesystem::path& file) {
  const std::string label = file.string();
  toml::table document;
  try {
    document = toml::parse(text, label);
  } catch (const toml::parse_error& error) {
    const auto& where = error.source().begin;
    return fail(ErrorKind::Config, fmt::format("{}:{}:{}: {}", label, where.line, where.column,
                                               one_line(error.description())));
  }
  std::error_code ec;
  std::filesystem::path base_dir = std::filesystem::absolute(file, ec).parent_path();
  if (ec) base_dir = file.parent_path();

  ParsedConfig parsed;
  ReadContext context(label);
  context.learn_schema(schema());
  read_document(document, base_dir, context, parsed.config);
  if (auto problem = context.first_problem()) return fail(*problem);
  parsed.config.source = file;
  parsed.secrets = context.secrets_found();
  return parsed;
}

std::set<std::string> config_key_names() { return schema().known_keys(); }

}  // namespace wv::config_detail
