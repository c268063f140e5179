// TokenizerConfig <-> MidiTok's serialised config dict (JSON), key order as MidiTok writes it.
#include <nlohmann/json.hpp>

#include "miditok/core/error.h"
#include "miditok/tokenizer/config.h"

namespace miditok {

namespace {

using ojson = nlohmann::ordered_json;

ojson number_json(const Number& n) {
  if (n.is_int) return ojson(static_cast<long long>(n.value));
  return ojson(n.value);
}

Number json_number(const ojson& j, const char* key) {
  if (j.is_number_integer()) return Number(static_cast<int>(j.get<long long>()));
  if (j.is_number()) return Number(j.get<double>());
  throw ConfigError(std::string("config[\"") + key + "\"] must be a number");
}

ojson beat_res_json(const std::vector<BeatRange>& br) {
  ojson o = ojson::object();
  for (const auto& b : br) o[std::to_string(b.start) + "_" + std::to_string(b.end)] = b.res;
  return o;
}

std::vector<BeatRange> json_beat_res(const ojson& j, const char* key) {
  if (!j.is_object()) throw ConfigError(std::string("config[\"") + key + "\"] must be a dict");
  std::vector<BeatRange> out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    auto pos = k.find('_');
    if (pos == std::string::npos)
      throw ConfigError(std::string("config[\"") + key + "\"] key \"" + k +
                        "\" must have the form \"start_end\"");
    try {
      out.push_back(
          {std::stoi(k.substr(0, pos)), std::stoi(k.substr(pos + 1)), it.value().get<int>()});
    } catch (const std::exception&) {
      throw ConfigError(std::string("config[\"") + key + "\"] has an invalid entry \"" + k + "\"");
    }
  }
  return out;
}

template <class T>
T get_as(const ojson& j, const char* key) {
  try {
    return j.get<T>();
  } catch (const std::exception&) {
    throw ConfigError(std::string("config[\"") + key + "\"] has the wrong type (" + j.dump() + ")");
  }
}

std::pair<int, int> json_pair(const ojson& j, const char* key) {
  auto v = get_as<std::vector<int>>(j, key);
  if (v.size() != 2) throw ConfigError(std::string("config[\"") + key + "\"] must have 2 values");
  return {v[0], v[1]};
}

}  // namespace

std::string TokenizerConfig::to_json(int indent) const {
  ojson d = ojson::object();
  d["pitch_range"] = {pitch_range.first, pitch_range.second};
  d["beat_res"] = beat_res_json(beat_res);
  d["num_velocities"] = num_velocities;
  d["remove_duplicated_notes"] = remove_duplicated_notes;
  d["encode_ids_split"] = encode_ids_split;
  d["special_tokens"] = special_tokens;
  d["use_velocities"] = use_velocities;
  d["use_note_duration_programs"] = use_note_duration_programs;
  d["use_chords"] = use_chords;
  d["use_rests"] = use_rests;
  d["use_tempos"] = use_tempos;
  d["use_time_signatures"] = use_time_signatures;
  d["use_key_signatures"] = use_key_signatures;
  d["use_sustain_pedals"] = use_sustain_pedals;
  d["use_pitch_bends"] = use_pitch_bends;
  d["use_control_changes"] = use_control_changes;
  d["control_change_numbers"] = control_change_numbers;
  d["control_change_n_bins"] = control_change_n_bins;
  d["use_programs"] = use_programs;
  d["use_pitch_intervals"] = use_pitch_intervals;
  d["use_pitchdrum_tokens"] = use_pitchdrum_tokens;
  d["default_note_duration"] = number_json(default_note_duration);
  d["programs"] = programs;
  d["one_token_stream_for_programs"] = one_token_stream_for_programs;
  d["program_changes"] = program_changes;
  d["beat_res_rest"] = beat_res_json(beat_res_rest);
  ojson cm = ojson::object();
  for (const auto& [name, m] : chord_maps) cm[name] = m;
  d["chord_maps"] = cm;
  d["chord_tokens_with_root_note"] = chord_tokens_with_root_note;
  if (chord_unknown)
    d["chord_unknown"] = {chord_unknown->first, chord_unknown->second};
  else
    d["chord_unknown"] = nullptr;
  d["num_tempos"] = num_tempos;
  d["tempo_range"] = {number_json(tempo_range.first), number_json(tempo_range.second)};
  d["log_tempos"] = log_tempos;
  d["delete_equal_successive_tempo_changes"] = delete_equal_successive_tempo_changes;
  ojson tsr = ojson::object();
  for (const auto& [den, nums] : time_signature_range) tsr[std::to_string(den)] = nums;
  d["time_signature_range"] = tsr;
  d["delete_equal_successive_time_sig_changes"] = delete_equal_successive_time_sig_changes;
  d["sustain_pedal_duration"] = sustain_pedal_duration;
  d["pitch_bend_range"] = pitch_bend_range;
  d["max_pitch_interval"] = max_pitch_interval;
  d["pitch_intervals_max_time_dist"] = number_json(pitch_intervals_max_time_dist);
  d["drums_pitch_range"] = {drums_pitch_range.first, drums_pitch_range.second};
  d["ac_polyphony_track"] = ac_polyphony_track;
  d["ac_polyphony_bar"] = ac_polyphony_bar;
  d["ac_polyphony_min"] = ac_polyphony_min;
  d["ac_polyphony_max"] = ac_polyphony_max;
  d["ac_pitch_class_bar"] = ac_pitch_class_bar;
  d["ac_note_density_track"] = ac_note_density_track;
  d["ac_note_density_track_min"] = ac_note_density_track_min;
  d["ac_note_density_track_max"] = ac_note_density_track_max;
  d["ac_note_density_bar"] = ac_note_density_bar;
  d["ac_note_density_bar_max"] = ac_note_density_bar_max;
  d["ac_note_duration_bar"] = ac_note_duration_bar;
  d["ac_note_duration_track"] = ac_note_duration_track;
  d["ac_repetition_track"] = ac_repetition_track;
  d["ac_repetition_track_num_bins"] = ac_repetition_track_num_bins;
  d["ac_repetition_track_num_consec_bars"] = ac_repetition_track_num_consec_bars;
  d["additional_params"] = ojson::parse(additional_params);
  return d.dump(indent, ' ', true);
}

TokenizerConfig TokenizerConfig::from_json(const std::string& json, bool sets_in_order) {
  ojson d;
  try {
    d = ojson::parse(json);
  } catch (const std::exception& e) {
    throw ConfigError(std::string("malformed tokenizer config JSON: ") + e.what());
  }
  if (!d.is_object()) throw ConfigError("tokenizer config JSON must be an object");
  // from_dict: additional_params are merged back into the keyword arguments.
  ojson kwargs = ojson::object();
  for (auto it = d.begin(); it != d.end(); ++it) {
    if (it.key() == "additional_params") continue;
    kwargs[it.key()] = it.value();
  }
  if (d.contains("additional_params")) {
    if (!d["additional_params"].is_object())
      throw ConfigError("config[\"additional_params\"] must be a dict");
    for (auto it = d["additional_params"].begin(); it != d["additional_params"].end(); ++it)
      kwargs[it.key()] = it.value();
  }
  for (const char* ignored : {"miditok_version", "symusic_version", "hf_tokenizers_version"})
    kwargs.erase(ignored);

  TokenizerConfig c;
  auto set_order = [&](const std::vector<int>& v) {
    return sets_in_order ? v : python_set_order(v);
  };
  ojson extra = ojson::object();
  for (auto it = kwargs.begin(); it != kwargs.end(); ++it) {
    const std::string& k = it.key();
    const ojson& v = it.value();
    const char* kc = k.c_str();
    if (k == "pitch_range")
      c.pitch_range = json_pair(v, kc);
    else if (k == "beat_res")
      c.beat_res = json_beat_res(v, kc);
    else if (k == "num_velocities")
      c.num_velocities = get_as<int>(v, kc);
    else if (k == "special_tokens")
      c.special_tokens = get_as<std::vector<std::string>>(v, kc);
    else if (k == "encode_ids_split")
      c.encode_ids_split = get_as<std::string>(v, kc);
    else if (k == "use_velocities")
      c.use_velocities = get_as<bool>(v, kc);
    else if (k == "use_note_duration_programs")
      c.use_note_duration_programs = set_order(get_as<std::vector<int>>(v, kc));
    else if (k == "use_chords")
      c.use_chords = get_as<bool>(v, kc);
    else if (k == "use_rests")
      c.use_rests = get_as<bool>(v, kc);
    else if (k == "use_tempos")
      c.use_tempos = get_as<bool>(v, kc);
    else if (k == "use_time_signatures")
      c.use_time_signatures = get_as<bool>(v, kc);
    else if (k == "use_key_signatures")
      c.use_key_signatures = get_as<bool>(v, kc);
    else if (k == "use_sustain_pedals")
      c.use_sustain_pedals = get_as<bool>(v, kc);
    else if (k == "use_pitch_bends")
      c.use_pitch_bends = get_as<bool>(v, kc);
    else if (k == "use_control_changes")
      c.use_control_changes = get_as<bool>(v, kc);
    else if (k == "control_change_numbers")
      c.control_change_numbers = set_order(get_as<std::vector<int>>(v, kc));
    else if (k == "control_change_n_bins")
      c.control_change_n_bins = get_as<int>(v, kc);
    else if (k == "use_programs")
      c.use_programs = get_as<bool>(v, kc);
    else if (k == "use_pitch_intervals")
      c.use_pitch_intervals = get_as<bool>(v, kc);
    else if (k == "use_pitchdrum_tokens")
      c.use_pitchdrum_tokens = get_as<bool>(v, kc);
    else if (k == "default_note_duration")
      c.default_note_duration = json_number(v, kc);
    else if (k == "beat_res_rest")
      c.beat_res_rest = json_beat_res(v, kc);
    else if (k == "chord_maps") {
      if (!v.is_object()) throw ConfigError("config[\"chord_maps\"] must be a dict");
      c.chord_maps.clear();
      for (auto cit = v.begin(); cit != v.end(); ++cit)
        c.chord_maps.emplace_back(cit.key(), get_as<std::vector<int>>(cit.value(), kc));
    } else if (k == "chord_tokens_with_root_note")
      c.chord_tokens_with_root_note = get_as<bool>(v, kc);
    else if (k == "chord_unknown") {
      if (v.is_null() || (v.is_boolean() && !v.get<bool>()))
        c.chord_unknown.reset();
      else
        c.chord_unknown = json_pair(v, kc);
    } else if (k == "num_tempos")
      c.num_tempos = get_as<int>(v, kc);
    else if (k == "tempo_range") {
      if (!v.is_array() || v.size() != 2)
        throw ConfigError("config[\"tempo_range\"] must have 2 values");
      c.tempo_range = {json_number(v[0], kc), json_number(v[1], kc)};
    } else if (k == "log_tempos")
      c.log_tempos = get_as<bool>(v, kc);
    else if (k == "remove_duplicated_notes")
      c.remove_duplicated_notes = get_as<bool>(v, kc);
    else if (k == "delete_equal_successive_tempo_changes")
      c.delete_equal_successive_tempo_changes = get_as<bool>(v, kc);
    else if (k == "time_signature_range") {
      if (!v.is_object()) throw ConfigError("config[\"time_signature_range\"] must be a dict");
      c.time_signature_range.clear();
      for (auto tit = v.begin(); tit != v.end(); ++tit) {
        int den = 0;
        try {
          den = std::stoi(tit.key());
        } catch (const std::exception&) {
          throw ConfigError("config[\"time_signature_range\"] key \"" + tit.key() +
                            "\" is not an integer");
        }
        c.time_signature_range.emplace_back(den, get_as<std::vector<int>>(tit.value(), kc));
      }
    } else if (k == "delete_equal_successive_time_sig_changes")
      c.delete_equal_successive_time_sig_changes = get_as<bool>(v, kc);
    else if (k == "sustain_pedal_duration")
      c.sustain_pedal_duration = get_as<bool>(v, kc);
    else if (k == "pitch_bend_range")
      c.pitch_bend_range = get_as<std::vector<int>>(v, kc);
    else if (k == "programs")
      c.programs = set_order(get_as<std::vector<int>>(v, kc));
    else if (k == "one_token_stream_for_programs")
      c.one_token_stream_for_programs = get_as<bool>(v, kc);
    else if (k == "program_changes")
      c.program_changes = get_as<bool>(v, kc);
    else if (k == "max_pitch_interval")
      c.max_pitch_interval = get_as<int>(v, kc);
    else if (k == "pitch_intervals_max_time_dist")
      c.pitch_intervals_max_time_dist = json_number(v, kc);
    else if (k == "drums_pitch_range")
      c.drums_pitch_range = json_pair(v, kc);
    else if (k == "ac_polyphony_track")
      c.ac_polyphony_track = get_as<bool>(v, kc);
    else if (k == "ac_polyphony_bar")
      c.ac_polyphony_bar = get_as<bool>(v, kc);
    else if (k == "ac_polyphony_min")
      c.ac_polyphony_min = get_as<int>(v, kc);
    else if (k == "ac_polyphony_max")
      c.ac_polyphony_max = get_as<int>(v, kc);
    else if (k == "ac_pitch_class_bar")
      c.ac_pitch_class_bar = get_as<bool>(v, kc);
    else if (k == "ac_note_density_track")
      c.ac_note_density_track = get_as<bool>(v, kc);
    else if (k == "ac_note_density_track_min")
      c.ac_note_density_track_min = get_as<int>(v, kc);
    else if (k == "ac_note_density_track_max")
      c.ac_note_density_track_max = get_as<int>(v, kc);
    else if (k == "ac_note_density_bar")
      c.ac_note_density_bar = get_as<bool>(v, kc);
    else if (k == "ac_note_density_bar_max")
      c.ac_note_density_bar_max = get_as<int>(v, kc);
    else if (k == "ac_note_duration_bar")
      c.ac_note_duration_bar = get_as<bool>(v, kc);
    else if (k == "ac_note_duration_track")
      c.ac_note_duration_track = get_as<bool>(v, kc);
    else if (k == "ac_repetition_track")
      c.ac_repetition_track = get_as<bool>(v, kc);
    else if (k == "ac_repetition_track_num_bins")
      c.ac_repetition_track_num_bins = get_as<int>(v, kc);
    else if (k == "ac_repetition_track_num_consec_bars")
      c.ac_repetition_track_num_consec_bars = get_as<int>(v, kc);
    else
      extra[k] = v;
  }
  c.additional_params = extra.dump();
  c.finalize();
  return c;
}

bool TokenizerConfig::operator==(const TokenizerConfig& o) const {
  auto a = ojson::parse(to_json());
  auto b = ojson::parse(o.to_json());
  // Sets compare as sets.
  for (const char* key : {"use_note_duration_programs", "control_change_numbers", "programs"}) {
    auto va = a[key].get<std::vector<int>>();
    auto vb = b[key].get<std::vector<int>>();
    std::sort(va.begin(), va.end());
    std::sort(vb.begin(), vb.end());
    a[key] = va;
    b[key] = vb;
  }
  return nlohmann::json::parse(a.dump()) == nlohmann::json::parse(b.dump());
}

}  // namespace miditok
