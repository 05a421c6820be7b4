"""Prints the number of intact experiment records in a hubsim sweep journal (0 if absent).

Usage: /usr/bin/python3 tests/sweep/journal_records.py OUT.h5.journal

Follows the layout documented in engine/sweep/journal.h: "HSWJRNL1", then records of
[u32 length][u32 CRC-32][payload], the first being the header.
"""

import struct
import sys
import zlib


def count(path):
    try:
        data = open(path, "rb").read()
    except FileNotFoundError:
        return 0
    if data[:8] != b"HSWJRNL1":
        return 0
    pos, records = 8, 0
    while len(data) - pos >= 8:
        length, crc = struct.unpack_from("<II", data, pos)
        payload = data[pos + 8 : pos + 8 + length]
        if len(payload) < length or zlib.crc32(payload) != crc:
            break
        records += 1
        pos += 8 + length
    return max(0, records - 1)


if __name__ == "__main__":
    print(count(sys.argv[1]))
