// HF tokenizers' JSON document (Tokenizer.to_str()): written by hand to reproduce serde_json's
// compact output byte for byte (field order, minimal escaping, shortest floats), read with
// nlohmann-json.
#include <charconv>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "miditok/core/error.h"
#include "miditok/models/hf_tokenizer.h"

namespace miditok {
namespace {

using nlohmann::json;

// serde_json's f64 format (ryu): shortest digits, decimal notation when the point falls within
// (-5, 16] digits, else d.ddde[+-]x; integral values end in ".0".
std::string format_f64(double v) {
  if (v == 0.0) return std::signbit(v) ? "-0.0" : "0.0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  std::string out;
  std::size_t i = 0;
  if (sci[0] == '-') {
    out.push_back('-');
    i = 1;
  }
  const std::size_t epos = sci.find('e');
  std::string digits;
  for (std::size_t k = i; k < epos; ++k)
    if (sci[k] != '.') digits.push_back(sci[k]);
  const int exp10 = std::stoi(sci.substr(epos + 1));
  const int length = static_cast<int>(digits.size());
  const int kk = exp10 + 1;  // position of the decimal point
  const int k = kk - length;
  if (k >= 0 && kk <= 16) {
    out += digits;
    out.append(static_cast<std::size_t>(k), '0');
    out += ".0";
  } else if (kk > 0 && kk <= 16) {
    out += digits.substr(0, static_cast<std::size_t>(kk));
    out.push_back('.');
    out += digits.substr(static_cast<std::size_t>(kk));
  } else if (kk > -5 && kk <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-kk), '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (length > 1) {
      out.push_back('.');
      out += digits.substr(1);
    }
    out.push_back('e');
    out += kk - 1 < 0 ? "-" : "+";
    out += std::to_string(std::abs(kk - 1));
  }
  return out;
}

std::string opt_str(const std::optional<std::u32string>& s) { return s ? json_quote(*s) : "null"; }

std::string metaspace_json(const std::optional<MetaspaceConfig>& m) {
  if (!m) return "null";
  return "{\"type\":\"Metaspace\",\"replacement\":" +
         json_quote(std::u32string(1, m->replacement)) + ",\"prepend_scheme\":\"" +
         m->prepend_scheme + "\",\"split\":" + (m->split ? "true" : "false") + "}";
}

template <typename Vocab>
void append_vocab_object(std::string& out, const Vocab& vocab) {
  out += "{";
  for (std::size_t i = 0; i < vocab.size(); ++i) {
    if (i) out += ",";
    out += json_quote(vocab[i]);
    out += ":";
    out += std::to_string(i);
  }
  out += "}";
}

std::u32string u32(const json& j, const char* what) {
  if (!j.is_string())
    throw ConfigError(std::string("HF tokenizer JSON: ") + what + " must be a string");
  return utf8_to_u32(j.get<std::string>());
}

std::optional<std::u32string> opt_u32(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  return u32(*it, key);
}

std::optional<MetaspaceConfig> read_metaspace(const json& j, const char* where) {
  if (j.is_null()) return std::nullopt;
  if (!j.is_object() || j.value("type", "") != "Metaspace")
    throw ConfigError(std::string("HF tokenizer JSON: only a null or Metaspace ") + where +
                      " is supported");
  MetaspaceConfig m;
  const std::u32string rep = u32(j.at("replacement"), "replacement");
  if (rep.size() != 1)
    throw ConfigError("HF tokenizer JSON: Metaspace replacement must be one char");
  m.replacement = rep[0];
  m.prepend_scheme = j.value("prepend_scheme", "always");
  if (m.prepend_scheme != "always" && m.prepend_scheme != "first" && m.prepend_scheme != "never")
    throw ConfigError("HF tokenizer JSON: prepend_scheme must be always, first or never");
  m.split = j.value("split", true);
  return m;
}

std::vector<std::u32string> read_vocab_object(const json& j) {
  if (!j.is_object()) throw ConfigError("HF tokenizer JSON: model.vocab must be an object");
  std::vector<std::u32string> vocab(j.size());
  std::vector<bool> seen(j.size(), false);
  for (auto it = j.begin(); it != j.end(); ++it) {
    const auto id = it.value().get<uint64_t>();
    if (id >= vocab.size() || seen[id])
      throw ConfigError("HF tokenizer JSON: model.vocab ids must be 0.." +
                        std::to_string(vocab.size() - 1) + " without holes (id " +
                        std::to_string(id) + ")");
    vocab[id] = utf8_to_u32(it.key());
    seen[id] = true;
  }
  return vocab;
}

}  // namespace

std::string json_quote(std::u32string_view s) {
  std::string out = "\"";
  for (const char32_t c : s) {
    switch (c) {
      case U'"':
        out += "\\\"";
        break;
      case U'\\':
        out += "\\\\";
        break;
      case U'\b':
        out += "\\b";
        break;
      case U'\f':
        out += "\\f";
        break;
      case U'\n':
        out += "\\n";
        break;
      case U'\r':
        out += "\\r";
        break;
      case U'\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += u32_to_utf8(std::u32string_view(&c, 1));
        }
    }
  }
  out += "\"";
  return out;
}

std::string HfTokenizer::to_str() const {
  std::string out = R"({"version":"1.0","truncation":null,"padding":null,"added_tokens":[)";
  for (std::size_t i = 0; i < added_tokens.size(); ++i) {
    const auto& t = added_tokens[i];
    if (i) out += ",";
    auto b = [](bool v) { return v ? "true" : "false"; };
    out += "{\"id\":" + std::to_string(t.id) + ",\"content\":" + json_quote(t.content) +
           ",\"single_word\":" + b(t.single_word) + ",\"lstrip\":" + b(t.lstrip) +
           ",\"rstrip\":" + b(t.rstrip) + ",\"normalized\":" + b(t.normalized) +
           ",\"special\":" + b(t.special) + "}";
  }
  out += "],\"normalizer\":null,\"pre_tokenizer\":" + metaspace_json(pre_tokenizer) +
         ",\"post_processor\":null,\"decoder\":" + metaspace_json(decoder) + ",\"model\":";
  if (type == HfModelType::BPE) {
    out += "{\"type\":\"BPE\",\"dropout\":";
    out += bpe.dropout ? format_f64(*bpe.dropout) : "null";
    out += ",\"unk_token\":" + opt_str(bpe.unk_token) +
           ",\"continuing_subword_prefix\":" + opt_str(bpe.continuing_subword_prefix) +
           ",\"end_of_word_suffix\":" + opt_str(bpe.end_of_word_suffix) +
           ",\"fuse_unk\":" + (bpe.fuse_unk ? "true" : "false") +
           ",\"byte_fallback\":" + (bpe.byte_fallback ? "true" : "false") +
           ",\"ignore_merges\":" + (bpe.ignore_merges ? "true" : "false") + ",\"vocab\":";
    append_vocab_object(out, bpe.vocab());
    out += ",\"merges\":[";
    const auto& merges = bpe.merges();
    for (std::size_t i = 0; i < merges.size(); ++i) {
      if (i) out += ",";
      out += "[" + json_quote(bpe.vocab()[merges[i].first]) + "," +
             json_quote(bpe.vocab()[merges[i].second]) + "]";
    }
    out += "]}";
  } else if (type == HfModelType::WordPiece) {
    out += "{\"type\":\"WordPiece\",\"unk_token\":" + json_quote(wordpiece.unk_token) +
           ",\"continuing_subword_prefix\":" + json_quote(wordpiece.continuing_subword_prefix) +
           ",\"max_input_chars_per_word\":" + std::to_string(wordpiece.max_input_chars_per_word) +
           ",\"vocab\":";
    append_vocab_object(out, wordpiece.vocab());
    out += "}";
  } else {
    out += "{\"type\":\"Unigram\",\"unk_id\":";
    out += unigram.unk_id() ? std::to_string(*unigram.unk_id()) : "null";
    out += ",\"vocab\":[";
    const auto& vocab = unigram.vocab();
    for (std::size_t i = 0; i < vocab.size(); ++i) {
      if (i) out += ",";
      out += "[" + json_quote(vocab[i].first) + "," + format_f64(vocab[i].second) + "]";
    }
    out += "],\"byte_fallback\":";
    out += unigram.byte_fallback() ? "true" : "false";
    out += "}";
  }
  out += "}";
  return out;
}

HfTokenizer HfTokenizer::from_str(std::string_view text) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {
    throw ConfigError(std::string("HF tokenizer JSON does not parse: ") + e.what());
  }
  try {
    HfTokenizer tok;
    for (const char* key : {"normalizer", "post_processor", "truncation", "padding"}) {
      if (doc.contains(key) && !doc[key].is_null())
        throw ConfigError(std::string("HF tokenizer JSON: a non-null \"") + key +
                          "\" is not supported");
    }
    tok.pre_tokenizer = read_metaspace(doc.value("pre_tokenizer", json()), "pre_tokenizer");
    tok.decoder = read_metaspace(doc.value("decoder", json()), "decoder");
    for (const auto& t : doc.value("added_tokens", json::array())) {
      HfAddedToken a;
      a.id = t.at("id").get<uint32_t>();
      a.content = u32(t.at("content"), "added_tokens.content");
      a.single_word = t.value("single_word", false);
      a.lstrip = t.value("lstrip", false);
      a.rstrip = t.value("rstrip", false);
      a.normalized = t.value("normalized", false);
      a.special = t.value("special", false);
      tok.added_tokens.push_back(std::move(a));
    }
    const json& model = doc.at("model");
    const std::string type = model.value("type", "BPE");
    if (type == "BPE") {
      tok.type = HfModelType::BPE;
      std::vector<std::u32string> vocab = read_vocab_object(model.at("vocab"));
      std::unordered_map<std::u32string, uint32_t> ids;
      for (std::size_t i = 0; i < vocab.size(); ++i)
        ids.emplace(vocab[i], static_cast<uint32_t>(i));
      std::vector<std::pair<uint32_t, uint32_t>> merges;
      for (const auto& m : model.value("merges", json::array())) {
        std::u32string a, b;
        if (m.is_array() && m.size() == 2) {
          a = u32(m[0], "merge");
          b = u32(m[1], "merge");
        } else {  // legacy "a b" strings
          const std::u32string s = u32(m, "merge");
          const auto sp = s.find(U' ');
          if (sp == std::u32string::npos) throw ConfigError("HF tokenizer JSON: bad merge entry");
          a = s.substr(0, sp);
          b = s.substr(sp + 1);
        }
        auto ia = ids.find(a), ib = ids.find(b);
        if (ia == ids.end() || ib == ids.end())
          throw ConfigError("HF tokenizer JSON: merge (" + u32_to_utf8(a) + ", " + u32_to_utf8(b) +
                            ") uses a token missing from the vocab");
        merges.emplace_back(ia->second, ib->second);
      }
      BpeModel bpe(std::move(vocab), merges, opt_u32(model, "continuing_subword_prefix"));
      if (model.contains("dropout") && !model["dropout"].is_null()) {
        const auto& d = model["dropout"];
        if (!d.is_number() || !(d.get<double>() >= 0.0 && d.get<double>() <= 1.0))
          throw ConfigError("HF tokenizer JSON: BPE dropout must be a number in [0, 1], got " +
                            d.dump());
        bpe.dropout = d.get<double>();
      }
      bpe.unk_token = opt_u32(model, "unk_token");
      bpe.end_of_word_suffix = opt_u32(model, "end_of_word_suffix");
      bpe.fuse_unk = model.value("fuse_unk", false);
      bpe.byte_fallback = model.value("byte_fallback", false);
      bpe.ignore_merges = model.value("ignore_merges", false);
      tok.bpe = std::move(bpe);
    } else if (type == "WordPiece") {
      tok.type = HfModelType::WordPiece;
      WordPieceModel wp(read_vocab_object(model.at("vocab")));
      wp.unk_token = u32(model.at("unk_token"), "unk_token");
      wp.continuing_subword_prefix =
          u32(model.at("continuing_subword_prefix"), "continuing_subword_prefix");
      wp.max_input_chars_per_word = model.value("max_input_chars_per_word", std::size_t{100});
      tok.wordpiece = std::move(wp);
    } else if (type == "Unigram") {
      tok.type = HfModelType::Unigram;
      std::vector<std::pair<std::u32string, double>> vocab;
      for (const auto& p : model.at("vocab"))
        vocab.emplace_back(u32(p.at(0), "piece"), p.at(1).get<double>());
      std::optional<uint32_t> unk;
      if (model.contains("unk_id") && !model["unk_id"].is_null())
        unk = model["unk_id"].get<uint32_t>();
      tok.unigram = UnigramModel(std::move(vocab), unk, model.value("byte_fallback", false));
    } else {
      throw ConfigError("HF tokenizer JSON: model type \"" + type +
                        "\" is not supported (BPE, WordPiece or Unigram)");
    }
    return tok;
  } catch (const json::exception& e) {
    throw ConfigError(std::string("HF tokenizer JSON: ") + e.what());
  }
}

}  // namespace miditok
