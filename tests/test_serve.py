"""`mkdocs serve` runs the atlas pipeline and rebuilds when a geodata file changes."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_geodata_changes(tmp_path):
    root = copy_project(tmp_path / "project")
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=root, stdout=log, stderr=subprocess.STDOUT)
    try:
        def index():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/maps/index.json", timeout=2) as r:
                    return json.loads(r.read())
            except OSError:
                return None
        assert wait_for(index), (tmp_path / "serve.log").read_text()[-2000:]
        assert index()["maps"][0]["id"] == "overview"
        # rename a map in the data: the served index must follow
        maps = root / "geodata" / "maps.yml"
        maps.write_text(maps.read_text().replace('title: "The city of fragments, 1929–1939"',
                                                 'title: "The city of fragments (renamed)"'))
        assert wait_for(lambda: (index() or {"maps": [{}]})["maps"][0].get("title") ==
                        "The city of fragments (renamed)"), (tmp_path / "serve.log").read_text()[-2000:]
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
