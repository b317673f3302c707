"""Jetons du Bot Framework : signature RS256 par une clé connue et approuvée pour le canal, émetteur,
audience, expiration et serviceUrl vérifiés ; adresses du jeton d'accès et des réponses."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any, Dict

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from addons.channels.botframework_auth import AuthError, bearer_token, check_token
from addons.channels.botframework_connector import (
    Connector,
    ConnectorError,
    activities_url,
    default_token_url,
    service_url_allowed,
)

APP_ID = "3f1c2a64-7d2b-4c55-9a0e-1b2c3d4e5f60"
SERVICE_URL = "https://smba.trafficmanager.net/emea/"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
JWK = {**json.loads(RSAAlgorithm.to_jwk(KEY.public_key())), "kid": "k1", "endorsements": ["msteams"]}
KEYS = {"k1": JWK}


def token(**overrides: Any) -> str:
    now = int(time.time())
    claims: Dict[str, Any] = {"iss": "https://api.botframework.com", "aud": APP_ID, "exp": now + 600,
                              "nbf": now - 10, "serviceUrl": SERVICE_URL}
    claims.update(overrides)
    return jwt.encode({k: v for k, v in claims.items() if v is not None}, KEY, algorithm="RS256",
                      headers={"kid": "k1"})


def check(raw: str, channel_id: str = "msteams", service_url: str = SERVICE_URL) -> Dict[str, Any]:
    return check_token(raw, KEYS, app_id=APP_ID, service_url=service_url, channel_id=channel_id)


def test_valid_token_is_accepted() -> None:
    assert check(token())["aud"] == APP_ID
    assert check(token(), service_url=SERVICE_URL.rstrip("/"))  # même adresse, sans la barre finale


@pytest.mark.parametrize("overrides, reason", [
    ({"aud": "un-autre-bot"}, "(?i)audience"),
    ({"iss": "https://sts.windows.net/intrus/"}, "(?i)issuer"),
    ({"exp": int(time.time()) - 3600}, "(?i)expired"),
    ({"exp": None}, "exp"),
    ({"serviceUrl": "https://intrus.example/"}, "serviceUrl"),
])
def test_wrong_claims_are_refused(overrides: Dict[str, Any], reason: str) -> None:
    with pytest.raises(AuthError, match=reason):
        check(token(**overrides))


def test_clock_skew_of_a_few_minutes_is_tolerated() -> None:
    assert check(token(exp=int(time.time()) - 120))


def test_key_must_be_known_and_endorsed_for_the_channel() -> None:
    with pytest.raises(AuthError, match="non approuvée"):
        check(token(), channel_id="skype")
    other = jwt.encode({"aud": APP_ID}, KEY, algorithm="RS256", headers={"kid": "inconnue"})
    with pytest.raises(AuthError, match="inconnue"):
        check(other)


def test_only_rs256_signatures_are_accepted() -> None:
    unsigned = jwt.encode({"iss": "https://api.botframework.com", "aud": APP_ID, "exp": int(time.time()) + 600,
                           "serviceUrl": SERVICE_URL}, None, algorithm="none", headers={"kid": "k1"})
    with pytest.raises(AuthError):
        check(unsigned)


@pytest.mark.parametrize("header", [None, "", "Basic abc", "Bearer ", "Bearer"])
def test_authorization_header_needs_a_bearer_token(header: Any) -> None:
    with pytest.raises(AuthError):
        bearer_token(header)
    assert bearer_token("Bearer abc.def.ghi") == "abc.def.ghi"


def test_token_endpoint_is_the_tenant_for_single_tenant_bots() -> None:
    assert default_token_url("contoso-tenant") == "https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/token"
    assert default_token_url(None) == "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"


def test_reply_url_is_under_the_activity_service_url() -> None:
    assert activities_url(SERVICE_URL, "a:1;messageid=2", "act/1") == (
        "https://smba.trafficmanager.net/emea/v3/conversations/a%3A1%3Bmessageid%3D2/activities/act%2F1")


@pytest.mark.parametrize("url", ["https://smba.trafficmanager.net/teams/", "https://smba.trafficmanager.net/emea/",
                                 "https://SMBA.trafficmanager.net:443/amer/",
                                 "https://smba.infra.gcc.teams.microsoft.com/teams",
                                 "https://smba.infra.gov.teams.microsoft.us/teams",
                                 "https://smba.infra.dod.teams.microsoft.us/teams"])
def test_replies_go_to_teams_hosts_over_https(url: str) -> None:
    assert service_url_allowed(url)


@pytest.mark.parametrize("url", ["http://smba.trafficmanager.net/teams/", "https://intrus.example/teams/",
                                 "https://smba.trafficmanager.net.intrus.example/", "https://smba.trafficmanager.net:8443/",
                                 "https://smba.trafficmanager.net@intrus.example/", "https://x@smba.trafficmanager.net/",
                                 "http://127.0.0.1:8080/teams/", "ftp://smba.trafficmanager.net/", "",
                                 "pas une adresse", "https://smba.trafficmanager.net:port/"])
def test_replies_never_go_elsewhere(url: str) -> None:
    """Issue 19, point 3 : la réponse et le jeton d'accès du bot partaient vers le `serviceUrl` du jeton,
    quel qu'il soit."""
    assert not service_url_allowed(url)


def test_loopback_http_only_for_the_tests() -> None:
    assert service_url_allowed("http://127.0.0.1:8080/teams/", allow_loopback_http=True)
    assert service_url_allowed("http://localhost:8080/teams/", allow_loopback_http=True)
    assert not service_url_allowed("http://intrus.example/teams/", allow_loopback_http=True)
    assert not service_url_allowed("http://smba.trafficmanager.net/teams/", allow_loopback_http=True)


def test_the_connector_refuses_to_post_outside_teams_or_its_secret_in_clear() -> None:
    with pytest.raises(ValueError, match="https"):
        Connector("app", "secret", "http://login.example/token", lambda: None)  # type: ignore[arg-type,return-value]

    async def send() -> None:
        connector = Connector("app", "secret", "https://login.microsoftonline.com/t/oauth2/v2.0/token",
                              lambda: None)  # type: ignore[arg-type,return-value]
        await connector.send("https://intrus.example/teams/", "a:1", {"type": "message"})

    with pytest.raises(ConnectorError, match="serviceUrl refusé"):
        asyncio.run(send())
