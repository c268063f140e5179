// The NPY file format (numpy's .npy, format versions 1.0, 2.0 and 3.0) for 1-D little-endian
// arrays: the header we write and the header we read back. Written from the format's published
// description: magic "\x93NUMPY", a major and a minor version byte, the header length (uint16 in
// 1.0, uint32 in 2.0/3.0), then a Python dict literal {'descr', 'fortran_order', 'shape'} padded
// with spaces and a newline so that the data starts on a 64-byte boundary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace miditok {

/// A parsed .npy header of a 1-D array.
struct NpyHeader {
  std::string descr;            ///< numpy dtype string, e.g. "<u2", "<i8", "|u1"
  std::uint64_t length = 0;     ///< number of elements
  std::size_t data_offset = 0;  ///< byte offset of the first element
};

/// The bytes of a .npy header (version 1.0, or 2.0 when needed) for a 1-D array of `length`
/// elements of dtype `descr`, padded so that the data that follows is 64-byte aligned.
std::string npy_header(std::string_view descr, std::uint64_t length);

/// Parses the header at the start of `bytes` (the first bytes of a file; at least the whole
/// header). Throws IoError naming `source` when it is not a C-ordered 1-D .npy header.
NpyHeader parse_npy_header(std::string_view bytes, const std::string& source);

/// Size in bytes of one element of a dtype we use ("|u1"/"<u1", "<u2", "<u4", "<i8"); 0 otherwise.
std::size_t npy_item_size(std::string_view descr);

}  // namespace miditok
