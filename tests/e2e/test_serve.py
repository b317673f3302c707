"""`python -m ops.serve` (ce que lance `make run`) : prêt, puis arrêté par SIGTERM sans laisser d'orphelin."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import List

from ops.serve import READINESS_QUESTION, ROOT, ask, free_port, is_ready_reply, readiness_expected
from tests.e2e.conftest import FIXED_NOW, MODEL, wait_until


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()


def _ready(proc: subprocess.Popen, log: Path) -> bool:
    """Vrai quand `ops.serve` a écrit « Prêt. » ; échoue tout de suite s'il s'est arrêté avant."""
    text = log.read_text()
    assert proc.poll() is None, f"ops.serve s'est arrêté (code {proc.returncode}) :\n{text}"
    return "Prêt." in text


def test_serve_answers_then_stops_its_children_on_sigterm(tmp_path: Path) -> None:
    rasa_port, action_port = free_port(), free_port()
    env = {**os.environ, "RASA_PORT": str(rasa_port), "ACTION_PORT": str(action_port), "CECAZ_NOW": FIXED_NOW,
           "CECAZ_VAR_DIR": str(tmp_path / "var"), "TRACKER_DB": str(tmp_path / "var" / "tracker.db")}
    with open(tmp_path / "serve.log", "w") as log:  # the child keeps its own descriptor
        proc = subprocess.Popen([sys.executable, "-m", "ops.serve", "--model", str(MODEL)], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        wait_until(lambda: _ready(proc, tmp_path / "serve.log"), 240, "« Prêt. » dans le journal de ops.serve")
        replies = ask(f"http://127.0.0.1:{rasa_port}", READINESS_QUESTION)
        assert is_ready_reply(replies, readiness_expected()), replies
        assert (tmp_path / "var" / "tracker.db").exists() and (tmp_path / "var" / "log" / "rasa.log").exists()
        endpoints = (tmp_path / "var" / "endpoints.yml").read_text(encoding="utf-8")
        assert f"http://127.0.0.1:{action_port}/webhook" in endpoints
        assert str(tmp_path / "var" / "tracker.db") in endpoints
        children = subprocess.run(["pgrep", "-f", f"port {rasa_port}|port {action_port}"],
                                  capture_output=True, text=True).stdout.split()
        assert len(children) >= 2
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        # Every process of the servers got SIGTERM from ops.serve: each one ends, none is left as an orphan.
        wait_until(lambda: not [pid for pid in children if _alive(int(pid))], 15, f"processus {children} arrêtés")
    finally:
        if proc.poll() is None:  # failed half-way: still stop the servers it started
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)


def _action_server_pids(action_port: int) -> List[int]:
    found = subprocess.run(["pgrep", "-f", "--", f"ops.action_server --port {action_port}"], capture_output=True,
                           text=True)
    return [int(pid) for pid in found.stdout.split()]


def test_serve_restarts_a_crashed_action_server_and_keeps_rasa_serving(tmp_path: Path) -> None:
    """Issue 13, point 8 : avant, la mort du serveur d'actions arrêtait aussi Rasa (« Le service « actions »
    s'est arrêté ») ; le mode dégradé n'était jamais vu avec `make run`. Le lanceur relance le service."""
    rasa_port, action_port = free_port(), free_port()
    env = {**os.environ, "RASA_PORT": str(rasa_port), "ACTION_PORT": str(action_port), "CECAZ_NOW": FIXED_NOW,
           "CECAZ_VAR_DIR": str(tmp_path / "var"), "TRACKER_DB": str(tmp_path / "var" / "tracker.db")}
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "ops.serve", "--model", str(MODEL)], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{rasa_port}"
    try:
        wait_until(lambda: _ready(proc, log_path), 240, "« Prêt. » dans le journal de ops.serve")
        assert is_ready_reply(ask(url, READINESS_QUESTION, sender="avant"), readiness_expected())
        rasa_pids = subprocess.run(["pgrep", "-f", "--", f"--port {rasa_port}"], capture_output=True, text=True).stdout
        (crashed,) = _action_server_pids(action_port)
        os.kill(crashed, signal.SIGKILL)  # a crash, not a clean stop
        wait_until(lambda: not _alive(crashed), 10, "serveur d'actions tué")
        started = time.monotonic()
        degraded = "\n".join(r.get("text") or "" for r in ask(url, READINESS_QUESTION, sender="pendant", timeout=10))
        assert time.monotonic() - started < 2.0
        assert "Je ne peux pas répondre pour le moment" in degraded, degraded
        # Restarted by the launcher, nobody touching anything: the answers come back.
        wait_until(lambda: is_ready_reply(ask(url, READINESS_QUESTION, sender="apres", timeout=10),
                                          readiness_expected()), 120, "réponse normale après la relance")
        assert proc.poll() is None, log_path.read_text()
        text = log_path.read_text()
        assert "Le service « actions » s'est arrêté (code -9) ; redémarrage dans 1 s (essai 1/5)." in text, text
        assert "Redémarrage du service « actions »…" in text and "Erreur" not in text
        assert subprocess.run(["pgrep", "-f", "--", f"--port {rasa_port}"], capture_output=True,
                              text=True).stdout == rasa_pids  # the same Rasa server went on serving
        assert _action_server_pids(action_port) not in ([], [crashed])
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
