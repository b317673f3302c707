"""Secrets et fichiers des processus lancés par `ops/serve.py` (issue 19, points 9 et 10) : chaque processus
ne reçoit que les variables dont il a besoin, aucun jeton sur une ligne de commande, dossier de travail
et fichiers réservés à leur propriétaire, secret partagé entre Rasa et le serveur d'actions jamais écrit."""

from __future__ import annotations

import stat
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Dict, List

import pytest
import yaml
from rasa.__main__ import create_argument_parser

from ops import serve
from ops.rasa_cli import with_api_token
from ops.serve import Services

SECRETS = {"MICROSOFT_APP_ID": "app-id", "MICROSOFT_APP_PASSWORD": "mot-de-passe-teams",
           "RASA_AUTH_TOKEN": "jeton-api", "CECAZ_REST_TOKEN": "jeton-rest",
           "CECAZ_PG_PASSWORD": "mot-de-passe-pg", "CECAZ_REDIS_PASSWORD": "mot-de-passe-redis"}


class Spawned:
    def __init__(self) -> None:
        self.calls: List[Dict[str, Any]] = []

    def __call__(self, args: List[str], **kwargs: Any) -> Any:
        self.calls.append({"args": args, **kwargs})
        return object()


@pytest.fixture
def spawned(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> SimpleNamespace:
    """Les deux serveurs lancés comme par `make run` (processus simulés) : .actions et .rasa (arguments de
    Popen), .secret (le secret partagé de ces services)."""
    recorder = Spawned()
    monkeypatch.setattr(serve.subprocess, "Popen", recorder)
    services = Services(rasa_port=5999, action_port=5998, model=tmp_path / "m.tar.gz", var_dir=tmp_path / "var",
                        env_extra=dict(SECRETS))
    services.start_actions()
    services.start_rasa()
    actions, rasa = recorder.calls
    return SimpleNamespace(actions=actions, rasa=rasa, secret=services.action_secret)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_action_server_receives_none_of_the_channels_secrets(spawned: SimpleNamespace) -> None:
    """Issue 19, point 10 : le serveur d'actions héritait de MICROSOFT_APP_PASSWORD (et des jetons)."""
    actions_env, rasa_env = spawned.actions["env"], spawned.rasa["env"]
    assert not set(SECRETS) & set(actions_env)
    assert {name: rasa_env[name] for name in SECRETS} == SECRETS  # Rasa reads them all
    secret = spawned.secret
    assert actions_env["CECAZ_ACTION_SECRET"] == rasa_env["CECAZ_ACTION_SECRET"] == secret and len(secret) >= 32


def test_no_token_on_a_command_line(spawned: SimpleNamespace) -> None:
    """Issue 19, point 10 : `--auth-token <jeton>` était sur la ligne de commande de Rasa (visible par `ps`)."""
    for call in (spawned.actions, spawned.rasa):
        assert not [arg for arg in call["args"] for value in SECRETS.values() if value in arg]
        assert spawned.secret not in " ".join(call["args"])
    assert "--enable-api" in spawned.rasa["args"]
    # ops/rasa_cli.py hands the token to Rasa inside the process.
    assert with_api_token(["run", "--enable-api", "--port", "1"], "jeton-api") == [
        "run", "--enable-api", "--port", "1", "--auth-token=jeton-api"]
    assert with_api_token(["run", "--port", "1"], "jeton-api") == ["run", "--port", "1"]
    assert with_api_token(["train"], "jeton-api") == ["train"]
    assert with_api_token(["run", "--enable-api"], None) == ["run", "--enable-api"]


def test_work_files_are_for_their_owner_only(spawned: SimpleNamespace, tmp_path: Path) -> None:
    """Issue 19, point 10 : `var/` et ses fichiers (conversations, journaux) étaient créés lisibles par tous."""
    var = tmp_path / "var"
    assert mode(var) == 0o700 and mode(var / "log") == 0o700
    for path in (var / "log" / "rasa.log", var / "log" / "actions.log", var / "endpoints.yml", var / "credentials.yml"):
        assert mode(path) == 0o600, path
    assert spawned.rasa["umask"] == spawned.actions["umask"] == 0o077  # what the servers create
    existing = tmp_path / "ancien"
    existing.mkdir(mode=0o755)
    existing.chmod(0o755)
    assert mode(serve.private_dir(existing)) == 0o700


def test_the_shared_secret_is_referenced_never_written(spawned: SimpleNamespace, tmp_path: Path) -> None:
    """Issue 19, point 9 : Rasa envoie au serveur d'actions l'en-tête du secret, lu dans l'environnement."""
    endpoints = yaml.safe_load((tmp_path / "var" / "endpoints.yml").read_text(encoding="utf-8"))
    assert endpoints["action_endpoint"]["headers"] == {"X-Cecaz-Action-Secret": "${CECAZ_ACTION_SECRET}"}
    written = "".join(path.read_text() for path in (tmp_path / "var").glob("*.yml"))
    assert spawned.secret not in written and "mot-de-passe-teams" not in written


def test_each_launch_draws_its_own_secret(tmp_path: Path) -> None:
    first = Services(rasa_port=1, action_port=2, model=tmp_path, var_dir=tmp_path)
    second = Services(rasa_port=1, action_port=2, model=tmp_path, var_dir=tmp_path)
    assert first.action_secret != second.action_secret


def test_an_api_token_starting_with_a_dash_reaches_rasa_as_the_token() -> None:
    argv = with_api_token(["run", "--enable-api", "--port", "1"], "-Xk3_token")
    assert create_argument_parser().parse_args(argv).auth_token == "-Xk3_token"
