#include "cli/context.hpp"

#include <filesystem>

#include "core/log.hpp"

namespace wv::cli {

CommandLineOverrides Context::overrides() const {
  CommandLineOverrides o;
  if (!options_.config_file.empty()) o.config_file = options_.config_file;
  if (!options_.store_dir.empty()) o.store_dir = options_.store_dir;
  if (options_.dry_run) o.dry_run = true;
  if (options_.quiet) {
    o.log_level = LogLevel::Error;
  } else if (options_.verbose == 1) {
    o.log_level = LogLevel::Debug;
  } else if (options_.verbose >= 2) {
    o.log_level = LogLevel::Trace;
  }
  if (options_.log_format == "json") o.log_format = LogFormat::Json;
  if (options_.log_format == "text") o.log_format = LogFormat::Text;
  return o;
}

Result<const Config*> Context::config() {
  if (!config_) {
    auto loaded = load_config(overrides(), process_environment());
    if (!loaded) return fail(loaded.error());
    config_ = std::move(*loaded);
    logger().set_level(config_->log_level);
    logger().set_format(config_->log_format);
  }
  return &*config_;
}

Result<Store*> Context::writable_store() {
  if (store_ && lock_) return store_.get();
  auto cfg = config();
  if (!cfg) return fail(cfg.error());
  const auto& dir = (*cfg)->store_dir;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return fail(ErrorKind::Store, "cannot create the store directory " + dir.string() + ": " +
                                      ec.message() + "; set `store` in the config or --store");
  }
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace, ec);
  auto lock = StoreLock::acquire(dir);
  if (!lock) return fail(lock.error());
  lock_.emplace(std::move(*lock));
  auto store = Store::open(dir);
  if (!store) return fail(store.error());
  store_ = std::move(*store);
  return store_.get();
}

Result<Store*> Context::readable_store() {
  if (store_) return store_.get();
  auto cfg = config();
  if (!cfg) return fail(cfg.error());
  const auto& dir = (*cfg)->store_dir;
  if (!std::filesystem::exists(dir)) return static_cast<Store*>(nullptr);
  Store::Options options;
  options.read_only = true;
  auto store = Store::open(dir, options);
  if (!store) return fail(store.error());
  store_ = std::move(*store);
  return store_.get();
}

}  // namespace wv::cli
