// A batch's output directories: created and opened once, "fresh" only when empty at first open,
// and a file expected new in a fresh directory still replaced whole when it exists after all; a
// staged batch invisible until commit, absent when never committed, moved file by file into a
// root written meanwhile, and not staged over a directory that holds anything; an output that
// already holds its bytes kept in place.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

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

// The entries of `dir`, hidden ones included, sorted.
std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(dir)) out.push_back(entry.path().filename());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(OutputDirs, StagedBatchAppearsAtCommitWithTheRootsMode) {
  const fs::path parent = fresh_dir("miditok_output_dirs_staged");
  fs::create_directory(parent / "empty");
  ::chmod((parent / "empty").c_str(), 0710);
  for (const char* name : {"new", "empty"}) {
    const fs::path root = parent / name;
    OutputDirs dirs;
    ASSERT_TRUE(dirs.stage(root));
    const OutputDirFd top = dirs.open(root);
    const OutputDirFd sub = dirs.open(root / "a" / "b");
    EXPECT_TRUE(top.staged() && top.fresh() && sub.staged());
    write_output(top, root.string(), "x.mid", "top", AtomicWriteOptions{.sync = false});
    write_output(sub, "", "y.mid", "sub", AtomicWriteOptions{.sync = false});
    write_output(sub, "", "y.mid", "again", AtomicWriteOptions{.sync = false});  // replaced whole
    EXPECT_FALSE(fs::exists(root / "x.mid"));  // nothing visible before the commit
    // An existing root's staging is made inside it but moved next to it at once: it stays empty.
    EXPECT_TRUE(!fs::exists(root) || fs::is_empty(root));
    dirs.commit();
    EXPECT_EQ(read_text(root / "x.mid"), "top");
    EXPECT_EQ(read_text(root / "a" / "b" / "y.mid"), "again");
    dirs.commit();  // once only
  }
  struct stat st {};
  ASSERT_EQ(::stat((parent / "empty").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0710U);
  EXPECT_EQ(entries(parent), (std::vector<std::string>{"empty", "new"}));  // no staging left
}

TEST(OutputDirs, UncommittedStagedBatchLeavesNothing) {
  const fs::path parent = fresh_dir("miditok_output_dirs_dropped");
  {
    OutputDirs dirs;
    ASSERT_TRUE(dirs.stage(parent / "out"));
    write_output(dirs.open(parent / "out" / "sub"), "", "f", "x", AtomicWriteOptions{});
  }
  EXPECT_TRUE(entries(parent).empty());
}

TEST(OutputDirs, RootWrittenMeanwhileGetsEachOutputMovedIn) {
  const fs::path parent = fresh_dir("miditok_output_dirs_merge");
  const fs::path root = parent / "out";
  OutputDirs dirs;
  ASSERT_TRUE(dirs.stage(root));
  write_output(dirs.open(root / "sub"), "", "f", "ours", AtomicWriteOptions{});
  write_output(dirs.open(root), "", "g", "ours", AtomicWriteOptions{});
  fs::create_directories(root / "sub");
  std::ofstream(root / "sub" / "f") << "theirs";
  std::ofstream(root / "other") << "kept";
  dirs.commit();
  EXPECT_EQ(read_text(root / "sub" / "f"), "ours");
  EXPECT_EQ(read_text(root / "g"), "ours");
  EXPECT_EQ(read_text(root / "other"), "kept");
  EXPECT_EQ(entries(parent), std::vector<std::string>{"out"});
}

TEST(OutputDirs, NotStagedOverADirectoryInUseOrAFile) {
  const fs::path parent = fresh_dir("miditok_output_dirs_unstaged");
  fs::create_directory(parent / "full");
  std::ofstream(parent / "full" / "keep") << "x";
  std::ofstream(parent / "file") << "x";
  OutputDirs dirs;
  EXPECT_FALSE(dirs.stage(parent / "full"));
  EXPECT_FALSE(dirs.stage(parent / "file"));
  const OutputDirFd dir = dirs.open(parent / "full");
  EXPECT_FALSE(dir.staged());
  write_output(dir, "", "new", "y", AtomicWriteOptions{});
  EXPECT_EQ(read_text(parent / "full" / "new"), "y");
  EXPECT_EQ(entries(parent), (std::vector<std::string>{"file", "full"}));
}

// keep_unchanged: an output already holding the bytes keeps its inode; one with other bytes, a
// longer one, or a symlink to an identical file is written as before (the link stays a link).
TEST(OutputDirs, KeepsAnOutputThatAlreadyHoldsTheBytes) {
  const fs::path root = fresh_dir("miditok_output_dirs_keep");
  for (const char* name : {"same", "other", "longer", "target"})
    std::ofstream(root / name) << (std::string(name) == "other" ? "abcX" : "abcd");
  std::ofstream(root / "longer", std::ios::app) << "e";
  fs::create_symlink("target", root / "link");
  OutputDirs dirs;
  const OutputDirFd dir = dirs.open(root);
  ASSERT_FALSE(dir.fresh());
  struct stat before {};
  ASSERT_EQ(::stat((root / "same").c_str(), &before), 0);
  SpareInodes spares;
  for (const char* name : {"same", "other", "longer", "link"})
    write_output(dir, root.string(), name, "abcd",
                 AtomicWriteOptions{.sync = false, .spares = &spares, .keep_unchanged = true});
  struct stat after {};
  ASSERT_EQ(::stat((root / "same").c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino);
  for (const char* name : {"same", "other", "longer", "link", "target"})
    EXPECT_EQ(read_text(root / name), "abcd") << name;
  EXPECT_TRUE(fs::is_symlink(root / "link"));
}

}  // namespace
}  // namespace miditok
