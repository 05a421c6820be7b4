#include "sweep/journal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "core/errors.h"
#include "sweep/crc32.h"
#include "sweep/result_codec.h"

namespace hubsim::sweep {

namespace {

constexpr char kMagic[8] = {'H', 'S', 'W', 'J', 'R', 'N', 'L', '1'};
constexpr uint8_t kHeaderRecord = 1;
constexpr uint8_t kResultRecord = 2;
constexpr uint32_t kMaxRecord = 1u << 30;

std::string errno_text() {
  return std::system_category().message(errno);
}

std::string encode_header(const JournalHeader& h) {
  ByteWriter w;
  w.put(kHeaderRecord);
  w.put_string(h.fingerprint);
  w.put_string(h.shard);
  w.put(h.experiments);
  return w.take();
}

bool decode_header(std::string_view payload, JournalHeader& h) {
  ByteReader in(payload);
  uint8_t type = 0;
  return in.get(type) && type == kHeaderRecord && in.get_string(h.fingerprint) &&
         in.get_string(h.shard) && in.get(h.experiments) && in.at_end();
}

void sync_directory(const std::string& file) {
  std::string dir = std::filesystem::path(file).parent_path().string();
  if (dir.empty()) dir = ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

Journal::Contents Journal::read(const std::string& path) {
  Contents c;
  std::ifstream in(path, std::ios::binary);
  if (!in) return c;
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  c.file_bytes = bytes.size();
  const size_t magic = std::min(bytes.size(), sizeof kMagic);
  c.foreign = std::memcmp(bytes.data(), kMagic, magic) != 0;
  if (bytes.size() < sizeof kMagic || c.foreign) return c;
  size_t pos = sizeof kMagic;
  c.good_bytes = pos;
  std::set<int64_t> seen;
  while (bytes.size() - pos >= 8) {
    uint32_t length = 0, crc = 0;
    std::memcpy(&length, bytes.data() + pos, 4);
    std::memcpy(&crc, bytes.data() + pos + 4, 4);
    if (length > kMaxRecord || bytes.size() - pos - 8 < length) break;  // torn
    const std::string_view payload(bytes.data() + pos + 8, length);
    if (crc32(payload.data(), payload.size()) != crc) break;  // corrupt
    if (!c.has_header) {
      if (!decode_header(payload, c.header)) break;
      c.has_header = true;
    } else {
      if (payload.empty() || uint8_t(payload[0]) != kResultRecord) break;
      auto r = decode_result(payload.substr(1));
      if (!r || r->experiment < 0 || uint64_t(r->experiment) >= c.header.experiments) break;
      if (seen.insert(r->experiment).second) c.results.push_back(std::move(*r));
    }
    pos += 8 + length;
    c.good_bytes = pos;
  }
  return c;
}

Journal::Journal(const std::string& path, const JournalHeader& header) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw OutputError("cannot open sweep journal '" + path + "': " + errno_text());
  try {
    open_locked(header);
  } catch (...) {
    ::close(fd_);
    fd_ = -1;
    throw;
  }
}

void Journal::open_locked(const JournalHeader& header) {
  const std::string& path = path_;
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0)
    throw InputError(path, "lock", "held",
                     "no other hubsim sweep writing this output at the same time");
  // Read under the lock: the intact prefix is kept, a torn tail is cut off.
  const Contents c = read(path);
  if (c.foreign)
    throw InputError(path, "magic", "not HSWJRNL1",
                     "a hubsim sweep journal (this file is something else: move it away)");
  if (c.has_header) {
    if (c.header.fingerprint != header.fingerprint || c.header.shard != header.shard ||
        c.header.experiments != header.experiments) {
      throw InputError(path, "fingerprint",
                       c.header.fingerprint + " (shard " + c.header.shard + ")",
                       "this sweep's " + header.fingerprint + " (shard " + header.shard +
                           "): the journal belongs to a different sweep (other sweep file, base "
                           "scenario, overrides or hubsim version); finish that sweep, or delete "
                           "the journal to start over");
    }
    recovered_ = c.results;
    dropped_bytes_ = c.file_bytes - c.good_bytes;
    if (dropped_bytes_ > 0 && ::ftruncate(fd_, off_t(c.good_bytes)) != 0)
      throw OutputError("cannot truncate sweep journal '" + path + "': " + errno_text());
  } else {
    // New, empty, or killed before its header was durable: start it afresh.
    dropped_bytes_ = c.file_bytes;
    if (::ftruncate(fd_, 0) != 0)
      throw OutputError("cannot truncate sweep journal '" + path + "': " + errno_text());
    if (::pwrite(fd_, kMagic, sizeof kMagic, 0) != ssize_t(sizeof kMagic))
      throw OutputError("cannot write sweep journal '" + path + "': " + errno_text());
    write_record(encode_header(header));
    sync_directory(path);
  }
  if (::lseek(fd_, 0, SEEK_END) < 0)
    throw OutputError("cannot seek in sweep journal '" + path + "': " + errno_text());
}

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

void Journal::write_record(const std::string& payload) {
  std::string record(8, '\0');
  const uint32_t length = uint32_t(payload.size());
  const uint32_t crc = crc32(payload.data(), payload.size());
  std::memcpy(record.data(), &length, 4);
  std::memcpy(record.data() + 4, &crc, 4);
  record += payload;
  const off_t end = ::lseek(fd_, 0, SEEK_END);
  size_t done = 0;
  while (done < record.size()) {
    const ssize_t n = ::pwrite(fd_, record.data() + done, record.size() - done, end + off_t(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw OutputError("cannot append to sweep journal '" + path_ + "': " + errno_text());
    done += size_t(n);
  }
  if (::fdatasync(fd_) != 0)
    throw OutputError("cannot sync sweep journal '" + path_ + "': " + errno_text());
}

void Journal::append(const ExperimentResult& result) {
  std::string payload(1, char(kResultRecord));
  payload += encode_result(result);
  write_record(payload);
}

void Journal::remove() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(path_.c_str());
  sync_directory(path_);
}

}  // namespace hubsim::sweep
