// Progress of a batch, drawn from a counter the workers increment: on a terminal a bar redrawn
// in place with the rate and the time left, otherwise one plain line per tenth of the work
// (logs and pipes stay readable). A reporter thread polls the counter; workers never block on it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace miditok::cli {

class Progress {
 public:
  /// Starts reporting `total` items of `label` on stderr; `mode` is auto, bar, lines or none.
  Progress(std::string label, std::size_t total, const std::string& mode);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// The counter the workers increment (or set) as items finish.
  std::atomic<std::size_t>& counter() { return done_; }
  /// Draws the final state and stops the reporter (also done by the destructor).
  void finish();

 private:
  void run();
  void draw(bool last);

  std::string label_;
  std::size_t total_;
  bool bar_ = false;
  std::atomic<std::size_t> done_{0};
  std::size_t last_tenth_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread reporter_;
};

}  // namespace miditok::cli
