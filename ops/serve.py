"""Démarre le serveur d'actions et le serveur Rasa, attend qu'ils répondent, arrête tout sur Ctrl-C.

« Prêt » veut dire : le serveur Rasa répond à une vraie question par le canal REST.
Utilisé par `make run`, `make shell` et les tests de bout en bout."""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import yaml

from ops.preflight import model_problem, tracker_store_problem

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# Rasa with the assistant's safeguards (degraded mode, input screening): ops/rasa_server.py.
RASA = [str(VENV_BIN / "python"), "-m", "ops.rasa_server"]
READINESS_QUESTION = "numéro de l'assistance SP+"
READINESS_EXPECTED = "09 69 37 80 30"
WEBCHAT_PATH = "/webhooks/webchat/"
TEAMS_CHANNEL = "addons.channels.teams.TeamsInput"
# Réglages du canal Teams -> variable d'environnement ; Rasa lit la valeur au démarrage (${…}),
# le mot de passe n'est donc jamais écrit sur disque.
TEAMS_SETTINGS = {
    "app_id": "MICROSOFT_APP_ID",
    "app_password": "MICROSOFT_APP_PASSWORD",
    "tenant_id": "MICROSOFT_APP_TENANT_ID",
    "openid_metadata_url": "BOTFRAMEWORK_OPENID_METADATA_URL",
    "token_url": "BOTFRAMEWORK_TOKEN_URL",
}


class StartError(RuntimeError):
    """Un service n'a pas démarré ; le message dit quoi faire."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def quiet_env(extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    """Environnement commun : pas de télémétrie, pas de flot d'avertissements TensorFlow."""
    env = dict(os.environ)
    env.update({
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "TF_ENABLE_ONEDNN_OPTS": "0",
        "PYTHONWARNINGS": "ignore",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "PYTHONPATH": str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        "LOG_LEVEL_LIBRARIES": "ERROR",
    })
    env.update(extra or {})
    return env


def teams_enabled(env: Dict[str, str]) -> bool:
    return bool(env.get("MICROSOFT_APP_ID") and env.get("MICROSOFT_APP_PASSWORD"))


def effective_credentials(env: Dict[str, str]) -> dict:
    """Les canaux de credentials.yml, plus Microsoft Teams si ses identifiants sont dans l'environnement."""
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8")) or {}
    if teams_enabled(env):
        credentials[TEAMS_CHANNEL] = {key: f"${{{var}}}" for key, var in TEAMS_SETTINGS.items() if env.get(var)}
    return credentials


def http_json(url: str, payload: Optional[dict] = None, timeout: float = 10.0) -> object:
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode() or "null")


def ask(rasa_url: str, text: str, sender: Optional[str] = None, timeout: float = 30.0) -> List[dict]:
    """Envoie un message par le canal REST et renvoie les réponses du bot."""
    payload = {"sender": sender or f"cli-{uuid.uuid4().hex[:8]}", "message": text}
    result = http_json(f"{rasa_url}/webhooks/rest/webhook", payload, timeout)
    return result if isinstance(result, list) else []


@dataclass
class Services:
    rasa_port: int
    action_port: int
    model: Path
    var_dir: Path = ROOT / "var"
    env_extra: Dict[str, str] = field(default_factory=dict)
    interface: str = "127.0.0.1"
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    @property
    def webchat_url(self) -> str:
        return f"{self.rasa_url}{WEBCHAT_PATH}"

    def log_path(self, name: str) -> Path:
        return self.var_dir / "log" / f"{name}.log"

    def env(self) -> Dict[str, str]:
        return quiet_env({
            "ACTION_ENDPOINT_URL": f"{self.action_url}/webhook",
            "TRACKER_DB": str(self.var_dir / "tracker.db"),
            "SANIC_HOST": "127.0.0.1",
            **self.env_extra,
        })

    def _spawn(self, name: str, args: List[str]) -> None:
        self.log_path(name).parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path(name), "ab") as log:  # the child keeps its own copy of the descriptor
            self.processes[name] = subprocess.Popen(
                args, cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def start_actions(self) -> None:
        self._spawn("actions", [str(VENV_BIN / "python"), "-m", "ops.action_server", "--port", str(self.action_port)])

    def write_credentials(self) -> Path:
        path = self.var_dir / "credentials.yml"
        path.write_text(yaml.safe_dump(effective_credentials(self.env()), sort_keys=False), encoding="utf-8")
        return path

    def start_rasa(self) -> None:
        args = [*RASA, "run", "--model", str(self.model), "--port", str(self.rasa_port),
                "--interface", self.interface, "--credentials", str(self.write_credentials()),
                "--endpoints", str(ROOT / "endpoints.yml"), "--cors", f"http://127.0.0.1:{self.rasa_port}"]
        token = os.environ.get("RASA_AUTH_TOKEN")
        if token:
            args += ["--enable-api", "--auth-token", token]
        self._spawn("rasa", args)

    def preflight(self) -> None:
        """Arrête tout avant de lancer quoi que ce soit si le modèle ou la base sont inutilisables."""
        problem = model_problem(self.model)
        if problem:
            raise StartError(f"{problem} Lancez `make train` (ou `make run`, qui le réentraîne).")
        problem = tracker_store_problem(Path(self.env()["TRACKER_DB"]))
        if problem:
            raise StartError(f"{problem} Corrigez TRACKER_DB ou les droits du dossier.")

    def start(self, timeout: float = 240.0) -> None:
        self.var_dir.mkdir(parents=True, exist_ok=True)
        self.preflight()
        self.start_actions()
        self.start_rasa()
        self.wait_actions(timeout)
        self.wait_rasa(timeout)

    def _check_alive(self, name: str) -> None:
        proc = self.processes[name]
        if proc.poll() is not None:
            tail = self.log_path(name).read_text(errors="replace").strip().splitlines()[-15:]
            raise StartError(f"Le service « {name} » s'est arrêté (code {proc.returncode}). "
                             f"Journal {self.log_path(name)} :\n" + "\n".join(tail))

    def wait_actions(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._check_alive("actions")
            try:
                http_json(f"{self.action_url}/health", timeout=2)
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.5)
        raise StartError(f"Le serveur d'actions ne répond pas après {timeout:.0f} s ({self.log_path('actions')}).")

    def wait_rasa(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._check_alive("rasa")
            try:
                replies = ask(self.rasa_url, READINESS_QUESTION, sender=f"readiness-{uuid.uuid4().hex[:8]}", timeout=10)
                if any(READINESS_EXPECTED in (r.get("text") or "") for r in replies):
                    return
            except (urllib.error.URLError, ConnectionError, OSError, ValueError):
                pass
            time.sleep(1)
        raise StartError(f"Le serveur Rasa ne répond pas correctement après {timeout:.0f} s ({self.log_path('rasa')}).")

    def stop(self, name: Optional[str] = None) -> None:
        for key in [name] if name else list(self.processes):
            proc = self.processes.pop(key, None)
            if proc and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description="Démarre l'assistant CECAZ.")
    parser.add_argument("--model", default=str(ROOT / "models" / "cecaz.tar.gz"))
    parser.add_argument("--shell", action="store_true", help="dialoguer dans le terminal")
    args = parser.parse_args()
    services = Services(
        rasa_port=int(os.environ.get("RASA_PORT", "5005")),
        action_port=int(os.environ.get("ACTION_PORT", "5055")),
        model=Path(args.model),
        var_dir=Path(os.environ.get("CECAZ_VAR_DIR") or ROOT / "var"),
        interface=os.environ.get("RASA_INTERFACE", "127.0.0.1"),
        env_extra={"TRACKER_DB": os.environ["TRACKER_DB"]} if os.environ.get("TRACKER_DB") else {},
    )
    # `kill` (SIGTERM) stops the children like Ctrl-C does, through the `finally` below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        if args.shell:
            services.start_actions()
            services.wait_actions(120)
            return subprocess.call([*RASA, "shell", "--model", args.model, "--endpoints",
                                    str(ROOT / "endpoints.yml")], cwd=ROOT, env=services.env())
        print("Démarrage du serveur d'actions et du serveur Rasa…", flush=True)
        services.start()
        print(f"✔ Serveur d'actions : {services.action_url} (local uniquement)")
        print(f"✔ Serveur Rasa      : {services.rasa_url}")
        print(f"  Webhook REST      : {services.rasa_url}/webhooks/rest/webhook")
        print(f"  Page de discussion : {services.webchat_url}")
        if teams_enabled(services.env()):
            print(f"  Microsoft Teams   : {services.rasa_url}/webhooks/teams/webhook")
        print(f"  Journaux          : {services.var_dir / 'log'}")
        print("Prêt. Ctrl-C pour arrêter.", flush=True)
        while True:
            for name in list(services.processes):
                services._check_alive(name)
            time.sleep(1)
    except StartError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nArrêt…")
        return 0
    finally:
        services.stop()


if __name__ == "__main__":
    sys.exit(main())
