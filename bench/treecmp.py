#!/usr/bin/env python3
"""Compare a restored tree with its source, for bench/compare.sh.

  treecmp.py SOURCE RESTORED   one line: "identical (...)", "contents identical; ..." or
                               "CONTENT DIFFERS: ..." (a wrong restore)
  treecmp.py --stats DIR       "N files, N folders, N MiB"

Contents (names, types, bytes, symlink targets) must match; permission bits and mtimes are reported.
"""
import os
import stat
import sys


def walk(root):
    out = {}
    for dp, dn, fn in os.walk(root):
        for name in dn + fn:
            p = os.path.join(dp, name)
            out[os.path.relpath(p, root)] = os.lstat(p)
    return out


def same_bytes(a, b):
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            x, y = fa.read(1 << 20), fb.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


def compare(src, dst):
    a, b = walk(src), walk(dst)
    missing = sorted(set(a) - set(b))
    extra = sorted(set(b) - set(a))
    if missing:
        return "CONTENT DIFFERS: %d missing, e.g. %s" % (len(missing), missing[0])
    if extra:
        return "CONTENT DIFFERS: %d unexpected, e.g. %s" % (len(extra), extra[0])
    modes = mtimes = 0
    for rel, sa in sorted(a.items()):
        sb = b[rel]
        if stat.S_IFMT(sa.st_mode) != stat.S_IFMT(sb.st_mode):
            return "CONTENT DIFFERS: %s changed type" % rel
        p, q = os.path.join(src, rel), os.path.join(dst, rel)
        if stat.S_ISREG(sa.st_mode):
            if sa.st_size != sb.st_size or not same_bytes(p, q):
                return "CONTENT DIFFERS: %s" % rel
        elif stat.S_ISLNK(sa.st_mode) and os.readlink(p) != os.readlink(q):
            return "CONTENT DIFFERS: symlink %s" % rel
        if stat.S_IMODE(sa.st_mode) != stat.S_IMODE(sb.st_mode):
            modes += 1
        if not stat.S_ISLNK(sa.st_mode) and int(sa.st_mtime) != int(sb.st_mtime):
            mtimes += 1
    n = len(a)
    if modes == 0 and mtimes == 0:
        return "identical (%d entries: bytes, modes, mtimes)" % n
    return "contents identical (%d entries); %d modes and %d mtimes differ" % (n, modes, mtimes)


def stats(root):
    files = dirs = size = 0
    for _, st in walk(root).items():
        if stat.S_ISDIR(st.st_mode):
            dirs += 1
        elif stat.S_ISREG(st.st_mode):
            files += 1
            size += st.st_size
    return "%d files, %d folders, %.1f MiB" % (files, dirs, size / 2 ** 20)


def main(argv):
    if len(argv) == 3 and argv[1] == "--stats":
        print(stats(argv[2]))
    elif len(argv) == 3:
        print(compare(argv[1], argv[2]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
