// A batch's output directories: created and opened once, "fresh" only when empty at first open,
// and a file expected new in a fresh directory still replaced whole when it exists after all.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "midi_test_util.h"
#include "miditok/core/file_io.h"
#include "miditok/core/output_dirs.h"

namespace miditok {
namespace {

namespace fs = std::filesystem;
using test::fresh_dir;
using test::read_text;

TEST(OutputDirs, CreatesOpensOnceAndTellsFreshDirectories) {
  const fs::path root = fresh_dir("miditok_output_dirs");
  std::ofstream(root / "taken") << "x";
  OutputDirs dirs;
  const OutputDirFd made = dirs.open(root / "a" / "b");  // created: empty
  EXPECT_TRUE(fs::is_directory(root / "a" / "b"));
  EXPECT_TRUE(made.fresh());
  EXPECT_FALSE(made.owned());
  write_new_file_at(made.get(), "", "out.txt", "1");
  const OutputDirFd again = dirs.open(root / "a" / "b");  // same descriptor, still fresh
  EXPECT_EQ(again.get(), made.get());
  EXPECT_TRUE(again.fresh());
  EXPECT_FALSE(dirs.open(root).fresh());  // holds "taken" and "a"
  EXPECT_FALSE(directory_is_empty(made.get()));
  EXPECT_TRUE(directory_is_empty(dirs.open(root / "c").get()));
  dirs.ensure(root / "d" / "e");
  EXPECT_TRUE(fs::is_directory(root / "d" / "e"));
  // A file that appears in a fresh directory is replaced whole by the next write of its name.
  std::ofstream(root / "a" / "b" / "late.txt") << "stale content";
  SpareInodes spares;
  write_new_file_at(again.get(), "", "late.txt", "new", AtomicWriteOptions{.spares = &spares});
  EXPECT_EQ(read_text(root / "a" / "b" / "late.txt"), "new");
  EXPECT_EQ(read_text(root / "a" / "b" / "out.txt"), "1");
}

TEST(OutputDirs, ManyDirectoriesAreOpenedPerUseBeyondTheCache) {
  const fs::path root = fresh_dir("miditok_output_dirs_many");
  OutputDirs dirs;
  int owned = 0;
  for (int i = 0; i < 300; ++i) {
    const OutputDirFd dir = dirs.open(root / std::to_string(i));
    ASSERT_GE(dir.get(), 0);
    owned += dir.owned() ? 1 : 0;
    write_new_file_at(dir.get(), "", "f", "x");
  }
  EXPECT_EQ(owned, 300 - 256);
  EXPECT_EQ(read_text(root / "299" / "f"), "x");
}

}  // namespace
}  // namespace miditok
