#include "tests/e2e/test_sandbox_support.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "core/http/http.hpp"
#include "core/store/store.hpp"
#include "tests/support/tls_cert.hpp"

namespace wv::testing {

HttpClientOptions fast_http_options(const std::string& ca_bundle) {
  HttpClientOptions o;
  o.connect_timeout = std::chrono::seconds(2);
  o.total_timeout = std::chrono::seconds(20);
  o.ca_bundle = ca_bundle;
  o.retry.max_retries = 2;
  o.retry.initial_backoff = std::chrono::milliseconds(10);
  o.retry.max_backoff = std::chrono::milliseconds(100);
  o.jitter_seed = 7;
  return o;
}

// ---- LiveSandbox ----------------------------------------------------------------------------

LiveSandbox::LiveSandbox(bool tls)
    : woo_(std::make_shared<sandbox::WooEmulator>()), visma_(std::make_shared<sandbox::VismaEmulator>()) {
  woo_->seed_demo();
  visma_->seed_demo();
  sandbox::SandboxOptions options;
  if (tls) {
    const TlsCertificate cert = make_self_signed_certificate(dir_.path());
    options.tls = sandbox::TlsFiles{cert.certificate_pem.string(), cert.private_key_pem.string()};
    ca_bundle_ = cert.certificate_pem.string();
  }
  box_ = std::make_unique<sandbox::Sandbox>(options, std::vector<std::shared_ptr<sandbox::Emulator>>{woo_, visma_});
  auto started = box_->start();
  if (!started) FAIL("the sandbox did not start: " << started.error().message);
}

LiveSandbox::~LiveSandbox() { box_->stop(); }

sandbox::Response LiveSandbox::control(const std::string& method, const std::string& path, const std::string& body) {
  sandbox::Request r;
  r.method = method;
  r.path = path;
  r.raw_target = path;
  r.body = body;
  r.headers["content-type"] = "application/json";
  return box_->handle(r);
}

std::string LiveSandbox::control_ok(const std::string& method, const std::string& path, const std::string& body) {
  auto r = control(method, path, body);
  INFO(method << " " << path << " " << body << " -> " << r.status << " " << r.body);
  REQUIRE(r.status / 100 == 2);
  return r.body;
}

// ---- SandboxProcess -------------------------------------------------------------------------

SandboxProcess::SandboxProcess() : config_(dir_.path() / "woovisma.toml") {
  const auto ready = dir_.path() / "ready";
  ProcessOptions options;
  options.args = {WOOVISMA_SANDBOX_BIN, "--port", "0", "--seed", "demo", "--write-config", config_.string(),
                  "--ready-file", ready.string()};
  auto process = Process::spawn(options);
  REQUIRE(process);
  process_.emplace(std::move(*process));
  if (!wait_for_file(ready, std::chrono::seconds(20))) {
    FAIL("woovisma-sandbox did not become ready: " << process_->stderr_text());
  }
  std::ifstream in(ready);
  int port = 0;
  in >> port;
  REQUIRE(port > 0);
  port_ = static_cast<std::uint16_t>(port);
  auto http = fast_http_options();
  http.retry.max_retries = 0;
  http_ = std::make_unique<CurlHttpClient>(http);
}

SandboxProcess::~SandboxProcess() { stop(); }

std::filesystem::path SandboxProcess::store() const {
  auto s = config_;
  s += ".store";
  return s;
}

std::string SandboxProcess::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

HttpResponse SandboxProcess::request(const std::string& method, const std::string& path, const std::string& body) {
  HttpRequest r;
  r.method = method;
  r.url = base_url() + path;
  if (method != "GET") {
    r.body = body;
    r.headers.push_back({"Content-Type", "application/json"});
  }
  auto answer = http_->send(r);
  if (!answer) FAIL(method << " " << path << ": " << answer.error().message);
  return *answer;
}

std::string SandboxProcess::control_ok(const std::string& method, const std::string& path, const std::string& body) {
  auto r = request(method, path, body);
  INFO(method << " " << path << " " << body << " -> " << r.status << " " << r.body);
  REQUIRE(r.ok());
  return r.body;
}

void SandboxProcess::stop() {
  if (!process_) return;
  process_->terminate();
  if (!process_->wait(std::chrono::seconds(10))) process_->kill();
  process_.reset();
}

// ---- woovisma -------------------------------------------------------------------------------

namespace {

ProcessOptions woovisma_options(std::vector<std::string> args, std::map<std::string, std::string> env) {
  args.insert(args.begin(), WOOVISMA_BIN);
  ProcessOptions options;
  options.args = std::move(args);
  options.env = std::move(env);
  options.unset_env = {"WOOVISMA_CONFIG",         "WOOVISMA_STORE",           "WOOVISMA_LOG_LEVEL",
                       "WOOVISMA_LOG_FORMAT",     "WOOVISMA_DRY_RUN",         "WOOVISMA_CONSUMER_KEY",
                       "WOOVISMA_CONSUMER_SECRET", "WOOVISMA_VISMA_CLIENT_ID", "WOOVISMA_VISMA_CLIENT_SECRET",
                       "http_proxy",              "https_proxy",              "HTTP_PROXY",
                       "HTTPS_PROXY",             "all_proxy",                "ALL_PROXY"};
  return options;
}

}  // namespace

ProcessResult run_woovisma(std::vector<std::string> args, std::map<std::string, std::string> env) {
  auto r = run_process(woovisma_options(std::move(args), std::move(env)), std::chrono::seconds(60));
  REQUIRE(r);
  REQUIRE_FALSE(r->timed_out);
  return *r;
}

Process spawn_woovisma(std::vector<std::string> args) {
  auto options = woovisma_options(std::move(args), {});
  options.stdin_pipe = true;
  auto process = Process::spawn(options);
  REQUIRE(process);
  return std::move(*process);
}

std::string wait_for_output(Process& process, std::string_view needle, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    std::string out = process.stdout_text();
    if (out.find(needle) != std::string::npos) return out;
    if (!process.running() || std::chrono::steady_clock::now() > deadline) {
      FAIL("woovisma did not print \"" << needle << "\"; it printed:\n" << out << "\nand on stderr:\n"
                                        << process.stderr_text());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::string authorize_redirect(const std::string& authorize_url) {
  auto http = fast_http_options();
  http.retry.max_retries = 0;
  CurlHttpClient client(http);
  auto answer = client.send(HttpRequest::get(authorize_url));
  if (!answer) FAIL("GET " << authorize_url << ": " << answer.error().message);
  INFO("GET " << authorize_url << " -> " << answer->status << " " << answer->body);
  REQUIRE(answer->status == 302);
  auto location = answer->header("location");
  REQUIRE(location.has_value());
  return std::string(*location);
}

AuthDialogue auth_by_paste(const std::filesystem::path& config, const std::filesystem::path& store,
                           std::vector<std::string> global_args,
                           const std::function<std::string(const std::string&)>& paste) {
  std::vector<std::string> args = {"--config", config.string(), "--store", store.string()};
  args.insert(args.end(), global_args.begin(), global_args.end());
  args.insert(args.end(), {"auth", "visma"});
  Process process = spawn_woovisma(args);
  AuthDialogue out;
  const std::string shown = wait_for_output(process, "press Enter");
  out.authorize_url = line_starting_with(shown, "http");
  REQUIRE_FALSE(out.authorize_url.empty());
  out.redirect = authorize_redirect(out.authorize_url);
  REQUIRE(process.write_stdin((paste ? paste(out.redirect) : out.redirect) + "\n"));
  process.close_stdin();
  const auto code = process.wait(std::chrono::seconds(30));
  REQUIRE(code.has_value());
  out.result.exit_code = *code;
  out.result.out = process.stdout_text();
  out.result.err = process.stderr_text();
  return out;
}

// ---- text -----------------------------------------------------------------------------------

std::string line_starting_with(const std::string& text, std::string_view prefix) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const auto start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    std::string trimmed = line.substr(start);
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\r')) trimmed.pop_back();
    if (trimmed.starts_with(prefix)) return trimmed;
  }
  return "";
}

std::string query_param(const std::string& url, std::string_view name) {
  const auto q = url.find('?');
  if (q == std::string::npos) return "";
  std::string_view query = std::string_view(url).substr(q + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (url_decode(pair.substr(0, eq), true) == name) {
      return eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1), true);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return "";
}

std::string with_query_param(const std::string& url, std::string_view name, std::string_view value) {
  const auto q = url.find('?');
  std::string out = url.substr(0, q) + "?";
  bool replaced = false;
  if (q != std::string::npos) {
    std::string_view query = std::string_view(url).substr(q + 1);
    bool first = true;
    while (!query.empty()) {
      const auto amp = query.find('&');
      std::string pair(query.substr(0, amp));
      const auto eq = pair.find('=');
      if (url_decode(pair.substr(0, eq), true) == name) {
        pair = std::string(name) + "=" + url_encode(value);
        replaced = true;
      }
      out += (first ? "" : "&") + pair;
      first = false;
      if (amp == std::string_view::npos) break;
      query.remove_prefix(amp + 1);
    }
  }
  if (!replaced) out += (out.back() == '?' ? "" : "&") + std::string(name) + "=" + url_encode(value);
  return out;
}

// ---- files ----------------------------------------------------------------------------------

Config load_config_file(const std::filesystem::path& file) {
  CommandLineOverrides cli;
  cli.config_file = file;
  auto config = load_config(cli, MapEnvironment{});
  if (!config) FAIL("cannot load " << file << ": " << config.error().message);
  return *config;
}

void edit_file(const std::filesystem::path& file, const std::string& from, const std::string& to) {
  std::string text = read_file(file);
  const auto at = text.find(from);
  if (at == std::string::npos) FAIL(file << " does not contain \"" << from << "\"");
  text.replace(at, from.size(), to);
  std::ofstream(file, std::ios::trunc | std::ios::binary) << text;
}

std::optional<OAuthTokens> stored_tokens(const std::filesystem::path& dir) {
  Store::Options options;
  options.read_only = true;
  auto store = Store::open(dir, options);
  if (!store) FAIL("cannot open the store " << dir << ": " << store.error().message);
  std::optional<OAuthTokens> tokens;
  auto read = (*store)->read([&](const StoreReader& r) -> Status {
    auto t = r.tokens();
    if (!t) return fail(t.error());
    tokens = *t;
    return {};
  });
  if (!read) FAIL("cannot read the store " << dir << ": " << read.error().message);
  return tokens;
}

std::vector<std::string> lines_with_secrets(const std::string& text, const std::vector<std::string>& secrets) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    for (std::size_t i = 0; i < secrets.size(); ++i) {
      if (!secrets[i].empty() && line.find(secrets[i]) != std::string::npos) {
        out.push_back(line + " <- contains secret #" + std::to_string(i));
      }
    }
  }
  return out;
}

std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t length = sizeof addr;
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) == 0);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace wv::testing
