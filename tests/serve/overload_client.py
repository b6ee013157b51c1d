"""429 with Retry-After: bursts of concurrent requests at a server started with
--max-concurrent-requests 1 until some are refused (each burst has 16 requests of 64 inputs; the
first refusal comes in the first burst in practice; at most 20 bursts, each request 120 s). Every answer is a 200 or a well-formed 429.
usage: overload_client.py BASE_URL"""
import concurrent.futures, sys
import requests

base = sys.argv[1]
texts = ['word %d ' % i * 6 for i in range(64)]


def call(i):
    path, body = ('/embed', {'inputs': texts}) if i % 2 else ('/v1/embeddings', {'input': texts})
    return path, requests.post(base + path, json=body, timeout=120)


refused = 0
for burst in range(20):
    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        for path, r in pool.map(call, range(16)):
            if r.status_code == 200:
                continue
            assert r.status_code == 429, (path, r.status_code, r.text)
            assert r.headers.get('Retry-After') == '1', r.headers
            e = r.json()
            if path == '/embed':
                assert e['error_type'] == 'overloaded', e
            else:
                assert e['error']['type'] == 'rate_limit_exceeded' and e['error']['code'] == 'rate_limit_exceeded', e
            refused += 1
    if refused:
        break
assert refused, 'no request was refused with 429 in 20 bursts at --max-concurrent-requests 1'
print(f'overload: {refused} requests refused with 429 and Retry-After, the others answered')
