"""Réglages : une seule lecture de l'environnement (`cecaz/settings.py`), décrite par le README ; valeurs par
défaut, valeurs choisies, valeurs refusées avec un message qui nomme la variable ; journaux réglés en un
seul endroit (`ops/quiet.py`)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator, List, Mapping, Set

import pytest

from cecaz import settings
from cecaz.catalogue import DEFAULT_DIR, CatalogueStore
from cecaz.hours import PARIS, service_now
from cecaz.settings import ROOT, Settings, SettingsError, load
from ops.quiet import FORCED_ENV, QUIET_ENV, apply_quiet_environment, quiet_environment


class RecordingEnv(Mapping[str, str]):
    """Environnement vide qui note chaque variable demandée."""

    def __init__(self) -> None:
        self.asked: Set[str] = set()

    def __getitem__(self, name: str) -> str:
        self.asked.add(name)
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def readme_variables() -> List[str]:
    """Première colonne du tableau des variables de la section « Prérequis » du README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Prérequis\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [re.match(r"\| `([A-Z][A-Z0-9_]*)` \|", row).group(1) for row in rows]


def test_the_readme_table_lists_exactly_the_variables_the_settings_read() -> None:
    env = RecordingEnv()
    load(env)
    listed = readme_variables()
    assert len(listed) == len(set(listed)), "variable listée deux fois dans le README"
    assert set(listed) == env.asked


PROJECT_DIRS = ("actions", "addons", "cecaz", "ops", "tests")


def _is_os_environ(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "environ"
            and isinstance(node.value, ast.Name) and node.value.id == "os")


def environment_reads(tree: ast.AST) -> List[int]:
    """Lignes qui lisent l'environnement : `os.getenv(…)`, `os.environ.get(…)`, `os.environ[…]`, `… in os.environ`.

    Copier l'environnement pour un processus enfant (`{**os.environ, …}`) ou y écrire n'en fait pas partie."""
    lines = []
    for node in ast.walk(tree):
        call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
            (node.func.attr == "getenv" and isinstance(node.func.value, ast.Name) and node.func.value.id == "os")
            or (node.func.attr in {"get", "pop"} and _is_os_environ(node.func.value)))
        subscript = isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load) and _is_os_environ(node.value)
        membership = isinstance(node, ast.Compare) and any(_is_os_environ(c) for c in node.comparators)
        if call or subscript or membership:
            lines.append(node.lineno)
    return lines


def test_the_scan_sees_every_kind_of_read() -> None:
    code = "import os\nos.getenv('A')\nos.environ.get('B')\nos.environ['C']\n'D' in os.environ\nos.environ['E'] = '1'\n"
    assert environment_reads(ast.parse(code)) == [2, 3, 4, 5]


def test_no_other_module_reads_the_environment() -> None:
    offenders = [f"{path.relative_to(ROOT)}:{line}"
                 for folder in PROJECT_DIRS for path in sorted((ROOT / folder).rglob("*.py"))
                 if path != ROOT / "cecaz" / "settings.py"
                 for line in environment_reads(ast.parse(path.read_text(encoding="utf-8")))]
    assert offenders == [], "lire l'environnement dans cecaz/settings.py uniquement"


def test_defaults() -> None:
    config = load({})
    assert config == Settings()
    assert (config.rasa_port, config.action_port, config.rasa_interface) == (5005, 5055, "127.0.0.1")
    assert config.rasa_auth_token is None
    assert config.var_dir == ROOT / "var" and config.tracker_db == ROOT / "var" / "tracker.db"
    assert config.action_timeout_s == 5.0
    assert config.catalogue_dir is None and config.now is None
    assert (config.log_level, config.python_warnings, config.quiet_warnings) == ("INFO", "ignore", True)
    assert dict(config.teams) == {} and not config.teams_enabled


def test_empty_values_count_as_unset() -> None:
    assert load({"RASA_PORT": "", "CECAZ_NOW": "  ", "MICROSOFT_APP_ID": ""}) == Settings()


def test_overrides(tmp_path: Path) -> None:
    config = load({
        "RASA_PORT": "6005", "ACTION_PORT": " 6055 ", "RASA_INTERFACE": "0.0.0.0", "RASA_AUTH_TOKEN": "jeton-secret",
        "CECAZ_VAR_DIR": str(tmp_path / "travail"), "CECAZ_ACTION_TIMEOUT": "2,5",
        "CECAZ_CATALOGUE_DIR": str(tmp_path / "cat"), "CECAZ_NOW": "2026-11-30T10:00:00+01:00",
        "LOG_LEVEL": "debug", "PYTHONWARNINGS": "default",
        "MICROSOFT_APP_ID": "id", "MICROSOFT_APP_PASSWORD": "secret", "BOTFRAMEWORK_TOKEN_URL": "https://jeton",
    })
    assert (config.rasa_port, config.action_port, config.rasa_interface) == (6005, 6055, "0.0.0.0")
    assert config.rasa_auth_token == "jeton-secret"
    assert config.var_dir == tmp_path / "travail" and config.tracker_db == tmp_path / "travail" / "tracker.db"
    assert config.action_timeout_s == 2.5 and config.catalogue_dir == tmp_path / "cat"
    assert config.now == datetime(2026, 11, 30, 10, tzinfo=timezone(timedelta(hours=1)))
    assert config.log_level == "DEBUG" and not config.quiet_warnings
    assert dict(config.teams) == {"app_id": "id", "app_password": "secret", "token_url": "https://jeton"}
    assert config.teams_enabled
    assert "secret" not in repr(config)  # neither the Teams password nor the API token


def test_scale_out_profile_defaults_and_overrides() -> None:
    """`make cluster` : PostgreSQL et Redis de la machine (127.0.0.1, ports standard), deux serveurs Rasa."""
    config = load({})
    assert (config.pg_host, config.pg_port, config.pg_user, config.pg_database) == ("127.0.0.1", 5432, "postgres",
                                                                                    "cecaz")
    assert (config.redis_host, config.redis_port, config.redis_db) == ("127.0.0.1", 6379, 0)
    assert (config.cluster_replicas, config.cluster_action_servers, config.cluster_port) == (2, 1, 8080)
    assert config.pg_password is None and config.redis_password is None and config.lock_lifetime_s == 10.0
    config = load({"CLUSTER_REPLICAS": "4", "CECAZ_PG_PASSWORD": "mot-de-passe", "CECAZ_REDIS_DB": "3",
                   "CECAZ_LOCK_LIFETIME": "2,5"})
    assert (config.cluster_replicas, config.redis_db, config.lock_lifetime_s) == (4, 3, 2.5)
    assert config.pg_password == "mot-de-passe" and "mot-de-passe" not in repr(config)


def test_tracker_db_is_independent_of_the_var_dir_when_set(tmp_path: Path) -> None:
    config = load({"CECAZ_VAR_DIR": str(tmp_path / "a"), "TRACKER_DB": str(tmp_path / "b" / "conv.db")})
    assert config.var_dir == tmp_path / "a" and config.tracker_db == tmp_path / "b" / "conv.db"


def test_relative_paths_are_made_absolute() -> None:
    config = load({"CECAZ_VAR_DIR": "travail"})
    assert config.var_dir.is_absolute() and config.var_dir.name == "travail"


def test_teams_needs_the_id_and_the_password() -> None:
    assert not load({"MICROSOFT_APP_ID": "id"}).teams_enabled
    assert not load({"MICROSOFT_APP_PASSWORD": "secret"}).teams_enabled


@pytest.mark.parametrize("name, value", [
    ("RASA_PORT", "abc"), ("RASA_PORT", "50.5"), ("RASA_PORT", "0"), ("RASA_PORT", "70000"), ("ACTION_PORT", "5055x"),
    ("CECAZ_ACTION_TIMEOUT", "cinq"), ("CECAZ_ACTION_TIMEOUT", "0"), ("CECAZ_ACTION_TIMEOUT", "-1"),
    ("CECAZ_ACTION_TIMEOUT", "nan"), ("CECAZ_ACTION_TIMEOUT", "inf"),
    ("CECAZ_NOW", "lundi 10h"), ("LOG_LEVEL", "bavard"),
    ("CLUSTER_REPLICAS", "0"), ("CLUSTER_REPLICAS", "deux"), ("CLUSTER_ACTION_SERVERS", "100"),
    ("CECAZ_REDIS_DB", "16"), ("CECAZ_REDIS_DB", "-1"), ("CECAZ_PG_PORT", "postgres"), ("CECAZ_LOCK_LIFETIME", "0"),
])
def test_bad_values_are_refused_with_the_variable_name(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=rf"^{name}={re.escape(repr(value))} : .* attendu"):
        load({name: value})


def test_the_service_clock_follows_cecaz_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CECAZ_NOW", "2026-11-30T10:00:00")  # no zone: Paris time
    assert service_now() == datetime(2026, 11, 30, 10, tzinfo=PARIS)
    monkeypatch.setenv("CECAZ_NOW", "2026-11-30T09:00:00+00:00")
    assert service_now() == datetime(2026, 11, 30, 10, tzinfo=PARIS)
    monkeypatch.delenv("CECAZ_NOW")
    assert abs(service_now() - datetime.now(PARIS)) < timedelta(minutes=1)


def test_the_catalogue_store_follows_cecaz_catalogue_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for source in DEFAULT_DIR.glob("*.yml"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    monkeypatch.setenv("CECAZ_CATALOGUE_DIR", str(tmp_path))
    assert CatalogueStore().directory == tmp_path
    assert CatalogueStore(DEFAULT_DIR).directory == DEFAULT_DIR  # an explicit directory wins
    monkeypatch.delenv("CECAZ_CATALOGUE_DIR")
    assert CatalogueStore().directory == DEFAULT_DIR


def test_quiet_environment_keeps_the_operator_choices_but_never_telemetry() -> None:
    env = quiet_environment({"TF_CPP_MIN_LOG_LEVEL": "0", "RASA_TELEMETRY_ENABLED": "true", "AUTRE": "x"})
    assert env["TF_CPP_MIN_LOG_LEVEL"] == "0" and env["AUTRE"] == "x"
    assert env["RASA_TELEMETRY_ENABLED"] == "false"
    assert {name: env[name] for name in QUIET_ENV if name != "TF_CPP_MIN_LOG_LEVEL"} == {
        name: value for name, value in QUIET_ENV.items() if name != "TF_CPP_MIN_LOG_LEVEL"}


def test_apply_quiet_environment_sets_the_process_before_rasa_is_imported() -> None:
    env = {"RASA_TELEMETRY_ENABLED": "true", "PYTHONWARNINGS": "ignore"}
    with warnings.catch_warnings():
        apply_quiet_environment(env)
        assert env == {**QUIET_ENV, **FORCED_ENV}
        with warnings.catch_warnings(record=True) as seen:
            warnings.warn("bruit", DeprecationWarning, stacklevel=1)
        assert seen == []


def test_apply_quiet_environment_refuses_a_bad_setting() -> None:
    with warnings.catch_warnings(), pytest.raises(SettingsError, match="RASA_PORT"):
        apply_quiet_environment({"RASA_PORT": "cinq-mille"})


def test_teams_variables_are_the_settings_of_the_channel() -> None:
    assert set(settings.TEAMS_VARIABLES) == {"app_id", "app_password", "tenant_id", "openid_metadata_url", "token_url"}


def test_quiet_command_runs_python_in_the_quiet_environment() -> None:
    script = ("import os, sys; "
              "print(os.environ['RASA_TELEMETRY_ENABLED'], os.environ['TF_CPP_MIN_LOG_LEVEL'], sys.warnoptions)")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "true"}
    result = subprocess.run([sys.executable, "-m", "ops.quiet", "-c", script], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout.strip()) == (0, "false 3 ['ignore']")
    bad = subprocess.run([sys.executable, "-m", "ops.quiet", "-c", "print('lancé')"], cwd=ROOT,
                         env={**env, "ACTION_PORT": "x"}, capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stdout == "" and bad.stderr.startswith("Erreur : ACTION_PORT='x'")
