#!/usr/bin/env python3
"""Two processes on one repository: a `restore files` that holds it (it waits on its terminal for the
answer about a file that differs), and the commands started meanwhile. Prints one line per command run
under the restore: "NAME<TAB>EXIT<TAB>STDERR" (stderr on one line), then "restore<TAB>EXIT<TAB>PID".
Usage: restore_lock.py RESTORE-ARGV... -- NAME ARGV... [-- NAME ARGV...]"""
import os, pty, select, subprocess, sys, time

argv = sys.argv[1:]
groups, cur = [], []
for a in argv:
    if a == '--':
        groups.append(cur); cur = []
    else:
        cur.append(a)
groups.append(cur)
restore, others = groups[0], groups[1:]

master, slave = pty.openpty()
p = subprocess.Popen(restore, stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
os.close(slave)
seen, deadline = b'', time.time() + 60
while b'[o]verwrite' not in seen:
    if time.time() > deadline or p.poll() is not None:
        print('restore\tnoprompt\t' + seen.decode(errors='replace').replace('\n', ' '))
        sys.exit(1)
    r, _, _ = select.select([p.stderr], [], [], 1)
    if r:
        seen += os.read(p.stderr.fileno(), 4096)
for g in others:
    q = subprocess.run(g[1:], stdin=subprocess.DEVNULL, capture_output=True)
    print('%s\t%d\t%s' % (g[0], q.returncode, q.stderr.decode(errors='replace').strip().replace('\n', ' | ')))
os.write(master, b'o\n')
out, _ = p.communicate(timeout=120)
print('restore\t%d\t%d' % (p.returncode, p.pid))
sys.stdout.flush()
