"""Profil de production (`ops/cluster.py`) : endpoints.yml des serveurs Rasa sans mot de passe écrit, proxy
qui ne publie que la page, Socket.IO, Teams (et l'API si elle est activée), configuration acceptée par
HAProxy."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from cecaz.settings import load
from ops.cluster import LOCK_STORE, STICKY_COOKIE, TRACKER_STORE, Cluster, render_proxy_config, store_endpoints


def test_the_stores_are_the_projects_and_passwords_stay_references() -> None:
    stores = store_endpoints(load({"CECAZ_PG_PASSWORD": "pg-mot-de-passe", "CECAZ_REDIS_PASSWORD": "redis-mdp",
                                   "CECAZ_PG_PORT": "6543", "CECAZ_LOCK_LIFETIME": "4"}))
    assert stores["tracker_store"]["type"] == TRACKER_STORE and stores["lock_store"]["type"] == LOCK_STORE
    assert stores["tracker_store"]["port"] == 6543 and stores["lock_store"]["lifetime"] == 4.0
    text = yaml.safe_dump(stores)
    assert "mot-de-passe" not in text and "redis-mdp" not in text
    assert "${CECAZ_PG_PASSWORD}" in text and "${CECAZ_REDIS_PASSWORD}" in text
    assert "password" not in yaml.safe_dump(store_endpoints(load({})))  # trust authentication: none


@pytest.mark.parametrize("api", [False, True])
def test_the_proxy_publishes_only_the_page_socketio_teams_and_the_api_if_enabled(api: bool, tmp_path: Path) -> None:
    text = render_proxy_config("127.0.0.1", 8080, [("rasa-1", 5005), ("rasa-2", 5006)], api=api)
    assert "bind 127.0.0.1:8080" in text
    assert "server rasa-1 127.0.0.1:5005 check cookie rasa-1" in text and "server rasa-2 127.0.0.1:5006" in text
    assert f"cookie {STICKY_COOKIE} insert" in text
    refusal = next(line for line in text.splitlines() if "http-request return status 404" in line)
    assert refusal.endswith("unless page or socketio or teams" + (" or api" if api else ""))
    assert "5055" not in text and "/webhooks/rest" not in text  # neither the action server nor REST
    haproxy = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin")
    if haproxy:
        (tmp_path / "haproxy.cfg").write_text(text, encoding="utf-8")
        checked = subprocess.run([haproxy, "-c", "-q", "-f", str(tmp_path / "haproxy.cfg")], capture_output=True,
                                 text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_replicas_share_the_secret_and_spread_over_the_action_servers(tmp_path: Path) -> None:
    cluster = Cluster(model=tmp_path / "m.tar.gz", rasa_ports=[7001, 7002, 7003], action_ports=[7101, 7102],
                      proxy_port=7200, var_dir=tmp_path / "cluster")
    assert [r.action_port for r in cluster.replicas] == [7101, 7102, 7101]
    assert {u.action_secret for u in cluster.units} == {cluster.action_secret}
    env = cluster.replicas[0].env("rasa")
    assert env["CECAZ_VAR_DIR"] == str(tmp_path / "cluster")  # one web session key for all replicas
    assert "http://127.0.0.1:7200" in env["CECAZ_WEB_ORIGINS"].split(",")
    assert set(cluster.proxy.env()) <= {"PATH", "LANG", "LC_ALL"}  # HAProxy gets no secret
