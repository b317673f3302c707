"""Le validateur des cartes Teams (tests/support/adaptive_cards.py) : le schéma lu est bien celui que
Microsoft a publié, et une carte cassée — élément ou propriété d'une version plus récente, propriété
inconnue, valeur hors liste, version déclarée que Teams n'affiche pas, action que le canal ne sait pas
recevoir — est refusée avec un message qui dit où et pourquoi."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import pytest

from addons.channels import render
from cecaz.layout import read
from tests.support import adaptive_cards

BUTTON = {"type": "Action.Submit", "title": "Oui", "data": {"msteams": {
    "type": "messageBack", "displayText": "Oui", "text": "/affirm", "value": {"payload": "/affirm"}}}}


def card(**changes: Any) -> Dict[str, Any]:
    """Une carte comme le canal l'envoie (une rubrique, un bouton), avec `changes` en plus ou à la place."""
    sent = render.adaptive_card(read("Téléphone :\n• 01 02 03 04 05", [("Oui", "/affirm")]))
    assert sent["actions"] == [BUTTON]
    return {**sent, **changes}


def text_block(**properties: Any) -> Dict[str, Any]:
    return {"type": "TextBlock", "text": "Texte", "wrap": True, **properties}


def test_the_schemas_read_are_the_ones_microsoft_published() -> None:
    for version in adaptive_cards.OFFICIAL_SCHEMAS:
        schema = adaptive_cards.official_validator(version).schema
        assert schema["id"] == "http://adaptivecards.io/schemas/adaptive-card.json"
        assert schema["definitions"]["AdaptiveCard"]["properties"]["type"]["enum"] == ["AdaptiveCard"]
    assert "Table" in json.loads(adaptive_cards.schema_path("1.5").read_text(encoding="utf-8-sig"))["definitions"]
    assert "Table" not in adaptive_cards.official_validator("1.4").schema["definitions"]


def test_a_schema_file_that_is_not_microsoft_s_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    loosened = json.loads(adaptive_cards.schema_path("1.4").read_text(encoding="utf-8-sig"))
    loosened["definitions"]["TextBlock"]["additionalProperties"] = True
    (tmp_path / "schema-9.9.json").write_text(json.dumps(loosened), encoding="utf-8")
    monkeypatch.setitem(adaptive_cards.OFFICIAL_SCHEMAS, "9.9", adaptive_cards.OFFICIAL_SCHEMAS["1.4"])
    monkeypatch.setattr(adaptive_cards, "schema_path", lambda version: tmp_path / f"schema-{version}.json")
    with pytest.raises(AssertionError, match="n'est pas le schéma 9.9 publié par Microsoft"):
        adaptive_cards.official_validator("9.9")


def test_a_card_as_the_channel_sends_it_is_valid() -> None:
    assert adaptive_cards.problems(card()) == []
    assert adaptive_cards.problems(card(body=[{"type": "Container", "items": [text_block(color="Attention")]}])) == []


@pytest.mark.parametrize("broken, problem", [
    (card(version="1.5"), "version : '1.5' n'est pas une version que Teams affiche"),
    (card(version=None), "version : None n'est pas une version"),
    (card(body=[{"type": "Table", "columns": [], "rows": []}]), "body/0 : type 'Table' inconnu du schéma 1.4"),
    (card(body=[{"type": "Container", "items": [{"type": "Carousel", "pages": []}]}]),
     "body/0/items/0 : type 'Carousel' inconnu du schéma 1.4"),
    (card(body=[text_block(style="heading")]),
     "body/0 : Additional properties are not allowed ('style' was unexpected)"),
    (card(actions=[{**BUTTON, "mode": "secondary"}]), "actions/0 : Additional properties are not allowed ('mode'"),
    (card(body=[text_block(wrapp=True)]), "body/0 : Additional properties are not allowed ('wrapp' was unexpected)"),
    (card(body=[text_block(color="rouge")]), "body/0/color : 'rouge' is not one of"),
    (card(body=[{"text": "sans type"}]), "body/0 : 'type' is a required property"),
    (card(actions=[{"type": "Action.Execute", "title": "Oui", "verb": "oui"}]),
     "actions/0 : Action.Execute : Teams l'envoie en invocation adaptiveCard/action, que le canal ne traite pas"),
    (card(actions=[{"type": "Action.Submit", "title": "Oui", "data": {"payload": "/affirm"}}]),
     "actions/0 : Action.Submit sans data.msteams de type messageBack"),
    (card(actions=[{**BUTTON, "data": {"msteams": {"type": "messageBack", "text": "/affirm", "titre": "x"}}}]),
     "actions/0 : messageBack : champ(s) displayText, value manquant(s)"),
    (card(actions=[{**BUTTON, "data": {"msteams": {**BUTTON["data"]["msteams"], "titre": "Oui"}}}]),
     "actions/0 : messageBack : champ(s) titre inconnu(s)"),
    (card(body=[{"type": "ActionSet", "actions": [BUTTON] * 7}]),
     "body/0/actions : 7 actions, Teams n'en affiche que 6"),
    (card(actions=[{"type": "Action.OpenUrl", "title": "Page", "url": "http://exemple.fr"}]),
     "actions/0 : Action.OpenUrl : adresse 'http://exemple.fr' hors https"),
], ids=["version 1.5", "sans version", "Table (1.5)", "Carousel", "style 1.5", "mode 1.5", "propriété inconnue",
        "couleur inconnue", "élément sans type", "Action.Execute", "Submit sans msteams", "messageBack incomplet",
        "messageBack inconnu",
        "7 actions", "lien http"])
def test_a_broken_card_is_refused_with_where_and_why(broken: Dict[str, Any], problem: str) -> None:
    found = adaptive_cards.problems(broken)
    assert any(p.startswith(problem) for p in found), found
    assert adaptive_cards.invalid([card(), broken]) == {1: found}


def test_cards_that_differ_only_by_their_texts_share_one_schema_check(monkeypatch: pytest.MonkeyPatch) -> None:
    checked = []
    schema_problems = adaptive_cards.schema_problems
    monkeypatch.setattr(adaptive_cards, "schema_problems", lambda c: checked.append(c) or schema_problems(c))
    other_text = card(body=[text_block(text="Autre texte", id="autre")])  # texts and ids: free strings
    empty_payload = {"msteams": {**BUTTON["data"]["msteams"], "text": ""}}
    no_message_back = card(body=[text_block(id="")], actions=[{**BUTTON, "data": empty_payload}])
    found = adaptive_cards.invalid([card(body=[text_block(id="texte")]), other_text, no_message_back,
                                    card(body=[text_block(weight="gras")])])
    assert len(checked) == 2  # the schema once for the shape of the first three, once for the fourth
    assert found.keys() == {2, 3} and found[2] == ["actions/0 : messageBack : champ(s) text manquant(s)"]
    assert found[3][0].startswith("body/0/weight : 'gras' is not one of")
