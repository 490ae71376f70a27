"""Vendored browser assets: what the maps load, pinned by npm version and checksum.

The site must work with no network, so Leaflet and its one plugin are copied into
``static/vendor/<package>-<version>/`` (version in the folder name, as datasette does) and
committed. ``python -m magnitogorsk_atlas.vendor`` re-fetches them from the npm registry with
``npm pack``, checks npm's integrity hash and rewrites ``vendor.json``; the tests check that
the committed files still match the recorded sha256.
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR_DIR = Path(__file__).parent / "static" / "vendor"
MANIFEST = VENDOR_DIR / "vendor.json"

# npm package -> (version, files to copy from the tarball's package/ folder, licence)
PACKAGES = {
    "leaflet": ("1.9.4", ["dist/leaflet.js", "dist/leaflet.css", "dist/images/layers.png",
                          "dist/images/layers-2x.png", "dist/images/marker-icon.png",
                          "dist/images/marker-icon-2x.png", "dist/images/marker-shadow.png",
                          "LICENSE"], "BSD-2-Clause"),
    "leaflet.sync": ("0.2.4", ["L.Map.Sync.js", "LICENSE"], "BSD-3-Clause"),
}


def folder(package: str) -> str:
    """Folder (relative to static/) that holds one vendored package."""
    version = PACKAGES[package][0]
    return f"vendor/{package}-{version}"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch() -> dict:
    manifest = {}
    for package, (version, files, licence) in PACKAGES.items():
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run(["npm", "pack", f"{package}@{version}", "--json"], cwd=tmp,
                                 check=True, capture_output=True, text=True).stdout
            info = json.loads(out)[0]
            tarball = Path(tmp) / info["filename"]
            algo, _, digest = info["integrity"].partition("-")
            actual = base64.b64encode(hashlib.new(algo, tarball.read_bytes()).digest()).decode()
            if actual != digest:
                raise SystemExit(f"{package}@{version}: npm integrity mismatch")
            dest = VENDOR_DIR / f"{package}-{version}"
            with tarfile.open(tarball) as tar:
                for name in files:
                    data = tar.extractfile(f"package/{name}").read()
                    target = dest / name.removeprefix("dist/")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
        manifest[package] = {
            "version": version, "integrity": info["integrity"], "license": licence,
            "files": {str(p.relative_to(dest)): sha256(p)
                      for p in sorted(dest.rglob("*")) if p.is_file()},
        }
    MANIFEST.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def verify() -> list[str]:
    """Return the vendored files whose bytes no longer match vendor.json."""
    manifest = json.loads(MANIFEST.read_text())
    bad = []
    for package, entry in manifest.items():
        root = VENDOR_DIR / f"{package}-{entry['version']}"
        for name, digest in entry["files"].items():
            path = root / name
            if not path.is_file() or sha256(path) != digest:
                bad.append(str(path))
    return bad


if __name__ == "__main__":
    fetch()
    problems = verify()
    print("vendored:", ", ".join(f"{p}@{v[0]}" for p, v in PACKAGES.items()))
    sys.exit(1 if problems else 0)
