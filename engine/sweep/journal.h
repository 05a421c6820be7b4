#pragma once
// The journal of a running sweep: an append-only file next to the output that makes every
// finished experiment durable the moment it is recorded.
//
// Layout: the 8 bytes "HSWJRNL1", then records of [u32 payload length][u32 CRC-32 of the
// payload][payload]. The first record is the header (fingerprint of the sweep, shard, number of
// experiments); every other record is one experiment's result (result_codec.h). Each append is
// written with one write() and fdatasync()ed before the next experiment is recorded. A process
// killed mid-append leaves at most one torn record at the end: on reopening, reading stops at
// the first record that is incomplete or fails its checksum, and the file is cut back to the
// last good record. The file is locked (flock) while open, so two sweeps cannot share it.
#include <string>
#include <vector>

#include "sweep/experiment.h"

namespace hubsim::sweep {

struct JournalHeader {
  std::string fingerprint;
  std::string shard;         // "i/n"
  uint64_t experiments = 0;  // in the whole sweep
};

class Journal {
 public:
  // Opens the journal at `path`, creating it when absent. An existing journal must carry the
  // same header (else InputError: it belongs to another sweep); its intact records become
  // recovered(). Throws InputError when another process holds the lock.
  Journal(const std::string& path, const JournalHeader& header);
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;
  ~Journal();

  const std::vector<ExperimentResult>& recovered() const { return recovered_; }
  // Bytes cut off the end when opening (a torn or corrupt last record); 0 normally.
  size_t dropped_bytes() const { return dropped_bytes_; }
  // Appends one result and makes it durable (fdatasync). Throws OutputError on failure.
  void append(const ExperimentResult& result);
  // Closes and deletes the journal (after the output file is safely in place).
  void remove();
  const std::string& path() const { return path_; }

  // Reads the records of a journal without opening it for writing (tests, inspection).
  struct Contents {
    bool foreign = false;  // the file does not start like a journal
    bool has_header = false;
    JournalHeader header;
    std::vector<ExperimentResult> results;
    size_t good_bytes = 0;  // length of the intact prefix
    size_t file_bytes = 0;
  };
  static Contents read(const std::string& path);

 private:
  void open_locked(const JournalHeader& header);
  void write_record(const std::string& payload);
  std::string path_;
  int fd_ = -1;
  std::vector<ExperimentResult> recovered_;
  size_t dropped_bytes_ = 0;
};

}  // namespace hubsim::sweep
