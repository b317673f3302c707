"""Chaque phrase que peuvent dire les réponses et le diagnostic repose sur le document de référence
(docs/fidelite.md) : un énoncé (citation exacte), un silence (ce qu'il ne dit pas, dit comme tel) ou
une inférence choisie par l'équipe, avec sa raison.

Tout est rendu : chaque issue du diagnostic (toutes les combinaisons de réponses) et ses messages en
chemin, et chaque famille de questions avec chaque sujet, pour chaque public et chaque moment. Chaque
ligne rendue doit se lire comme une suite de phrases du catalogue (`phrases.yml`, leurs champs remplis
par des textes du catalogue), de textes du catalogue (`appuis.yml`) ou de lignes de contact, et chacune
doit en tirer au moins un appui — sauf une phrase de cadre (reprise des réponses du collaborateur). Ne
disent rien et ne sont pas lus : les titres (ligne finie par « : »), les questions au collaborateur
(ligne finie par « ? ») et la ligne « Source : … »."""

from __future__ import annotations

import re
import shutil
import string
from dataclasses import dataclass, replace
from datetime import time
from functools import lru_cache
from itertools import combinations, product
from pathlib import Path
from typing import Any, Callable, Dict, FrozenSet, Iterator, List, Optional, Sequence, Set, Tuple

import pytest
import yaml

from cecaz import appuis, validate
from cecaz.audience import CLIENT, STAFF
from cecaz.catalogue import (
    DEFAULT_DIR,
    FREE_ROOTS,
    LIST_ROOTS,
    PHRASE_KINDS,
    CatalogueError,
    follow,
    load_catalogue,
    phrase_fields,
    render_field,
)
from cecaz.clarify import handoff, requested_handoff
from cecaz.contact_lines import AUDIENCE
from cecaz.diagnostic import (
    CARTES,
    INCONNU,
    NON,
    OUI,
    QUESTIONS,
    Facts,
    next_question,
    payplug_question,
    recap_text,
    recommend,
    recommendation_text,
    take_answer,
    what_if,
)
from cecaz.families import FAMILIES, compose
from cecaz.phrasing import Question
from cecaz.when import Moment
from tests.unit.conftest import MONDAY_10, SUNDAY_18

CAT = load_catalogue()
ROOT = Path(__file__).resolve().parents[2]
REFERENCE = " ".join((ROOT / "docs" / "reference" / "000_56be02e822f40172.txt").read_text(encoding="utf-8").split())
CHECKLIST = (ROOT / "docs" / "fidelite.md").read_text(encoding="utf-8")
BASES: Set[str] = {*CAT.enonces, *CAT.silences, *CAT.inferences}


# --- lecture d'un texte rendu ----------------------------------------------------------------

def said_lines(text: str) -> List[str]:
    """Les lignes qui disent quelque chose, sans leur puce : ni titre, ni question, ni source."""
    kept = []
    for raw in text.splitlines():
        line = re.sub(r"^(?:• |- )", "", raw.strip())
        if line and not line.endswith((" :", " ?")) and not line.startswith("Source : « "):
            kept.append(line)
    return kept


def _first_free(text: str) -> str:
    """`text` en expression régulière, première lettre en majuscule ou minuscule (début de ligne, puce)."""
    if text[:1].isalpha():
        return f"[{text[0].upper()}{text[0].lower()}]" + re.escape(text[1:])
    return re.escape(text)


def _alternatives(texts: Sequence[str]) -> str:
    return "(?:" + "|".join(_first_free(t) for t in sorted(set(texts), key=len, reverse=True)) + ")"


def _names_pattern(section: str) -> str:
    name = _alternatives([e.nom for e in getattr(CAT, section).values()])
    return f"{name}(?:(?:, | et | ou ){name})*"


Grounds = Optional[FrozenSet[str]]  # appuis ; frozenset() : un nom, qui ne dit rien ; None : texte sans appui


def _path_grounds(path: str, value: object, spec: str) -> Grounds:
    """Les appuis du texte du catalogue à `path` ; une liste dite d'un bloc (`:liste`) : ceux de chaque élément."""
    paths = [f"{path}.{i}" for i in range(len(value))] if spec == "liste" else [path]  # type: ignore[arg-type]
    found = [CAT.appuis.get(p) for p in paths]
    return frozenset(b for ids in found for b in ids or ()) if all(found) else None


def _field_candidates(root: str, access: Sequence[object], conversion: Optional[str],
                      spec: str) -> Tuple[str, Dict[str, Grounds]]:
    """(expression, texte rendu → appuis) des valeurs possibles d'un champ de phrase."""
    if root in LIST_ROOTS:
        return _names_pattern(LIST_ROOTS[root]), {}
    if root in FREE_ROOTS:  # « faits » : what the staff member said, repeated
        return FACTS_PATTERN, {}
    if root in PHRASE_KINDS:
        section = PHRASE_KINDS[root]
        entries = [(f"{section}.{key}", entry) for key, entry in getattr(CAT, section).items()]
    else:
        found = CAT.entry(root)
        assert found is not None, root
        entries = [found]
    rendered: Dict[str, Grounds] = {}
    for prefix, entry in entries:
        value = follow(entry, access)  # type: ignore[arg-type]
        if value in (None, "", [], ()):
            continue
        text = render_field(CAT, value, conversion, spec)
        path = ".".join([prefix, *map(str, access)])
        grounds = frozenset() if access[-1] == "nom" else _path_grounds(path, value, spec)
        previous = rendered.get(text, frozenset())
        rendered[text] = None if grounds is None or previous is None else previous | grounds
    return _alternatives(list(rendered)), {t.lower(): g for t, g in rendered.items()}


@dataclass(frozen=True)
class Unit:
    """Une phrase du catalogue, un texte du catalogue ou une ligne de contact, telle qu'on la lit."""

    label: str
    pattern: re.Pattern
    fields: Tuple[Dict[str, Grounds], ...]  # per capture group: rendered text → grounds
    own: FrozenSet[str]
    cadre: bool = False

    def grounds(self, match: re.Match) -> Grounds:
        found = set(self.own)
        for i, table in enumerate(self.fields, start=1):
            if not table:
                continue
            grounds = table.get(match.group(i).lower())
            if grounds is None:
                return None
            found |= grounds
        return frozenset(found) if found or self.cadre else None


def _phrase_pattern(texte: str, capture: bool) -> Tuple[str, Tuple[Dict[str, Grounds], ...]]:
    """L'expression d'une phrase (ses lignes dites seulement) et, par champ capturé, ses valeurs possibles."""
    template = "\n".join(said_lines(texte))
    fields = iter(phrase_fields(template))
    pattern, tables = "", []
    for position, (literal, name, _, _) in enumerate(string.Formatter().parse(template)):
        pattern += _first_free(literal) if position == 0 else re.escape(literal)
        if name is None:
            continue
        expression, table = _field_candidates(*next(fields))
        pattern += f"({expression})" if capture else f"(?:{expression})"
        tables += [table] if capture else []
    return pattern, tuple(tables)


# What the staff member said of the client, repeated (phrases `faits.*`), one or several separated by « ; ».
FACT = "(?:" + "|".join(_phrase_pattern(p.texte, capture=False)[0]
                        for key, p in CAT.phrases.items() if key.startswith("faits.")) + ")"
FACTS_PATTERN = f"{FACT}(?: ; {FACT})*"


@lru_cache(maxsize=1)
def units() -> Tuple[Unit, ...]:
    found = []
    for key, phrase in CAT.phrases.items():
        pattern, tables = _phrase_pattern(phrase.texte, capture=True)
        if pattern:
            found.append(Unit(f"phrases.yml › {key}", re.compile(pattern), tables, frozenset(phrase.appuis),
                              phrase.cadre))
    for path, value in appuis.said_texts(CAT).items():
        if isinstance(value, str) and " " in value and CAT.appuis.get(path):
            found.append(Unit(f"appuis.yml › {path}", re.compile(_first_free(value)), (),
                              frozenset(CAT.appuis[path])))
    for cid, contact in CAT.contacts.items():
        line = _first_free(f"{contact.nom} ({AUDIENCE[contact.public]}) : ") + r"[^\n]*"
        found.append(Unit(f"contacts.yml › {cid}", re.compile(line), (), frozenset(CAT.appuis.get(f"contacts.{cid}")
                                                                                  or ())))
    return tuple(found)


def unread(text: str) -> Optional[str]:
    """None si chaque ligne dite se lit en phrases qui reposent sur le document ; sinon, la suite de
    texte à partir de laquelle aucune lecture ne tient."""
    body = "\n".join(said_lines(text))
    reached, todo, furthest = {0}, [0], 0
    while todo:
        start = todo.pop()
        furthest = max(furthest, start)
        if start == len(body):
            return None
        for unit in units():
            match = unit.pattern.match(body, start)
            if match is None or unit.grounds(match) is None:
                continue
            end = match.end()
            if end == len(body):
                return None
            if body[end] in " \n" and end + 1 not in reached:
                reached.add(end + 1)
                todo.append(end + 1)
    return body[furthest:].split("\n")[0]


# --- tout ce que l'assistant peut dire ------------------------------------------------------------

ANSWERS = (OUI, NON, INCONNU)
MOYENS = [tuple(c for c in CARTES if c in chosen) for n in range(len(CARTES) + 1)
          for chosen in combinations(CARTES, n)] + [(INCONNU,)]


def diagnostic_outcomes() -> Iterator[Facts]:
    """Toutes les combinaisons de réponses qui terminent le diagnostic."""
    for site, creer, payplug, moyens in product(ANSWERS, (None, *ANSWERS), (None, *ANSWERS), MOYENS):
        facts = Facts(site=site, creer_site=creer, payplug=payplug, moyens=moyens)
        if next_question(facts) is None:
            yield facts


# Messages typed along the way: (text, intent) for every fact, and « je ne sais pas ».
SAID_ALONG: Tuple[Tuple[str, str], ...] = (
    ("je ne sais pas", "dont_know"), ("oui", "affirm"), ("non", "deny"),
    ("il a un site mais Payplug ne lui convient pas", "inform_needs_modular"),
    ("il a un site et payplug lui convient", "inform_has_site"),
    ("il n'a pas de site et ne veut pas en créer", "inform_no_site"),
    ("il n'a pas de site mais voudrait en créer un", "inform_no_site"),
    ("il veut aussi l'amex, les chèques vacances, unionpay et diners", "inform_payment_methods"),
    ("non, pas d'autres moyens de paiement", "nlu_fallback"),
)
BEFORE = (Facts(), Facts(site=OUI), Facts(site=NON), Facts(site=OUI, payplug=NON), Facts(site=NON, creer_site=OUI),
          Facts(site=INCONNU, moyens=()))


def diagnostic_texts() -> Dict[str, str]:
    texts = {}
    for facts in diagnostic_outcomes():
        rec = recommend(CAT, facts)
        texts[f"recommandation {facts}"] = recommendation_text(CAT, facts, rec)
        texts[f"récapitulatif {facts}"] = recap_text(CAT, facts, rec)
    for before, asked, (text, intent) in product(BEFORE, (None, *QUESTIONS), SAID_ALONG):
        for i, message in enumerate(take_answer(CAT, before, text, intent, asked).messages):
            texts[f"réponse « {text} » à {asked} après {before} ({i})"] = message
    for facts, (text, intent) in product([f for f in diagnostic_outcomes() if f.moyens in ((), (INCONNU,))],
                                         SAID_ALONG):
        for message in what_if(CAT, facts, f"et si {text}", intent).messages:
            texts[f"et si « {text} » après {facts}"] = message
    texts["question Payplug"] = payplug_question(CAT).text
    return texts


def subject_questions(intent: str) -> Iterator[Question]:
    """La question seule, puis avec chaque sujet du catalogue (et deux offres à la fois)."""
    yield Question(intent)
    yield from (Question(intent, offres=(o,)) for o in CAT.offres)
    yield Question(intent, offres=("payplug", "sp_plus"))
    yield from (Question(intent, outils=(t,)) for t in CAT.outils)
    yield from (Question(intent, roles=(r,)) for r in CAT.roles)
    yield from (Question(intent, cartes=(c,)) for c in CAT.cartes)
    yield from (Question(intent, services=(s,)) for s in CAT.services)
    yield from (Question(intent, contacts=(cid,)) for cid in CAT.contacts)
    yield from (Question(intent, offres=(o,), services=(s,)) for o in CAT.offres for s in CAT.services)


MOMENTS = (None, Moment((5,)), Moment((), time(17, 45)), Moment((0, 6), time(9, 15)))


# « Pourquoi ? » and « je peux le donner ? » answer about the previous answer: every family it can follow.
FOLLOWING = ("ask_why", "ask_audience")


def follow_up_questions(intent: str) -> Iterator[Question]:
    """« Pourquoi ? » ou « je peux le donner ? » après chaque famille et chaque sujet, après chaque
    recommandation (et « pourquoi pas X ? »), ou sans rien avant."""
    yield Question(intent)
    for about in (f for f in FAMILIES if f not in FOLLOWING):
        yield from (replace(q, intent=intent, about=about) for q in subject_questions(about))
    yield from (Question(intent, alternative=o) for o in CAT.offres)
    yield from (Question(intent, about="ask_role", roles=pair) for pair in combinations(CAT.roles, 2))
    yield from (Question(intent, contacts=pair) for pair in combinations(CAT.contacts, 2))
    yield from (Question(intent, contacts=(cid,), either_or=True) for cid in CAT.contacts)
    for facts in diagnostic_outcomes():
        rec = recommend(CAT, facts)
        recommendation = {"facts": facts.to_values(), "conclusion": rec.conclusion}
        offres = (rec.offre,) if rec.offre else ()
        yield Question(intent, offres=offres, contacts=rec.contacts, about="recommendation",
                       recommendation=recommendation)
        yield from (Question(intent, offres=offres, alternative=o, recommendation=recommendation) for o in CAT.offres)


def composer_texts() -> Dict[str, str]:
    texts = {}
    for intent, family in FAMILIES.items():
        questions = follow_up_questions(intent) if intent in FOLLOWING else subject_questions(intent)
        audiences = (None, CLIENT, STAFF) if family.contacts else (None,)
        moments = MOMENTS if intent in ("ask_hours", "ask_is_open") else (None,)
        for question, audience, moment, now in product(questions, audiences, moments, (MONDAY_10, SUNDAY_18)):
            asked = replace(question, audience=audience, moment=moment)
            texts[f"{asked} à {now:%A %H:%M}"] = compose(CAT, asked, now).text
    return texts


# Messages that send the staff member to a person: one per topic (commercial, technique, problème du
# commerçant), plus a line asked for by its purpose.
HANDOFF_ASKED = ("question sur le contrat", "bug dans OSC", "mon client a un souci de transaction",
                 "je veux parler à quelqu'un pour un lead")


def handoff_texts() -> Dict[str, str]:
    texts = {}
    for text, offres, now in product(HANDOFF_ASKED, [(), *((o,) for o in CAT.offres)], (MONDAY_10, SUNDAY_18)):
        texts[f"relais « {text} » {offres} {now:%A %H:%M}"] = handoff(CAT, text, offres, now).text
        texts[f"relais demandé « {text} » {offres} {now:%A %H:%M}"] = requested_handoff(
            CAT, text, "", offres, (), now).text
    return texts


RENDERS: Dict[str, Callable[[], Dict[str, str]]] = {"diagnostic": diagnostic_texts, "réponses": composer_texts,
                                                    "relais": handoff_texts}


@pytest.mark.parametrize("kind", list(RENDERS))
def test_every_sentence_rests_on_a_statement_a_silence_or_a_chosen_inference(kind: str) -> None:
    texts = RENDERS[kind]()
    assert len(texts) > 50
    failures: Dict[str, str] = {}
    for text, label in {text: label for label, text in texts.items()}.items():  # each distinct text once
        left = unread(text)
        if left is not None:
            failures[text] = f"{label} : « {left} »"
    assert not failures, "phrase sans appui dans le catalogue :\n" + "\n".join(sorted(failures.values())[:15])


def test_the_reader_refuses_a_sentence_without_statement() -> None:
    """Le test ne laisse passer ni une phrase inventée, ni un texte du catalogue privé de ses appuis."""
    assert unread("C’est Payplug qui assure le support.") is None
    assert unread("C’est Payplug qui assure le support. Payplug accepte l’AMEX.") == "Payplug accepte l’AMEX."
    assert unread("JePaieEnLigne (JPEL) permet d’encaisser à distance dès maintenant.") is not None
    recommendation = recommendation_text(CAT, Facts(site=OUI, payplug=OUI, moyens=()),
                                         recommend(CAT, Facts(site=OUI, payplug=OUI, moyens=())))
    assert unread(recommendation) is None
    assert unread(recommendation.replace("Payplug procède à la contractualisation avec notre client.",
                                         "Payplug procède à la contractualisation avec notre client en 48 h.")) \
        is not None


# --- le catalogue et le document ------------------------------------------------------------------

@pytest.mark.parametrize("key", list(CAT.enonces))
def test_each_statement_quotes_the_document_word_for_word(key: str) -> None:
    assert " ".join(CAT.enonces[key].citation.split()) in REFERENCE


def test_every_text_the_catalogue_lets_say_rests_on_something() -> None:
    assert appuis.problems(CAT) == []


def _used_bases() -> Set[str]:
    lists = [*CAT.appuis.values(), *(p.appuis for p in CAT.phrases.values()),
             *(s.enonces for s in CAT.silences.values()), *(i.enonces for i in CAT.inferences.values())]
    return {b for ids in lists for b in ids}


def test_every_statement_silence_and_inference_is_used() -> None:
    assert BASES - _used_bases() == set()


@pytest.mark.parametrize("key", sorted({*CAT.silences, *CAT.inferences}))
def test_the_checklist_lists_every_silence_and_inference(key: str) -> None:
    assert f"`{key}`" in CHECKLIST


# --- ce que refusent le chargement du catalogue et `make validate` --------------------------------

def _edited(tmp_path: Path, fichier: str, change: Callable[[Dict[str, Any]], None]) -> Path:
    directory = tmp_path / "catalogue"
    shutil.copytree(DEFAULT_DIR, directory)
    data = yaml.safe_load((directory / fichier).read_text(encoding="utf-8"))
    change(data)
    (directory / fichier).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return directory


def _phrase(key: str, **fields: Any) -> Callable[[Dict[str, Any]], None]:
    return lambda data: data["phrases"].setdefault(key, {}).update(fields)


REFUSED_AT_LOAD: Dict[str, Tuple[str, Callable[[Dict[str, Any]], None], str]] = {
    "appui inconnu": ("phrases.yml", _phrase("tarification.sans_grille", appuis=["rumeur"]),
                      "phrases.yml : entrée « tarification.sans_grille » : appui inconnu « rumeur »"),
    "cadre avec appuis": ("phrases.yml", _phrase("recap.titre", appuis=["payplug_par_defaut"]),
                          "une phrase de cadre ne dit rien du document"),
    "champ inconnu": ("phrases.yml", _phrase("tarification.sans_grille", texte="{paypal.nom} coûte 1 €."),
                      "champ inconnu « paypal »"),
    "champ d'une sorte inconnu": ("phrases.yml", _phrase("offre.pour_qui", texte="{offre.prix}"),
                                  "« offre » n'a pas de champ « prix »"),
    "faits hors cadre": ("phrases.yml", _phrase("tarification.sans_grille", texte="{faits}"),
                         "n'a sa place que seul, dans une phrase de cadre"),
    "liste sans noms": ("phrases.yml", _phrase("moyens.cartes", texte="{cartes}"), "à écrire « {cartes:noms} »"),
    "énoncé hors section": ("sources.yml", lambda d: d["enonces"]["depot_myged"].update(section="annexe"),
                            "sources.yml : entrée « depot_myged » : section inconnue « annexe »"),
    "silence sans énoncé connu": ("sources.yml", lambda d: d["silences"]["iz_coordonnees"].update(enonces=["x"]),
                                  "sources.yml : entrée « iz_coordonnees » : énoncé inconnu « x »"),
}


@pytest.mark.parametrize("rule", list(REFUSED_AT_LOAD))
def test_the_catalogue_refuses_an_unknown_ground_or_a_field_it_cannot_fill(tmp_path: Path, rule: str) -> None:
    fichier, change, message = REFUSED_AT_LOAD[rule]
    with pytest.raises(CatalogueError) as error:
        load_catalogue(_edited(tmp_path, fichier, change))
    assert message in str(error.value)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["appuis"].pop("offres.payplug.fonds"),
     "appuis.yml : « offres.payplug.fonds » est dit par l'assistant mais ne repose sur rien"),
    (lambda d: d["appuis"].update({"offres.payplug.prix": ["payplug_tarifs"]}),
     "appuis.yml : entrée « offres.payplug.prix » : aucun texte dit à cet endroit du catalogue"),
])
def test_make_validate_refuses_a_said_text_without_ground(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          change: Callable[[Dict[str, Any]], None],
                                                          message: str) -> None:
    assert validate.main(["validate", str(_edited(tmp_path, "appuis.yml", change))]) == 1
    assert message in capsys.readouterr().err
