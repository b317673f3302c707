"""Démarre le serveur d'actions et le serveur Rasa, attend qu'ils répondent, arrête tout sur Ctrl-C.

« Prêt » veut dire : le serveur Rasa répond à une vraie question par le canal REST, avec le numéro que
le catalogue donne à cet instant. Réglages : `cecaz/settings.py` ; fichiers effectifs (endpoints,
credentials) écrits dans le dossier de travail. Utilisé par `make run`, `make shell` et les tests de bout
en bout."""

from __future__ import annotations

import argparse
import json
import os
import secrets
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
from typing import Callable, Dict, List, Mapping, Optional, Tuple

import yaml

from cecaz import settings
from cecaz.catalogue import DEFAULT_DIR, CatalogueError, load_catalogue
from ops.preflight import model_problem, tracker_store_problem
from ops.quiet import quiet_environment

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# Rasa with the assistant's safeguards (degraded mode, input screening): ops/rasa_cli.py.
RASA = [str(VENV_BIN / "python"), "-m", "ops.rasa_cli"]
# Readiness: this question must be answered with one of the offer's client phone numbers.
READINESS_QUESTION = "numéro de l'assistance SP+"
READINESS_OFFER = "sp_plus"
WEBCHAT_PATH = "/webhooks/webchat/"
TEAMS_CHANNEL = "addons.channels.teams.TeamsInput"
ACTION_SECRET_HEADER = "X-Cecaz-Action-Secret"  # ops/action_server.py checks it
# Variables a process must not receive (docs/securite.md): the action server needs none of the channels'
# secrets; the Rasa server gets everything it reads. Files of the work directory: owner only.
WITHHELD: Mapping[str, Tuple[str, ...]] = {
    "actions": (*settings.TEAMS_VARIABLES.values(), "RASA_AUTH_TOKEN", "CECAZ_REST_TOKEN", "CECAZ_WEB_SESSION_KEY",
                "CECAZ_PG_PASSWORD", "CECAZ_REDIS_PASSWORD"),
    "rasa": (),
}
PRIVATE_UMASK = 0o077


class StartError(RuntimeError):
    """Un service n'a pas démarré ; le message dit quoi faire."""


def free_port() -> int:
    """Un port TCP libre sur 127.0.0.1 à cet instant."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def effective_credentials(env: Mapping[str, str]) -> dict:
    """Les canaux de credentials.yml, plus Microsoft Teams si ses identifiants sont dans `env`.

    Teams est décrit par des références `${VARIABLE}` que Rasa remplace au démarrage : le secret n'est
    jamais écrit sur disque."""
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8")) or {}
    config = settings.load(env)
    if config.teams_enabled:
        credentials[TEAMS_CHANNEL] = {key: f"${{{settings.TEAMS_VARIABLES[key]}}}" for key in config.teams}
    return credentials


def effective_endpoints(action_url: str, tracker_db: Path) -> dict:
    """endpoints.yml avec l'adresse du webhook du serveur d'actions, l'en-tête du secret partagé avec lui
    (une référence `${CECAZ_ACTION_SECRET}` que Rasa remplace au démarrage : le secret n'est jamais écrit) et
    le fichier SQLite des conversations."""
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8")) or {}
    action_endpoint = endpoints.get("action_endpoint") or {}
    endpoints["action_endpoint"] = {**action_endpoint, "url": action_url, "headers": {
        **(action_endpoint.get("headers") or {}), ACTION_SECRET_HEADER: "${CECAZ_ACTION_SECRET}"}}
    endpoints["tracker_store"] = {**(endpoints.get("tracker_store") or {}), "db": str(tracker_db)}
    return endpoints


def private_dir(path: Path) -> Path:
    """Crée `path` (et ses parents) s'il manque et le réserve à son propriétaire (0700) ; renvoie `path`."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def private_file(path: Path) -> Path:
    """Réserve le fichier `path`, s'il existe, à son propriétaire (0600) ; renvoie `path`."""
    if path.is_file():
        path.chmod(0o600)
    return path


def readiness_expected(catalogue_dir: Optional[Path] = None) -> List[str]:
    """Les numéros dont un doit figurer dans la réponse à `READINESS_QUESTION` : téléphones des contacts
    clients de l'offre `READINESS_OFFER`, lus à l'instant dans le catalogue (`catalogue_dir`, sinon le
    dossier par défaut). Liste vide si le catalogue n'en donne aucun. Lève `CatalogueError` si le
    catalogue est invalide, `OSError` s'il est illisible."""
    catalogue = load_catalogue(catalogue_dir or DEFAULT_DIR)
    return [contact.telephone for _, contact in catalogue.contacts_for(READINESS_OFFER)
            if contact.for_clients and contact.telephone]


def is_ready_reply(replies: List[dict], expected: List[str]) -> bool:
    """Vrai si une réponse contient un des numéros `expected` (n'importe quel texte si la liste est vide)."""
    texts = [reply.get("text") or "" for reply in replies]
    return any(number in text for text in texts for number in expected) if expected else any(texts)


def http_json(url: str, payload: Optional[dict] = None, timeout: float = 10.0,
              headers: Optional[Dict[str, str]] = None) -> object:
    """POST `payload` en JSON (GET si None), `timeout` en secondes, en-têtes `headers` en plus ; la réponse décodée.

    Lève `urllib.error.URLError`/`OSError` si le serveur ne répond pas, `ValueError` si ce n'est pas du JSON."""
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read().decode() or "null")


def ask(rasa_url: str, text: str, sender: Optional[str] = None, timeout: float = 30.0,
        token: Optional[str] = None) -> List[dict]:
    """Envoie un message par le canal REST (avec le jeton `CECAZ_REST_TOKEN` s'il y en a un) et renvoie les
    réponses du bot."""
    payload = {"sender": sender or f"cli-{uuid.uuid4().hex[:8]}", "message": text}
    headers = {"Authorization": f"Bearer {token}"} if token else None
    result = http_json(f"{rasa_url}/webhooks/rest/webhook", payload, timeout, headers)
    return result if isinstance(result, list) else []


@dataclass
class RestartPolicy:
    """Quand relancer un service arrêté, et quand renoncer.

    Attente avant la relance : `first_delay_s`, doublée à chaque échec, au plus `max_delay_s`. Un
    service qui tourne `stable_s` secondes après sa relance repart de zéro ; après `max_failures`
    relances qui n'ont pas tenu, on renonce (le service s'arrête à chaque démarrage)."""

    first_delay_s: float = 1.0
    max_delay_s: float = 30.0
    stable_s: float = 60.0
    max_failures: int = 5
    failures: int = 0
    started_at: float = 0.0

    def started(self, now: float) -> None:
        """Le service vient d'être (re)lancé à l'instant `now` (secondes monotones)."""
        self.started_at = now

    def delay_after_stop(self, now: float) -> Optional[float]:
        """Le service s'est arrêté à `now` : secondes à attendre avant de le relancer, ou None pour renoncer."""
        self.failures = 1 if now - self.started_at >= self.stable_s else self.failures + 1
        if self.failures > self.max_failures:
            return None
        return min(self.first_delay_s * 2 ** (self.failures - 1), self.max_delay_s)


@dataclass
class Services:
    rasa_port: int
    action_port: int
    model: Path
    var_dir: Path = ROOT / "var"
    env_extra: Dict[str, str] = field(default_factory=dict)
    interface: str = "127.0.0.1"
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)
    # Shared by the Rasa server and the action server of these services: CECAZ_ACTION_SECRET, or drawn here.
    action_secret: str = field(default_factory=lambda: settings.load().action_secret or secrets.token_urlsafe(32),
                               repr=False)

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

    def env(self, process: Optional[str] = None) -> Dict[str, str]:
        """Environnement des processus enfants : celui du processus, les réglages de ces services
        (`env_extra` l'emporte), le secret partagé des deux serveurs, la racine du projet dans PYTHONPATH et
        les journaux réglés (ops/quiet.py). Pour `process` (« actions », « rasa »), sans les variables que ce
        processus ne doit pas recevoir (`WITHHELD`)."""
        inherited = dict(os.environ)
        env = quiet_environment({
            **inherited,
            "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [inherited.get("PYTHONPATH")])]),
            "RASA_PORT": str(self.rasa_port),
            "ACTION_PORT": str(self.action_port),
            "CECAZ_VAR_DIR": str(self.var_dir),
            "TRACKER_DB": str(self.var_dir / "tracker.db"),
            "SANIC_HOST": "127.0.0.1",
            "CECAZ_ACTION_SECRET": self.action_secret,
            **self.env_extra,
        })
        return {name: value for name, value in env.items() if name not in WITHHELD.get(process or "", ())}

    def effective_settings(self) -> settings.Settings:
        """Les réglages tels que les processus enfants les lisent. Lève `StartError` sur une valeur inutilisable."""
        try:
            return settings.load(self.env())
        except settings.SettingsError as exc:
            raise StartError(str(exc)) from None

    def _spawn(self, name: str, args: List[str]) -> None:
        private_dir(self.log_path(name).parent)
        descriptor = os.open(self.log_path(name), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with open(descriptor, "ab") as log:  # the child keeps its own copy of the descriptor
            private_file(self.log_path(name))
            # umask: what the child creates (conversations, journal files) is readable by its owner only.
            self.processes[name] = subprocess.Popen(
                args, cwd=ROOT, env=self.env(name), stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                umask=PRIVATE_UMASK)

    def start_actions(self) -> None:
        self._spawn("actions", [str(VENV_BIN / "python"), "-m", "ops.action_server", "--port", str(self.action_port)])

    def write_credentials(self) -> Path:
        """Écrit `credentials.yml` effectif dans le dossier de travail ; renvoie son chemin."""
        path = private_dir(self.var_dir) / "credentials.yml"
        path.write_text(yaml.safe_dump(effective_credentials(self.env()), sort_keys=False), encoding="utf-8")
        return private_file(path)

    def write_endpoints(self) -> Path:
        """Écrit `endpoints.yml` effectif (serveur d'actions de ces services, TRACKER_DB) ; renvoie son chemin."""
        path = private_dir(self.var_dir) / "endpoints.yml"
        endpoints = effective_endpoints(f"{self.action_url}/webhook", self.effective_settings().tracker_db)
        path.write_text(yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
        return private_file(path)

    def start_rasa(self) -> None:
        args = [*RASA, "run", "--model", str(self.model), "--port", str(self.rasa_port),
                "--interface", self.interface, "--credentials", str(self.write_credentials()),
                "--endpoints", str(self.write_endpoints()), "--cors", *self.effective_settings().allowed_web_origins]
        if self.effective_settings().rasa_auth_token:
            # The token itself stays in the environment (RASA_AUTH_TOKEN): ops/rasa_cli.py hands it to Rasa
            # inside the process, never on the command line that `ps` shows.
            args += ["--enable-api"]
        self._spawn("rasa", args)

    def preflight(self) -> None:
        """Arrête tout avant de lancer quoi que ce soit si le modèle ou la base sont inutilisables."""
        problem = model_problem(self.model)
        if problem:
            raise StartError(f"{problem} Lancez `make train` (ou `make run`, qui le réentraîne).")
        problem = tracker_store_problem(self.effective_settings().tracker_db)
        if problem:
            raise StartError(f"{problem} Corrigez TRACKER_DB ou les droits du dossier.")
        private_file(self.effective_settings().tracker_db)  # created by the check above if it was missing

    def start(self, timeout: float = 240.0) -> None:
        private_dir(self.var_dir)
        self.preflight()
        self.start_actions()
        self.start_rasa()
        self.wait_actions(timeout)
        self.wait_rasa(timeout)

    def _stopped_message(self, name: str) -> str:
        tail = self.log_path(name).read_text(errors="replace").strip().splitlines()[-15:]
        return (f"Le service « {name} » s'est arrêté (code {self.processes[name].returncode}). "
                f"Journal {self.log_path(name)} :\n" + "\n".join(tail))

    def _check_alive(self, name: str) -> None:
        if self.processes[name].poll() is not None:
            raise StartError(self._stopped_message(name))

    def restart(self, name: str) -> None:
        """Relance le service `name` (« actions » ou « rasa »), sans attendre qu'il réponde."""
        if name == "actions":
            self.start_actions()
        else:
            self.start_rasa()

    def supervise(self, interval_s: float = 0.5, clock: Callable[[], float] = time.monotonic) -> None:
        """Veille sur les services démarrés, sans fin (`supervise_all`, une `RestartPolicy` par service) ; l'autre
        service continue de servir (Rasa répond en mode dégradé sans le serveur d'actions)."""
        supervise_all([self], "abandon, l'assistant est arrêté. Corrigez la cause (journal ci-dessus) puis "
                      "relancez `make run`.", interval_s, clock)

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
        """Attend (au plus `timeout` secondes) que Rasa réponde à `READINESS_QUESTION` avec un numéro du
        catalogue, relu à chaque essai. Lève `StartError` sinon, ou si le serveur s'arrête."""
        deadline = time.monotonic() + timeout
        catalogue_dir = self.effective_settings().catalogue_dir
        rest_token = self.effective_settings().rest_token
        catalogue_problem = ""
        while time.monotonic() < deadline:
            self._check_alive("rasa")
            try:
                expected = readiness_expected(catalogue_dir)
                catalogue_problem = ""
            except (CatalogueError, OSError) as exc:
                expected, catalogue_problem = [], f" Catalogue illisible : {exc}"
            try:
                replies = ask(self.rasa_url, READINESS_QUESTION, sender=f"readiness-{uuid.uuid4().hex[:8]}", timeout=10,
                              token=rest_token)
                if not catalogue_problem and is_ready_reply(replies, expected):
                    return
            except (urllib.error.URLError, ConnectionError, OSError, ValueError):
                pass
            time.sleep(1)
        raise StartError(f"Le serveur Rasa ne répond pas correctement après {timeout:.0f} s "
                         f"({self.log_path('rasa')}).{catalogue_problem}")

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


def supervise_all(units: List[Services], give_up: str, interval_s: float = 0.5,
                  clock: Callable[[], float] = time.monotonic) -> None:
    """Veille sans fin sur les processus de `units` : un processus arrêté est relancé après l'attente de sa
    `RestartPolicy` (une par processus), pendant que les autres continuent de servir. Chaque arrêt et chaque
    relance sont annoncés sur la sortie standard. Lève `StartError` (journal du processus puis `give_up`) quand
    il s'arrête encore après toutes ses relances."""
    now = clock()
    policies: Dict[Tuple[int, str], RestartPolicy] = {}
    for number, unit in enumerate(units):
        for name in unit.processes:
            policies[(number, name)] = RestartPolicy()
            policies[(number, name)].started(now)
    restart_at: Dict[Tuple[int, str], float] = {}
    while True:
        now = clock()
        for number, unit in enumerate(units):
            for name, proc in list(unit.processes.items()):
                key = (number, name)
                label = name if len(units) == 1 else f"{name} ({unit.var_dir.name})"
                if key in restart_at:
                    if now >= restart_at[key]:
                        del restart_at[key]
                        print(f"Redémarrage du service « {label} »…", flush=True)
                        unit.restart(name)
                        policies[key].started(clock())
                elif proc.poll() is not None:
                    delay = policies[key].delay_after_stop(now)
                    if delay is None:
                        raise StartError(f"{unit._stopped_message(name)}\nIl s'arrête encore après "
                                         f"{policies[key].max_failures} redémarrages : {give_up}")
                    print(f"Le service « {label} » s'est arrêté (code {proc.returncode}) ; redémarrage dans "
                          f"{delay:.0f} s (essai {policies[key].failures}/{policies[key].max_failures}).",
                          flush=True)
                    restart_at[key] = now + delay
        time.sleep(interval_s)


def loaded_settings() -> Optional[settings.Settings]:
    """Les réglages du processus, ou None après avoir écrit leur erreur en français sur stderr."""
    try:
        return settings.load()
    except settings.SettingsError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return None


def run_in_foreground(body: Callable[[], int], stop: Callable[[], None]) -> int:
    """Lance `body` (démarrage puis surveillance d'un profil, ou un terminal) au premier plan et rend son code de
    sortie : `kill` (SIGTERM) et Ctrl-C arrêtent proprement (code 0), une `StartError` est écrite en français sur
    stderr (code 1) ; `stop` arrête toujours les processus lancés."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # through the `finally` below, like Ctrl-C
    try:
        return body()
    except StartError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nArrêt…")
        return 0
    finally:
        stop()


def announce_ready(lines: List[str]) -> None:
    """Écrit ce qui tourne (`lines`) puis « Prêt. », une fois tout démarré."""
    print("\n".join([*lines, "Prêt. Ctrl-C pour arrêter."]), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description="Démarre l'assistant CECAZ.")
    parser.add_argument("--model", default=str(ROOT / "models" / "cecaz.tar.gz"))
    parser.add_argument("--shell", action="store_true", help="dialoguer dans le terminal")
    args = parser.parse_args()
    config = loaded_settings()
    if config is None:
        return 1
    services = Services(
        rasa_port=config.rasa_port,
        action_port=config.action_port,
        model=Path(args.model),
        var_dir=config.var_dir,
        interface=config.rasa_interface,
        env_extra={"TRACKER_DB": str(config.tracker_db)},
    )

    def shell() -> int:
        services.start_actions()
        services.wait_actions(120)
        return subprocess.call([*RASA, "shell", "--model", args.model, "--endpoints",
                                str(services.write_endpoints())], cwd=ROOT, env=services.env("rasa"),
                               umask=PRIVATE_UMASK)

    def serve() -> int:
        print("Démarrage du serveur d'actions et du serveur Rasa…", flush=True)
        services.start()
        lines = [f"✔ Serveur d'actions : {services.action_url} (local uniquement)",
                 f"✔ Serveur Rasa      : {services.rasa_url}",
                 f"  Webhook REST      : {services.rasa_url}/webhooks/rest/webhook",
                 f"  Page de discussion : {services.webchat_url}"]
        if config.teams_enabled:
            lines.append(f"  Microsoft Teams   : {services.rasa_url}/webhooks/teams/webhook")
        announce_ready([*lines, f"  Journaux          : {services.var_dir / 'log'}"])
        services.supervise()
        return 0  # not reached: supervise() returns only by an exception

    return run_in_foreground(shell if args.shell else serve, services.stop)


if __name__ == "__main__":
    sys.exit(main())
