"""The benchmark script still runs (tiny sizes). It measures; this only keeps it from rotting."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_benchmark_runs_and_reports_every_figure(tmp_path):
    out = tmp_path / "results.json"
    script = Path(__file__).parent / "benchmark.py"
    run = subprocess.run([sys.executable, str(script), "--runs", "1", "--sizes", "20", "--out", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    results = json.loads(out.read_text())
    assert set(results) >= {"build", "pages", "bare_leaflet", "folium_default", "render", "scaling", "targets"}
    assert results["scaling"][0]["features"] == 20 and results["scaling"][0]["ready_ms"] > 0
    assert "targets:" in run.stdout
