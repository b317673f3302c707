"""`make cluster` : le profil de production, sur le modèle de mise à l'échelle de Rasa.

`CLUSTER_REPLICAS` serveurs Rasa identiques et `CLUSTER_ACTION_SERVERS` serveurs d'actions (répartis entre
eux : le serveur Rasa n° i appelle le serveur d'actions n° i modulo leur nombre), les conversations dans
PostgreSQL (`addons.stores.DurableSQLTrackerStore`, base créée si elle manque), leurs verrous dans Redis
(`addons.stores.AtomicRedisLockStore`), derrière HAProxy (`ops/haproxy.cfg.in`) qui publie la page, son
Socket.IO (session collée à un serveur par un cookie) et Teams. Le serveur d'actions et le canal REST ne
sont pas publiés. Réglages : `cecaz/settings.py` (README) ; passage à Kubernetes : docs/deploiement.md.

Chaque processus est lancé, attendu, relancé et arrêté par la mécanique de `ops/serve.py` (`Services`) : un
`Services` par serveur Rasa, par serveur d'actions et pour le proxy, dans son sous-dossier de
`$CECAZ_VAR_DIR/cluster/` (journaux, fichiers effectifs) ; ils partagent le secret du serveur d'actions et
la clé des sessions web (`$CECAZ_VAR_DIR/cluster/webchat-session.key`, ou `CECAZ_WEB_SESSION_KEY`)."""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

from cecaz import settings
from ops.preflight import model_problem
from ops.serve import (
    ROOT,
    Services,
    StartError,
    announce_ready,
    effective_endpoints,
    loaded_settings,
    private_dir,
    private_file,
    run_in_foreground,
    supervise_all,
)

HAPROXY = "haproxy"  # Debian package haproxy (`make haproxy`)
PROXY_TEMPLATE = ROOT / "ops" / "haproxy.cfg.in"
STICKY_COOKIE = "CECAZ_REPLICA"
TRACKER_STORE = "addons.stores.DurableSQLTrackerStore"
LOCK_STORE = "addons.stores.AtomicRedisLockStore"
LOGIN_DB = "postgres"  # the database the tracker store connects to first, to create its own


def haproxy_binary() -> Optional[str]:
    """Le chemin de HAProxy (paquet Debian, souvent dans /usr/sbin hors du PATH d'un utilisateur), ou None."""
    return shutil.which(HAPROXY) or shutil.which(HAPROXY, path="/usr/sbin:/sbin")


def replica_name(index: int) -> str:
    return f"rasa-{index + 1}"


def store_endpoints(config: settings.Settings) -> dict:
    """Sections `tracker_store` et `lock_store` d'endpoints.yml pour ces réglages. Les mots de passe restent des
    références `${VARIABLE}` que Rasa remplace au démarrage : ils ne sont jamais écrits sur disque."""
    tracker = {"type": TRACKER_STORE, "dialect": "postgresql", "url": config.pg_host, "port": config.pg_port,
               "db": config.pg_database, "username": config.pg_user, "login_db": LOGIN_DB}
    if config.pg_password:
        tracker["password"] = "${CECAZ_PG_PASSWORD}"
    lock = {"type": LOCK_STORE, "url": config.redis_host, "port": config.redis_port, "db": config.redis_db,
            "key_prefix": "cecaz", "lifetime": config.lock_lifetime_s}
    if config.redis_password:
        lock["password"] = "${CECAZ_REDIS_PASSWORD}"
    return {"tracker_store": tracker, "lock_store": lock}


def render_proxy_config(interface: str, port: int, replicas: List[Tuple[str, int]], api: bool) -> str:
    """`ops/haproxy.cfg.in` rendu : écoute sur `interface`:`port`, un serveur par (nom, port) de `replicas`,
    l'API HTTP de Rasa publiée seulement si `api`."""
    servers = "\n".join(f"    server {name} 127.0.0.1:{rasa_port} check cookie {name}" for name, rasa_port in replicas)
    return string.Template(PROXY_TEMPLATE.read_text(encoding="utf-8")).substitute(
        interface=interface, port=port, cookie=STICKY_COOKIE, servers=servers,
        api_condition=" or api" if api else "")


def postgres_problem(config: settings.Settings) -> Optional[str]:
    """None si le serveur PostgreSQL des réglages accepte une connexion (à la base `LOGIN_DB`) ; sinon pourquoi."""
    import psycopg2

    try:
        psycopg2.connect(host=config.pg_host, port=config.pg_port, user=config.pg_user,
                         password=config.pg_password or None, dbname=LOGIN_DB, connect_timeout=3).close()
    except psycopg2.Error as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        return (f"PostgreSQL injoignable ({config.pg_host}:{config.pg_port}, utilisateur {config.pg_user}) : "
                f"{reason}. Le profil de production ne démarre pas sans sa base des conversations ; vérifiez "
                "CECAZ_PG_HOST, CECAZ_PG_PORT, CECAZ_PG_USER, CECAZ_PG_PASSWORD.")
    return None


def drop_database(config: settings.Settings, name: str) -> None:
    """Supprime la base des conversations `name` du serveur PostgreSQL des réglages, connexions ouvertes comprises
    (bases jetables du banc et des tests). Lève `psycopg2.Error` si le serveur la refuse."""
    import psycopg2

    db = psycopg2.connect(host=config.pg_host, port=config.pg_port, user=config.pg_user,
                          password=config.pg_password or None, dbname=LOGIN_DB, connect_timeout=3)
    try:
        db.autocommit = True  # DROP DATABASE runs outside a transaction
        with db.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        db.close()


def redis_problem(config: settings.Settings) -> Optional[str]:
    """None si le serveur Redis des réglages répond ; sinon pourquoi."""
    import redis

    client = redis.Redis(host=config.redis_host, port=config.redis_port, db=config.redis_db,
                         password=config.redis_password or None, socket_timeout=3, socket_connect_timeout=3)
    try:
        client.ping()
    except (redis.exceptions.RedisError, OSError) as exc:
        return (f"Redis injoignable ({config.redis_host}:{config.redis_port}) : {exc}. Le profil de production ne "
                "démarre pas sans ses verrous de conversation ; vérifiez CECAZ_REDIS_HOST, CECAZ_REDIS_PORT, "
                "CECAZ_REDIS_PASSWORD.")
    finally:
        client.close()
    return None


def ensure_session_key(path: Path) -> None:
    """Tire la clé des sessions web dans `path` (0600) si elle manque, avant que les serveurs Rasa ne la lisent
    ensemble (`addons/channels/webchat.py` la crée sinon, un serveur à la fois)."""
    private_dir(path.parent)
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "w", encoding="ascii") as file:
            file.write(secrets.token_hex(32))


@dataclass
class ReplicaServices(Services):
    """Un serveur Rasa du profil : `Services` dont endpoints.yml désigne PostgreSQL et Redis (`stores`)."""

    stores: Dict[str, dict] = field(default_factory=dict)

    def write_endpoints(self) -> Path:
        path = private_dir(self.var_dir) / "endpoints.yml"
        endpoints = {**effective_endpoints(f"{self.action_url}/webhook", self.var_dir / "unused.db"), **self.stores}
        path.write_text(yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
        return private_file(path)

    def preflight(self) -> None:
        """Le modèle seulement : la base est vérifiée par le profil (`Cluster.preflight`), et par le magasin au
        démarrage de Rasa."""
        problem = model_problem(self.model)
        if problem:
            raise StartError(f"{problem} Lancez `make train`.")


@dataclass
class ProxyServices(Services):
    """HAProxy, lancé et relancé comme un service de `Services` (nom « proxy »)."""

    config_text: str = ""

    def env(self, process: Optional[str] = None) -> Dict[str, str]:
        """HAProxy ne reçoit aucun réglage ni secret de l'assistant : seulement PATH et la langue."""
        return {name: value for name, value in dict(os.environ).items() if name in ("PATH", "LANG", "LC_ALL")}

    def start_proxy(self) -> None:
        path = private_dir(self.var_dir) / "haproxy.cfg"
        path.write_text(self.config_text, encoding="utf-8")
        private_file(path)
        binary = haproxy_binary()
        if binary is None:
            raise StartError("HAProxy absent : lancez `make haproxy` (paquet Debian haproxy).")
        checked = subprocess.run([binary, "-c", "-q", "-f", str(path)], capture_output=True, text=True)
        if checked.returncode != 0:
            raise StartError(f"Configuration HAProxy refusée ({path}) :\n{checked.stdout}{checked.stderr}")
        self._spawn("proxy", [binary, "-db", "-f", str(path)])

    def restart(self, name: str) -> None:
        self.start_proxy()


def sticky_replica(url: str) -> Optional[str]:
    """Le serveur Rasa que le proxy a choisi pour un GET de `url` (son cookie de session collante), ou None."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            cookies = response.headers.get_all("Set-Cookie") or []
    except OSError:
        return None
    for cookie in cookies:
        name, _, rest = cookie.partition("=")
        if name.strip() == STICKY_COOKIE:
            return rest.split(";", 1)[0].strip()
    return None


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@dataclass
class Cluster:
    """Le profil de production : serveurs d'actions, serveurs Rasa et proxy, sur les ports donnés.

    `replica_action_ports` : port du serveur d'actions que chaque serveur Rasa appelle (par défaut, répartis
    sur `action_ports`) ; un test y place un relais. `env_extra` l'emporte sur l'environnement du processus,
    pour tous les services."""

    model: Path
    rasa_ports: List[int]
    action_ports: List[int]
    proxy_port: int
    var_dir: Path
    env_extra: Dict[str, str] = field(default_factory=dict)
    replica_action_ports: Optional[List[int]] = None
    interface: str = "127.0.0.1"
    action_secret: str = field(default_factory=lambda: settings.load().action_secret or secrets.token_urlsafe(32),
                               repr=False)
    action_servers: List[Services] = field(init=False, default_factory=list)
    replicas: List[ReplicaServices] = field(init=False, default_factory=list)
    proxy: ProxyServices = field(init=False)

    def __post_init__(self) -> None:
        self.var_dir = self.var_dir.absolute()
        config = self.settings()
        local = [f"http://127.0.0.1:{self.proxy_port}", f"http://localhost:{self.proxy_port}"]
        common = {"CECAZ_TEAMS_SEEN_IN_REDIS": "1", **self.env_extra, "CECAZ_VAR_DIR": str(self.var_dir),
                  "CECAZ_WEB_ORIGINS": ",".join(dict.fromkeys([*config.web_origins, *local]))}
        self.action_servers = [
            Services(rasa_port=self.rasa_ports[0], action_port=port, model=self.model,
                     var_dir=self.var_dir / f"actions-{index + 1}", env_extra=dict(common),
                     action_secret=self.action_secret)
            for index, port in enumerate(self.action_ports)]
        called = self.replica_action_ports or [self.action_ports[i % len(self.action_ports)]
                                               for i in range(len(self.rasa_ports))]
        stores = store_endpoints(config)
        self.replicas = [
            ReplicaServices(rasa_port=port, action_port=called[index], model=self.model,
                            var_dir=self.var_dir / replica_name(index), env_extra=dict(common),
                            action_secret=self.action_secret, stores=stores)
            for index, port in enumerate(self.rasa_ports)]
        proxy_text = render_proxy_config(self.interface, self.proxy_port,
                                         [(replica_name(i), port) for i, port in enumerate(self.rasa_ports)],
                                         api=bool(config.rasa_auth_token))
        self.proxy = ProxyServices(rasa_port=self.rasa_ports[0], action_port=self.action_ports[0], model=self.model,
                                   var_dir=self.var_dir / "proxy", env_extra=dict(common),
                                   action_secret=self.action_secret, config_text=proxy_text)

    def settings(self) -> settings.Settings:
        """Les réglages du profil (environnement du processus, `env_extra` par-dessus). Lève `StartError`."""
        try:
            return settings.load({**os.environ, **self.env_extra})
        except settings.SettingsError as exc:
            raise StartError(str(exc)) from None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.proxy_port}"

    @property
    def units(self) -> List[Services]:
        return [*self.action_servers, *self.replicas, self.proxy]

    def preflight(self) -> None:
        """Refuse de démarrer (`StartError`) sans modèle, sans HAProxy, sans PostgreSQL ou sans Redis."""
        problem = model_problem(self.model)
        if problem:
            raise StartError(f"{problem} Lancez `make train` (ou `make cluster`, qui l'entraîne).")
        if not haproxy_binary():
            raise StartError("HAProxy absent : lancez `make haproxy` (paquet Debian haproxy).")
        config = self.settings()
        for problem in (postgres_problem(config), redis_problem(config)):
            if problem:
                raise StartError(problem)

    def start(self, timeout: float = 300.0) -> None:
        """Démarre tout et attend que chaque serveur Rasa réponde à une vraie question, puis le proxy."""
        private_dir(self.var_dir)
        self.preflight()
        config = self.settings()
        if not config.web_session_key:
            ensure_session_key(self.var_dir / "webchat-session.key")
        for unit in self.action_servers:
            unit.start_actions()
        for replica in self.replicas:
            replica.start_rasa()
        self.proxy.start_proxy()
        for unit in self.action_servers:
            unit.wait_actions(timeout)
        for replica in self.replicas:
            replica.wait_rasa(timeout)
        self.wait_proxy(30)

    def wait_proxy(self, timeout: float) -> None:
        """Attend que le proxy écoute puis envoie la page à chaque serveur Rasa (ses contrôles de santé les ont
        vus en service) : son cookie de session collante a pris chaque nom de serveur. Lève `StartError`."""
        deadline = time.monotonic() + timeout
        expected = {replica_name(index) for index in range(len(self.replicas))}
        seen: set = set()
        while time.monotonic() < deadline:
            self.proxy._check_alive("proxy")
            if port_open(self.proxy_port):
                seen |= {sticky_replica(f"{self.url}/webhooks/webchat/")} & expected
                if seen == expected:
                    return
            time.sleep(0.2)
        raise StartError(f"Le proxy n'envoie pas la page à {sorted(expected - seen)} en {timeout:.0f} s "
                         f"({self.proxy.log_path('proxy')}).")

    def stop(self) -> None:
        """Arrête le proxy, puis les serveurs Rasa, puis les serveurs d'actions."""
        for unit in reversed(self.units):
            unit.stop()

    def kill(self) -> None:
        """Tue (SIGKILL) tous les processus du profil, comme une panne de la machine : rien ne se termine
        proprement."""
        for unit in self.units:
            for name in list(unit.processes):
                proc = unit.processes.pop(name)
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()

    def supervise(self, interval_s: float = 0.5) -> None:
        """`supervise_all` sur tous les services du profil : pendant qu'un serveur Rasa est relancé, les autres
        continuent de servir (le proxy leur envoie les requêtes)."""
        supervise_all(self.units, "abandon. Corrigez la cause (journal ci-dessus) puis relancez `make cluster`.",
                      interval_s)


def from_settings(config: settings.Settings, model: Path) -> Cluster:
    """Le profil décrit par les réglages : serveurs Rasa sur RASA_PORT, RASA_PORT+1…, serveurs d'actions sur
    ACTION_PORT, ACTION_PORT+1…, proxy sur CLUSTER_INTERFACE:CLUSTER_PORT, dossier `$CECAZ_VAR_DIR/cluster`."""
    return Cluster(model=model, rasa_ports=[config.rasa_port + i for i in range(config.cluster_replicas)],
                   action_ports=[config.action_port + i for i in range(config.cluster_action_servers)],
                   proxy_port=config.cluster_port, var_dir=config.var_dir / "cluster",
                   interface=config.cluster_interface)


def describe(cluster: Cluster, config: settings.Settings) -> List[str]:
    """Les lignes affichées quand le profil est prêt."""
    public = f"http://{cluster.interface}:{cluster.proxy_port}"
    lines = [f"✔ {len(cluster.replicas)} serveur(s) Rasa : "
             + ", ".join(r.rasa_url for r in cluster.replicas) + " (locaux, derrière le proxy)",
             f"✔ {len(cluster.action_servers)} serveur(s) d'actions : "
             + ", ".join(a.action_url for a in cluster.action_servers) + " (locaux uniquement)",
             f"✔ Conversations : PostgreSQL {config.pg_host}:{config.pg_port}, base {config.pg_database} ; "
             f"verrous : Redis {config.redis_host}:{config.redis_port}/{config.redis_db}",
             f"✔ Proxy (HAProxy) : {public}",
             f"  Page de discussion : {public}/webhooks/webchat/"]
    if config.teams_enabled:
        lines.append(f"  Microsoft Teams    : {public}/webhooks/teams/webhook")
    lines.append(f"  Journaux           : {cluster.var_dir}/*/log")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description="Démarre le profil de production de l'assistant CECAZ.")
    parser.add_argument("--model", default=str(ROOT / "models" / "cecaz.tar.gz"))
    args = parser.parse_args()
    config = loaded_settings()
    if config is None:
        return 1
    try:
        cluster = from_settings(config, Path(args.model))
    except StartError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1

    def serve() -> int:
        print(f"Démarrage du profil de production : {config.cluster_replicas} serveur(s) Rasa, "
              f"{config.cluster_action_servers} serveur(s) d'actions, PostgreSQL, Redis, HAProxy…", flush=True)
        cluster.start()
        announce_ready(describe(cluster, config))
        cluster.supervise()
        return 0  # not reached: supervise() returns only by an exception

    return run_in_foreground(serve, cluster.stop)


if __name__ == "__main__":
    sys.exit(main())
