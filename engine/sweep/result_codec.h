#pragma once
// Byte encoding of an experiment's result, shared by the journal and the MPI messages. Native
// byte order (little-endian on every machine hubsim supports): a journal is read back by the
// machine type that wrote it.
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "sweep/experiment.h"

namespace hubsim::sweep {

std::string encode_result(const ExperimentResult& r);
// nullopt when the bytes are not a complete, well-formed encoding.
std::optional<ExperimentResult> decode_result(std::string_view bytes);

// Little helpers for other fixed-layout records.
class ByteWriter {
 public:
  template <class T>
  void put(const T& v) {
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void put_string(const std::string& s);
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}
  template <class T>
  bool get(T& v) {
    if (bytes_.size() - pos_ < sizeof v) return false;
    std::memcpy(&v, bytes_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return true;
  }
  bool get_string(std::string& s);
  bool at_end() const { return pos_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

}  // namespace hubsim::sweep
