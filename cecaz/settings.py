"""Réglages lus dans l'environnement : le seul module du projet qui lit des variables d'environnement.

`load()` lit toutes les variables, applique les valeurs par défaut et refuse une valeur inutilisable
(`SettingsError`, qui nomme la variable). Chaque variable est décrite dans le tableau de la section
« Prérequis » du README (un test vérifie que les deux listes sont identiques).

Écrire dans l'environnement d'un processus enfant (`ops/serve.py`, `ops/quiet.py`) reste permis ailleurs."""

from __future__ import annotations

import ipaddress
import math
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, Optional, Tuple
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_VAR_DIR = ROOT / "var"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

# Teams channel setting (key in credentials.yml) -> environment variable.
TEAMS_VARIABLES: Mapping[str, str] = MappingProxyType({
    "app_id": "MICROSOFT_APP_ID",
    "app_password": "MICROSOFT_APP_PASSWORD",
    "tenant_id": "MICROSOFT_APP_TENANT_ID",
    "openid_metadata_url": "BOTFRAMEWORK_OPENID_METADATA_URL",
    "token_url": "BOTFRAMEWORK_TOKEN_URL",
})
# Teams settings that are addresses the bot calls (the token URL receives the client secret): https only.
TEAMS_URL_SETTINGS = ("openid_metadata_url", "token_url")
FLAG_VALUES: Mapping[str, bool] = MappingProxyType({"1": True, "true": True, "oui": True, "yes": True,
                                                     "0": False, "false": False, "non": False, "no": False})


class SettingsError(ValueError):
    """Une variable d'environnement a une valeur inutilisable ; le message nomme la variable et l'attendu."""


@dataclass(frozen=True)
class Settings:
    """Réglages effectifs. Chemins absolus (un chemin relatif part du dossier courant) ; durées en secondes."""

    rasa_port: int = 5005
    action_port: int = 5055
    rasa_interface: str = "127.0.0.1"
    rasa_auth_token: Optional[str] = field(default=None, repr=False)  # None: Rasa HTTP API disabled
    # REST channel: callers must send it (Authorization: Bearer); None: local callers only, nothing forwarded.
    rest_token: Optional[str] = field(default=None, repr=False)
    # Shared by the Rasa server and the action server (header checked by the latter); drawn by ops/serve.py.
    action_secret: Optional[str] = field(default=None, repr=False)
    # Web page: origins (scheme://host[:port]) it is served from, besides this machine's own addresses.
    web_origins: Tuple[str, ...] = ()
    # Web page: key signing the session ids the server issues; None: a key kept in the work directory.
    web_session_key: Optional[str] = field(default=None, repr=False)
    var_dir: Path = DEFAULT_VAR_DIR
    tracker_db: Path = DEFAULT_VAR_DIR / "tracker.db"
    action_timeout_s: float = 5.0
    # Conversations (they may name clients) are kept this many days after their last message: `make purge`.
    retention_days: int = 90
    catalogue_dir: Optional[Path] = None  # None: cecaz.catalogue.DEFAULT_DIR
    now: Optional[datetime] = None  # fixed service clock (naive = Paris time); None: real clock
    log_level: str = "INFO"
    python_warnings: str = "ignore"
    test_model: Optional[Path] = None  # end-to-end tests: model to load instead of models/cecaz.tar.gz
    # Teams channel settings that are set, key of TEAMS_VARIABLES -> value (the password is a secret).
    teams: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), repr=False)
    # Tests only: Microsoft simulated on this machine, plain http to 127.0.0.1 allowed (never in production).
    teams_test_loopback: bool = False
    # Rasa server: addons/performance.py (same answers, lower cost per message); False only for make bench.
    performance_patches: bool = True
    # Scale-out profile (`make cluster`, ops/cluster.py): PostgreSQL tracker store, Redis lock store, proxy.
    pg_host: str = "127.0.0.1"
    pg_port: int = 5432
    pg_user: str = "postgres"
    pg_password: Optional[str] = field(default=None, repr=False)  # None: trust or peer authentication
    pg_database: str = "cecaz"
    redis_host: str = "127.0.0.1"
    redis_port: int = 6379
    redis_db: int = 0
    redis_password: Optional[str] = field(default=None, repr=False)
    # Lifetime of a conversation's lock in Redis, renewed by its live holder: how long a crashed replica
    # can keep a conversation waiting.
    lock_lifetime_s: float = 10.0
    # Teams activities already received, kept in Redis (shared by the replicas) instead of each process's memory:
    # a re-sent activity may reach another replica than the first one.
    teams_seen_in_redis: bool = False
    cluster_replicas: int = 2
    cluster_action_servers: int = 1
    cluster_port: int = 8080  # the reverse proxy (page, Socket.IO, Teams)
    cluster_interface: str = "127.0.0.1"

    @property
    def teams_enabled(self) -> bool:
        """Le canal Teams n'est ouvert qu'avec l'identifiant et le secret de l'application."""
        return bool(self.teams.get("app_id") and self.teams.get("app_password"))

    @property
    def allowed_web_origins(self) -> Tuple[str, ...]:
        """Les origines admises pour la page web et son Socket.IO : `web_origins`, puis les adresses locales
        du serveur Rasa (http://127.0.0.1:<port>, http://localhost:<port>)."""
        local = (f"http://127.0.0.1:{self.rasa_port}", f"http://localhost:{self.rasa_port}")
        return tuple(dict.fromkeys((*self.web_origins, *local)))

    @property
    def web_session_key_file(self) -> Path:
        """Fichier de la clé des identifiants de session web, quand `web_session_key` n'est pas donnée."""
        return self.var_dir / "webchat-session.key"

    @property
    def quiet_warnings(self) -> bool:
        """Vrai si l'opérateur n'a pas demandé à voir les avertissements de Python (PYTHONWARNINGS=ignore)."""
        return self.python_warnings == "ignore"


def is_loopback_host(host: Optional[str]) -> bool:
    """Vrai pour `localhost` et les adresses de la boucle locale (127.0.0.0/8, ::1)."""
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def secure_url(url: str, allow_loopback_http: bool = False) -> bool:
    """Vrai si `url` est une adresse https (sans identifiants dans l'adresse) ; avec `allow_loopback_http`
    (tests), aussi une adresse http de la boucle locale."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # ValueError for a port that is not a number
    except ValueError:
        return False
    if not parts.hostname or parts.username is not None or parts.password is not None:
        return False
    return parts.scheme == "https" or (allow_loopback_http and parts.scheme == "http"
                                       and is_loopback_host(parts.hostname))


def _text(env: Mapping[str, str], name: str) -> Optional[str]:
    value = env.get(name)
    return value.strip() if value and value.strip() else None


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    value = _text(env, name)
    if value is None:
        return default
    try:
        port = int(value)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise SettingsError(f"{name}={value!r} : un numéro de port entier entre 1 et 65535 est attendu.")
    return port


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    value = _text(env, name)
    if value is None:
        return default
    try:
        seconds = float(value.replace(",", "."))
    except ValueError:
        seconds = -1.0
    if not (math.isfinite(seconds) and seconds > 0):
        raise SettingsError(f"{name}={value!r} : une durée en secondes strictement positive est attendue (ex. 5).")
    return seconds


def _days(env: Mapping[str, str], name: str, default: int) -> int:
    value = _text(env, name)
    if value is None:
        return default
    try:
        days = int(value)
    except ValueError:
        days = 0
    if days < 1:
        raise SettingsError(f"{name}={value!r} : un nombre entier de jours, au moins 1, est attendu (ex. 90).")
    return days


def _path(env: Mapping[str, str], name: str) -> Optional[Path]:
    value = _text(env, name)
    return Path(value).expanduser().absolute() if value else None


def _instant(env: Mapping[str, str], name: str) -> Optional[datetime]:
    value = _text(env, name)
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise SettingsError(f"{name}={value!r} : une date et heure ISO 8601 est attendue "
                            "(ex. 2026-11-30T10:00:00+01:00).") from None


def _log_level(env: Mapping[str, str], name: str, default: str) -> str:
    value = _text(env, name)
    if value is None:
        return default
    if value.upper() not in LOG_LEVELS:
        raise SettingsError(f"{name}={value!r} : un niveau parmi {', '.join(LOG_LEVELS)} est attendu.")
    return value.upper()


def _origins(env: Mapping[str, str], name: str) -> Tuple[str, ...]:
    value = _text(env, name)
    origins = []
    for item in (value or "").split(","):
        if not item.strip():
            continue
        try:
            parts = urlsplit(item.strip())
            _ = parts.port  # ValueError for a port that is not a number
        except ValueError:
            parts = urlsplit("")
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") \
                or parts.query or parts.fragment or parts.username is not None:
            raise SettingsError(f"{name}={value!r} : des origines séparées par des virgules sont attendues, "
                                "chacune schéma://hôte[:port] (ex. https://assistant.cecaz.fr).")
        origins.append(f"{parts.scheme}://{parts.netloc.lower()}")
    return tuple(dict.fromkeys(origins))


def _count(env: Mapping[str, str], name: str, default: int, minimum: int = 1, maximum: int = 64) -> int:
    value = _text(env, name)
    if value is None:
        return default
    try:
        count = int(value)
    except ValueError:
        count = minimum - 1
    if not minimum <= count <= maximum:
        raise SettingsError(f"{name}={value!r} : un nombre entier entre {minimum} et {maximum} est attendu.")
    return count


def _flag(env: Mapping[str, str], name: str, default: bool = False) -> bool:
    value = _text(env, name)
    if value is None:
        return default
    if value.lower() not in FLAG_VALUES:
        raise SettingsError(f"{name}={value!r} : 1 ou 0 est attendu.")
    return FLAG_VALUES[value.lower()]


def _teams(env: Mapping[str, str], allow_loopback_http: bool) -> Mapping[str, str]:
    teams = {key: value for key, name in TEAMS_VARIABLES.items() if (value := _text(env, name))}
    for key in TEAMS_URL_SETTINGS:
        if key in teams and not secure_url(teams[key], allow_loopback_http):
            raise SettingsError(f"{TEAMS_VARIABLES[key]}={teams[key]!r} : une adresse https:// est attendue (le "
                                "secret du bot et les clés de signature ne passent jamais en clair) ; http vers "
                                "127.0.0.1 seulement pour les tests, avec CECAZ_TEAMS_TEST_LOOPBACK=1.")
    return MappingProxyType(teams)


def load(env: Mapping[str, str] = os.environ) -> Settings:
    """Les réglages de `env` (par défaut l'environnement du processus), valeurs par défaut comprises.

    Une variable vide compte comme absente. Lève `SettingsError` pour une valeur inutilisable : port non
    entier ou hors de 1–65535, durée non positive, nombre de jours non entier ou nul, date non ISO 8601,
    niveau de journal inconnu, adresse de Microsoft qui n'est pas en https, origine web mal formée, drapeau
    autre que 1 ou 0."""
    default = Settings()
    var_dir = _path(env, "CECAZ_VAR_DIR") or default.var_dir
    teams_test_loopback = _flag(env, "CECAZ_TEAMS_TEST_LOOPBACK")
    return Settings(
        rasa_port=_port(env, "RASA_PORT", default.rasa_port),
        action_port=_port(env, "ACTION_PORT", default.action_port),
        rasa_interface=_text(env, "RASA_INTERFACE") or default.rasa_interface,
        rasa_auth_token=_text(env, "RASA_AUTH_TOKEN"),
        rest_token=_text(env, "CECAZ_REST_TOKEN"),
        action_secret=_text(env, "CECAZ_ACTION_SECRET"),
        web_origins=_origins(env, "CECAZ_WEB_ORIGINS"),
        web_session_key=_text(env, "CECAZ_WEB_SESSION_KEY"),
        var_dir=var_dir,
        tracker_db=_path(env, "TRACKER_DB") or var_dir / "tracker.db",
        action_timeout_s=_seconds(env, "CECAZ_ACTION_TIMEOUT", default.action_timeout_s),
        retention_days=_days(env, "CECAZ_RETENTION_DAYS", default.retention_days),
        catalogue_dir=_path(env, "CECAZ_CATALOGUE_DIR"),
        now=_instant(env, "CECAZ_NOW"),
        log_level=_log_level(env, "LOG_LEVEL", default.log_level),
        python_warnings=_text(env, "PYTHONWARNINGS") or default.python_warnings,
        test_model=_path(env, "CECAZ_TEST_MODEL"),
        teams=_teams(env, teams_test_loopback),
        teams_test_loopback=teams_test_loopback,
        performance_patches=_flag(env, "CECAZ_PERFORMANCE_PATCHES", default.performance_patches),
        pg_host=_text(env, "CECAZ_PG_HOST") or default.pg_host,
        pg_port=_port(env, "CECAZ_PG_PORT", default.pg_port),
        pg_user=_text(env, "CECAZ_PG_USER") or default.pg_user,
        pg_password=_text(env, "CECAZ_PG_PASSWORD"),
        pg_database=_text(env, "CECAZ_PG_DATABASE") or default.pg_database,
        redis_host=_text(env, "CECAZ_REDIS_HOST") or default.redis_host,
        redis_port=_port(env, "CECAZ_REDIS_PORT", default.redis_port),
        redis_db=_count(env, "CECAZ_REDIS_DB", default.redis_db, minimum=0, maximum=15),
        redis_password=_text(env, "CECAZ_REDIS_PASSWORD"),
        lock_lifetime_s=_seconds(env, "CECAZ_LOCK_LIFETIME", default.lock_lifetime_s),
        teams_seen_in_redis=_flag(env, "CECAZ_TEAMS_SEEN_IN_REDIS"),
        cluster_replicas=_count(env, "CLUSTER_REPLICAS", default.cluster_replicas),
        cluster_action_servers=_count(env, "CLUSTER_ACTION_SERVERS", default.cluster_action_servers),
        cluster_port=_port(env, "CLUSTER_PORT", default.cluster_port),
        cluster_interface=_text(env, "CLUSTER_INTERFACE") or default.cluster_interface,
    )
