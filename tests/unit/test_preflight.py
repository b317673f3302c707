"""Avant démarrage : modèle lisible, base de conversations inscriptible, réglages valables ; sinon un message
qui le dit. Prêt : la réponse contient le numéro que le catalogue donne à cet instant."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

from cecaz.catalogue import DEFAULT_DIR, CatalogueStore, load_catalogue
from ops.preflight import model_problem, tracker_store_problem
from ops.serve import READINESS_QUESTION, ROOT, Services, StartError, is_ready_reply, readiness_expected


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


def test_serve_command_refuses_a_bad_setting_in_french(tmp_path):
    model = _model(tmp_path / "ok.tar.gz", {"metadata.json": b"{}"})
    env = {**os.environ, "RASA_PORT": "cinq-mille", "CECAZ_VAR_DIR": str(tmp_path / "var")}
    result = subprocess.run([sys.executable, "-m", "ops.serve", "--model", str(model)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Erreur : RASA_PORT='cinq-mille' : un numéro de port entier" in result.stderr
    assert "Traceback" not in result.stderr


def _catalogue_copy(directory: Path) -> Path:
    directory.mkdir()
    for source in DEFAULT_DIR.glob("*.yml"):
        (directory / source.name).write_bytes(source.read_bytes())
    return directory


def _new_number(old: str) -> str:
    """Un autre numéro bien formé, de même format que `old`."""
    return old[:-2] + ("01" if not old.endswith("01") else "02")


def test_readiness_expects_the_client_numbers_of_sp_plus_from_the_catalogue() -> None:
    cat = load_catalogue(DEFAULT_DIR)
    expected = readiness_expected()
    assert expected and expected == [c.telephone for _, c in cat.contacts_for("sp_plus")
                                     if c.public == "clients" and c.telephone]


def test_readiness_follows_a_number_changed_in_the_catalogue(tmp_path, monkeypatch):
    old = readiness_expected()[0]
    new = _new_number(old)
    copy = _catalogue_copy(tmp_path / "catalogue")
    contacts = copy / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace(f'"{old}"', f'"{new}"'), encoding="utf-8")
    assert new in readiness_expected(copy) and old not in readiness_expected(copy)
    # Through the environment, as the servers see it.
    services = Services(rasa_port=1, action_port=1, model=tmp_path / "m.tar.gz", var_dir=tmp_path,
                        env_extra={"CECAZ_CATALOGUE_DIR": str(copy)})
    assert services.effective_settings().catalogue_dir == copy
    monkeypatch.setenv("CECAZ_CATALOGUE_DIR", str(copy))
    assert new in readiness_expected(CatalogueStore().directory)


class _Running:
    """Un processus enfant qui tourne toujours (pour `Services._check_alive`)."""

    returncode = None

    def poll(self):
        return None


def test_wait_rasa_reads_the_catalogue_afresh_at_each_attempt(tmp_path, monkeypatch):
    old = readiness_expected()[0]
    new = _new_number(old)
    copy = _catalogue_copy(tmp_path / "catalogue")
    contacts = copy / "contacts.yml"
    services = Services(rasa_port=1, action_port=1, model=tmp_path / "m.tar.gz", var_dir=tmp_path,
                        env_extra={"CECAZ_CATALOGUE_DIR": str(copy)})
    services.processes["rasa"] = _Running()  # type: ignore[assignment]
    attempts = []

    def bot_answers_the_new_number(rasa_url, text, sender=None, timeout=30.0, token=None):
        attempts.append(text)
        if len(attempts) == 2:  # the catalogue is edited while Rasa starts
            contacts.write_text(contacts.read_text(encoding="utf-8").replace(f'"{old}"', f'"{new}"'),
                                encoding="utf-8")
        return [{"text": f"Assistance SP+ : {new}"}]

    monkeypatch.setattr("ops.serve.ask", bot_answers_the_new_number)
    monkeypatch.setattr("ops.serve.time.sleep", lambda _: None)
    services.wait_rasa(timeout=30)
    assert attempts[0] == READINESS_QUESTION and len(attempts) == 3


def test_wait_rasa_fails_when_the_reply_lacks_the_catalogue_number(tmp_path, monkeypatch):
    services = Services(rasa_port=1, action_port=1, model=tmp_path / "m.tar.gz", var_dir=tmp_path)
    services.processes["rasa"] = _Running()  # type: ignore[assignment]
    monkeypatch.setattr("ops.serve.ask", lambda *args, **kwargs: [{"text": "Bonjour"}])
    with pytest.raises(StartError, match="ne répond pas correctement"):
        services.wait_rasa(timeout=1.5)


def test_is_ready_reply():
    assert is_ready_reply([{"text": "a"}, {"text": "Appelez le 01 02 03 04 05"}], ["01 02 03 04 05", "x"])
    assert not is_ready_reply([{"text": "Appelez le 01 02 03 04 06"}, {"image": "i.png"}], ["01 02 03 04 05"])
    assert is_ready_reply([{"text": "une réponse"}], []) and not is_ready_reply([], [])


def test_effective_endpoints_file(tmp_path):
    services = Services(rasa_port=1, action_port=4321, model=tmp_path / "m.tar.gz", var_dir=tmp_path / "var",
                        env_extra={"TRACKER_DB": str(tmp_path / "db" / "conv.db")})
    written = yaml.safe_load(services.write_endpoints().read_text(encoding="utf-8"))
    assert written["action_endpoint"]["url"] == "http://127.0.0.1:4321/webhook"
    assert written["tracker_store"] == {"type": "SQL", "dialect": "sqlite", "db": str(tmp_path / "db" / "conv.db")}
    assert services.write_endpoints() == tmp_path / "var" / "endpoints.yml"


def test_endpoints_file_works_without_any_variable(monkeypatch):
    """`rasa run` / `rasa shell` à la racine : endpoints.yml se lit sans variable d'environnement."""
    from rasa.core.utils import AvailableEndpoints

    for name in ("ACTION_ENDPOINT_URL", "TRACKER_DB", "ACTION_PORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(ROOT)
    endpoints = AvailableEndpoints.read_endpoints("endpoints.yml")
    assert endpoints.action.url == "http://127.0.0.1:5055/webhook"
    assert endpoints.tracker_store.kwargs == {"dialect": "sqlite", "db": "var/tracker.db"}
    assert "${" not in (ROOT / "endpoints.yml").read_text(encoding="utf-8")


def test_no_phone_number_is_written_in_ops():
    phone = re.compile(r"(\+33 \d|0\d)( \d\d){4}")
    assert [p.name for p in sorted((ROOT / "ops").glob("*.py")) if phone.search(p.read_text(encoding="utf-8"))] == []
