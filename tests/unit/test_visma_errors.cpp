#include <catch2/catch.hpp>

#include "connectors/visma/visma_errors.hpp"
#include "tests/unit/test_visma_support.hpp"

using namespace wv;

namespace {

HttpResponse answer(int status, std::string body, std::vector<HttpHeader> headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

std::string visma_body(int code, const std::string& message) {
  return fmt::format(R"({{"ErrorCode":{},"DeveloperErrorMessage":"{}","ErrorId":"3f1c2a9e-0b7d-4c55-9a7e-1d2f3b4c5d6e"}})",
                     code, message);
}

}  // namespace

TEST_CASE("Visma error bodies map to kinds", "[visma][errors]") {
  struct Case {
    int code;
    int status;
    ErrorKind kind;
  };
  const std::vector<Case> cases = {
      {2000, 400, ErrorKind::Rejected},  {4000, 400, ErrorKind::Conflict},  {3000, 404, ErrorKind::NotFound},
      {4002, 403, ErrorKind::Rejected},  {4003, 403, ErrorKind::Rejected},  {4009, 403, ErrorKind::Rejected},
      {4005, 401, ErrorKind::Auth},      {4006, 403, ErrorKind::Auth},      {4007, 403, ErrorKind::Auth},
      {4011, 403, ErrorKind::Auth},      {4012, 403, ErrorKind::Auth},      {4019, 403, ErrorKind::Auth},
      {4010, 429, ErrorKind::Transient}, {5000, 500, ErrorKind::Transient}, {5001, 503, ErrorKind::Transient},
      {5002, 500, ErrorKind::Transient}, {5006, 400, ErrorKind::Rejected},  {5005, 400, ErrorKind::Rejected},
      {6000, 400, ErrorKind::Internal},  {6001, 400, ErrorKind::Internal},  {4013, 400, ErrorKind::Rejected},
      {4023, 400, ErrorKind::Rejected},  {4025, 400, ErrorKind::Rejected},  {5003, 400, ErrorKind::Rejected},
  };
  for (const auto& c : cases) {
    INFO(c.code);
    const Error e = visma_error("POST", "/customerinvoicedrafts", answer(c.status, visma_body(c.code, "Something")));
    CHECK(e.kind == c.kind);
    CHECK(e.remote_code == std::to_string(c.code));
    CHECK(e.http_status == c.status);
    CHECK(e.message.find('\n') == std::string::npos);
  }
}

TEST_CASE("Visma error messages are one line with Visma's words and ids", "[visma][errors]") {
  const Error e = visma_error("POST", "/customerinvoicedrafts",
                             answer(400, visma_body(2000, "CustomerId is required.\\r\\nRows: invalid row")));
  CHECK(e.message ==
        "Visma refused POST /customerinvoicedrafts: CustomerId is required. Rows: invalid row (ErrorCode 2000, HTTP "
        "400, ErrorId 3f1c2a9e-0b7d-4c55-9a7e-1d2f3b4c5d6e)");

  const Error module = visma_error("POST", "/orders", answer(403, visma_body(4002, "No access to module: order")));
  CHECK(module.kind == ErrorKind::Rejected);
  CHECK(module.message.find("No access to module: order") != std::string::npos);
  CHECK(module.message.find("activate it in Visma eEkonomi") != std::string::npos);

  const Error scope = visma_error("GET", "/articles", answer(403, visma_body(4006, "No access to scopes")));
  CHECK(scope.message.find("woovisma auth visma") != std::string::npos);

  const Error cc = visma_error("POST", "/customerinvoicedrafts", answer(400, visma_body(5006, "Inactive cost center")));
  CHECK(cc.message.find("cost centre item is inactive") != std::string::npos);

  const Error bug = visma_error("GET", "/articles", answer(400, visma_body(6000, "Invalid filter")));
  CHECK(bug.message.find("bug") != std::string::npos);
}

TEST_CASE("Visma 429 carries the wait from the message or the header", "[visma][errors]") {
  const Error e = visma_error(
      "GET", "/articles",
      answer(429, visma_body(4010, "API calls quota exceeded! maximum admitted 600 per Minute. Try again in 55 seconds.")));
  CHECK(e.kind == ErrorKind::Transient);
  REQUIRE(e.retry_after);
  CHECK(e.retry_after->count() == 55);

  const Error h = visma_error("GET", "/articles", answer(429, "", {{"retry-after", "12"}}));
  CHECK(h.kind == ErrorKind::Transient);
  REQUIRE(h.retry_after);
  CHECK(h.retry_after->count() == 12);
}

TEST_CASE("Non-JSON and unexpected error bodies are handled", "[visma][errors]") {
  const Error html =
      visma_error("GET", "/orders", answer(502, "<html>\n<body><h1>502 Bad Gateway</h1>\n</body></html>"));
  CHECK(html.kind == ErrorKind::Transient);
  CHECK(html.message.rfind("Visma answered GET /orders with HTTP 502: <html> <body><h1>502 Bad Gateway</h1>", 0) == 0);
  CHECK(html.message.find('\n') == std::string::npos);

  const Error empty = visma_error("DELETE", "/customerinvoicedrafts/x", answer(404, ""));
  CHECK(empty.kind == ErrorKind::NotFound);
  CHECK(empty.message == "Visma answered DELETE /customerinvoicedrafts/x with HTTP 404 and no body");

  const Error other = visma_error("GET", "/articles", answer(401, R"({"Message":"Authorization has been denied"})"));
  CHECK(other.kind == ErrorKind::Auth);
  CHECK(other.message.find("woovisma auth visma") != std::string::npos);

  const Error truncated = visma_error("GET", "/articles", answer(500, R"({"ErrorCode":50)"));
  CHECK(truncated.kind == ErrorKind::Transient);

  const Error huge = visma_error("GET", "/articles", answer(400, std::string(100'000, 'x')));
  CHECK(huge.message.size() < 400);
  CHECK(huge.kind == ErrorKind::Rejected);

  const Error wrong_types =
      visma_error("GET", "/articles", answer(400, R"({"ErrorCode":"abc","DeveloperErrorMessage":17})"));
  CHECK(wrong_types.kind == ErrorKind::Rejected);
}

TEST_CASE("A Visma refusal reaches the caller of the client with its kind", "[visma][errors]") {
  testing::VismaHarness h;
  h.route([](const HttpRequest& r) {
    if (r.method == "POST") return testing::VismaHarness::json(400, visma_body(4000, "Article number already exists"));
    return testing::VismaHarness::json(404, visma_body(3000, "Resource not found"));
  });
  Article a;
  a.number = "SKU-1";
  a.name = "Mug";
  a.unit_id = "u";
  a.coding_id = "c";
  auto created = h.client->create_article(a);
  REQUIRE_FALSE(created);
  CHECK(created.error().kind == ErrorKind::Conflict);
  CHECK(created.error().message.rfind("Visma refused POST /articles: Article number already exists (ErrorCode 4000", 0) ==
        0);

  auto missing = h.client->get_article("9b0c5b8e-0000-0000-0000-000000000000");
  REQUIRE(missing);
  CHECK_FALSE(missing->has_value());

  auto gone = h.client->delete_invoice_draft("d1");
  REQUIRE_FALSE(gone);
  CHECK(gone.error().kind == ErrorKind::NotFound);
}
