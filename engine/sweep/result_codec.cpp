#include "sweep/result_codec.h"

namespace hubsim::sweep {

void ByteWriter::put_string(const std::string& s) {
  put(uint32_t(s.size()));
  out_.append(s);
}

bool ByteReader::get_string(std::string& s) {
  uint32_t n = 0;
  if (!get(n) || bytes_.size() - pos_ < n) return false;
  s.assign(bytes_.data() + pos_, n);
  pos_ += n;
  return true;
}

std::string encode_result(const ExperimentResult& r) {
  ByteWriter w;
  w.put(r.experiment);
  w.put(uint8_t(r.status));
  w.put(r.wall_seconds);
  w.put_string(r.error);
  w.put(uint32_t(r.outcomes.size()));
  for (double v : r.outcomes) w.put(v);
  return w.take();
}

std::optional<ExperimentResult> decode_result(std::string_view bytes) {
  ByteReader in(bytes);
  ExperimentResult r;
  uint8_t status = 0;
  uint32_t n = 0;
  if (!in.get(r.experiment) || !in.get(status) || status > 1 || !in.get(r.wall_seconds) ||
      !in.get_string(r.error) || !in.get(n))
    return std::nullopt;
  r.status = ExperimentStatus(status);
  r.outcomes.resize(n);
  for (auto& v : r.outcomes)
    if (!in.get(v)) return std::nullopt;
  if (!in.at_end()) return std::nullopt;
  return r;
}

}  // namespace hubsim::sweep
