"""Les garde-fous remplacent deux méthodes de Rasa 3.6 : leurs signatures sont épinglées ici, et une autre
version de Rasa est refusée à l'installation plutôt que de remplacer des méthodes qui auraient changé."""

from __future__ import annotations

import asyncio
import inspect
import re

import pytest
import rasa.version
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel

from addons import resilience
from cecaz.segments import split_questions
from cecaz.settings import SettingsError
from ops import rasa_cli


def test_remote_action_run_has_the_signature_the_wrapper_calls() -> None:
    original = inspect.unwrap(RemoteAction.run)
    assert list(inspect.signature(original).parameters) == ["self", "output_channel", "nlg", "tracker", "domain"]
    assert inspect.iscoroutinefunction(original)


def test_agent_handle_message_has_the_signature_the_wrapper_calls() -> None:
    original = inspect.unwrap(Agent.handle_message)
    assert list(inspect.signature(original).parameters) == ["self", "message"]
    assert inspect.iscoroutinefunction(original)


def test_the_installed_rasa_is_the_supported_series() -> None:
    assert rasa.version.__version__.startswith(resilience.SUPPORTED_RASA + ".")
    resilience.check_rasa_version()


@pytest.mark.parametrize("version", ["3.6.0", "3.6.21", "3.6.99rc1"])
def test_every_3_6_release_is_accepted(monkeypatch: pytest.MonkeyPatch, version: str) -> None:
    monkeypatch.setattr(rasa.version, "__version__", version)
    resilience.check_rasa_version()


@pytest.mark.parametrize("version", ["3.7.0", "3.5.17", "4.0.0", "3.60.1"])
def test_another_rasa_is_refused_and_nothing_is_replaced(monkeypatch: pytest.MonkeyPatch, version: str) -> None:
    monkeypatch.setattr(rasa.version, "__version__", version)
    monkeypatch.setattr(RemoteAction, "run", inspect.unwrap(RemoteAction.run))
    monkeypatch.setattr(Agent, "handle_message", inspect.unwrap(Agent.handle_message))
    with pytest.raises(resilience.RasaVersionError, match=rf"Rasa {re.escape(version)} est installé") as error:
        resilience.install()
    assert "Rasa 3.6.x" in str(error.value)
    assert not hasattr(RemoteAction.run, "__wrapped__") and not hasattr(Agent.handle_message, "__wrapped__")


def test_the_rasa_command_stops_with_a_clear_message_on_another_rasa(monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(rasa_cli, "apply_quiet_environment", lambda: None)  # keep this process untouched
    monkeypatch.setattr(rasa.version, "__version__", "3.7.2")
    assert rasa_cli.main(["--version"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Erreur : ") and "Rasa 3.7.2 est installé" in err


def test_the_rasa_command_stops_with_a_clear_message_on_a_bad_setting(monkeypatch: pytest.MonkeyPatch,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    def refuse() -> None:
        raise SettingsError("RASA_PORT='abc' : un numéro de port entier entre 1 et 65535 est attendu.")

    monkeypatch.setattr(rasa_cli, "apply_quiet_environment", refuse)
    assert rasa_cli.main(["run"]) == 2
    assert capsys.readouterr().err.startswith("Erreur : RASA_PORT='abc'")


def test_a_reply_already_sent_for_an_earlier_part_of_the_message_is_not_sent_again() -> None:
    collector = CollectingOutputChannel()
    channel = resilience._OncePerMessage(collector)

    async def send_parts() -> None:
        await channel.send_response("u1", {"text": "Tarification de JPEL : le CIF…"})
        await channel.send_response("u1", {"text": "Tarification de JPEL : le CIF…"})
        await channel.send_response("u1", {"text": "Le CIF utilise SimulEasy."})

    asyncio.run(send_parts())
    assert [m["text"] for m in collector.messages] == ["Tarification de JPEL : le CIF…", "Le CIF utilise SimulEasy."]
    assert channel.name() == collector.name()


@pytest.mark.parametrize(("text", "parts"), [
    ("Qu'est-ce que JPEL ? Et il faut avoir un site ?", 2),
    ("payplug en deux mots ? ça suppose d'ouvrir un contrat chez nous ?", 2),
    ("sp+ c'est pour qui ? il lui faut une simu ?", 2),
    ("on doit passer par le CIF ? pourquoi ça ?", 1),  # the second part only goes on with the first
])
def test_a_closed_question_on_an_offer_after_another_question_is_a_question_of_its_own(text: str, parts: int) -> None:
    assert len(split_questions(text, resilience._names_what_it_asks)) == parts


@pytest.mark.parametrize(("text", "parts"), [
    # a subject said by what it does (a role's notion) stands alone
    ("qui réalise le diagnostic des besoins, et que fait l'ATC ?", 2),
    ("Qui fait signer le commerçant, et que fait le réseau dans tout ça ?", 2),
])
def test_a_part_that_names_a_subject_by_what_it_does_is_a_question_of_its_own(text: str, parts: int) -> None:
    assert len(split_questions(text, resilience._names_what_it_asks)) == parts
