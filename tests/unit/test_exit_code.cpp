#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>

#include "core/exit_code.hpp"

TEST_CASE("every failure kind maps to its documented exit code", "[core][exit]") {
  using wv::ErrorKind;
  using wv::ExitCode;
  CHECK(wv::exit_code_for(ErrorKind::Transient) == ExitCode::Transient);
  CHECK(wv::exit_code_for(ErrorKind::Auth) == ExitCode::Auth);
  CHECK(wv::exit_code_for(ErrorKind::Config) == ExitCode::Usage);
  CHECK(wv::exit_code_for(ErrorKind::Usage) == ExitCode::Usage);
  CHECK(wv::exit_code_for(ErrorKind::Locked) == ExitCode::Locked);
  CHECK(wv::exit_code_for(ErrorKind::Rejected) == ExitCode::Partial);
  CHECK(wv::exit_code_for(ErrorKind::NotFound) == ExitCode::Partial);
  CHECK(wv::exit_code_for(ErrorKind::Conflict) == ExitCode::Partial);
  CHECK(wv::exit_code_for(ErrorKind::Store) == ExitCode::Internal);
  CHECK(wv::exit_code_for(ErrorKind::Internal) == ExitCode::Internal);
  // The numbers are a contract with cron wrappers and scripts (man woovisma, EXIT STATUS).
  CHECK(wv::to_int(ExitCode::Ok) == 0);
  CHECK(wv::to_int(ExitCode::Internal) == 1);
  CHECK(wv::to_int(ExitCode::Usage) == 2);
  CHECK(wv::to_int(ExitCode::Partial) == 3);
  CHECK(wv::to_int(ExitCode::Transient) == 4);
  CHECK(wv::to_int(ExitCode::Auth) == 5);
  CHECK(wv::to_int(ExitCode::Locked) == 6);
  CHECK(wv::to_int(ExitCode::Interrupted) == 7);
}

TEST_CASE("the most severe exit code wins when several apply", "[core][exit]") {
  using wv::ExitCode;
  using wv::worse;
  // 1 > 2 > 5 > 4 > 7 > 3 > 0, whichever comes first.
  const ExitCode order[] = {ExitCode::Ok,        ExitCode::Partial, ExitCode::Interrupted,
                            ExitCode::Transient, ExitCode::Auth,    ExitCode::Usage,
                            ExitCode::Internal};
  for (std::size_t i = 0; i < std::size(order); ++i) {
    for (std::size_t j = 0; j < std::size(order); ++j) {
      const ExitCode expected = order[std::max(i, j)];
      CHECK(worse(order[i], order[j]) == expected);
    }
  }
  CHECK(worse(ExitCode::Partial, ExitCode::Ok) == ExitCode::Partial);
  CHECK(worse(ExitCode::Transient, ExitCode::Auth) == ExitCode::Auth);
}
