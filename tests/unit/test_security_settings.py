"""Réglages de sécurité des canaux (issue 19, docs/securite.md) : lus et vérifiés par `cecaz/settings.py`."""

from __future__ import annotations

import pytest

from cecaz.settings import SettingsError, load

TEAMS = {"MICROSOFT_APP_ID": "id", "MICROSOFT_APP_PASSWORD": "secret"}


@pytest.mark.parametrize("name", ["BOTFRAMEWORK_TOKEN_URL", "BOTFRAMEWORK_OPENID_METADATA_URL"])
@pytest.mark.parametrize("url", ["http://login.example/token", "http://127.0.0.1:8080/token", "ftp://login.example/",
                                 "https://user:pass@login.example/token", "login.microsoftonline.com/token"])
def test_microsoft_addresses_must_be_https(name: str, url: str) -> None:
    """Issue 19, point 3 : un point de terminaison du jeton en http recevait le secret du bot en clair."""
    with pytest.raises(SettingsError, match=rf"^{name}=.* https:// est attendue"):
        load({**TEAMS, name: url})


def test_https_addresses_are_accepted() -> None:
    config = load({**TEAMS, "BOTFRAMEWORK_TOKEN_URL": "https://login.microsoftonline.us/t/oauth2/v2.0/token",
                   "BOTFRAMEWORK_OPENID_METADATA_URL": "https://login.botframework.com/v1/.well-known/openidconfiguration"})
    assert config.teams["token_url"].startswith("https://") and not config.teams_test_loopback


def test_the_test_setting_admits_plain_http_to_this_machine_only() -> None:
    local = {**TEAMS, "CECAZ_TEAMS_TEST_LOOPBACK": "1", "BOTFRAMEWORK_TOKEN_URL": "http://127.0.0.1:8080/t/token",
             "BOTFRAMEWORK_OPENID_METADATA_URL": "http://localhost:8080/openid"}
    assert load(local).teams_test_loopback
    with pytest.raises(SettingsError, match="BOTFRAMEWORK_TOKEN_URL"):
        load({**local, "BOTFRAMEWORK_TOKEN_URL": "http://login.example/token"})
    with pytest.raises(SettingsError, match=r"^CECAZ_TEAMS_TEST_LOOPBACK='peut-être' : 1 ou 0 est attendu"):
        load({"CECAZ_TEAMS_TEST_LOOPBACK": "peut-être"})
    assert not load({"CECAZ_TEAMS_TEST_LOOPBACK": "0"}).teams_test_loopback
