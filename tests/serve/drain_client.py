"""SIGTERM drain: N slow requests sent at once; once the server holds them all (answered, queued or
being encoded, per /metrics), SIGTERM; every one must still get its 200 and its rows.
usage: drain_client.py BASE_URL SERVER_PID N"""
import concurrent.futures, os, re, signal, sys, time
import requests

base, pid, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
texts = ['word %d ' % i * 6 for i in range(128)]


def call(_):
    r = requests.post(base + '/embed', json={'inputs': texts}, timeout=600)
    return r.status_code, len(r.json()) if r.status_code == 200 else r.text


def held():
    m = requests.get(base + '/metrics', timeout=60).text
    def val(pat):
        found = re.search(pat, m, re.M)
        return int(float(found.group(1))) if found else 0
    return (val(r'^nsmlab_requests_total\{endpoint="/embed",code="200"\} (\S+)') + val(r'^nsmlab_queue_depth (\S+)')
            + val(r'^nsmlab_encoding_requests (\S+)'))


with concurrent.futures.ThreadPoolExecutor(n) as pool:
    futures = [pool.submit(call, i) for i in range(n)]
    while held() < n:  # every request received (a guard, not a timing assertion)
        time.sleep(0.02)
    os.kill(pid, signal.SIGTERM)
    results = [f.result() for f in futures]
bad = [r for r in results if r != (200, len(texts))]
if bad:
    print('FAIL: requests lost or refused during the SIGTERM drain:', bad[:3], file=sys.stderr)
    sys.exit(1)
print(f'drain: {n} requests answered across SIGTERM')
