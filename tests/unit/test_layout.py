"""Une réponse, une structure (issue 14) : `cecaz.layout` lit chaque texte composé en structure sans rien
perdre ni ajouter, chaque canal la rend en un message (`addons/channels/render.py`) — Markdown du canal
REST, carte adaptative 1.4 de Teams (validée par le schéma officiel 1.4, tests/support/adaptive_cards.py), message
de la page —
avec la typographie française, vérifiée sur tout ce que peuvent dire les réponses."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from typing import Any, Dict, Iterator, List

import pytest
import yaml

from addons.channels import render, teams_activities
from cecaz import layout, reference
from cecaz.catalogue import load_catalogue
from cecaz.degraded import unavailable_text
from cecaz.diagnostic import Facts, recap_text, recommend, recommendation_text
from cecaz.document_search import catalogue_index, quote
from cecaz.families import compose
from cecaz.layout import RECOMMENDATION, Layout, Line, read
from cecaz.phrasing import Question
from cecaz.settings import ROOT
from cecaz.typography import NARROW_NBSP, NBSP, french, problems
from tests.support import adaptive_cards
from tests.unit import test_faithfulness

CAT = load_catalogue()
ANCHORS = reference.anchors(CAT)
NOW = datetime.fromisoformat("2026-11-30T10:00:00+01:00")
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
ANOTHER = DOMAIN["responses"]["utter_diagnostic_another"][0]


@lru_cache(maxsize=1)
def every_text() -> Dict[str, str]:
    """Tout ce que les réponses peuvent dire (les rendus du test de fidélité), plus les réponses du domaine,
    les messages du mode dégradé et une citation du document : texte → étiquette."""
    texts: Dict[str, str] = {}
    for kind, renders in test_faithfulness.RENDERS.items():
        for label, text in renders().items():
            texts.setdefault(text, f"{kind} : {label}")
    for name, variants in DOMAIN["responses"].items():
        texts.setdefault(variants[0]["text"], f"domaine : {name}")
    texts.setdefault(unavailable_text(CAT, NOW), "mode dégradé")
    for passage in catalogue_index(CAT).passages:
        texts.setdefault(quote(passage), f"citation : {passage.section}")
    return texts


def recommendation_layout(facts: Facts) -> Layout:
    rec = recommend(CAT, facts)
    return layout.recommendation(recommendation_text(CAT, facts, rec), recap_text(CAT, facts, rec), ANOTHER["text"],
                                 [(b["title"], b["payload"]) for b in ANOTHER["buttons"]], ANCHORS)


@lru_cache(maxsize=1)
def every_layout() -> tuple[tuple[str, Layout], ...]:
    """La structure de tout ce que les réponses peuvent dire, et de chaque recommandation : (étiquette,
    structure), construites une fois pour tous les tests du module."""
    said = [(label, read(text, (), ANCHORS)) for text, label in every_text().items()]
    return tuple(said) + tuple((f"recommandation {facts}", recommendation_layout(facts))
                               for facts in test_faithfulness.diagnostic_outcomes())


def _said(text: str) -> List[str]:
    """Les lignes dites d'un texte composé, comme la structure les garde : sans puce, titre sans « : »,
    sans la ligne « Source »."""
    said = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(layout.SOURCE_PREFIX + "«"):
            continue
        said.append(_key(line))
    return said


def _key(line: str) -> str:
    return re.sub(r"^(?:• |- )", "", line.strip()).removesuffix(" :")


# --- la structure -------------------------------------------------------------------------------------

def test_a_contact_answer_has_its_list_its_internal_part_and_its_source_to_open() -> None:
    answer = compose(CAT, Question("ask_phone", offres=("sp_plus",)), NOW)
    structure = read(answer.text, answer.buttons, ANCHORS)
    assert structure.lead == ()
    phones, internal = structure.sections
    assert phones.title == "Téléphone pour SP+" and not phones.internal
    assert [line.item for line in phones.lines] == [True, True]
    assert "09 69 37 80 30" in phones.lines[0].text and not phones.lines[0].internal
    assert internal.internal and internal.title.startswith("Usage interne CECAZ")
    assert internal.lines[0].internal and "09 69 36 06 26" in internal.lines[0].text
    assister = "Ressources collaborateurs – Comment assister mon client ?"
    assert structure.sources == (layout.Source(assister, "assister"),)
    assert structure.has_internal


def test_the_lead_is_the_first_sentence_and_the_delegation_page_is_said_missing() -> None:
    answer = compose(CAT, Question("ask_pricing", offres=("sp_plus",)), NOW)
    structure = read(answer.text, (), ANCHORS)
    assert [line.text for line in structure.lead] == [answer.text.splitlines()[0]]
    assert structure.sources[0].anchor == "tarification"
    absent = structure.sources[-1]
    assert absent.name == "Schéma délégataire (page 3)" and absent.anchor == "" and "absente" in absent.note


def test_the_recommendation_shows_the_offer_and_why_first_then_folded_details_and_a_recap() -> None:
    facts = Facts(site="oui", payplug="non", moyens=("amex",))
    structure = recommendation_layout(facts)
    rec = recommend(CAT, facts)
    assert structure.kind == RECOMMENDATION and structure.title == "Recommandation : SP+"
    assert [line.text for line in structure.lead] == [CAT.diagnostic.pourquoi[rec.conclusion]]
    assert structure.sections and all(s.details for s in structure.sections)
    assert [s.title for s in structure.sections if s.internal] == [
        "Pour vous seulement (usage interne CECAZ, à ne pas transmettre au client)"]
    assert structure.recap == layout.Recap(layout.RECAP_TITLE, recap_text(CAT, facts, rec))
    assert structure.closing == ANOTHER["text"] and structure.buttons == (layout.Button("Nouveau diagnostic",
                                                                                        "/start_diagnostic"),)


def test_an_undecided_recommendation_keeps_its_options_in_view() -> None:
    structure = recommendation_layout(Facts(site="inconnu", moyens=()))
    first = structure.sections[0]
    assert not first.details and not first.title and [line.item for line in first.lines] == [True] * 4


def test_a_quoted_passage_is_kept_word_for_word() -> None:
    passage = next(p for p in catalogue_index(CAT).passages if p.internal and len(p.lines) > 2)
    structure = read(quote(passage))
    header, = structure.sections
    assert header.internal and header.quote
    assert [line.text for line in header.lines] == quote(passage).splitlines()[1:]


def test_every_answer_keeps_every_line_it_says_in_order() -> None:
    """Rien de perdu ni d'ajouté : la structure dit les lignes du texte composé, dans le même ordre."""
    lost = {}
    for text, label in every_text().items():
        kept = [_key(line) for line in read(text, (), ANCHORS).said_lines()]
        if kept != _said(text):
            lost[label] = (kept, _said(text))
    assert not lost, next(iter(lost.items()))
    assert len(every_text()) > 300


def test_the_dictionary_form_reads_back_and_refuses_anything_else() -> None:
    for _, structure in list(every_layout())[::37]:
        assert Layout.from_dict(json.loads(json.dumps(structure.to_dict()))) == structure
    assert Layout.from_dict({"format": "autre", "kind": "reponse"}) is None
    assert Layout.from_dict({"format": layout.FORMAT, "kind": "reponse", "lead": [{"pas": "de texte"}]}) is None
    assert Layout.from_dict("texte") is None


def test_a_message_without_structure_is_read_from_its_text() -> None:
    greet = DOMAIN["responses"]["utter_greet"][0]
    structure = render.layout_of({"text": greet["text"], "buttons": greet["buttons"]})
    assert structure.lead[0].text == greet["text"] and len(structure.buttons) == 4
    composed = read("Téléphone :\n• 01 02 03 04 05")
    assert render.layout_of({"text": "autre", "custom": {"cecaz": composed.to_dict()}}) == composed


# --- le texte Markdown (REST) -------------------------------------------------------------------------

def test_markdown_says_everything_in_one_text_internal_lines_first_announced() -> None:
    answer = compose(CAT, Question("ask_phone", offres=("sp_plus",)), NOW)
    text = render.markdown(render.typeset(read(answer.text, (), ANCHORS)))
    assert text.startswith(f"**Téléphone pour SP+{NBSP}:**\n- Assistance SP+ et JPEL")
    internal = [line for line in text.splitlines() if "09 69 36 06 26" in line]
    assert internal == [f"- Assistance monétique PRO (usage interne CECAZ, à ne pas transmettre au client){NBSP}: "
                        "tél. 09 69 36 06 26, du lundi au samedi de 9h à 18h"]
    assert f"**⚠ Interne CECAZ — ne pas transmettre · Usage interne CECAZ, à ne pas transmettre au client{NBSP}:**" \
        in text
    for phone in ("09 69 37 80 30", "08 10 00 47 24", "09 69 36 06 26"):
        assert phone in text


def test_a_lone_internal_line_says_its_badge_first() -> None:
    line = Line("Assistance monétique PRO (usage interne CECAZ, à ne pas transmettre au client) : tél.", True, True)
    assert render.markdown(Layout(lead=(Line("Lignes :"),), sections=(layout.Section("", (line,)),))).endswith(
        "- ⚠ Interne CECAZ — ne pas transmettre · Assistance monétique PRO (usage interne CECAZ, à ne pas "
        "transmettre au client) : tél.")


def test_the_recommendation_text_holds_the_recap_in_a_code_block_and_the_question() -> None:
    structure = render.typeset(recommendation_layout(Facts(site="non", creer_site="non", moyens=())))
    text = render.markdown(structure)
    assert text.startswith("**Recommandation\u00a0: JePaieEnLigne (JPEL)**\n\n")
    recap = structure.recap.text if structure.recap else ""
    assert f"**Récapitulatif à coller dans le dossier client{NBSP}:**\n\n```text\n{recap}\n```" in text
    assert text.endswith(french(ANOTHER["text"]))


def test_the_rest_message_is_one_message_with_its_buttons_and_its_structure() -> None:
    answer = compose(CAT, Question("ask_phone"), NOW)
    message = render.rest_message("moi", read(answer.text, answer.buttons, ANCHORS))
    assert message["recipient_id"] == "moi" and message["text"].startswith("Pour quelle offre")
    assert [b["payload"] for b in message["buttons"]] == [p for _, p in answer.buttons]
    assert Layout.from_dict(message["custom"]["cecaz"]) == render.typeset(read(answer.text, answer.buttons, ANCHORS))


# --- la typographie -------------------------------------------------------------------------------------

def test_french_typography_rules() -> None:
    assert french("Payplug ou SP+ ?") == f"Payplug ou SP+{NARROW_NBSP}?"
    assert french("Bonjour ! Note: « standards » ; fin") == \
        f"Bonjour{NARROW_NBSP}! Note{NBSP}: «{NBSP}standards{NBSP}»{NARROW_NBSP}; fin"
    assert french("https://exemple.fr/a?b=1 à 12:30, /ask_phone{\"offer\":\"x\"}") == \
        "https://exemple.fr/a?b=1 à 12:30, /ask_phone{\"offer\":\"x\"}"
    assert french(french("Oui (en ce moment) : « a » ?")) == french("Oui (en ce moment) : « a » ?")
    assert problems("Tarification : « a » ?") and not problems(french("Tarification : « a » ?"))


def rendered_strings(structure: Layout) -> Iterator[str]:
    """Chaque texte que montre un canal : le Markdown du REST, les textes de la structure de la page web,
    les textes de la carte Teams — sauf les citations du document, gardées mot pour mot."""
    said = replace(structure, sections=tuple(s for s in structure.sections if not s.quote))
    yield render.markdown(render.typeset(said))
    yield from render.typeset(said).texts()
    yield from card_texts(render.adaptive_card(said))


def test_a_quotation_of_the_document_is_kept_word_for_word() -> None:
    passage = next(p for p in catalogue_index(CAT).passages if any(line.endswith("combiner:") for line in p.lines))
    shown = render.typeset(read(quote(passage)))
    quoted = [line.text for s in shown.sections if s.quote for line in s.lines]
    assert quoted == quote(passage).splitlines()[1:] and any(line.endswith("combiner:") for line in quoted)
    assert shown.sections[0].title.endswith(f"section «{NBSP}Encaisser à distance sans site Internet{NBSP}»")


def card_texts(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("text", "title", "displayText") and isinstance(value, str) and not value.startswith("/") \
                    and value != render.COPY_RECAP_ACTION:
                yield value
            elif key not in ("value", "data") or isinstance(value, dict):
                yield from card_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from card_texts(value)


def test_every_rendered_text_of_every_composer_follows_french_typography() -> None:
    """Typographie appliquée au rendu de toutes les réponses (catalogue intact : le texte composé ne change pas)."""
    bad = {}
    for label, structure in every_layout():
        for text in rendered_strings(structure):
            found = problems(text)
            if found:
                bad[label] = found[:3]
    assert not bad, list(bad.items())[:5]
    assert NBSP not in "".join(every_text()) and NARROW_NBSP not in "".join(every_text())


# --- Teams : une carte adaptative 1.4 par réponse -----------------------------------------------------

def kinds() -> Dict[str, Layout]:
    """Une réponse de chaque sorte : faits, boutons, lignes internes, recommandation, citation, relais,
    accueil du domaine, mode dégradé, question du diagnostic."""
    def composed(question: Question) -> Layout:
        answer = compose(CAT, question, NOW)
        return read(answer.text, answer.buttons, ANCHORS)

    greet = DOMAIN["responses"]["utter_greet"][0]
    internal_passage = next(p for p in catalogue_index(CAT).passages if p.internal)
    return {
        "faits": composed(Question("ask_offer_definition", offres=("payplug",))),
        "offre à choisir": composed(Question("ask_phone")),
        "lignes internes": composed(Question("ask_phone", offres=("sp_plus",))),
        "tarification": composed(Question("ask_pricing", offres=("sp_plus",))),
        "recommandation": recommendation_layout(Facts(site="oui", payplug="non", moyens=("amex",))),
        "recommandation à déterminer": recommendation_layout(Facts(site="inconnu", moyens=("inconnu",))),
        "citation": read(quote(internal_passage)),
        "accueil": read(greet["text"], [(b["title"], b["payload"]) for b in greet["buttons"]]),
        "mode dégradé": read(unavailable_text(CAT, NOW)),
    }


def element_ids(node: Any) -> List[str]:
    if isinstance(node, dict):
        return ([node["id"]] if isinstance(node.get("id"), str) else []) + [
            i for value in node.values() for i in element_ids(value)]
    if isinstance(node, list):
        return [i for value in node for i in element_ids(value)]
    return []


def toggled(node: Any) -> List[str]:
    if isinstance(node, dict):
        found = list(node.get("targetElements") or []) if node.get("type") == "Action.ToggleVisibility" else []
        return found + [t for value in node.values() for t in toggled(value)]
    if isinstance(node, list):
        return [t for value in node for t in toggled(value)]
    return []


@pytest.mark.parametrize("kind", list(kinds()))
def test_each_answer_kind_is_one_adaptive_card_valid_against_the_official_schema_1_4(kind: str) -> None:
    structure = kinds()[kind]
    activity = teams_activities.card_message(structure, "https://assistant.cecaz.example")
    [attachment] = activity["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["version"] == "1.4"
    assert adaptive_cards.problems(card) == []
    assert len(element_ids(card)) == len(set(element_ids(card))) and set(toggled(card)) <= set(element_ids(card))
    assert [a["data"]["msteams"]["text"] for a in card.get("actions", [])] == [b.payload for b in structure.buttons]
    assert activity["summary"] and len(json.dumps(activity).encode()) < 28_000  # Teams' limit for an activity


def test_every_answer_renders_as_a_valid_card() -> None:
    """Toutes les réponses, validées contre le schéma officiel de la version déclarée et les règles de Teams."""
    labels = [label for label, _ in every_layout()]
    invalid = adaptive_cards.invalid([render.adaptive_card(s, "https://assistant.cecaz.example")
                                      for _, s in every_layout()])
    assert not invalid, [(labels[index], found[:2]) for index, found in list(invalid.items())[:3]]


def test_the_recommendation_card_folds_details_and_offers_to_copy_the_recap() -> None:
    card = render.adaptive_card(kinds()["recommandation"], "https://assistant.cecaz.example")
    details = next(e for e in card["body"] if e.get("id") == "details")
    assert details["isVisible"] is False
    copy = next(a for e in card["body"] if e["type"] == "ActionSet"
                for a in e["actions"] if a["type"] == "Action.Submit")
    recap = copy["data"]["msteams"]["value"]["recap"]
    assert teams_activities.recap_request({"value": copy["data"]["msteams"]["value"]}) == recap
    assert teams_activities.recap_message(recap)["text"] == f"```\n{recap}\n```"
    sources = next(e["text"] for e in card["body"] if e.get("text", "").startswith("Source"))
    assert "(https://assistant.cecaz.example/webhooks/webchat/reference#tarification)" in sources
    assert "Schéma délégataire (page 3)" in sources and "reference#schema" not in sources


def test_the_terminal_shell_prints_the_text_not_the_structure(capsys: pytest.CaptureFixture[str]) -> None:
    """`make shell` : le texte d'une réponse, jamais sa structure en JSON."""
    from rasa.core.channels import console

    render.install_console()
    render.install_console()  # once only
    structure = {"cecaz": read("Téléphone :\n• 01 02 03 04 05").to_dict()}
    console._print_bot_output({"recipient_id": "moi", "custom": structure})
    console._print_bot_output({"recipient_id": "moi", "text": "Téléphone :", "custom": structure})
    printed = capsys.readouterr().out
    assert "Téléphone :" in printed and "Custom json" not in printed and "cecaz.layout" not in printed


def test_source_anchors_follow_an_edit_of_the_reference_document(tmp_path: Any,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The anchors are kept between answers, and computed again when a file of the document changes (no restart)."""
    document = next(p for p in reference.REFERENCE_DIR.iterdir() if p.suffix == ".txt")
    copy = tmp_path / document.name
    copy.write_text(document.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(reference, "REFERENCE_DIR", tmp_path)
    cat = load_catalogue()
    before = reference.anchors(cat)
    assert reference.anchors(cat) == before and "nouvelle-rubrique" not in before.values()
    copy.write_text(copy.read_text(encoding="utf-8") + "\nNouvelle rubrique ?\nUne ligne.\n", encoding="utf-8")
    assert "nouvelle-rubrique" in reference.anchors(cat).values()
