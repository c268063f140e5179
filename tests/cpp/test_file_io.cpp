// file_io: regular-file reads (FIFOs, devices, directories refused at once) and atomic writes
// (no partial file under the final name, on a full file-size limit either).
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>

#include "midi_test_util.h"
#include "miditok/core/error.h"
#include "miditok/core/file_io.h"
#include "miditok/core/output_dirs.h"

namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
  return miditok::test::fresh_dir("miditok_file_io_" + name);
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {}));
}

}  // namespace

TEST(FileIo, ReadsPastTheStatSize) {
  // /proc files stat as 0 bytes: everything after the stat size is read too
  const std::string status = miditok::read_regular_file("/proc/self/status");
  EXPECT_NE(status.find("Name:"), std::string::npos);
  EXPECT_EQ(status.back(), '\n');
  // a file of exactly 8 KiB and one of 8 KiB + 1 byte: read whole, nothing more
  const fs::path dir = fresh_dir("read");
  for (const std::size_t size : {std::size_t{8192}, std::size_t{8193}, std::size_t{0}}) {
    const std::string path = (dir / ("f" + std::to_string(size))).string();
    const std::string bytes(size, 'x');
    miditok::write_file_atomic(path, bytes);
    EXPECT_EQ(miditok::read_regular_file(path), bytes);
  }
  fs::remove_all(dir);
}

TEST(FileIo, WritesAndReplacesAtomically) {
  const fs::path dir = fresh_dir("write");
  const std::string path = (dir / "a.mid").string();
  miditok::write_file_atomic(path, "first");
  miditok::write_file_atomic(path, "second, longer");
  EXPECT_EQ(slurp(path), "second, longer");
  EXPECT_EQ(miditok::read_regular_file(path), "second, longer");
  EXPECT_EQ(entries(dir), 1u);  // no temporary file left
  fs::remove_all(dir);
}

TEST(FileIo, CreatesDirectoriesOnlyWhenAsked) {
  const fs::path dir = fresh_dir("dirs");
  const std::string path = (dir / "x" / "y" / "a.bin").string();
  EXPECT_THROW(miditok::write_file_atomic(path, "a"), miditok::IoError);
  miditok::write_file_atomic(path, "a", {.sync = false, .create_dirs = true});
  EXPECT_EQ(slurp(path), "a");
  fs::remove_all(dir);
}

TEST(FileIo, RefusesNulAndNonRegularFiles) {
  const fs::path dir = fresh_dir("kinds");
  EXPECT_THROW(miditok::write_file_atomic((dir / "a").string() + std::string(1, '\0') + "b", "x"),
               miditok::IoError);
  EXPECT_EQ(entries(dir), 0u);
  const fs::path fifo = dir / "fifo.mid";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  try {
    miditok::read_regular_file(fifo.string());  // returns at once: no writer is waited for
    FAIL() << "a FIFO was read";
  } catch (const miditok::IoError& e) {
    EXPECT_EQ(e.path(), fifo.string());
  }
  EXPECT_THROW(miditok::read_regular_file("/dev/zero"), miditok::IoError);
  try {
    miditok::read_regular_file(dir.string());
    FAIL() << "a directory was read";
  } catch (const miditok::IoError& e) {
    EXPECT_EQ(e.code(), EISDIR);
  }
  try {
    miditok::read_regular_file((dir / "missing.mid").string());
    FAIL() << "a missing file was read";
  } catch (const miditok::IoError& e) {
    EXPECT_EQ(e.code(), ENOENT);
    EXPECT_NE(std::string(e.what()).find("missing.mid"), std::string::npos);
  }
  fs::remove_all(dir);
}

// A file-size limit (RLIMIT_FSIZE, as a full disk) in a child process: the write fails with
// IoError, the old file stays whole and no temporary file is left.
TEST(FileIo, FullDiskLeavesTheOldFile) {
  const fs::path dir = fresh_dir("full");
  const std::string path = (dir / "out.json").string();
  miditok::write_file_atomic(path, "old");
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{1000, 1000};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    try {
      miditok::write_file_atomic(path, std::string(100000, 'x'));
    } catch (const miditok::IoError& e) {
      ::_exit(e.code() == EFBIG ? 0 : 2);
    }
    ::_exit(1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(slurp(path), "old");
  EXPECT_EQ(entries(dir), 1u);
  fs::remove_all(dir);
}

// A symlink at the output name is written through (its target replaced whole), as an in-place
// writer does, and stays a symlink.
TEST(FileIo, WritesThroughSymlinks) {
  const fs::path dir = fresh_dir("link");
  fs::create_directories(dir / "real");
  miditok::write_file_atomic((dir / "real" / "t.mid").string(), "old content");
  fs::create_symlink(dir / "real" / "t.mid", dir / "link.mid");
  miditok::write_file_atomic((dir / "link.mid").string(), "new");
  EXPECT_TRUE(fs::is_symlink(dir / "link.mid"));
  EXPECT_EQ(slurp(dir / "real" / "t.mid"), "new");
  EXPECT_EQ(entries(dir / "real"), 1u);
  fs::remove_all(dir);
}

TEST(FileIo, StreamsPiecesAndLeavesNothingWhenTheProducerThrows) {
  const fs::path dir = fresh_dir("stream");
  const std::string path = (dir / "out.json").string();
  miditok::write_file_atomic_stream(path, [](const miditok::ByteSink& out) {
    out("{");
    for (int i = 0; i < 3; ++i) out(std::to_string(i));
    out("}");
  });
  EXPECT_EQ(slurp(path), "{012}");
  EXPECT_THROW(miditok::write_file_atomic_stream(path,
                                                 [](const miditok::ByteSink& out) {
                                                   out("partial");
                                                   throw miditok::IoError("the source failed");
                                                 }),
               miditok::IoError);
  EXPECT_EQ(slurp(path), "{012}");  // the old file stays, no temporary file is left
  EXPECT_EQ(entries(dir), 1U);
  fs::remove_all(dir);
}

// A new file through its directory's descriptor: one entry, the content whole, the mode of a
// file made by write_file_atomic (0666 less the umask); an existing name is replaced whole and a
// symlink written through, as write_file_atomic does.
TEST(FileIo, NewFilesAtADirectoryDescriptor) {
  const fs::path dir = fresh_dir("new_at");
  miditok::OutputDirs dirs;
  const int fd = dirs.open((dir / "a" / "b").string()).get();  // created with its parents
  EXPECT_EQ(dirs.open((dir / "a" / "b").string()).get(), fd);  // opened once
  miditok::write_new_file_at(fd, (dir / "a" / "b").string(), "x.mid", "chunk bytes");
  EXPECT_EQ(slurp(dir / "a" / "b" / "x.mid"), "chunk bytes");
  EXPECT_EQ(entries(dir / "a" / "b"), 1u);
  miditok::write_file_atomic((dir / "ref.mid").string(), "r");
  struct stat made {
  }, ref{};
  ASSERT_EQ(::stat((dir / "a" / "b" / "x.mid").c_str(), &made), 0);
  ASSERT_EQ(::stat((dir / "ref.mid").c_str(), &ref), 0);
  EXPECT_EQ(made.st_mode, ref.st_mode);
  miditok::write_new_file_at(fd, "", "x.mid", "replaced");
  EXPECT_EQ(slurp(dir / "a" / "b" / "x.mid"), "replaced");
  EXPECT_EQ(entries(dir / "a" / "b"), 1u);
  fs::create_symlink(dir / "ref.mid", dir / "a" / "b" / "link.mid");
  miditok::write_new_file_at(fd, "", "link.mid", "through");
  EXPECT_TRUE(fs::is_symlink(dir / "a" / "b" / "link.mid"));
  EXPECT_EQ(slurp(dir / "ref.mid"), "through");
  EXPECT_THROW(dirs.open((dir / "ref.mid").string()).get(), miditok::IoError);  // not a directory
  fs::remove_all(dir);
}

// An unprivileged user's new files are linked too (by their descriptor where the kernel lets a
// process name its own O_TMPFILE files, else through /proc/self/fd); a write cut short (a
// file-size limit, as a full disk) leaves no entry at all.
TEST(FileIo, NewFilesUnprivilegedAndCutShort) {
  const fs::path dir = fresh_dir("new_unpriv");
  fs::permissions(dir, fs::perms::all);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (::geteuid() == 0 && ::setuid(65534) != 0) ::_exit(3);
    std::signal(SIGXFSZ, SIG_IGN);
    try {
      miditok::OutputDirs dirs;
      const int fd = dirs.open(dir.string()).get();
      miditok::write_new_file_at(fd, dir.string(), "ok.mid", "whole");
      const rlimit limit{1000, 1000};
      ::setrlimit(RLIMIT_FSIZE, &limit);
      try {
        miditok::write_new_file_at(fd, dir.string(), "cut.mid", std::string(100000, 'x'));
      } catch (const miditok::IoError& e) {
        ::_exit(e.code() == EFBIG ? 0 : 2);
      }
    } catch (...) {
      ::_exit(4);
    }
    ::_exit(1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(slurp(dir / "ok.mid"), "whole");
  EXPECT_FALSE(fs::exists(dir / "cut.mid"));
  EXPECT_EQ(entries(dir), 1u);
  fs::remove_all(dir);
}

namespace {

ino_t inode_of(const fs::path& p) {
  struct stat st {};
  return ::stat(p.c_str(), &st) == 0 ? st.st_ino : 0;
}

}  // namespace

// A batch's rewrites go through spare inodes: each existing output is swapped whole with a spare
// holding its new content (RENAME_EXCHANGE) and the inode it leaves becomes the next spare, so a
// rewrite allocates and frees no inode; the spares are deleted with the batch; a shorter content
// leaves no tail of the longer one, and a spare gets a new file's mode back.
TEST(FileIo, RewritesReuseTheReplacedInodes) {
  const fs::path dir = fresh_dir("spares");
  const std::string label = dir.string();
  miditok::OutputDirs dirs;
  const int fd = dirs.open(label).get();
  for (const char* name : {"a.mid", "b.mid", "c.mid"}) {
    miditok::write_new_file_at(fd, label, name, std::string(5000, name[0]));
  }
  const struct stat* none = nullptr;
  struct stat fresh {};
  ASSERT_EQ(::stat((dir / "a.mid").c_str(), &fresh), 0);
  fs::permissions(dir / "a.mid", fs::perms::owner_read | fs::perms::owner_write);
  const ino_t old_a = inode_of(dir / "a.mid");
  {
    miditok::SpareInodes spares;
    const miditok::AtomicWriteOptions options{.sync = false, .like = none, .spares = &spares};
    miditok::write_file_atomic_at(fd, label, "a.mid", "A2", options);
    miditok::write_file_atomic_at(fd, label, "b.mid", "B2", options);
    miditok::write_file_atomic_at(fd, label, "c.mid", "C2", options);
    miditok::write_file_atomic_at(fd, label, "d.mid", "D", options);  // new: linked, no spare
    EXPECT_EQ(slurp(dir / "a.mid"), "A2");
    EXPECT_EQ(slurp(dir / "b.mid"), "B2");
    EXPECT_EQ(slurp(dir / "c.mid"), "C2");
    EXPECT_EQ(inode_of(dir / "b.mid"), old_a);  // a's old inode holds b's new content
    struct stat b {};
    ASSERT_EQ(::stat((dir / "b.mid").c_str(), &b), 0);
    EXPECT_EQ(b.st_mode, fresh.st_mode);  // not a's 0600
    EXPECT_EQ(entries(dir), 5u);          // the four outputs and one hidden spare
  }
  EXPECT_EQ(entries(dir), 4u);
  fs::remove_all(dir);
}

// A displaced inode that something else can still see is never reused: a reader that opened the
// old file keeps reading the old content, and another hard link keeps the old file, as with a
// rename over the name.
TEST(FileIo, RewritesKeepOldFilesOthersHold) {
  const fs::path dir = fresh_dir("spares_held");
  const std::string label = dir.string();
  miditok::OutputDirs dirs;
  const int fd = dirs.open(label).get();
  miditok::write_new_file_at(fd, label, "open.mid", "old open");
  miditok::write_new_file_at(fd, label, "linked.mid", "old linked");
  miditok::write_new_file_at(fd, label, "next.mid", "old next");
  fs::create_hard_link(dir / "linked.mid", dir / "other_link.mid");
  std::ifstream reader(dir / "open.mid", std::ios::binary);
  ASSERT_TRUE(reader.good());
  {
    miditok::SpareInodes spares;
    const struct stat* none = nullptr;
    const miditok::AtomicWriteOptions options{.sync = false, .like = none, .spares = &spares};
    miditok::write_file_atomic_at(fd, label, "open.mid", "new open", options);
    miditok::write_file_atomic_at(fd, label, "linked.mid", "new linked", options);
    miditok::write_file_atomic_at(fd, label, "next.mid", "new next, longer", options);
    EXPECT_EQ(slurp(dir / "open.mid"), "new open");
    EXPECT_EQ(slurp(dir / "linked.mid"), "new linked");
    EXPECT_EQ(slurp(dir / "next.mid"), "new next, longer");
    EXPECT_EQ(slurp(dir / "other_link.mid"), "old linked");
  }
  const std::string held{std::istreambuf_iterator<char>(reader), std::istreambuf_iterator<char>()};
  EXPECT_EQ(held, "old open");
  EXPECT_EQ(entries(dir), 4u);
  fs::remove_all(dir);
}

// A rewrite whose producer fails leaves the output as it was and no spare behind.
TEST(FileIo, FailedRewriteThroughASpareLeavesTheOutput) {
  const fs::path dir = fresh_dir("spares_fail");
  const std::string a = (dir / "a.mid").string(), b = (dir / "b.mid").string();
  miditok::write_file_atomic(a, "old a");
  miditok::write_file_atomic(b, "old b");
  {
    miditok::SpareInodes spares;
    const struct stat* none = nullptr;
    const miditok::AtomicWriteOptions options{.sync = false, .like = none, .spares = &spares};
    miditok::write_file_atomic(a, "new a", options);  // leaves a's old inode as a spare
    EXPECT_THROW(miditok::write_file_atomic_stream(
                     b,
                     [](const miditok::ByteSink& sink) {
                       sink("partial");
                       throw miditok::IoError("producer failed", "b.mid", EIO);
                     },
                     options),
                 miditok::IoError);
    EXPECT_EQ(slurp(b), "old b");
  }
  EXPECT_EQ(slurp(a), "new a");
  EXPECT_EQ(entries(dir), 2u);
  fs::remove_all(dir);
}
