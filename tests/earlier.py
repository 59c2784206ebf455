"""An earlier output folder, as jusou leaves one: a few files and the stamp
(.jusou) listing each with its FNV-1a hash and size. Tests put one where
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


def write_stamped(folder, files=EARLIER, survey='2025 test'):
    """a jusou output folder holding `files` {relative path: bytes} and the
    stamp listing them, as jusou writes it"""
    os.makedirs(folder, exist_ok=True)
    lines = [STAMP_HEAD, STAMP_NOTE, 'state finished', 'survey ' + survey]
    for rel in sorted(files):
        p = os.path.join(folder, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, 'wb') as f:
            f.write(files[rel])
        lines.append('file %016x %d %s' % (fnv1a(files[rel]), len(files[rel]), rel))
    with open(os.path.join(folder, '.jusou'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')
