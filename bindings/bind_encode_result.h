// The result of a batch encode (encode_files, encode_buffers) as Python values.
#pragma once

#include <nanobind/nanobind.h>

#include <string>
#include <utility>
#include <vector>

#include "bind_numpy.h"
#include "bind_path.h"
#include "miditok/data/encode_files.h"

namespace miditok::bindings {

/// ([int32 array per sequence] per file or None when it failed, [(name, error)]); the ids are
/// moved out of `r`.
inline nanobind::tuple encoded_files_py(EncodeFilesResult& r,
                                        const std::vector<std::string>& names) {
  nanobind::list out;
  nanobind::list errs;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!r.ok[i]) {
      out.append(nanobind::none());
      errs.append(nanobind::make_tuple(fs_str(names[i]), message_str(r.errors[i])));
      continue;
    }
    nanobind::list per;
    for (auto& ids : r.ids[i]) per.append(numpy_of(std::move(ids)));
    out.append(per);
  }
  return nanobind::make_tuple(out, errs);
}

}  // namespace miditok::bindings
