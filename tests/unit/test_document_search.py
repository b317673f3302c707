"""Recherche dans le document de référence (cecaz/document_search.py), sans Rasa : bon passage pour des
questions de longue traîne, jamais de passage hors périmètre ni de titre seul, citation mot pour mot avec
sa section, lignes internes marquées, nouveau fichier indexé ; puis l'action qui la cite avant
« Vouliez-vous dire… »."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from actions.clarify import ActionClarify
from cecaz.catalogue import load_catalogue
from cecaz.clarify import NOT_SURE
from cecaz.document_search import (
    INTERNAL_LABEL,
    REFERENCE_DIR,
    THRESHOLD,
    build_index,
    catalogue_index,
    is_heading,
    last_resort,
    passages_of,
    quote,
    reference_files,
    search,
)
from tests.unit.conftest import build_tracker, run_action

CAT = load_catalogue()
INDEX = catalogue_index(CAT)
DOCUMENT = "\n".join(p.read_text(encoding="utf-8") for p in reference_files(REFERENCE_DIR))
DOCUMENT_LINES = {line.strip() for line in DOCUMENT.splitlines()}
HEADINGS = {line for line in DOCUMENT_LINES if is_heading(line)}
UNSURE = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "ask_pricing", "confidence": 0.3},
          {"name": "ask_role", "confidence": 0.2}]


@pytest.mark.parametrize(("question", "fragment"), [
    ("l'ATC a le droit de saisir un lead monexpert ?", "l’ATC peut saisir le lead"),
    ("avec jepaieenligne, qui tape les coordonnées de la carte ?", "le porteur de la carte saisit lui-même"),
    ("les contrats a ouvrir dependent de quoi ?", "les contrats à ouvrir dépendent du besoin"),
    ("ki negocie les tarif de payplug", "Pour Payplug, c’est Payplug qui négocie"),  # typos
    ("qui fixe le tarif de la partie acceptation ?", "Pour la partie Acceptation"),
    ("les cheques vacances ancv, il faut une affiliation ?", "demande d’affiliation"),  # no accents
    ("c’est quoi un chargé d’ingénierie flux ?", "Chargé d’Ingénierie Flux"),  # typographic apostrophes
    ("mail de l'assistance monetique pro pour la cecaz", "assistance-monetiquepro@natixis.com"),
])
def test_a_long_tail_question_gets_the_passage_that_answers_it(question: str, fragment: str) -> None:
    hit = search(INDEX, question)
    assert hit is not None and hit.score >= THRESHOLD
    assert fragment in hit.passage.text


@pytest.mark.parametrize("question", [
    "comment ouvrir un livret A ?",  # once matched the heading « Comment ouvrir les services ? »
    "un client veut renégocier son crédit immobilier",
    "le TPE de mon commerçant est en panne, que faire ?",
    "quel est le taux de l'assurance emprunteur ?",
    "faire opposition sur une carte bancaire perdue",
    "comment remettre des chèques à l'encaissement ?",
    "ouvrir un compte professionnel pour un auto-entrepreneur",
    "tu connais une bonne recette de ratatouille ?",
    "bonjour, comment vas-tu ?",
    "",
])
def test_an_out_of_scope_question_never_gets_a_passage(question: str) -> None:
    assert search(INDEX, question) is None


def test_out_of_scope_screening_runs_before_the_score() -> None:
    # The document's own words, but about a neighbouring subject or read as off-topic by the classifier.
    assert INDEX.best("ouvrir les services d'un livret A")  # a passage would score...
    assert search(INDEX, "ouvrir les services d'un livret A", threshold=0.0) is None  # ...but the screen runs first
    in_scope = "l'ATC a le droit de saisir un lead monexpert ?"
    assert last_resort(INDEX, in_scope, UNSURE) is not None
    off_topic = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "out_of_scope", "confidence": 0.4}]
    assert last_resort(INDEX, in_scope, off_topic) is None


def test_a_heading_alone_is_never_a_passage() -> None:
    assert {"Comment ouvrir les services ?", "Quelle tarification ?"} <= HEADINGS
    for passage in INDEX.passages:
        assert [line for line in passage.lines if line not in HEADINGS], passage
    for heading in HEADINGS:  # a question that is a heading word for word gets lines, not the heading
        hit = INDEX.best(heading)
        assert hit is not None and hit.passage.text.strip() not in HEADINGS
    assert passages_of("Titre sans rien dessous\nAutre titre\nUne phrase complète sous le second titre, enfin.") == [
        passages_of("Autre titre\nUne phrase complète sous le second titre, enfin.")[0]]


def test_passages_are_quoted_word_for_word_with_their_section_from_the_sources() -> None:
    section_names = set(CAT.sources.values())
    for passage in INDEX.passages:
        assert set(passage.lines) <= DOCUMENT_LINES  # never a paraphrase: whole lines of the document
        assert passage.section in section_names
    hit = search(INDEX, "l'ATC a le droit de saisir un lead monexpert ?")
    assert hit is not None
    text = quote(hit.passage)
    assert "section « Ressources collaborateurs – Comment ouvrir les services ? »" in text
    assert "« A noter :\n- Quand nécessité d’un Lead Monexpert, l’ATC peut saisir le lead si le réseau le souhaite »" \
        in text
    opening = search(INDEX, "les standards de sécurité des offres d'encaissement à distance")
    assert opening is not None and opening.passage.section == CAT.sources["introduction"]


def test_lines_for_internal_use_are_labelled_internal() -> None:
    internal = search(INDEX, "mail de l'assistance monetique pro pour la cecaz")
    assert internal is not None and "09 69 36 06 26" in internal.passage.text
    assert f"({INTERNAL_LABEL}) :" in quote(internal.passage)
    public = search(INDEX, "avec jepaieenligne, qui tape les coordonnées de la carte ?")
    assert public is not None and INTERNAL_LABEL not in quote(public.passage)
    # Every passage after the « usage interne uniquement » title is internal, every one before is not.
    start = DOCUMENT.index("RESSOURCES COLLABORATEURS CECAZ (usage interne uniquement)")
    for passage in INDEX.passages:
        assert passage.internal == (DOCUMENT.index(passage.lines[0]) > start), passage
    # Without that title, lines announced by « Pour la CECAZ : » are still internal.
    alone = passages_of("Contacts utiles\nPour la CECAZ :\n- Ligne interne de test, du lundi au jeudi de 9h à 12h")
    assert alone and all(p.internal for p in alone)


def test_a_new_file_in_the_reference_folder_is_searchable_without_training(tmp_path: Path) -> None:
    for path in reference_files(REFERENCE_DIR):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "README.md").write_text("Ce dossier contient le document de référence du remboursement.\n",
                                        encoding="utf-8")
    (tmp_path / "010_remboursements.txt").write_text(
        "Rembourser un acheteur\n"
        "Le commerçant rembourse un acheteur depuis son espace marchand, dans un délai de treize mois.\n",
        encoding="utf-8")
    index = build_index(tmp_path)
    hit = search(index, "dans quel délai un commerçant peut-il rembourser un acheteur ?")
    assert hit is not None and hit.passage.section == "Rembourser un acheteur"
    assert "délai de treize mois" in hit.passage.text
    assert all("Ce dossier contient" not in p.text for p in index.passages)  # the README is not the document
    assert search(INDEX, "dans quel délai un commerçant peut-il rembourser un acheteur ?") is None


def test_the_index_is_built_once_per_process() -> None:
    assert catalogue_index(CAT) is INDEX


def _clarify(text: str, ranking: list) -> list:
    tracker = build_tracker(text, "nlu_fallback", confidence=0.45, ranking=ranking,
                            events=[{"event": "user", "text": text}])
    messages, events = run_action(ActionClarify(), tracker)
    assert events == [{"event": "rewind", "timestamp": None}]
    return messages


def test_the_unsure_assistant_quotes_the_passage_then_asks_did_you_mean() -> None:
    # (« avec jepaieenligne, qui tape les coordonnées de la carte ? », the example before, is answered by JPEL's
    # definition now: `cecaz.aspects`, who keys the card in)
    messages = _clarify("les contrats a ouvrir dependent de quoi ?", UNSURE)
    assert len(messages) == 2
    assert messages[0]["text"].startswith("Le passage du document de référence le plus proche de votre question, "
                                          "section « Ressources collaborateurs – Comment ouvrir les services ? »")
    assert "les contrats à ouvrir dépendent du besoin" in messages[0]["text"]
    assert not messages[0].get("buttons")
    assert messages[1]["text"] == NOT_SURE
    assert messages[1]["buttons"][-1] == {"title": "Autre chose", "payload": "/nlu_fallback"}


@pytest.mark.parametrize(("text", "ranking"), [
    ("comment ouvrir un livret A ?", UNSURE),
    ("les contrats a ouvrir dependent de quoi ?",
     [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "out_of_scope", "confidence": 0.42}]),
    ("blorp zorglub fnarg ?", UNSURE),
])
def test_no_passage_when_screened_out_or_unrelated(text: str, ranking: list) -> None:
    messages = _clarify(text, ranking)
    assert len(messages) == 1 and "document de référence" not in messages[0]["text"]
