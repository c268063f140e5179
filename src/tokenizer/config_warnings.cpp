#include "miditok/tokenizer/config_warnings.h"

#include <utility>

namespace miditok {
namespace {
thread_local std::vector<std::string>* g_sink = nullptr;
}  // namespace

void config_warning(std::string message) {
  if (g_sink != nullptr) g_sink->push_back(std::move(message));
}

ConfigWarningScope::ConfigWarningScope() : previous_(g_sink) { g_sink = &warnings_; }

ConfigWarningScope::~ConfigWarningScope() { g_sink = previous_; }

std::vector<std::string> ConfigWarningScope::take() { return std::exchange(warnings_, {}); }

}  // namespace miditok
