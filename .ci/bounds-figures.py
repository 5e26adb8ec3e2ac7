#!/usr/bin/env python3
"""Figures of issue 16 (F1, F2, F4, F5, F6) for one hostile request against a real
"parley serve --store memory" process. Not run by CI; the lead's and reviewers' tool.

usage: bounds-figures.py BINARY NAME PATH BODYFILE TIMEOUT_S [extra serve args...]
  env CONC=N   send N copies of the request at once
  env FIXED=1  measure CPU for the whole 10 s after the deadline, even if answered
Prints one JSON line: the answer (status, seconds, body), VmHWM of the server in MB,
the server's CPU seconds from the deadline on (window_s long), and how many good
Gizmo queries (Pokrovsk's alternate name), sent every 0.2 s meanwhile, were answered.
Logs go to /tmp/i16e/NAME.log."""
import json, os, re, socket, subprocess, sys, threading, time, urllib.request

binary, name, path, bodyfile, timeout = sys.argv[1:6]
extra = sys.argv[6:]
timeout = float(timeout)
body = open(bodyfile, 'rb').read()
s = socket.socket(); s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]; s.close()
base = f'http://127.0.0.1:{port}'
args = [binary, 'serve', '--store', 'memory', '--addr', f'127.0.0.1:{port}', '--query-timeout', f'{timeout}s'] + extra
p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=open(f'/tmp/i16e/{name}.log', 'w') if os.path.isdir('/tmp/i16e') else subprocess.DEVNULL)
def status_field(f):
    for line in open(f'/proc/{p.pid}/status'):
        if line.startswith(f + ':'):
            return int(line.split()[1]) // 1024
def cpu():
    f = open(f'/proc/{p.pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf('SC_CLK_TCK')
for _ in range(200):
    try:
        urllib.request.urlopen(base + '/healthz', timeout=1).read(); break
    except Exception:
        time.sleep(0.1)
good = 'g.V().has("<https://schema.org/name>", "Pokrovsk").out("<https://schema.org/alternateName>").all()'
def post(path, data, to):
    req = urllib.request.Request(base + path, data=data, method='POST', headers={'Content-Type': 'text/plain'})
    try:
        with urllib.request.urlopen(req, timeout=to) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except Exception as e:
        return 0, str(e).encode()
hwm0 = status_field('VmHWM')
res = {}
def attack():
    t0 = time.time()
    st, b = post(path, body, 600)
    res.update(status=st, secs=round(time.time() - t0, 2), body=b[:160].decode('utf-8', 'replace'))
t0 = time.time()
ths = [threading.Thread(target=attack) for _ in range(int(os.environ.get("CONC","1")))]
for x in ths: x.start()
th = ths[0]
goods = []
stop = False
def gooder():
    time.sleep(0.3)
    while not stop:
        t = time.time(); st, b = post('/api/v1/query/gizmo', good.encode(), 30)
        goods.append((st == 200 and b'Krasnoarmeysk' in b, time.time() - t))
        time.sleep(0.2)
gt = threading.Thread(target=gooder); gt.start()
# CPU from deadline to deadline+10s
while time.time() < t0 + timeout: time.sleep(0.05)
c1 = cpu()
while time.time() < t0 + timeout + 10 and (os.environ.get("FIXED") or th.is_alive() or time.time() < t0 + timeout + 3): time.sleep(0.1)
c2 = cpu(); win = time.time() - (t0 + timeout)
stop = True; gt.join()
th.join(timeout=1)
hwm = status_field('VmHWM')
after_st, after_b = post('/api/v1/query/gizmo', good.encode(), 30)
p.terminate()
try: p.wait(15)
except Exception: p.kill()
print(json.dumps(dict(name=name, attack=res if res else 'no answer', hwm_mb=hwm, hwm0_mb=hwm0,
    cpu_after_deadline=round(c2 - c1, 2), window_s=round(win, 1),
    good_ok=f'{sum(g[0] for g in goods)}/{len(goods)}', good_max_ms=round(max([g[1] for g in goods] or [0]) * 1000),
    good_after=after_st)))
