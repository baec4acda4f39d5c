// `woovisma auth visma`: the one-time OAuth2 authorization of woovisma in Visma.

#include <cstdio>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/loopback_listener.hpp"
#include "cli/remotes.hpp"
#include "core/crypto.hpp"
#include "core/http/http.hpp"
#include "core/redact.hpp"
#include "core/text.hpp"

namespace wv::cli {
namespace {

struct AuthOptions {
  bool listen = false;
  int listen_timeout_seconds = 300;
};

// The code from what the user pasted: a whole redirect address, or the code alone.
Result<std::string> code_from(const std::string& pasted, const std::string& state) {
  const std::string text = trim(pasted);
  if (text.empty()) return fail(ErrorKind::Usage, "nothing was pasted; run `woovisma auth visma` again");
  const auto query_at = text.find('?');
  if (query_at == std::string::npos) return text;  // the code alone
  std::string code, got_state, error;
  std::string_view query(text);
  query.remove_prefix(query_at + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    const std::string name = url_decode(pair.substr(0, eq), true);
    const std::string value = eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1), true);
    if (name == "code") code = value;
    if (name == "state") got_state = value;
    if (name == "error") error = value;
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  if (!error.empty()) return fail(ErrorKind::Auth, "Visma refused the authorization: " + error);
  if (code.empty()) return fail(ErrorKind::Usage, "the pasted address has no code parameter; paste the whole address the browser was sent to");
  if (got_state != state) {
    return fail(ErrorKind::Auth, "the pasted address belongs to another authorization attempt (state differs); "
                                 "run `woovisma auth visma` again and paste the newest address");
  }
  return code;
}

Result<ExitCode> run_auth(Context& ctx, const AuthOptions& options) {
  auto config = ctx.config();
  if (!config) return fail(config.error());
  if (auto s = validate_for_remote_use(**config, false, true); !s) return fail(s.error());
  auto store = ctx.writable_store();
  if (!store) return fail(store.error());
  Remotes remotes(**config, **store);
  // Listening before the address is shown: a busy port is reported before the user logs in.
  std::optional<LoopbackListener> listener;
  if (options.listen) {
    auto opened = LoopbackListener::open((*config)->visma.redirect_uri);
    if (!opened) return fail(opened.error());
    listener.emplace(std::move(*opened));
  }
  const std::string state = random_hex(16);
  std::printf("Open this address in a browser, sign in to Visma and allow woovisma:\n\n  %s\n\n",
              remotes.visma().authorize_url(state).c_str());
  std::string pasted;
  if (listener) {
    std::printf("Waiting for the browser at %s ...\n", (*config)->visma.redirect_uri.c_str());
    std::fflush(stdout);
    auto received = listener->wait(std::chrono::seconds(options.listen_timeout_seconds));
    if (!received) return fail(received.error());
    pasted = *received;
  } else {
    std::printf("Then paste the address the browser was sent to (or only its code) and press Enter:\n");
    std::fflush(stdout);
    if (!std::getline(std::cin, pasted)) {
      return fail(ErrorKind::Usage, "no answer on standard input; paste the address, or use --listen");
    }
  }
  auto code = code_from(pasted, state);
  if (!code) return fail(code.error());
  register_secret(*code);
  if (auto s = remotes.visma().complete_authorization(*code); !s) return fail(s.error());
  if (auto s = remotes.visma().check_scopes(); !s) return fail(s.error());
  std::printf("Authorized: the tokens are in %s. Run `woovisma check` next.\n",
              (*config)->store_dir.string().c_str());
  return ExitCode::Ok;
}

}  // namespace

void add_auth_command(CLI::App& app, Context& ctx) {
  auto* auth = app.add_subcommand("auth", "Authorize woovisma in a remote system (once)");
  auth->require_subcommand(1);
  auto options = std::make_shared<AuthOptions>();
  auto* visma = auth->add_subcommand("visma", "Authorize woovisma in Visma eAccounting (OAuth2)");
  visma->add_flag("--listen", options->listen,
                  "Wait for the browser on the configured loopback redirect address instead of a paste");
  visma->add_option("--listen-timeout", options->listen_timeout_seconds, "Seconds to wait with --listen")
      ->capture_default_str();
  visma->callback([&ctx, options] { ctx.set_command([&ctx, options] { return run_auth(ctx, *options); }); });
}

}  // namespace wv::cli
