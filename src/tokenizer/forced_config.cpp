// The base's one application of what a tokenization forces on its config (its traits), with
// MidiTok's warnings: the tokenizations hold these rules as data, not code.
#include "forced_config.h"

#include <algorithm>

#include "miditok/tokenizer/config_warnings.h"

namespace miditok::detail {

namespace {

void warn(const char* text, const std::string& class_name) {
  if (text == nullptr) return;
  std::string message(text);
  for (auto at = message.find("{}"); at != std::string::npos; at = message.find("{}", at))
    message.replace(at, 2, class_name);
  config_warning(std::move(message));
}

}  // namespace

void apply_forced_config(const TokenizationTraits& traits, const std::string& class_name,
                         TokenizerConfig& config) {
  for (const auto& conflict : traits.conflicts)
    if (config.*conflict.first && config.*conflict.second) warn(conflict.warning, class_name);
  if (traits.duration_programs == DurationPrograms::all_or_none &&
      config.using_note_duration_tokens() &&
      std::any_of(config.programs.begin(), config.programs.end(),
                  [&](int p) { return !config.uses_duration(p); })) {
    config.use_note_duration_programs = config.programs;
    warn(
        "Setting note duration programs to `tokenizer.config.programs`.{} only allows to use "
        "note duration tokens for either all programs or none.",
        class_name);
  } else if (traits.duration_programs == DurationPrograms::all) {
    config.use_note_duration_programs = config.programs;
  }
  for (const auto& forced : traits.forced) {
    bool& value = config.*forced.option;
    if (value != forced.value) warn(forced.warning, class_name);
    value = forced.value;
  }
  if (!traits.attribute_controls) config.disable_attribute_controls();
  if (!traits.beat_res.empty()) config.beat_res = traits.beat_res;
  for (const auto& token : traits.special_tokens)
    if (std::find(config.special_tokens.begin(), config.special_tokens.end(), token) ==
        config.special_tokens.end())
      config.special_tokens.push_back(token);
  for (const auto& [key, value] : traits.additional_defaults)
    if (!config.has_additional(key)) config.set_additional(key, value);
}

}  // namespace miditok::detail
