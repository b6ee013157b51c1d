#!/usr/bin/env python3
"""A local stand-in for the Hugging Face hub, for tests/cli/pull.sh (no internet needed).

Speaks the URL scheme and headers huggingface_hub uses for a tiny model folder:
  GET  /api/models/{org}/{name}/revision/{rev}        {"sha": commit, "siblings": [...]}
  HEAD /{org}/{name}/resolve/{rev}/{file}             small files: 307 to a *relative*
       /api/resolve-cache/models/... (200, ETag); LFS files (model.safetensors): 302 to the
       CDN stand-in on another port, with X-Linked-Etag (sha256) and X-Linked-Size
  GET  on the CDN: the first GET of each blob is cut after half its bytes (a dropped
       connection); a Range request gets 206. A request carrying Authorization is refused.
Repositories: nsmlab-test/tiny; nsmlab-test/gated (401 without "Bearer secret");
nsmlab-test/corrupt (the CDN sends a byte changed); nsmlab-test/slow (the first GET of its
weights stalls after half the bytes, for the test to kill the pull). Every repository lists
special_tokens_map.json, which answers 404 with X-Repo-Commit, and files a model does not need.
Usage: fake_hub.py MODEL_DIR PORTS_FILE LOG_FILE  (writes "HUB_PORT CDN_PORT" when ready)
"""
import hashlib, http.server, json, os, socket, sys, threading, time, urllib.parse

MODEL, PORTS, LOG = sys.argv[1], sys.argv[2], sys.argv[3]
COMMITS = {"tiny": "1" * 40, "gated": "2" * 40, "corrupt": "3" * 40, "slow": "4" * 40}
LFS = {"model.safetensors"}
FILES = {}
for root, _, names in os.walk(MODEL):
    for n in names:
        p = os.path.join(root, n)
        rel = os.path.relpath(p, MODEL)
        if rel.endswith(".npy") or rel == "ids.json":
            continue
        FILES[rel] = open(p, "rb").read()
UNNEEDED = {"README.md": b"# tiny\n", "onnx/model.onnx": b"not needed"}
MISSING = "special_tokens_map.json"
lock = threading.Lock()
served_cut = set()


def log(line):
    with lock, open(LOG, "a") as f:
        f.write(line + "\n")


def sha256(b):
    return hashlib.sha256(b).hexdigest()


def git_etag(b):
    return hashlib.sha1(b"blob %d\0" % len(b) + b).hexdigest()


class Hub(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def answer(self, code, headers=(), body=b""):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def repo(self, org, name):
        if org != "nsmlab-test" or name not in COMMITS:
            return None
        if name == "gated" and self.headers.get("Authorization") != "Bearer secret":
            return "denied"
        return name

    def do_GET(self):
        self.route()

    def do_HEAD(self):
        self.route()

    def route(self):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        log(f"hub {self.command} {path} auth={self.headers.get('Authorization')}")
        parts = path.strip("/").split("/")
        if parts[:2] == ["api", "models"] and len(parts) >= 6 and parts[4] == "revision":
            repo = self.repo(parts[2], parts[3])
            if repo is None:
                return self.answer(404, [("X-Error-Code", "RepoNotFound")])
            if repo == "denied":
                return self.answer(401, [("X-Error-Code", "GatedRepo")])
            files = sorted(FILES) + sorted(UNNEEDED) + [MISSING]
            body = json.dumps({"id": "nsmlab-test/" + repo, "sha": COMMITS[repo],
                               "siblings": [{"rfilename": f} for f in files]}).encode()
            return self.answer(200, [("Content-Type", "application/json")], body)
        if parts[:3] == ["api", "resolve-cache", "models"] and len(parts) >= 7:
            repo, file = self.repo(parts[3], parts[4]), "/".join(parts[6:])
            return self.small_file(repo, file)
        if len(parts) >= 5 and parts[2] == "resolve":
            repo, rev, file = self.repo(parts[0], parts[1]), parts[3], "/".join(parts[4:])
            if repo is None:
                return self.answer(404)
            if repo == "denied":
                return self.answer(401, [("X-Error-Code", "GatedRepo")])
            commit = COMMITS[repo]
            if file in UNNEEDED:
                return self.answer(500, body=b"this file is not needed")
            if file == MISSING:
                return self.answer(404, [("X-Repo-Commit", commit), ("X-Error-Code", "EntryNotFound")])
            if file in LFS:
                data = FILES[file]
                cdn = f"http://127.0.0.1:{CDN_PORT}/blobs/{repo}/{sha256(data)}?sig=x"
                return self.answer(302, [("Location", cdn), ("X-Repo-Commit", commit),
                                         ("X-Linked-Etag", f'"{sha256(data)}"'), ("X-Linked-Size", str(len(data))),
                                         ("ETag", '"' + git_etag(b"pointer") + '"')])
            where = f"/api/resolve-cache/models/nsmlab-test/{repo}/{commit}/{urllib.parse.quote(file)}"
            return self.answer(307, [("Location", where), ("X-Repo-Commit", commit)])
        return self.answer(404)

    def small_file(self, repo, file):
        if repo in (None, "denied") or file not in FILES:
            return self.answer(401 if repo == "denied" else 404)
        data = FILES[file]
        self.answer(200, [("X-Repo-Commit", COMMITS[repo]), ("ETag", f'"{git_etag(data)}"')], data)


class Cdn(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_GET(self):
        parts = urllib.parse.urlsplit(self.path).path.strip("/").split("/")
        rng = self.headers.get("Range")
        log(f"cdn GET {'/'.join(parts)} range={rng} auth={self.headers.get('Authorization')}")
        if self.headers.get("Authorization"):
            return self.fail(403, b"the token was sent to the CDN")
        data = FILES["model.safetensors"]
        if parts[1] == "corrupt":
            data = data[:100] + bytes([data[100] ^ 1]) + data[101:]
        start = int(rng.split("=")[1].split("-")[0]) if rng else 0
        key = "/".join(parts)
        with lock:
            cut = key not in served_cut and not rng
            served_cut.add(key)
        self.send_response(206 if rng else 200)
        self.send_header("Content-Length", str(len(data) - start))
        if rng:
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.end_headers()
        if cut and parts[1] == "slow":  # stalls: the test kills the client meanwhile
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            time.sleep(60)
            return
        if cut:  # a dropped connection mid-file
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        self.wfile.write(data[start:])

    def fail(self, code, body):
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


hub = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hub)
cdn = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Cdn)
CDN_PORT = cdn.server_address[1]
threading.Thread(target=cdn.serve_forever, daemon=True).start()
with open(PORTS + ".tmp", "w") as f:
    f.write(f"{hub.server_address[1]} {CDN_PORT}\n")
os.rename(PORTS + ".tmp", PORTS)
hub.serve_forever()
