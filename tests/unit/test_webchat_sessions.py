"""Page web : identifiants de session émis et signés par le serveur (issue 19, point 6), origines et hôtes
admis listés (point 7)."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from addons.channels.webchat import SessionIds, allowed_hosts, host_allowed, session_key
from cecaz.settings import SettingsError, load


def test_issued_ids_are_accepted_and_name_a_web_conversation() -> None:
    sessions = SessionIds(b"k" * 32)
    issued = sessions.issue()
    assert re.fullmatch(r"[0-9a-f]{32}\.[0-9a-f]{32}", issued)
    assert sessions.conversation(issued) == f"web:{issued.split('.')[0]}"
    assert sessions.issue() != issued  # uuid4: random


def test_ids_the_server_did_not_issue_are_refused() -> None:
    sessions = SessionIds(b"k" * 32)
    issued = sessions.issue()
    uid, signature = issued.split(".")
    other_key = SessionIds(b"autre-cle" * 4).issue()
    for candidate in (uid, "0" * 32, f"{uid}.{'0' * 32}", f"{'a' * 32}.{signature}", other_key, issued.upper(),
                      issued + "0", f" {issued}", None, 42, ["liste"], {"id": issued}):
        assert sessions.conversation(candidate) is None, candidate


def test_the_key_is_drawn_once_kept_private_and_reused(tmp_path: Path) -> None:
    config = load({"CECAZ_VAR_DIR": str(tmp_path / "var")})
    key = session_key(config)
    assert len(key) >= 64 and session_key(config) == key  # same key after a restart
    assert stat.S_IMODE(config.web_session_key_file.stat().st_mode) == 0o600
    assert session_key(load({"CECAZ_WEB_SESSION_KEY": "cle-partagee-par-plusieurs-machines"})) == \
        b"cle-partagee-par-plusieurs-machines"


def test_allowed_origins_are_listed_never_taken_from_the_request() -> None:
    config = load({"RASA_PORT": "5005", "CECAZ_WEB_ORIGINS": "https://Assistant.CECAZ.fr, https://chat.example:8443/"})
    assert config.allowed_web_origins == ("https://assistant.cecaz.fr", "https://chat.example:8443",
                                          "http://127.0.0.1:5005", "http://localhost:5005")
    hosts = allowed_hosts(config.allowed_web_origins)
    assert hosts == {"assistant.cecaz.fr", "chat.example:8443", "127.0.0.1:5005", "localhost:5005"}
    assert host_allowed({"host": "assistant.cecaz.fr"}, hosts)
    for host in ("intrus.example", "assistant.cecaz.fr.intrus.example", "127.0.0.1:5006", "", None):
        assert not host_allowed({"host": host}, hosts)  # type: ignore[dict-item]
    assert load({"RASA_PORT": "6000"}).allowed_web_origins == ("http://127.0.0.1:6000", "http://localhost:6000")


@pytest.mark.parametrize("value", ["assistant.cecaz.fr", "https://assistant.cecaz.fr/chat", "ftp://x.example",
                                   "https://", "https://x.example?a=1", "https://u@x.example"])
def test_malformed_origins_stop_the_start(value: str) -> None:
    with pytest.raises(SettingsError, match="^CECAZ_WEB_ORIGINS="):
        load({"CECAZ_WEB_ORIGINS": value})
