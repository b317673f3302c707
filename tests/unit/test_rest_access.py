"""Canal REST : réservé aux appelants de confiance (issue 19, point 2). Sans jeton configuré, les appels
locaux directs seulement ; avec, le jeton exigé de tous. Les conversations REST ont leur propre espace."""

from __future__ import annotations

from http import HTTPStatus

import pytest

from addons.channels import conversation_key
from addons.channels.rest import caller_refusal
from addons.channels.teams_activities import conversation_key as teams_key


@pytest.mark.parametrize("peer", ["127.0.0.1", "127.0.0.53", "::1"])
def test_without_a_token_direct_local_calls_are_admitted(peer: str) -> None:
    assert caller_refusal({}, peer, None) is None


@pytest.mark.parametrize("peer, headers", [
    ("10.0.0.8", {}),
    ("203.0.113.7", {}),
    ("", {}),
    ("127.0.0.1", {"x-forwarded-for": "203.0.113.7"}),
    ("127.0.0.1", {"forwarded": "for=203.0.113.7"}),
    ("127.0.0.1", {"x-real-ip": "203.0.113.7"}),
    ("127.0.0.1", {"x-forwarded-host": "assistant.example"}),
])
def test_without_a_token_remote_or_relayed_calls_are_refused(peer: str, headers: dict) -> None:
    status, message = caller_refusal(headers, peer, None) or (None, "")
    assert status == HTTPStatus.FORBIDDEN and "CECAZ_REST_TOKEN" in message


@pytest.mark.parametrize("authorization", [None, "", "Bearer", "Bearer mauvais", "jeton-secret", "Basic jeton-secret",
                                           "Bearer jeton-secret2"])
def test_with_a_token_every_caller_must_bring_it(authorization: str) -> None:
    headers = {} if authorization is None else {"authorization": authorization}
    refused = caller_refusal(headers, "127.0.0.1", "jeton-secret")
    assert refused is not None and refused[0] == HTTPStatus.UNAUTHORIZED


def test_with_a_token_remote_and_relayed_callers_holding_it_are_admitted() -> None:
    assert caller_refusal({"authorization": "Bearer jeton-secret"}, "203.0.113.7", "jeton-secret") is None
    assert caller_refusal({"authorization": "bearer jeton-secret", "x-forwarded-for": "203.0.113.7"}, "127.0.0.1",
                          "jeton-secret") is None


def test_each_channel_has_its_own_conversation_space() -> None:
    teams_user = {"channelId": "msteams", "from": {"id": "29:1abc", "aadObjectId": "9a8b"},
                  "conversation": {"id": "a:1", "tenantId": "T-1"}}
    assert teams_key(teams_user) == "teams:t-1:9a8b"
    assert teams_key({**teams_user, "from": {"id": "29:1abc"}}) == "teams:t-1:29:1abc"
    # Whatever a REST caller writes as its sender, it stays in the REST space.
    for sender in ("29:1abc", "teams:t-1:9a8b", "0123456789abcdef0123456789abcdef", "web:0123"):
        assert conversation_key("rest", sender).startswith("rest:")
        assert conversation_key("rest", sender) not in {teams_key(teams_user), conversation_key("web", sender)}
