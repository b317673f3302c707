"""`make run` : Teams n'est ajouté aux canaux que si ses identifiants sont dans l'environnement, et
le mot de passe n'est jamais écrit dans le fichier d'identifiants effectif."""

from __future__ import annotations

from ops.serve import TEAMS_CHANNEL, effective_credentials


def test_without_credentials_only_rest_and_web_chat_are_open() -> None:
    channels = effective_credentials({"MICROSOFT_APP_ID": "id-seul"})
    assert set(channels) == {"addons.channels.rest.GuardedRestInput", "addons.channels.webchat.WebChatInput"}


def test_teams_is_added_with_references_to_the_environment() -> None:
    channels = effective_credentials({"MICROSOFT_APP_ID": "id", "MICROSOFT_APP_PASSWORD": "secret",
                                      "MICROSOFT_APP_TENANT_ID": "tenant"})
    assert channels[TEAMS_CHANNEL] == {"app_id": "${MICROSOFT_APP_ID}", "app_password": "${MICROSOFT_APP_PASSWORD}",
                                       "tenant_id": "${MICROSOFT_APP_TENANT_ID}"}
    assert "secret" not in str(channels)
