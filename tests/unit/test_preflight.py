"""Avant démarrage : modèle lisible, base de conversations inscriptible ; sinon un message qui le dit."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from ops.preflight import model_problem, tracker_store_problem
from ops.serve import ROOT, Services, StartError


def _model(path: Path, members: dict) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_model_checks(tmp_path):
    assert "introuvable" in model_problem(tmp_path / "absent.tar.gz")
    (tmp_path / "bad.tar.gz").write_bytes(b"pas une archive")
    assert "corrompu" in model_problem(tmp_path / "bad.tar.gz")
    assert "metadata.json absent" in model_problem(_model(tmp_path / "empty.tar.gz", {"x.txt": b"x"}))
    assert model_problem(_model(tmp_path / "ok.tar.gz", {"metadata.json": b"{}"})) is None


def test_truncated_model_is_corrupt(tmp_path):
    good = _model(tmp_path / "ok.tar.gz", {"metadata.json": b"{}", "big.bin": bytes(range(256)) * 4000})
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(good.read_bytes()[:2000])
    assert "corrompu" in model_problem(cut)


def test_tracker_store_checks(tmp_path):
    assert tracker_store_problem(tmp_path / "new" / "tracker.db") is None
    assert "n'est pas un fichier" in tracker_store_problem(tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert "impossible de créer le dossier" in tracker_store_problem(blocker / "tracker.db")


def test_services_refuse_to_start_on_an_unusable_tracker_store(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    model = _model(tmp_path / "ok.tar.gz", {"metadata.json": b"{}"})
    services = Services(rasa_port=1, action_port=1, model=model, var_dir=tmp_path,
                        env_extra={"TRACKER_DB": str(blocker / "tracker.db")})
    with pytest.raises(StartError, match="Base des conversations .*TRACKER_DB"):
        services.start(timeout=1)
    assert services.processes == {}  # nothing was started, nothing to crash-loop


def test_services_refuse_a_corrupt_model(tmp_path):
    (tmp_path / "bad.tar.gz").write_bytes(b"\x1f\x8b garbage")
    services = Services(rasa_port=1, action_port=1, model=tmp_path / "bad.tar.gz", var_dir=tmp_path)
    with pytest.raises(StartError, match="corrompu.*make train"):
        services.start(timeout=1)


def test_preflight_command_puts_a_corrupt_model_aside(tmp_path):
    model = tmp_path / "cecaz.tar.gz"
    model.write_bytes(b"garbage")
    result = subprocess.run([sys.executable, "-m", "ops.preflight", "--model", str(model)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "corrompu" in result.stderr and "va être entraîné" in result.stderr
    assert not model.exists() and len(list(tmp_path.glob("cecaz.tar.gz.corrompu-*"))) == 1


def test_serve_command_stops_at_once_on_an_unusable_tracker_store(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    model = _model(tmp_path / "ok.tar.gz", {"metadata.json": b"{}"})
    env = {**os.environ, "TRACKER_DB": str(blocker / "tracker.db"), "RASA_PORT": "1", "ACTION_PORT": "1"}
    result = subprocess.run([sys.executable, "-m", "ops.serve", "--model", str(model)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Erreur : Base des conversations" in result.stderr and str(blocker) in result.stderr
    assert "Traceback" not in result.stderr
