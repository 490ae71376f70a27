"""A real WordPress for the tests, from Debian's packages, run as child processes.

MariaDB runs with its own data directory and a socket only; PHP's built-in server serves a copy
of /usr/share/wordpress on loopback. WordPress is installed by its own code (install.php), and
posts are written over the REST API as a real administrator or Author, so WordPress's HTML filter
(kses) treats them as it treats a course blog's users. ``WordPress.stop()`` ends both processes.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
WP_SOURCE = Path("/usr/share/wordpress")
PACKAGES = "php-cli php-mysql mariadb-server wordpress"


def missing() -> str | None:
    """Why a WordPress cannot run here, or None."""
    for tool in ("php", "mariadb-install-db", "mariadb"):
        if not shutil.which(tool):
            return f"'{tool}' is not installed (apt-get install {PACKAGES})"
    if not _mariadbd():
        return f"mariadbd is not installed (apt-get install {PACKAGES})"
    if not (WP_SOURCE / "wp-settings.php").is_file():
        return f"{WP_SOURCE} is missing (apt-get install {PACKAGES})"
    modules = subprocess.run(["php", "-m"], capture_output=True, text=True).stdout.split()
    if "mysqli" not in modules:
        return f"PHP has no mysqli (apt-get install {PACKAGES})"
    return None


def _mariadbd() -> str | None:
    return shutil.which("mariadbd") or next((p for p in ("/usr/sbin/mariadbd", "/usr/sbin/mysqld")
                                             if Path(p).is_file()), None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(check, what: str, log: Path, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
    raise RuntimeError(f"{what} did not start within {timeout:.0f} s; {log}:\n{tail}")


class WordPress:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.socket = self.root / "mysqld.sock"
        self.processes: list[subprocess.Popen] = []
        self.users: dict = {}
        self.version = ""

    # ---- life cycle ---------------------------------------------------------------------
    def start(self) -> "WordPress":
        try:
            self._start_database()
            self._copy_wordpress()
            self._install()
            self._start_php()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self):
        # Each server leads its own process group: PHP's workers are its children.
        for process in reversed(self.processes):
            for sig in (signal.SIGTERM, signal.SIGKILL):
                try:
                    os.killpg(process.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    process.wait(timeout=20)
                    break
                except subprocess.TimeoutExpired:
                    continue
        self.processes.clear()

    def _spawn(self, args, log: Path, env=None) -> subprocess.Popen:
        handle = log.open("ab")
        process = subprocess.Popen(args, stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   env=env, cwd=self.root, start_new_session=True)
        handle.close()
        self.processes.append(process)
        return process

    def _start_database(self):
        datadir = self.root / "db"
        as_root = ["--user=root"] if os.geteuid() == 0 else []  # mariadbd refuses root without it
        log = self.root / "mariadb.log"
        # --no-defaults: nothing from /etc/mysql (a system server's socket, datadir or user).
        subprocess.run(["mariadb-install-db", "--no-defaults", f"--datadir={datadir}", *as_root,
                        "--auth-root-authentication-method=normal", "--skip-test-db"],
                       check=True, stdout=log.open("ab"), stderr=subprocess.STDOUT)
        self._spawn([_mariadbd(), "--no-defaults", f"--datadir={datadir}", f"--socket={self.socket}",
                     "--skip-networking", f"--pid-file={self.root / 'mariadb.pid'}", *as_root,
                     "--skip-log-bin", "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M",
                     "--innodb-flush-log-at-trx-commit=0", "--skip-innodb-doublewrite",
                     f"--log-error={log}"], log)
        _wait(lambda: self._sql("CREATE DATABASE IF NOT EXISTS wordpress"), "MariaDB", log)

    def _sql(self, statement: str) -> bool:
        done = subprocess.run(["mariadb", "--no-defaults", f"--socket={self.socket}", "-uroot", "-e", statement],
                              capture_output=True)
        return done.returncode == 0

    def _copy_wordpress(self):
        self.dir = self.root / "wp"
        # Hard links where the file system allows (fast); WordPress only reads its own files.
        def link_or_copy(src, dst):
            try:
                os.link(src, dst)
            except OSError:
                shutil.copy2(src, dst)
        shutil.copytree(WP_SOURCE, self.dir, symlinks=True, copy_function=link_or_copy,
                        ignore=shutil.ignore_patterns("languages"))
        # Debian's wp-config.php reads /etc/wordpress and points wp-content to /var/lib/wordpress:
        # this copy gets its own configuration and keeps its own wp-content (themes, plugins).
        config = self.dir / "wp-config.php"
        config.unlink()
        salts = "".join(f"define('{key}', '{os.urandom(16).hex()}');\n" for key in (
            "AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY",
            "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"))
        home = self.url.rstrip("/")
        config.write_text(f"""<?php
/* The test blog's configuration (tests/wordpress/__init__.py writes it). */
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:{self.socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
{salts}$table_prefix = 'wp_';
define('WP_HOME', '{home}');
define('WP_SITEURL', '{home}');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_ENVIRONMENT_TYPE', 'local');  /* application passwords without HTTPS */
define('DISABLE_WP_CRON', true);         /* no request from WordPress to itself */
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);  /* never wordpress.org; its own host (the atlas's) stays allowed */
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', '{self.root / "debug.log"}');
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
""")
        plugins = self.dir / "wp-content" / "mu-plugins"
        plugins.mkdir(exist_ok=True)
        shutil.copy2(HERE / "atlas-test-loopback.php", plugins / "atlas-test-loopback.php")

    def _install(self):
        done = subprocess.run(["php", str(HERE / "install.php"), str(self.dir)], capture_output=True, text=True,
                              env={**os.environ, "HTTP_HOST": f"127.0.0.1:{self.port}"}, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"WordPress install failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        self.version, self.users = result["version"], result["users"]

    def _start_php(self):
        log = self.root / "php.log"
        # Several workers, or a request that makes WordPress fetch a URL would wait on itself.
        env = {**os.environ, "PHP_CLI_SERVER_WORKERS": "4"}
        self._spawn(["php", "-S", f"127.0.0.1:{self.port}", "-t", str(self.dir), str(HERE / "router.php")],
                    log, env=env)
        _wait(lambda: self._up(), "PHP's server", log)

    def _up(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "wp-login.php", timeout=5) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    # ---- as a user --------------------------------------------------------------------------
    def rest(self, user: str, route: str, data: dict | None = None, query: str = "") -> dict | list:
        """Call the REST API as ``user`` (with the application password the install made)."""
        token = base64.b64encode(f"{user}:{self.users[user]['password']}".encode()).decode()
        request = urllib.request.Request(
            f"{self.url}?rest_route={route}{query}", method="POST" if data is not None else "GET",
            data=json.dumps(data).encode() if data is not None else None,
            headers={"Authorization": f"Basic {token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"REST {route} as {user}: {exc.code} {exc.read()[:500]!r}") from None

    def publish(self, user: str, title: str, content: str) -> dict:
        """A published post by ``user``; returns WordPress's view of it (link, stored content)."""
        post = self.rest(user, "/wp/v2/posts", {"title": title, "content": content, "status": "publish"})
        return self.rest(user, f"/wp/v2/posts/{post['id']}", query="&context=edit")
