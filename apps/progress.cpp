// Progress bar / progress lines of a batch (see progress.h).
#include "progress.h"

#include <unistd.h>

#include <cstdio>

namespace miditok::cli {

namespace {

// "1:02:03" / "2:03" / "5s" for a number of seconds.
std::string format_duration(double seconds) {
  if (!(seconds >= 0) || seconds > 360000) return "?";
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof(buf), "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  } else if (s >= 60) {
    std::snprintf(buf, sizeof(buf), "%ld:%02ld", s / 60, s % 60);
  } else {
    std::snprintf(buf, sizeof(buf), "%lds", s);
  }
  return buf;
}

}  // namespace

Progress::Progress(std::string label, std::size_t total, const std::string& mode)
    : label_(std::move(label)), total_(total), start_(std::chrono::steady_clock::now()) {
  if (mode == "none" || total == 0) return;
  bar_ = mode == "bar" || (mode == "auto" && ::isatty(STDERR_FILENO) == 1);
  reporter_ = std::thread([this] { run(); });
}

Progress::~Progress() { finish(); }

void Progress::finish() {
  if (!reporter_.joinable()) return;
  {
    const std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  reporter_.join();
  draw(true);
}

void Progress::run() {
  const auto period = bar_ ? std::chrono::milliseconds(200) : std::chrono::milliseconds(500);
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, period, [this] { return stop_; })) draw(false);
}

void Progress::draw(bool last) {
  const std::size_t done = std::min(done_.load(), total_);
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : -1.0;
  const int percent = static_cast<int>(100 * done / total_);
  if (bar_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(kWidth * done / total_);
    std::fprintf(stderr, "\r%s [%s%s] %zu/%zu %3d%% %.1f files/s %s %s\x1b[K", label_.c_str(),
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), done, total_,
                 percent, rate, last ? "in" : "ETA", format_duration(last ? elapsed : eta).c_str());
    if (last) std::fputc('\n', stderr);
  } else {
    const std::size_t tenth = 10 * done / total_;
    if (tenth <= last_tenth_) return;  // one line per tenth; the last one says how long it took
    last_tenth_ = tenth;
    std::fprintf(stderr, "%s: %zu/%zu files (%d%%), %.1f files/s, %s %s\n", label_.c_str(), done,
                 total_, percent, rate, done == total_ ? "took" : "ETA",
                 format_duration(done == total_ ? elapsed : eta).c_str());
  }
  std::fflush(stderr);
}

}  // namespace miditok::cli
