"""nsmlab serve's API shapes and error paths with Python requests (run by tests/cli/serve_api.sh).
usage: api_client.py BASE_URL EMBED_NORMALIZED.npy EMBED_RAW.npy EMBED_DOCUMENT.npy TEXTS_FILE"""
import array, ast, base64, concurrent.futures, json, socket, struct, sys
import requests

base, npy_norm, npy_raw, npy_doc, texts_file = sys.argv[1:6]
texts = open(texts_file, encoding='utf-8').read().splitlines()
JSON = {'Content-Type': 'application/json'}


def fail(msg):
    print('FAIL:', msg, file=sys.stderr)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def load_npy(path):
    b = open(path, 'rb').read()
    hl = int.from_bytes(b[8:10], 'little')
    h = ast.literal_eval(b[10:10 + hl].decode())
    a = array.array('f')
    a.frombytes(b[10 + hl:])
    return h['shape'], a


def as_f32(rows):  # JSON numbers -> the float32 bytes they denote (exact: they were written from float32)
    return b''.join(struct.pack('<%df' % len(r), *r) for r in rows)


def post(path, body, **kw):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return requests.post(base + path, data=data, headers=JSON, timeout=120, **kw)


def expect_error(path, body, status, param=None):
    r = post(path, body)
    check(r.status_code == status, f'{path} {str(body)[:80]!r}: status {r.status_code}, expected {status}: {r.text}')
    e = r.json()
    if path.startswith('/v1/'):
        err = e.get('error')
        check(isinstance(err, dict) and set(err) == {'message', 'type', 'param', 'code'}, f'OpenAI error shape: {e}')
        check(isinstance(err['message'], str) and err['message'], f'OpenAI error message: {e}')
        if param:
            check(err['param'] == param, f'OpenAI error param {err["param"]!r}, expected {param!r}')
    else:
        check(set(e) == {'error', 'error_type'} and isinstance(e['error'], str), f'TEI error shape: {e}')
    return r


# /health, /info
check(requests.get(base + '/health', timeout=30).status_code == 200, '/health')
info = requests.get(base + '/info', timeout=30).json()
for k in ('model_id', 'model_dtype', 'max_input_length', 'max_client_batch_size', 'max_batch_tokens', 'version'):
    check(k in info, f'/info lacks {k}: {info}')
dim = info['dimension']

# /embed: a string gives one row, a list one row per input; bit for bit equal to `nsmlab embed`.
(n, d), ref_norm = load_npy(npy_norm)
check(d == dim and n == len(texts), 'fixture shapes')
r = post('/embed', {'inputs': texts[0]})
check(r.status_code == 200, f'/embed string: {r.status_code} {r.text}')
one = r.json()
check(len(one) == 1 and len(one[0]) == dim, '/embed string shape')
check(as_f32(one) == ref_norm[:dim].tobytes(), '/embed string != nsmlab embed --normalize')
rows = post('/embed', {'inputs': texts}).json()
check(as_f32(rows) == ref_norm.tobytes(), '/embed list != nsmlab embed --normalize (bit for bit)')
rows = post('/embed', {'inputs': texts, 'normalize': False}).json()
check(as_f32(rows) == load_npy(npy_raw)[1].tobytes(), '/embed normalize=false != nsmlab embed')
rows = post('/embed', {'inputs': texts, 'normalize': True, 'prompt_name': 'document', 'truncate': False}).json()
check(as_f32(rows) == load_npy(npy_doc)[1].tobytes(), '/embed prompt_name=document != embed --no-default-prompt')

# /v1/embeddings: normalised floats, base64 of the same float32 bytes, dimensions renormalised.
r = post('/v1/embeddings', {'input': texts, 'model': 'my-model'})
check(r.status_code == 200, f'/v1/embeddings: {r.status_code} {r.text}')
o = r.json()
check(o['object'] == 'list' and o['model'] == 'my-model', f'OpenAI envelope: {list(o)}')
check([x['index'] for x in o['data']] == list(range(len(texts))), 'OpenAI indices')
check(all(x['object'] == 'embedding' for x in o['data']), 'OpenAI object')
check(o['usage']['prompt_tokens'] == o['usage']['total_tokens'] > 0, f'usage {o["usage"]}')
check(as_f32([x['embedding'] for x in o['data']]) == ref_norm.tobytes(), '/v1/embeddings != embed --normalize')
b = post('/v1/embeddings', {'input': texts, 'encoding_format': 'base64'}).json()
check(b''.join(base64.b64decode(x['embedding']) for x in b['data']) == ref_norm.tobytes(), 'base64 bytes')
s = post('/v1/embeddings', {'input': texts[1], 'dimensions': 8}).json()['data']
check(len(s) == 1 and len(s[0]['embedding']) == 8, 'dimensions=8 shape')
full = ref_norm[dim:dim + 8]
norm = sum(x * x for x in full) ** 0.5
check(all(abs(a - x / norm) < 1e-6 for a, x in zip(s[0]['embedding'], full)), 'dimensions: truncated and renormalised')
check(abs(sum(x * x for x in s[0]['embedding']) - 1) < 1e-5, 'dimensions: unit length')

# Errors: 400 malformed, 422 refused, 413 too large, 404; each in its API's body shape.
for path, field in (('/embed', 'inputs'), ('/v1/embeddings', 'input')):
    expect_error(path, '{"' + field + '": ', 400)                       # not JSON
    expect_error(path, b'{"' + field.encode() + b'": "\xff\xfe"}', 400)  # not UTF-8
    expect_error(path, '[' * 20000 + ']' * 20000, 400)              # nested too deep
    expect_error(path, '"just a string"', 400)                         # not an object
    expect_error(path, {field: 3}, 400, field)                          # wrong type
    expect_error(path, {field: ['ok', 7]}, 400, field)                  # wrong element type
    expect_error(path, {}, 422, field)                                  # missing
    expect_error(path, {field: []}, 422, field)                         # empty
    expect_error(path, {field: ['x'] * (info['max_client_batch_size'] + 1)}, 422, field)  # too many inputs
    expect_error(path, {field: 'word ' * (4 * info['max_input_length'])}, 422)            # too many tokens
expect_error('/embed', {'inputs': 'x', 'normalize': 'yes'}, 400)
expect_error('/embed', {'inputs': 'x', 'truncate': 1}, 400)
expect_error('/embed', {'inputs': 'x', 'prompt_name': 'no-such-prompt'}, 422)
expect_error('/embed', {'inputs': 'x', 'truncation_direction': 'Left'}, 422)
expect_error('/v1/embeddings', {'input': 'x', 'encoding_format': 'int8'}, 422, 'encoding_format')
expect_error('/v1/embeddings', {'input': 'x', 'dimensions': 0}, 422, 'dimensions')
expect_error('/v1/embeddings', {'input': 'x', 'dimensions': dim + 1}, 422, 'dimensions')
expect_error('/v1/embeddings', {'input': 'x', 'dimensions': -3}, 400, 'dimensions')
expect_error('/v1/embeddings', {'input': 'x', 'dimensions': 2.5}, 400, 'dimensions')
expect_error('/v1/embeddings', {'input': 'x', 'model': 5}, 400, 'model')
big = json.dumps({'inputs': 'a' * (info['payload_limit'] + 10)})
expect_error('/embed', big, 413)
expect_error('/v1/embeddings', big, 413)
r = requests.get(base + '/no-such-endpoint', timeout=30)
check(r.status_code == 404 and 'error' in r.json(), f'404: {r.status_code} {r.text}')
# truncate=true takes what truncate=false refuses.
r = post('/embed', {'inputs': 'word ' * (4 * info['max_input_length']), 'truncate': True})
check(r.status_code == 200 and len(r.json()) == 1, f'truncate=true: {r.status_code} {r.text}')

# One bad request never harms the others: good and bad requests at once, every good one exact.
bad = ['{"inputs": [', b'{"inputs": "\xc3\x28"}', {'inputs': 'word ' * 100}, {'inputs': [1]}, {'inputs': []}]
def one_call(i):
    if i % 3 == 0:
        return ('bad', post('/embed', bad[(i // 3) % len(bad)]).status_code)
    k = i % len(texts)
    rows = post('/embed', {'inputs': [texts[k]]}).json()
    return ('good', as_f32(rows) == ref_norm[k * dim:(k + 1) * dim].tobytes())
with concurrent.futures.ThreadPoolExecutor(16) as pool:
    results = list(pool.map(one_call, range(48)))
check(all(v for kind, v in results if kind == 'good'), 'a good request next to bad ones was harmed')
check(all(400 <= v < 500 for kind, v in results if kind == 'bad'), f'bad requests: {results}')

# A client that never finishes its body is dropped after --read-timeout; others are served meanwhile.
host, port = base.split('//')[1].split(':')
slow = socket.create_connection((host, int(port)))
slow.sendall(b'POST /embed HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"inp')
rows = post('/embed', {'inputs': texts}).json()
check(as_f32(rows) == ref_norm.tobytes(), 'served while a client stalls')
slow.settimeout(300)  # a guard against hanging forever, not a timing assertion
try:
    while slow.recv(4096):
        pass
except ConnectionResetError:
    pass
slow.close()

metrics = requests.get(base + '/metrics', timeout=30).text
for name in ('nsmlab_requests_total{endpoint="/embed",code="200"}', 'nsmlab_request_duration_seconds_bucket',
             'nsmlab_batch_size_bucket', 'nsmlab_queue_depth', 'nsmlab_tokens_total', 'nsmlab_tokens_per_second'):
    check(name in metrics, f'/metrics lacks {name}')
print('serve API: all checks passed')
