"""Un sujet désigné par son rang parmi deux ou plus dont le fil vient de parler (« le second assure-t-il lui-même son
support ? » après Payplug et IZ eCommerce, « et la première, à cette heure-là ? » après deux lignes dont on vient de
prendre la seconde, « le 2e samedi 11h c bon » après deux numéros cités), ou « l'autre » des deux après en avoir pris
un : le message est lu comme s'il le nommait (docs/conversation.md, les lignes « désigne par son rang… » du tableau
des sortes de messages). Fonctions pures, testées sans Rasa (tests/unit/test_designation.py)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from cecaz.catalogue import EMAIL, Catalogue, EntityKind
from cecaz.focus import SIMULATORS, Focus, corrected_away, set_aside_offers, subject_names
from cecaz.lines_in_focus import EARLIER_IN_THE_CONVERSATION, quoted_contacts
from cecaz.phrasing import GENERIC_SERVICES
from cecaz.textnorm import PLACE, RANK, RANK_POSITIONS, THE_OTHER, fold

# the fields a rank can count in, and the kind of subject each holds (contacts: lines, no entity kind)
_RANKED: Tuple[Tuple[str, Optional[EntityKind]], ...] = (
    ("contacts", None), ("offres", "offer"), ("roles", "role"), ("outils", "tool"), ("cartes", "card"))
# the fields of the focus a rank counts in (`actions.tracker_reading.lists_shown` keeps their lists)
RANKED_FIELDS: Tuple[str, ...] = tuple(field for field, _ in _RANKED)

# « le premier », « la 2e », « du second », « la dernière » : a rank said with its article (folded text); not « la
# première fois », « le premier virement », « le 1er décembre » (what follows is not one of the subjects listed)
_RANK = re.compile(
    rf"\b(?:le|la|l|du|au) ({RANK})\b"
    r"(?! (?:fois|temps|lieu|abord|virement|versement|paiement|encaissement|jour|mois|semaine|etape|appel|rendez|rdv|"
    r"niveau|question|message|reponse|echange|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|"
    r"novembre|decembre|trimestre|echeance|contrat|site|client|commercant))")

# « l'autre », « et pour l'autre des deux » : the one of two not taken just before
_OTHER = re.compile(rf"\b{THE_OTHER}")
# « l'autre simu » after one of the two simulators
_OTHER_SIMULATOR = re.compile(rf"\b{THE_OTHER} (?:simus?|simulateurs?)\b")

# The nouns that say which kind of subject a message points at, by field of the focus (folded): « le second
# numéro », « la première solution » (the list a rank counts in), « le simu de tout à l'heure » (an earlier subject).
_NOUNS_OF_FIELD = (
    ("contacts", r"numeros?|num|tel|telephone|mails?|adresses?|lignes?|contacts?|equipes?|services?|assistances?|"
                 r"hotlines?|supports?"),
    ("offres", r"offres?|solutions?"),
    ("outils", r"outils?|simus?|simulateurs?|logiciels?"),
    ("cartes", r"cartes?|reseaux? de cartes?"),
    ("roles", r"roles?|interlocuteurs?|acteurs?"),
)
_NOUN_OF_FIELD = tuple((field, re.compile(rf"^ (?:{nouns})\b")) for field, nouns in _NOUNS_OF_FIELD)

# « et l'autre ? », « ok et pour l'autre » : nothing asked but the other one (folded text)
_THE_OTHER_ALONE = re.compile(r"^(?:(?:et|ok|alors|mais|pour|dc|donc)\s+)*l autre\s*$")
# « et le premier ? », « et pour la 2e ? », « et l'autre des deux ? » : nothing asked but a subject by its place
_PLACE_ALONE = re.compile(rf"^(?:(?:et|ok|alors|mais|pour|avec|dc|donc)\s+)*{PLACE}(?: des deux)?\s*$")


def only_designates(text: str) -> bool:
    """« et le premier ? », « et l'autre ? » : the message says a subject by its place and asks nothing else (the
    question before, asked again of it)."""
    return bool(_PLACE_ALONE.match(fold(text)))

# the parts of a message that names several lines: « le 09 69 37 80 30 et le 09 69 36 06 26 », « a, b »
_PARTS = re.compile(r"\bet\b|,|;|/|\bou\b")


def rank_said(text: str) -> Optional[Tuple[int, str]]:
    """The position a message designates by its rank (0 for the first, -1 for the last) and the folded words after
    it ; None when it says none (« en premier », « la première fois » are not a rank among subjects)."""
    folded = fold(text)
    found = _RANK.search(folded)
    return (RANK_POSITIONS[found.group(1)], folded[found.end():]) if found else None


def _lines_quoted_in_order(cat: Catalogue, text: str) -> List[str]:
    """The lines a message quotes by their full number or e-mail, in the order it quotes them."""
    found: List[str] = []
    for part in _PARTS.split(EMAIL.sub(lambda m: f" {m.group(0)} ", text)):
        if re.search(r"\d{2}.?\d{2}.?\d{2}|@", part):
            found.extend(c for c in quoted_contacts(cat, part) if c not in found)
    return found


def _named_in_order(cat: Catalogue, kind: Optional[EntityKind], text: str) -> List[str]:
    """The subjects of a field a message names, in the order it names them."""
    return _lines_quoted_in_order(cat, text) if kind is None else cat.find_in_text(kind, text)


def designates_by_place(text: str) -> bool:
    """« l'autre », « la deuxième », « le 1er » : the message designates a subject by its place in a list (`rank_said`,
    « l'autre » of `THE_OTHER`) ; not « la première fois », « l'autre jour »."""
    return rank_said(text) is not None or bool(_OTHER.search(fold(text)))


def ranked_list(cat: Catalogue, text_after_rank: str, focus: Focus, previous_text: str) -> Tuple[str, Tuple[str, ...]]:
    """The list a rank counts in (field, keys in order): the one the noun after the rank says (« le second
    numéro »), else the subjects of one kind the message before named, in its order (« le 09 69 37 80 30 et le
    09 69 36 06 26, c'est quoi la différence ? », lines by their number or their service, among those in focus),
    else the list one of which the last answer took (« et la première, à cette heure-là ? »), else the shortest list
    of the last answer (ties: lines, offers, roles, tools, cards), else the last list the conversation's answers gave
    (`Focus.listes`, after a detour) ; ("", ()) when none lists two of any kind."""
    wanted = next((field for field, noun in _NOUN_OF_FIELD if noun.match(text_after_rank)), None)
    picked: List[Tuple[str, Tuple[str, ...]]] = []
    shown: List[Tuple[str, Tuple[str, ...]]] = []
    for field, kind in _RANKED:
        if wanted and field != wanted:
            continue
        current = tuple(getattr(focus, field))
        said = _named_in_order(cat, kind, previous_text) if previous_text else []
        if kind is None:
            # « les horaires de la monétique pro et du service client SP+ » : the lines in focus, in the order their
            # services were named
            services = cat.find_in_text("service", previous_text) if previous_text else []
            said = said or [c for s in services for c in current if c in cat.contacts and cat.contacts[c].service == s]
            said = [c for c in said if c in current]
        if kind == "offer" and said:
            # « il est en SP+, pas chez Payplug » names one offer only: the other is set aside
            aside = corrected_away(cat, previous_text) | set_aside_offers(cat, previous_text)
            said = [o for o in said if o not in aside]
        # (« SimulEasy ou SimulUPI pour un contrat JPEL ? » answered by JPEL's pricing: still the two named)
        if len(said) >= 2:
            return field, tuple(said)
        if taken_from := focus.taken_from(field):
            picked.append((field, taken_from))
        elif len(current) >= 2:
            shown.append((field, current))
    if picked or shown:
        return picked[0] if picked else min(shown, key=lambda entry: len(entry[1]))
    # « dans OSC on fait quoi, et dans MyGed ? », two answers on the first, then « et le second… ? » : the last list
    # the conversation gave
    return next(((field, keys) for field, keys in reversed(focus.listes) if not wanted or field == wanted), ("", ()))


def in_the_order_named(cat: Catalogue, text: str, focus: Focus) -> Focus:
    """`focus` with the subjects of each field in the order the message named them, when it named them all (« le
    09 69 36 06 26 ou le 08 10 00 47 24 ? » : the lines in that order, whatever order the answer gave them in), so
    that « le premier », « le second » next count as the speaker did ; `focus` itself otherwise."""
    changes: Dict[str, Tuple[str, ...]] = {}
    for field, kind in _RANKED:
        current = tuple(getattr(focus, field))
        if len(current) < 2:
            continue  # a single subject has no order to take
        named = [k for k in _named_in_order(cat, kind, text) if k in current]
        if len(named) == len(current) and tuple(named) != current:
            changes[field] = tuple(named)
    return replace(focus, **changes) if changes else focus  # type: ignore[arg-type]  # fields of Focus


def designated_subject(cat: Catalogue, text: str, focus: Focus, previous_text: str = "",
                       named: Sequence[str] = ()) -> Dict[str, Tuple[str, ...]]:
    """The subject a message designates by its rank (field → (key,)) among those the thread has just listed
    (`ranked_list`), or « l'autre » of two after one was taken (from the answer before, else from the last list of two
    the conversation gave that holds the one in focus) ; {} when it says no rank, when the rank is beyond the
    list, or when the message already names a subject of that field (`named`: fields the NLU found named, to which
    those the catalogue's aliases find in `text` are added) or quotes a line."""
    fields = {*named, *(field for field, kind in _RANKED if _named_in_order(cat, kind, text))}
    # (`fields` already holds the offers, roles, tools and cards the aliases find: only a service is left to look for)
    if fields or cat.find_in_text("service", text):
        # « et la première ligne, la monétique pro, … ? » : a message that names a subject counts in no list said
        # before the last answer
        focus = replace(focus, listes=())
    rank = rank_said(text)
    if rank is not None:
        position, after = rank
        field, listed = ranked_list(cat, after, focus, previous_text)
        if not listed or field in fields or position >= len(listed):
            return {}
        return {field: (listed[position],)}
    if not _OTHER.search(fold(text)):
        return {}
    for field, _kind in _RANKED:
        left = [k for k in focus.taken_from(field) if k not in getattr(focus, field)]
        if len(left) == 1 and field not in fields:
            return {field: (left[0],)}
    for field, keys in reversed(focus.listes):
        # « et l'autre ? » after a detour: of the last list of two the conversation gave, the one not in focus
        mine = {*getattr(focus, field), *(focus.objets if field == "outils" else ())}
        if len(keys) == 2 and field not in fields and len(mine & set(keys)) == 1:
            return {field: tuple(k for k in keys if k not in mine)}
    spoken_of = {k for k in (*focus.outils, *focus.objets) if k in SIMULATORS}
    if _OTHER_SIMULATOR.search(fold(text)) and len(spoken_of) == 1 and "outils" not in fields:
        # « et l'autre simulateur c'est pour quoi ? » after SimulUPI: the document has two (section « Quelle
        # tarification ? »)
        return {"outils": tuple(sorted(SIMULATORS - spoken_of))}
    return {}



# « celle de payplug », « la ligne pour sp+ » : one of the lines listed, by the offer it serves (folded text)
_LINE_OF = re.compile(r"\b(?:celui|celle|la ligne|le numero|le num|le tel|l adresse|le mail|la hotline) "
                      r"(?:de|du|d|pour|pr|chez) (?:l |la |le |les )?(?P<rest>.*)$")


def line_of_an_offer(cat: Catalogue, text: str, focus: Focus) -> Tuple[str, Tuple[str, ...]]:
    """« ok et celle de payplug, je peux la donner au client ? » after a Payplug line and an SP+ line: (the offer
    named, (the one line of the list that serves it,)) ; ("", ()) when the message does not designate a line so, or
    no single line of the list (the last answer's, or the one a line was taken from) serves that offer."""
    found = _LINE_OF.search(fold(text))
    offers = cat.find_in_text("offer", " ".join(found.group("rest").split()[:3])) if found else []
    listed = focus.contacts if len(focus.contacts) >= 2 else focus.taken_from("contacts")
    lines = tuple(c for c in listed if c in cat.contacts and offers[:1] and offers[0] in cat.contacts[c].offres)
    return (offers[0], lines) if len(lines) == 1 else ("", ())


def _line_designated(cat: Catalogue, text: str, focus: Focus, previous_text: str) -> Tuple[str, ...]:
    """The line a message designates by its rank or as « l'autre » (`designated_subject`), () when none ; « et l'autre,
    il sert aussi pour JPEL ? » is left to `cecaz.lines_in_focus.lines_designated` (the other line against the offer
    named), a line quoted by its number is the focus already (`focus_for_message`)."""
    if quoted_contacts(cat, text, focus.contacts):
        return ()  # the focus already (`focus_for_message`)
    if of_the_offer := line_of_an_offer(cat, text, focus)[1]:
        return of_the_offer
    if rank_said(text) is None and (_THE_OTHER_ALONE.match(fold(text)) or cat.find_in_text("offer", text)
                                    or cat.find_in_text("service", text)):
        return ()  # « et l'autre ? » alone asks the question before again (`cecaz.resolve.answer_checks`)
    return designated_subject(cat, text, focus, previous_text).get("contacts", ())


def focus_on_designated_line(cat: Catalogue, text: str, focus: Focus, previous_text: str = "") -> Focus:
    """The focus to read a message against when it designates one of the lines in focus by its rank (« la seconde
    répond-elle encore à 17h45 ? ») or as « l'autre » : the same question, on that line alone ; the list it was taken
    from stays one level back (`avant`), so that « et la première ? » counts in it again. `focus` itself when no line
    is designated."""
    line = _line_designated(cat, text, focus, previous_text)
    if not line:
        return focus
    listed = focus.taken_from("contacts")
    # the offers and services of the other lines are no longer spoken of (« je peux la donner ? » is of this one)
    served = {o for c in line for o in cat.contacts[c].offres}
    services = {cat.contacts[c].service for c in line}
    return replace(focus, contacts=line, offres=tuple(o for o in focus.offres if o in served),
                   services=tuple(s for s in focus.services if s in services),
                   avant=focus.avant if listed else replace(focus, avant=None))


# the rank in the typed text (same length as `normalize_same_length`), with the noun of the list when one follows
_RANK_TYPED = re.compile(r"(?<=\b(?:le|la|du|au) )(?:premi[eè]re?|1[eè]?re?|second[e]?|2nde?|deuxi[eè]me|2e|2[eè]me|"
                         r"derni[eè]re?)(?: (?:offre|solution|outil|simulateur|carte|r[oô]le|interlocuteur)s?)?\b",
                         re.IGNORECASE)
_OTHER_TYPED = re.compile(r"\bl['’ ]?autre\b", re.IGNORECASE)


def _line_of_typed(cat: Catalogue, offer: str) -> re.Pattern[str]:
    """« celle de payplug », « la ligne pour SP+ » in the typed text (any case, accents or not)."""
    names = sorted({re.escape(a) for a in (*cat.aliases("offer").get(offer, ()), cat.offres[offer].nom)}, key=len,
                   reverse=True)
    return re.compile(r"\b(?:celui|celle|la ligne|le num[ée]ro|le num|le t[ée]l|l['’ ]?adresse|le mail|la hotline) "
                      r"(?:de |du |d['’ ]|pour |pr |chez )(?:l['’ ]|la |le |les )?"
                      r"(?:" + "|".join(names) + r")(?![\w+])", re.IGNORECASE)


def naming_the_designated(cat: Catalogue, text: str, focus: Focus, previous_text: str = "") -> str:
    """`text` where the rank (or « l'autre ») that designates an offer, a role, a tool or a card of the thread's list
    (`designated_subject`) is replaced by its name as the catalogue writes it (« le second peut-il établir la
    tarification ? » → « le ATC peut-il… ») : every reader of the message then sees the subject named. A line keeps
    its rank (`focus_on_designated_line` puts it in focus) ; « l'autre » line becomes « celui-là », the line now in
    focus (so that no reader takes « l'autre » again from it)."""
    if rank_said(text) is None and _line_designated(cat, text, focus, previous_text):
        if (offer := line_of_an_offer(cat, text, focus)[0]):
            return _line_of_typed(cat, offer).sub("celle-là", text, count=1)
        return _OTHER_TYPED.sub("celui-là", text, count=1)
    designated = designated_subject(cat, text, focus, previous_text)
    designated.pop("contacts", None)
    if not designated:
        return text
    name = subject_names(cat, designated)[0]
    if rank_said(text) is not None:
        return _RANK_TYPED.sub(name, text, count=1)
    return _OTHER_TYPED.sub(f"l'{name}" if name[:1].lower() in "aeiouy" else f"le {name}", text, count=1)


# « le simu de tout à l'heure », « la hotline d'avant », « l'offre du début » : a subject of that kind the conversation
# spoke of before the last answers (folded text)
_EARLIER_NOUN = re.compile(
    r"\b(?:le|la|l|du|au|ce|cette|ces|les) (?P<noun>" + "|".join(nouns for _, nouns in _NOUNS_OF_FIELD) + ")"
    rf"(?: (?:[\w+]+ ){{0,2}}?)? (?:de |du )?(?:{EARLIER_IN_THE_CONVERSATION}|debut)\b")
_FIELD_OF_NOUN = tuple((field, re.compile(rf"(?:{nouns})")) for field, nouns in _NOUNS_OF_FIELD)


def earlier_subject(cat: Catalogue, text: str, focus: Focus, given: Mapping[str, Sequence[str]],
                    lines_by_answer: Sequence[Sequence[str]] = ()) -> Dict[str, Tuple[str, ...]]:
    """« ok et le simu de tout à l'heure, il sert pour les cartes chinoises ? » after a detour of two answers: the
    subject of that kind (field → keys) the conversation spoke of last, among those the focus no longer holds
    (`given`: field → keys in the order the answers spoke of them, `actions.tracker_reading.subjects_given`) ; a
    simulator for « le simu » ; for a line (« la hotline de tout à l'heure », « cette adresse de tout à l'heure »),
    the lines the last answer that gave lines not in focus gave together (`lines_by_answer`, oldest first), those of
    the service the message names if one of its answers gave some ; {} when the message says no such thing, or names
    a subject of that kind itself (other than a generic word: « la hotline »)."""
    found = _EARLIER_NOUN.search(fold(text))
    if not found:
        return {}
    noun = found.group("noun")
    field = next(f for f, pattern in _FIELD_OF_NOUN if pattern.fullmatch(noun))
    kind = next((k for f, k in _RANKED if f == field), None)
    if kind is not None and cat.find_in_text(kind, text):
        return {}
    if kind is None:
        services = cat.find_in_text("service", text)
        if quoted_contacts(cat, text) or [s for s in services if s not in GENERIC_SERVICES]:
            return {}
        return _earlier_lines(cat, services, focus, lines_by_answer)
    candidates = [k for k in given.get(field, ()) if not (field == "outils" and noun.startswith("simu"))
                  or k in SIMULATORS]
    current = set(getattr(focus, field)) | (set(focus.objets) if field == "outils" else set())
    earlier = [k for k in candidates if k not in current]
    return {field: (earlier[-1],)} if earlier else {}


def _earlier_lines(cat: Catalogue, services: Sequence[str], focus: Focus,
                   lines_by_answer: Sequence[Sequence[str]]) -> Dict[str, Tuple[str, ...]]:
    """The lines an earlier answer gave together, not all in focus (`earlier_subject`): the last such answer, or the
    last that gave a line of the (generic) `services` the message names (« l'adresse du support de tout à
    l'heure »)."""
    answers = [tuple(c for c in lines if c in cat.contacts and c not in focus.contacts)
               for lines in reversed(lines_by_answer)]
    answers = [lines for lines in answers if lines]
    of_service = next((tuple(c for c in lines if cat.contacts[c].service in services) for lines in answers
                       if any(cat.contacts[c].service in services for c in lines)), ())
    chosen = of_service or (answers[0] if answers else ())
    return {"contacts": chosen} if chosen else {}
