#include "cli/app.hpp"

int main(int argc, char** argv) { return wv::cli::run(argc, argv); }
