"""An earlier output folder, as jusou leaves one: a few files and the stamp
(.jusou) listing each with its hash and size — FNV-1a as earlier versions
wrote it, or XXH64 when the stamp says "hash xxh64", as this one does. Tests put one where
jusou will write, so that they can check it is left exactly as it was (or
replaced whole) without paying for a full report run to make it.

Standard library only."""

import os

STAMP_HEAD = 'jusou output folder: every file jusou wrote here is listed below (hash, size, path).'
STAMP_NOTE = ('jusou replaces this folder as a whole when it writes here again, and refuses to if a file here '
              'is not listed or was changed.')

EARLIER = {'check.txt': 'earlier output\n'.encode(), 'charts/plan.png': b'\x89PNG earlier',
           'tables.csv': b'year,form\n'}


def fnv1a(data):
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h


M64 = 0xFFFFFFFFFFFFFFFF
P1, P2, P3, P4, P5 = (0x9E3779B185EBCA87, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x85EBCA77C2B2AE63,
                      0x27D4EB2F165667C5)


def _rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & M64


def _round(acc, lane):
    return (_rotl((acc + lane * P2) & M64, 31) * P1) & M64


def xxh64(data):
    """XXH64 of `data`, seed 0 (slow: for small files)"""
    n = len(data)
    p = 0
    if n >= 32:
        v = [(P1 + P2) & M64, P2, 0, (-P1) & M64]
        while p + 32 <= n:
            for k in range(4):
                v[k] = _round(v[k], int.from_bytes(data[p + 8 * k:p + 8 * k + 8], 'little'))
            p += 32
        h = (_rotl(v[0], 1) + _rotl(v[1], 7) + _rotl(v[2], 12) + _rotl(v[3], 18)) & M64
        for k in range(4):
            h = ((h ^ _round(0, v[k])) * P1 + P4) & M64
    else:
        h = P5
    h = (h + n) & M64
    while p + 8 <= n:
        h ^= _round(0, int.from_bytes(data[p:p + 8], 'little'))
        h = (_rotl(h, 27) * P1 + P4) & M64
        p += 8
    if p + 4 <= n:
        h ^= (int.from_bytes(data[p:p + 4], 'little') * P1) & M64
        h = (_rotl(h, 23) * P2 + P3) & M64
        p += 4
    while p < n:
        h ^= (data[p] * P5) & M64
        h = (_rotl(h, 11) * P1) & M64
        p += 1
    h ^= h >> 33
    h = (h * P2) & M64
    h ^= h >> 29
    h = (h * P3) & M64
    return h ^ (h >> 32)


HASHES = {None: fnv1a, 'xxh64': xxh64}


def write_stamped(folder, files=EARLIER, survey='2025 test', hash=None):
    """a jusou output folder holding `files` {relative path: bytes} and the
    stamp listing them, as jusou writes it (hash None: as earlier versions
    did, FNV-1a and no hash line)"""
    os.makedirs(folder, exist_ok=True)
    lines = [STAMP_HEAD, STAMP_NOTE, 'state finished', 'survey ' + survey]
    if hash:
        lines.append('hash ' + hash)
    digest = HASHES.get(hash, fnv1a)
    for rel in sorted(files):
        p = os.path.join(folder, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, 'wb') as f:
            f.write(files[rel])
        lines.append('file %016x %d %s' % (digest(files[rel]), len(files[rel]), rel))
    with open(os.path.join(folder, '.jusou'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')
