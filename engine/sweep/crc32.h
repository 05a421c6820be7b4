#pragma once
// CRC-32 (IEEE 802.3, the checksum of zlib and PNG): detects torn and corrupted journal records.
#include <cstddef>
#include <cstdint>

namespace hubsim::sweep {

uint32_t crc32(const void* data, size_t size, uint32_t crc = 0);

}  // namespace hubsim::sweep
