// TokenizerConfig bindings: the option table (config_options.def) as data, and MidiTok's
// constructor logic applied to a config in to_json's exact form. No logic here.
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include "bind.h"
#include "miditok/tokenizer/config.h"

namespace nb = nanobind;

namespace miditok::bindings {

void bind_config(nb::module_& m) {
  m.def(
      "config_options",
      [] {
        nb::list out;
        for (const auto& o : config_options()) {
          nb::dict d;
          d["name"] = o.name;
          d["group"] = o.group;
          d["position"] = o.position;
          d["codec"] = o.codec;
          d["check"] = o.check;
          d["doc"] = o.doc;
          d["default_json"] = o.default_json;
          out.append(d);
        }
        return out;
      },
      "Every TokenizerConfig option, declared once in config_options.def, in MidiTok's attribute "
      "order: dicts of name, group ('core' or 'ac'), position (in MidiTok's signature), codec "
      "(value kind), check, doc and default_json (the default in MidiTok's JSON form).");
  m.def(
      "_config_finalize",
      [](const std::string& json) {
        TokenizerConfig c = TokenizerConfig::read_exact_json(json);
        std::string read = c.to_json();
        std::vector<std::string> warnings = c.finalize();
        return nb::make_tuple(read, c.to_json(), warnings);
      },
      nb::arg("json"),
      "Applies MidiTok's constructor logic to a config in to_json's exact form (an unknown key, "
      "a wrong type or a bad value is a ConfigError naming the option): (the config as read, "
      "the config after MidiTok's constructor logic, the warnings that logic emits).");
}

}  // namespace miditok::bindings
