// The one-runner-per-database lock of a SQLite file (DESIGN.md §4): an
// exclusive flock() on "<database>-keyway.lock" beside it. flock() locks
// belong to the open file, so the operating system releases the lock of a
// runner that dies, and the file is only a rendezvous: it says who holds it
// (holder, pid, host, since when), and the holder removes it on release.
//
// Removing it is why taking it is a loop: a waiter may open the file just
// before the holder unlinks it, then lock that orphan. After locking, the
// file opened must still be the one the path names (same inode); if not, the
// waiter starts over with the new file.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <memory>
#include <string>
#include <thread>

#include <fmt/format.h>

#include "backends/common/migration_messages.h"
#include "backends/sqlite/sqlite_driver.h"
#include "backends/sqlite/sqlite_messages.h"
#include "core/errors.h"

namespace keyway::backends::sqlite {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kPollInterval{50};

class FileLock final : public RunLock {
 public:
  FileLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  // Unlinked while still locked, so that no one locks the old file after.
  ~FileLock() override {
    ::unlink(path_.c_str());
    ::close(fd_);
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
  std::string path_;
};

std::string system_error(const std::string& what, const std::string& path) {
  return fmt::format("cannot {} the lock file {}: {}", what, path, std::strerror(errno));
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &utc);
  return text;
}

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "unknown host";
  return name;
}

// "<holder>; pid 42 on build-1, since 2026-11-24 18:30:00 UTC", without
// the pid and host when the holder names this process already ("keyway
// migrate up, pid 42 on build-1").
void write_holder(int fd, const std::string& holder) {
  const std::string pid = fmt::format("pid {}", static_cast<long>(::getpid()));
  const std::size_t at = holder.find(pid);
  const std::size_t end = at + pid.size();
  const bool names_this_process =
      at != std::string::npos &&
      (end == holder.size() || !std::isdigit(static_cast<unsigned char>(holder[end])));
  const std::string who =
      names_this_process ? holder : fmt::format("{}; {} on {}", holder, pid, host_name());
  const std::string text = fmt::format("{}, since {} UTC\n", who, utc_now());
  // Only words for whoever waits: the lock holds whatever they say.
  if (::ftruncate(fd, 0) != 0) return;
  if (::pwrite(fd, text.data(), text.size(), 0) < 0) return;
}

std::string read_holder(int fd) {
  std::string text;
  char buffer[512];
  off_t offset = 0;
  for (ssize_t n; (n = ::pread(fd, buffer, sizeof buffer, offset)) > 0; offset += n) {
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > 4096) break;
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text.empty() ? "(it has not said who it is yet)" : text;
}

bool same_file(int fd, const std::string& path) {
  struct stat opened {};
  struct stat named {};
  return ::fstat(fd, &opened) == 0 && ::stat(path.c_str(), &named) == 0 &&
         opened.st_dev == named.st_dev && opened.st_ino == named.st_ino;
}

}  // namespace

std::unique_ptr<RunLock> lock_file(const std::string& path, std::chrono::milliseconds wait,
                                   const std::string& holder) {
  // An in-memory database lives in this connection only: no one else can run.
  if (path == ":memory:") return std::make_unique<RunLock>();
  const std::string lock_path = path + "-keyway.lock";
  const Clock::time_point deadline = Clock::now() + wait;
  while (true) {
    const int fd = ::open(lock_path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (fd < 0) throw DatabaseError(system_error("create", lock_path));
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      if (same_file(fd, lock_path)) {
        write_holder(fd, holder);
        return std::make_unique<FileLock>(fd, lock_path);
      }
      ::close(fd);  // its holder removed it as we opened it: take the new one
      continue;
    }
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const std::string message = system_error("lock", lock_path);
      ::close(fd);
      throw DatabaseError(message);
    }
    const Clock::time_point now = Clock::now();
    if (now >= deadline) {
      const std::string holder_text = read_holder(fd);
      ::close(fd);
      throw DatabaseError(fmt::format("another keyway runner holds {}: {}; waited {}", lock_path,
                                      holder_text, common::duration_text(wait)));
    }
    ::close(fd);
    std::this_thread::sleep_for(std::min<Clock::duration>(kPollInterval, deadline - now));
  }
}

std::unique_ptr<RunLock> SqliteDriver::lock(std::chrono::milliseconds wait,
                                            const std::string& holder) {
  std::unique_ptr<RunLock> held = lock_file(path_, wait, holder);
  try {
    create_history_table(session_);
  } catch (const soci::soci_error& e) {
    throw DatabaseError(fmt::format("cannot create {}: {}", kHistoryTable, sqlite_message(e)));
  }
  return held;
}

}  // namespace keyway::backends::sqlite
