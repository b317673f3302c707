"""Lecture du tracker : de ce que Rasa a extrait vers une `Question` du cœur métier."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, TypeVar, cast

from rasa_sdk import Tracker

from actions import runtime
from cecaz.audience import without_speaker
from cecaz.catalogue import ENTITY_KINDS, Catalogue, EntityKind
from cecaz.designation import (
    RANKED_FIELDS,
    designated_subject,
    earlier_subject,
    focus_on_designated_line,
    line_of_an_offer,
    naming_the_designated,
)
from cecaz.diagnostic import Facts
from cecaz.focus import FIELDS, LINES_GIVEN, Focus, set_aside_for_another_subject
from cecaz.lines_in_focus import focus_for_message
from cecaz.merchant import as_the_client, merchant_nouns
from cecaz.notions import (
    lines_described,
    naming_the_described_roles,
    not_asked_besides_the_line,
    subjects_by_notion,
)
from cecaz.phrasing import Question, without_qualifying_word
from cecaz.reported import asked_directly
from cecaz.segments import PART_METADATA, blank_leading_courtesy
from cecaz.textnorm import FIRM_NOUN, OFFER_NOUN, fold, normalize_same_length

FOCUS_SLOT = "focus"
FORM = "diagnostic_form"
# Question du diagnostic (clé du catalogue) → slot Rasa qui garde la réponse.
SLOTS = {"site": "diag_has_site", "creer_site": "diag_wants_site", "payplug": "diag_payplug_fits",
         "moyens": "diag_other_cards"}


T = TypeVar("T")


class _MessageMemo:
    """What the readers of one message compute from it, kept once for that message: every action reads it through
    several readers (`message_text`, `read_question`, `read_focus`…), and each reading searches the catalogue's
    aliases again (`cecaz.designation`). One message at a time; a value is reused only for the same tracker object,
    the same catalogue, the same events and the same focus, so a reuse can never read another message."""

    def __init__(self) -> None:
        self._owners: Tuple[Any, ...] = ()  # (tracker, catalogue), compared by identity
        self._state: Tuple[Any, ...] = ()
        self._values: Dict[str, Any] = {}

    def get(self, tracker: Tracker, cat: Catalogue, name: str, compute: Callable[[], T]) -> T:
        """The value `name` for this message, computed by `compute` the first time only."""
        state = (len(tracker.events), (tracker.latest_message or {}).get("text"), repr(tracker.get_slot(FOCUS_SLOT)))
        if len(self._owners) != 2 or self._owners[0] is not tracker or self._owners[1] is not cat \
                or state != self._state:
            self._owners, self._state, self._values = (tracker, cat), state, {}
        values = self._values  # a reading inside `compute` for another catalogue may start a new memo
        if name not in values:
            values[name] = compute()
        return cast(T, values[name])


_MEMO = _MessageMemo()


def message_text(tracker: Tracker) -> str:
    """Le dernier message à lire (`typed_message`), où le commerçant que la conversation a présenté par son métier
    (« une boulangerie qui… ») est « le client » (« dans ma réponse à la boulangère » → « au client ») :
    `cecaz.merchant` ; une offre, un rôle, un outil ou une carte désignés par leur rang (« le second peut-il… ? »
    après le CIF et l'ATC) y sont nommés (`cecaz.designation`) ; la question du commerçant que le message rapporte
    (« il me demande s'il lui faut un site ») y est posée comme il l'a posée (`cecaz.reported.asked_directly`)."""
    cat = runtime.catalogue()
    return _MEMO.get(tracker, cat, "named", lambda: naming_the_designated(
        cat, _as_typed(tracker, cat), _focus_slot(tracker, cat), last_typed_text(tracker, skip_latest=True)))


def _as_typed(tracker: Tracker, cat: Catalogue) -> str:
    """`message_text` before the subjects designated by their rank are named in it (the roles described by what they
    do are named already: `cecaz.notions.naming_the_described_roles`)."""
    # (« il me demande s'il lui faut un site » : the merchant's question, asked as he asked it)
    return _MEMO.get(tracker, cat, "typed", lambda: naming_the_described_roles(
        cat, as_the_client(asked_directly(typed_message(tracker)), merchant_nouns(typed_texts(tracker)))))


def _focus_slot(tracker: Tracker, cat: Catalogue) -> Focus:
    """The conversation's focus (slot `focus`), without the subjects the catalogue no longer knows, with the lists the
    conversation's answers gave (`lists_shown`)."""
    return _MEMO.get(tracker, cat, "focus", lambda: replace(Focus.from_slot(tracker.get_slot(FOCUS_SLOT), cat),
                                                            listes=lists_shown(tracker)))


def typed_message(tracker: Tracker) -> str:
    """Le dernier message tel que le collaborateur l'a écrit, accents compris (après le filtre d'entrée), sans la
    politesse de tête que la NLU efface aussi (« ok et c'est qui ? » n'est pas un « ok ») : le texte de son événement
    `user`. La NLU n'en garde qu'une forme sans accents (`addons.normalizer`), où « où » est devenu « ou » ; celle-ci
    (`latest_message`) quand l'événement manque ou ne donne pas ce texte-là."""
    read = (tracker.latest_message or {}).get("text") or ""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            typed = blank_leading_courtesy(event.get("text") or "")
            return typed if normalize_same_length(typed) == read else read
    return read


# « c'est qui qui supporte l'impayé ? » : the verb « supporter » (to bear), not the support line DIET may read in it
_BEARS = re.compile(r"\bsupport(?:e|es|ent|er|ee?s?)\b")


# « l'autre société qui a fait le site », « la boîte qui crée les sites » : a thing described by what it does (folded)
_DESCRIBED_BY_A_CLAUSE = re.compile(rf"\b(?:{FIRM_NOUN}|{OFFER_NOUN}|services?) qui (?:\S+(?: |$)){{1,6}}")


def mentioned_by_kind(cat: Catalogue, message: Dict[str, Any],
                      kinds: Sequence[EntityKind] = ENTITY_KINDS) -> Dict[EntityKind, List[str]]:
    """Identifiants nommés par le message, type par type (`kinds`) : des entités NLU d'abord, puis des alias
    trouvés dans le texte ; un rôle nommé seulement pour dire qui parle (« je suis conseiller en agence ») n'en
    est pas. Le texte est replié une seule fois pour tous les types."""
    text = message.get("text") or ""
    asked = without_speaker(text)
    introduces_the_speaker = asked.split() != fold(text).split()
    asked = _BEARS.sub(" ", asked)
    found: Dict[EntityKind, List[str]] = {}
    for kind in kinds:
        in_question = cat.find_in_text(kind, asked, typos=True)
        ids: List[str] = []
        for entity in message.get("entities") or []:
            surface = text[entity["start"]:entity["end"]] if isinstance(entity.get("start"), int) \
                and isinstance(entity.get("end"), int) else str(entity.get("text") or entity.get("value") or "")
            if entity.get("entity") == kind and not _BEARS.fullmatch(fold(surface)):
                resolved = cat.resolve(kind, str(entity.get("value") or "")) or cat.resolve(
                    kind, str(entity.get("text") or ""))
                if resolved and not (introduces_the_speaker and kind == "role" and resolved not in in_question):
                    ids.append(resolved)
        ids.extend(in_question)
        if kind != "service" and not ids:
            # « la solution clé en main de la filiale », « le simulateur des cartes chinoises », « celui qui fait
            # signer les contrats » : the subject described by one of its own notions (catalogue `notions`) is named
            ids.extend(subjects_by_notion(cat, kind, asked))
        elif kind == "offer":
            # « pourquoi Payplug, alors que c'est l'autre société qui a fait le site ? » : another offer, described by
            # what it does in a relative clause, is named too
            ids.extend(o for described in _DESCRIBED_BY_A_CLAUSE.finditer(asked)
                       for o in subjects_by_notion(cat, kind, described.group(0)))
        found[kind] = list(dict.fromkeys(ids))
    found["service"] = without_qualifying_word(cat, text, found.get("service", []))
    return found


def mentioned(cat: Catalogue, message: Dict[str, Any], kind: EntityKind) -> List[str]:
    """Identifiants d'un seul type nommés par le message (voir `mentioned_by_kind`)."""
    return mentioned_by_kind(cat, message, (kind,))[kind]


def read_question(cat: Catalogue, tracker: Tracker, intent: Optional[str] = None) -> Question:
    """Ce que dit le dernier message seul : son intention et les sujets qu'il nomme (le focus de la
    conversation est appliqué ensuite par `cecaz.resolve`)."""
    message = tracker.latest_message or {}
    found = {kind: tuple(ids) for kind, ids in mentioned_by_kind(cat, message).items()}
    # « le second assure-t-il lui-même son support ? » after two offers: read as if it named the second one (a line
    # designated so is the focus's, `read_focus`)
    focus, typed = _focus_slot(tracker, cat), _as_typed(tracker, cat)
    described = _described(tracker, cat)
    designated = designated_subject(cat, typed, focus, last_typed_text(tracker, skip_latest=True),
                                    [FIELDS[kind] for kind, ids in found.items() if ids]) or _earlier(tracker, cat) \
        or ({"contacts": described} if described else {})
    if designated.get("contacts"):
        # « la hotline de tout à l'heure » : that line (`read_focus`), not the generic service the word names
        found["service"] = ()
    found["offer"], found["tool"] = not_asked_besides_the_line(cat, typed, described, found["offer"], found["tool"])
    if offer := line_of_an_offer(cat, typed, focus)[0]:
        # « et celle de payplug, je peux la donner ? » after two lines: the offer says which line, it is not asked about
        found["offer"] = tuple(o for o in found["offer"] if o != offer)
    return Question(
        intent=intent or (message.get("intent") or {}).get("name") or "",
        offres=designated.get("offres", found["offer"]), outils=designated.get("outils", found["tool"]),
        roles=designated.get("roles", found["role"]), cartes=designated.get("cartes", found["card"]),
        services=found["service"],
    )


def read_focus(cat: Catalogue, tracker: Tracker) -> Focus:
    """Le focus contre lequel lire le dernier message : celui de la conversation (slot `focus`), sans les
    sujets que le catalogue ne connaît plus, ou aucun quand le message annonce un autre sujet (« Autre chose : … »,
    `cecaz.focus.set_aside_for_another_subject`), ou les lignes que le message cite par leur numéro ou leur
    e-mail, ou la première ligne donnée (`cecaz.lines_in_focus.focus_for_message`), ou la ligne « de tout à
    l'heure » (`cecaz.designation.earlier_subject`), ou la ligne qu'il désigne par son rang ou « l'autre »
    (`cecaz.designation.focus_on_designated_line`). Calculé une fois par message."""
    def read() -> Focus:
        text = message_text(tracker)
        focus = focus_for_message(cat, text, set_aside_for_another_subject(text, _focus_slot(tracker, cat)),
                                  lines_given(tracker))
        if (line := _earlier(tracker, cat).get("contacts")) and not set(line) <= set(
                focus.avant.contacts if focus.avant else ()):
            # « et la hotline de tout à l'heure, elle est là ce soir ? » : the line given before the detours, come back
            # to already (no earlier answer left to go back to, `cecaz.detour`) ; the line of the answer just before
            # the detour is left to `cecaz.detour.returns_to_earlier`, which goes back to that answer and what it asked
            focus = Focus(LINES_GIVEN, contacts=line, recommendation=focus.recommendation)
        elif described := _described(tracker, cat):
            # « la hotline interne qui répond le samedi » : that line; the answer before stays the one to go back to
            # (« l'adresse du support de tout à l'heure ») ; « l'autre, celle pour les banques » : the description
            # says which other line
            return replace(focus, contacts=described, sans_description=focus)
        return focus_on_designated_line(cat, _as_typed(tracker, cat), focus, last_typed_text(tracker, skip_latest=True))
    return _MEMO.get(tracker, cat, "focus read", read)


def subjects_given(tracker: Tracker) -> Dict[str, List[str]]:
    """Les sujets dont ont parlé les réponses de cette conversation (depuis le début de la session ou le dernier
    redémarrage), champ du focus → identifiants, du plus ancien au plus récent mentionné (un sujet repris passe à la
    fin ; les lignes : `lines_by_answer`) ; les outils dont parlait une réponse sur un rôle (`objets`) comptent parmi
    les outils : « le simu de tout à l'heure » est le dernier simulateur dont on a parlé."""
    given: Dict[str, Dict[str, None]] = {}
    for value in _focus_values(tracker):
        for field in (*FIELDS.values(), "objets"):
            kept = given.setdefault("outils" if field == "objets" else field, {})
            for key in value.get(field) or ():
                kept.pop(str(key), None)
                kept[str(key)] = None
    return {field: list(keys) for field, keys in given.items()}


def _earlier(tracker: Tracker, cat: Catalogue) -> Dict[str, Tuple[str, ...]]:
    """The subject « de tout à l'heure » the message designates (`cecaz.designation.earlier_subject`), {} if none."""
    return _MEMO.get(tracker, cat, "earlier", lambda: earlier_subject(
        cat, _as_typed(tracker, cat), _focus_slot(tracker, cat), subjects_given(tracker), lines_by_answer(tracker)))


def _described(tracker: Tracker, cat: Catalogue) -> Tuple[str, ...]:
    """The lines the message describes (« la hotline interne qui répond le samedi » : `cecaz.notions.lines_described`),
    () if none."""
    return _MEMO.get(tracker, cat, "described", lambda: lines_described(
        cat, _as_typed(tracker, cat), mentioned(cat, tracker.latest_message or {}, "offer"),
        _focus_slot(tracker, cat).contacts))


def lines_by_answer(tracker: Tracker) -> List[Tuple[str, ...]]:
    """Les lignes (identifiants de contacts) que chaque réponse de cette conversation a données ensemble (les
    `contacts` de chaque focus posé depuis le début de la session ou le dernier redémarrage), de la plus ancienne à
    la plus récente : « cette adresse de tout à l'heure » peut être celle de deux lignes données ensemble."""
    return [tuple(str(c) for c in value["contacts"]) for value in _focus_values(tracker) if value.get("contacts")]


def lines_given(tracker: Tracker) -> List[str]:
    """Les lignes (identifiants de contacts) dont ont parlé les réponses de cette conversation (les `contacts` de
    chaque focus posé depuis le début de la session ou le dernier redémarrage), chacune une fois, dans l'ordre où
    elles ont été données : « le premier numéro » est la première."""
    return list(dict.fromkeys(str(c) for value in _focus_values(tracker) for c in value.get("contacts") or ()))


def lists_shown(tracker: Tracker) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    """The lists of two subjects or more of one kind the answers of this conversation gave (since the session started
    or the last restart), as (field of the focus, keys in the order given), oldest first: « et le second ? » after a
    detour counts in the last one. The answers to the parts of one message (« dans OSC on fait quoi et dans MyGed ? »,
    `PART_METADATA`) count as one answer."""
    answers: List[Dict[str, Dict[str, None]]] = []
    new_message = True
    for event in _since_session_start(tracker):
        if event.get("event") == "user":
            new_message = not (event.get("metadata") or {}).get(PART_METADATA)
        elif _is_focus_value(event):
            if new_message or not answers:
                answers.append({})
                new_message = False
            for name in RANKED_FIELDS:
                answers[-1].setdefault(name, {}).update((str(k), None) for k in event["value"].get(name) or ())
    return tuple((name, tuple(keys)) for answer in answers for name, keys in answer.items() if len(keys) >= 2)


def _focus_values(tracker: Tracker) -> List[Dict[str, Any]]:
    """Les valeurs qu'a prises le slot `focus` depuis le début de la session ou le dernier redémarrage, de la plus
    ancienne à la plus récente (celles qui sont un dictionnaire)."""
    return [event["value"] for event in _since_session_start(tracker) if _is_focus_value(event)]


def _since_session_start(tracker: Tracker) -> List[Dict[str, Any]]:
    """The tracker's events after the last `session_started` or `restart` (all of them without one)."""
    starts = [i for i, e in enumerate(tracker.events) if e.get("event") in ("session_started", "restart")]
    return list(tracker.events[starts[-1] + 1:] if starts else tracker.events)


def _is_focus_value(event: Dict[str, Any]) -> bool:
    """A `SlotSet` of the focus slot to a dictionary (not its reset to None)."""
    return event.get("event") == "slot" and event.get("name") == FOCUS_SLOT and isinstance(event.get("value"), dict)


def last_bot_messages(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Les messages de l'assistant qui ont répondu au message précédant le message courant (à toutes ses parties quand
    il posait plusieurs questions : `cecaz.segments.split_questions`) : {"text", "buttons", "custom"} pour chacun,
    dans l'ordre ; [] s'il n'a encore rien dit."""
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    if len(users) < 2:
        return []
    # « le mail du support payplug et leur tel » was answered part by part: the answers to every part
    first = len(users) - 2
    while first > 0 and (events[users[first]].get("metadata") or {}).get(PART_METADATA):
        first -= 1
    replies = []
    for event in events[users[first] + 1:users[-1]]:
        if event.get("event") == "bot" and (event.get("text") or (event.get("data") or {}).get("buttons")):
            data = event.get("data") or {}
            replies.append({"text": event.get("text"), "buttons": data.get("buttons"), "custom": data.get("custom")})
    return replies


def clicked_title(tracker: Tracker) -> str:
    """Le titre du bouton de la réponse précédente dont le dernier message est le payload — un clic, ou
    son titre tapé, que le filtre d'entrée lit comme le clic — ; "" si le message n'est pas un bouton.
    Le clic dit ce que dit son titre (« Et s'il a un site ? » est un « et si… »)."""
    text = (tracker.latest_message or {}).get("text") or ""
    if not text.startswith("/"):
        return ""
    for message in last_bot_messages(tracker.events):
        for button in message.get("buttons") or []:
            if button.get("payload") == text:
                return str(button.get("title") or "")
    return ""


def previous_bot_action(tracker: Tracker) -> str:
    """La dernière action du bot avant le message courant (hors action_listen), ou ""."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                continue
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") != "action_listen":
            return event.get("name") or ""
    return ""


def read_facts(tracker: Tracker) -> Facts:
    """Les faits du diagnostic en cours, lus dans ses slots."""
    return Facts.from_values({q: tracker.get_slot(slot) for q, slot in SLOTS.items()})


def diagnostic_running(tracker: Tracker) -> bool:
    """Le formulaire du diagnostic est actif."""
    return (tracker.active_loop or {}).get("name") == FORM


def typed_texts(tracker: Tracker, skip_latest: bool = False) -> List[str]:
    """Les messages tapés (pas les boutons « /… »), du plus récent au plus ancien ; `skip_latest` : sans le
    message courant."""
    users = [e for e in tracker.events if e.get("event") == "user"]
    texts = [str(e.get("text") or "") for e in reversed(users[:-1] if skip_latest else users)]
    return [text for text in texts if text and not text.startswith("/")]


def last_typed_text(tracker: Tracker, skip_latest: bool = False) -> str:
    """Le dernier message tapé (pas un bouton « /… »), pour choisir l'interlocuteur ; `skip_latest` :
    celui d'avant le message courant (« je veux parler à quelqu'un » ne dit pas le sujet)."""
    return next(iter(typed_texts(tracker, skip_latest)), "")
