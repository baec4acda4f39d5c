#include "sandbox/sandbox.hpp"

#include "sandbox/visma/visma_emulator.hpp"
#include "sandbox/woo/woo_emulator.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/crypto.hpp"
#include "core/log.hpp"

namespace wv::sandbox {
namespace {

constexpr std::string_view kControlPrefix = "/_sandbox/";

bool is_route(const Request& request, std::string_view route) {
  return request.path == route || request.path == std::string(route) + "/";
}

Response control_error(int status, std::string_view code, std::string_view message) {
  return api_error_response(kControlPrefix, {status, 0, std::string(code), std::string(message)}, "");
}

Response method_not_allowed(const Request& request, std::string_view allowed) {
  Response r = control_error(405, "method_not_allowed",
                             fmt::format("{} {} is not supported; use {}", request.method, request.path, allowed));
  r.headers.emplace_back("Allow", std::string(allowed));
  return r;
}

std::string random_guid() {
  std::string hex = random_hex(16);
  return fmt::format("{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4), hex.substr(12, 4), hex.substr(16, 4),
                     hex.substr(20));
}

}  // namespace

Sandbox::Sandbox(SandboxOptions options, std::vector<std::shared_ptr<Emulator>> emulators)
    : options_(std::move(options)), emulators_(std::move(emulators)), faults_(options_.fault_seed) {}

Sandbox::~Sandbox() { stop(); }

Status Sandbox::start() {
  if (server_) return fail(ErrorKind::Internal, "the sandbox is already running on port " + std::to_string(port()));
  auto server = HttpServer::start(options_.port, [this](const Request& request) { return handle(request); },
                                  options_.tls);
  if (!server) return fail(server.error());
  server_ = std::move(*server);
  for (const auto& emulator : emulators_) emulator->on_listening(base_url());
  return {};
}

void Sandbox::stop() {
  if (!server_) return;
  server_->stop();
  server_.reset();
}

std::uint16_t Sandbox::port() const { return server_ ? server_->port() : 0; }

std::string Sandbox::base_url() const {
  return fmt::format("{}://127.0.0.1:{}", options_.tls ? "https" : "http", port());
}

Response Sandbox::handle(const Request& request) {
  if (request.path.starts_with(kControlPrefix)) return handle_control(request);
  return handle_api(request);
}

Response Sandbox::handle_control(const Request& request) {
  if (is_route(request, "/_sandbox/faults")) {
    if (request.method == "GET") return Response::json(200, faults_.to_json());
    if (request.method == "DELETE") {
      faults_.clear();
      return Response::json(200, faults_.to_json());
    }
    if (request.method == "POST") {
      if (auto configured = faults_.configure(request.body); !configured) {
        return control_error(400, "invalid_faults", configured.error().message);
      }
      return Response::json(200, faults_.to_json());
    }
    return method_not_allowed(request, "GET, POST, DELETE");
  }
  if (is_route(request, "/_sandbox/log")) {
    if (request.method == "GET") return Response::json(200, log_.to_json());
    if (request.method == "DELETE") {
      log_.clear();
      return Response::json(200, log_.to_json());
    }
    return method_not_allowed(request, "GET, DELETE");
  }
  for (const auto& emulator : emulators_) {
    if (auto answer = emulator->control(request)) return std::move(*answer);
  }
  return control_error(404, "no_such_control",
                       fmt::format("no sandbox control answers {} {}", request.method, request.path));
}

Response Sandbox::handle_api(const Request& request) {
  auto started = std::chrono::steady_clock::now();
  FaultDecision decision = faults_.before(request);
  Response response;
  std::string fault = decision.fault;
  if (decision.answer) {
    response = std::move(*decision.answer);
  } else {
    std::optional<Response> answer;
    for (const auto& emulator : emulators_) {
      answer = emulator->handle(request);
      if (answer) break;
    }
    if (answer) {
      response = std::move(*answer);
    } else {
      response = api_error_response(
          request.path,
          {404, 3000, "rest_no_route", "No route was found matching the URL and request method."},
          random_guid());
    }
    if (std::string damage = faults_.after(request, response); !damage.empty()) fault = damage;
  }
  response.delay += options_.latency + decision.latency;

  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  logger().debug("sandbox: {} {} -> {}{}", request.method, request.raw_target, response.status,
                 fault.empty() ? "" : " (" + fault + ")");
  const auto arrived = std::chrono::system_clock::now() - (std::chrono::steady_clock::now() - started);
  log_.record({request.method, request.path, request.raw_query, response.status, elapsed + response.delay, fault,
               std::chrono::duration_cast<std::chrono::milliseconds>(arrived.time_since_epoch()).count()});
  return response;
}

std::vector<std::shared_ptr<Emulator>> make_emulators() {
  // The shop is reached over plain http on 127.0.0.1 and signs with OAuth 1.0a, as a real shop
  // over http demands; treat_http_as_https stays off so that the sandbox is as strict.
  return {std::make_shared<WooEmulator>(), std::make_shared<VismaEmulator>()};
}

Status seed_emulators(const std::vector<std::shared_ptr<Emulator>>& emulators, const std::string& seed) {
  if (seed == "empty") return {};
  if (seed == "demo") {
    for (const auto& emulator : emulators) emulator->seed_demo();
    return {};
  }
  std::ifstream in(seed, std::ios::binary);
  if (!in) {
    return fail(ErrorKind::Config, "cannot read seed file " + seed + "; give demo, empty or a readable JSON file");
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::string content = text.str();
  rapidjson::Document document;
  document.Parse(content.c_str(), content.size());
  if (document.HasParseError()) {
    return fail(ErrorKind::Config, fmt::format("seed file {} is not valid JSON at offset {}: {}", seed,
                                               document.GetErrorOffset(),
                                               rapidjson::GetParseError_En(document.GetParseError())));
  }
  if (!document.IsObject()) return fail(ErrorKind::Config, "seed file " + seed + " must hold a JSON object");
  for (const auto& emulator : emulators) {
    if (auto seeded = emulator->seed_json(content); !seeded) return fail(seeded.error().with_context("seed file " + seed));
  }
  return {};
}

}  // namespace wv::sandbox
