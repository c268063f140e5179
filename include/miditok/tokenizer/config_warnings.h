// The warnings a tokenization's constructor gives about its config (MidiTok's UserWarnings:
// an option asked for and turned off, a combination that loses information). Whoever builds a
// tokenizer and wants them (the Python binding, which shows them as UserWarnings) opens a
// ConfigWarningScope around the construction. The rules are the tokenizations' traits (what
// each forces), applied once by MusicTokenizer (src/tokenizer/forced_config.cpp).
#pragma once

#include <string>
#include <vector>

namespace miditok {

/// Records a warning about the config of the tokenizer being built on this thread, in the
/// innermost open ConfigWarningScope (dropped when none is open).
void config_warning(std::string message);

/// Collects the config warnings given on this thread while it is alive.
class ConfigWarningScope {
 public:
  ConfigWarningScope();
  ~ConfigWarningScope();
  ConfigWarningScope(const ConfigWarningScope&) = delete;
  ConfigWarningScope& operator=(const ConfigWarningScope&) = delete;

  /// The warnings collected so far, in order (the scope is emptied).
  std::vector<std::string> take();

 private:
  std::vector<std::string> warnings_;
  std::vector<std::string>* previous_;
};

}  // namespace miditok
