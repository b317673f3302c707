"""Un sujet désigné par ce qu'il fait plutôt que par son nom (issue 11, vague 56) : « la solution clé en main de la
filiale » (Payplug), « le simulateur des cartes chinoises » (SimulUPI), « l'outil où on dépose la simu » (MyGed),
« celui qui fait signer les contrats » (le CIF), « les cartes américaines » (AMEX). Les notions sont des données du
catalogue (`notions` de chaque offre, outil, rôle ou carte, écrites avec les mots du document) ; ce module les lit sur
le texte replié (`cecaz.textnorm.fold`). Fonctions pures, testées sans Rasa (tests/unit/test_described_subjects.py)."""

from __future__ import annotations

import re
from functools import cache
from typing import Dict, Mapping, NamedTuple, Optional, Sequence, Tuple

from cecaz.catalogue import ENTITY_SECTIONS, JOURS, Catalogue, EntityKind, per_catalogue
from cecaz.textnorm import LINE_NOUN, fold, plain_lower

_DETERMINERS = frozenset({"de", "du", "des", "d", "le", "la", "les", "l", "un", "une"})
_ANY_DETERMINER = r"(?:(?:de|du|des|d|le|la|les|l|un|une) )+"
# « … » in a notion: up to four words said between its two parts (« outil … dépose » : « l'outil dans lequel on
# dépose »)
_GAP = "…"
_GAP_WORDS = r"(?:[\w+]+ ){0,4}?"
# A role is designated by someone who does a thing (« celui qui fait signer », « la personne qui monte la tarif »),
# never by the thing asked alone (« qui fait signer les contrats ? » asks who it is)
_SOMEONE = r"\b(?:celui|celle|ceux|celles|la personne|les personnes|le collegue|la collegue|l interlocuteur|le gars|" \
           r"le mec|le type|quelqu un|l intervenant|les gens) "


def _word(word: str, prefix: bool) -> str:
    """One folded word of a notion: with `prefix` (« tarif* »), any word it begins ; a verb or noun in « e » with its
    endings (« occupe » : « occupent », « occuper ») ; else singular or plural."""
    if prefix:
        return re.escape(word) + r"\w*"
    if word.endswith("e"):
        return re.escape(word) + r"(?:s|nt|r|z|e|es)?"
    return re.escape(word.removesuffix("s")) + "s?"


@cache  # a few dozen notions, read at every message: built once each
def notion_pattern(notion: str) -> re.Pattern[str]:
    """A notion of the catalogue as a pattern on folded text: its articles and « de » interchangeable, its words in the
    singular or the plural (« création de sites » : « la création du site », « création d'un site »), « … » a gap of
    up to four words, « mot* » any word that begins so."""
    parts = []
    for raw in notion.replace(_GAP, f" {_GAP} ").split():
        if raw == _GAP:
            parts.append(_GAP_WORDS)
            continue
        words = fold(raw.rstrip("*")).split()
        for i, word in enumerate(words):
            prefix = raw.endswith("*") and i == len(words) - 1
            parts.append(_ANY_DETERMINER if word in _DETERMINERS and not prefix else _word(word, prefix) + " ")
    return re.compile(r"(?<!\w)" + "".join(parts).rstrip() + r"(?!\w)")


def subjects_by_notion(cat: Catalogue, kind: EntityKind, text: str) -> Tuple[str, ...]:
    """Les sujets d'une sorte (`offer`, `tool`, `role`, `card` ; identifiants du catalogue) dont une notion propre
    (`notions` du catalogue) est dite dans le message ; pour un rôle, par quelqu'un qui la fait (« celui qui fait
    signer les contrats »). () pour une sorte sans notions."""
    folded = f"{fold(text)} "
    table: Mapping[str, object] = getattr(cat, ENTITY_SECTIONS[kind])
    found = []
    for key, entry in table.items():
        notions: Sequence[str] = getattr(entry, "notions", ())
        for notion in notions:
            pattern = notion_pattern(notion)
            if kind == "role":
                said = re.search(_SOMEONE + _GAP_WORDS + pattern.pattern.removeprefix(r"(?<!\w)"), folded)
            else:
                said = pattern.search(folded)
            if said:
                found.append(key)
                break
    return tuple(found)


@per_catalogue
def _description_patterns(cat: Catalogue) -> Tuple[re.Pattern[str], ...]:
    """The patterns of the `notions` of the offers, tools and cards of a catalogue read (built once per read)."""
    kinds: Tuple[EntityKind, ...] = ("offer", "tool", "card")
    return tuple(notion_pattern(notion) for kind in kinds
                 for entry in getattr(cat, ENTITY_SECTIONS[kind]).values() for notion in getattr(entry, "notions", ()))


def without_the_descriptions(cat: Catalogue, text: str) -> str:
    """`text` folded, without the words that describe an offer, a tool or a card by one of its `notions` (« la formule
    sans site où l'acheteur tape sa carte, ça se tarife comment » → « la formule … ça se tarife comment ») : what
    describes the subject is not what is asked of it."""
    folded = f"{fold(text)} "
    kept = list(folded)
    for pattern in _description_patterns(cat):
        for said in pattern.finditer(folded):
            kept[said.start():said.end()] = " " * (said.end() - said.start())
    return " ".join("".join(kept).split())


_WHICH = r"(?: qui (?:\w+ ){0,4}?| du )"


# the kinds of subject a catalogue entry may be designated by its `notions`, in the order a description is read
_DESCRIBED_KINDS: Tuple[EntityKind, ...] = ("offer", "tool", "role", "card")


def described_subjects(cat: Catalogue, text: str) -> Dict[EntityKind, Tuple[str, ...]]:
    """{sorte : identifiants} des sujets que le message désigne par leurs `notions` (`subjects_by_notion`), pour les
    seules sortes où il en désigne : « la boîte qui fait les sites » → {"offer": ("iz_ecommerce",)}."""
    return {kind: found for kind in _DESCRIBED_KINDS if (found := subjects_by_notion(cat, kind, text))}


# « la hotline interne de Natixis », « le num de la ligne interne qui bosse aussi le samedi », « les gens de Payplug qui
# s'occupent des banques » : a line named by its noun and its complements, then what sets it apart (folded text). Not
# « c'est la ligne interne ? » nor « cette ligne interne », which are about the line in focus, nor « ils ont une ligne
# pour nous ? », which asks whether there is one, nor « l'équipe support, c'est réservé à nous ? », where what follows
# the noun is asked.
class _LinePatterns(NamedTuple):
    """The patterns of a line named by its noun, for the names that may follow that noun (`_owners`)."""
    line: str  # the noun and its complements (« la hotline interne de Natixis »)
    asks_if_it_is: re.Pattern[str]
    internal: re.Pattern[str]
    on_a_day: re.Pattern[str]


def _owners(cat: Catalogue) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
    """(the organisations' folded names, the folded domains of the lines' addresses that name none of them): the
    words that say whose a line is (« la ligne BPCE », « la hotline Natixis »), from `catalogue/offres.yml` and
    `catalogue/contacts.yml`."""
    organisations = tuple(sorted({fold(key.replace("_", " ")) for key in cat.organisations}))
    domains = {_mail_domain(c.email) for c in cat.contacts.values() if c.email}
    return organisations, tuple(sorted(d for d in domains if d not in organisations and d not in cat.offres))


def _mail_domain(email: Optional[str]) -> str:
    """« assistance-spplus@natixis.com » → « natixis »; "" without an address."""
    return fold(email.split("@")[1].split(".")[0]) if email and "@" in email else ""


@cache
def _line_patterns(organisations: Tuple[str, ...], domains: Tuple[str, ...]) -> _LinePatterns:
    owners = "|".join(re.escape(w) for w in organisations + domains)
    line = r"\b(?:la|le|l|les|leur|sa|son|ta|ton|des|du|de) " + LINE_NOUN + \
        rf"(?: internes?| (?:{owners})| (?:de|du|des|d|chez)(?: la| le| les| l)? [\w+]+){{0,3}}"
    return _LinePatterns(
        line=line,
        asks_if_it_is=re.compile(r"^(?:\w+ ){0,3}?(?:c est|cest|est ce|c)(?: (?:bien|donc|toujours|aussi|vraiment))? "
                                 + line.removeprefix(r"\b")),
        internal=re.compile(line + r" (?:internes?|pour nous|pour les collaborateurs|reserve\w* (?:a nous|"
                            r"aux collaborateurs)|cote (?:caisse|cecaz|banque))\b"),
        on_a_day=re.compile(r"(?:" + line + r"|\b(?:celle|celui|celles|ceux))" + _WHICH + r"(?:le |les )?(?P<day>"
                            + "|".join(JOURS) + r")s?\b"))


# a line quoted by its number or address is the line quoted (`cecaz.lines_in_focus.quoted_contacts`)
_QUOTED = re.compile(r"@|\b0\d(?: ?\d\d){4}\b|\+33")


def lines_described(cat: Catalogue, text: str, offers: Sequence[str] = (),
                    in_focus: Sequence[str] = ()) -> Tuple[str, ...]:
    """Les lignes (identifiants de `catalogue/contacts.yml`) que le message désigne par ce qui les distingue, dit après
    le nom d'une ligne : réservée à la CECAZ (« la hotline interne »), d'une organisation (« de Natixis », par son
    adresse), ouverte un jour (« qui répond le samedi »), une notion propre dans une relative (`notions` du contact :
    « les gens qui s'occupent des banques ») ; parmi celles des offres nommées (`offers`) s'il y en a, et parmi les
    lignes en focus (`in_focus`) quand il en est. () quand rien ne les distingue, quand plus de trois lignes restent,
    quand le message cite un numéro ou une adresse, ou quand il demande si la ligne en focus en est une (« c'est la
    ligne interne ? »). Section « Comment assister mon client ? »."""
    folded = fold(text)
    organisations, domains = _owners(cat)
    patterns = _line_patterns(organisations, domains)
    if patterns.asks_if_it_is.search(folded) or _QUOTED.search(text):
        return ()
    pool = {cid: c for cid, c in cat.contacts.items() if not offers or set(offers) & set(c.offres)}
    day = patterns.on_a_day.search(folded)
    # (« l'autre, celle pour les banques », « la ligne pour les banques » : « celle » or the noun, then « pour »)
    relative = re.search(r"(?:" + patterns.line + r"|\b(?:celle|celui|celles|ceux)) (?:qui (.*)|(pour .*))", folded)
    # « la hotline de Natixis » : the domain of its address said among the line's complements
    complements = " ".join(said.group(0) for said in re.finditer(patterns.line, folded)) + " "
    domains_said = {d for d in domains if f" {d} " in complements}
    cues = [
        (bool(patterns.internal.search(folded)), lambda c: c.internal),
        (bool(domains_said), lambda c: _mail_domain(c.email) in domains_said),
        (day is not None, lambda c: any(day and day.group("day") in p.jours for p in c.horaires)),
        (relative is not None,
         lambda c: any(relative and notion_pattern(n).search(relative.group(1) or relative.group(2))
                       for n in c.notions)),
    ]
    applied = False
    for said, fits in cues:
        kept = {cid: c for cid, c in pool.items() if fits(c)} if said else {}
        if kept:
            pool, applied = kept, True
    if not applied:
        return ()
    if len(pool) > 1 and (focused := [cid for cid in pool if cid in in_focus]):
        return tuple(focused)  # « la ligne interne » after SP+'s internal lines: those
    return tuple(pool) if len(pool) <= 3 else ()


# `_SOMEONE` on text lowered by `plain_lower` (apostrophes kept), where a span is the typed text's span
_SOMEONE_TYPED = re.compile(r"\b(?:celui|celle|ceux|celles|la personne|les personnes|le collegue|la collegue|"
                            r"l'interlocuteur|le gars|le mec|le type|quelqu'un|l'intervenant)(?= qui\b)")


def naming_the_described_roles(cat: Catalogue, text: str) -> str:
    """`text` where the one who is described by what a role does (« la personne qui monte la tarif », « celui qui fait
    signer les contrats ») is named as the catalogue writes the role (« le CIF qui monte la tarif ») : every reader of
    the message (who does it, by oneself…) then sees the role named."""
    plain = plain_lower(text)
    for someone in _SOMEONE_TYPED.finditer(plain):
        roles = subjects_by_notion(cat, "role", text[someone.start():])
        if len(roles) == 1:
            alias = cat.roles[roles[0]].alias[0]
            return f"{text[:someone.start()]}le {alias.upper() if len(alias) <= 4 else alias}{text[someone.end():]}"
    return text


def not_asked_besides_the_line(cat: Catalogue, text: str, described: Sequence[str], offers: Sequence[str],
                               tools: Sequence[str]) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
    """(offres, outils) named by the message, without those that only describe the one line it describes by a
    relative clause (`described`, from `lines_described`) : « les gens de Payplug qui s'occupent des banques » (the
    offer says whose line), « les gens qui traitent les leads » (the requests the line takes, catalogue `demandes`).
    Unchanged for several lines or no relative: « les lignes internes SP+ et JPEL », « la ligne interne pour un lead
    Payplug » ask those of the offer."""
    if len(described) != 1 or not re.search(_line_patterns(*_owners(cat)).line + r" qui\b", fold(text)):
        return tuple(offers), tuple(tools)
    line = cat.contacts[described[0]]
    requests = {fold(d) for d in line.demandes}
    return (tuple(o for o in offers if o not in line.offres),
            tuple(t for t in tools if not requests & {fold(a) for a in cat.outils[t].alias}))


# « l'outil où on dépose la simu, c'est bien OSC ? » : a subject described, then the name it is checked against (folded)
_IS_IT_NAMED = re.compile(r"\bc est (?:bien |donc |vraiment |toujours )?(?P<name>(?:[\w+]+ ){0,3}[\w+]+)\s*$")


def described_identity_verdict(cat: Catalogue, text: str) -> Optional[str]:
    """« Oui. » quand le sujet décrit par ce qu'il fait est celui que le message nomme ensuite (« le simulateur des
    cartes chinoises, c'est bien SimulUPI ? »), « Non. » quand c'en est un autre de la même sorte (« l'outil où on
    dépose la simu, c'est bien OSC ? » : MyGed) ; None sans description ni nom vérifié."""
    folded = fold(text).rstrip(" ?")
    checked = _IS_IT_NAMED.search(folded)
    if checked is None:
        return None
    for kind, described in described_subjects(cat, folded[:checked.start()]).items():
        if named := cat.find_in_text(kind, checked.group("name")):
            return cat.say("verdict.oui" if set(named) & set(described) else "verdict.non")
    return None


# « la boîte qui fait les sites, c'est quoi son nom ? », « le simulateur des cartes chinoises, il s'appelle comment ? »
# (« la boîte qui fait les sites, c'est qui ? », « … c'est laquelle déjà ? » : who or which it is, said last)
_ITS_NAME = re.compile(r"\b(?:son nom|leur nom|le nom|s appel\w*|comment (?:ca|elle|il|ils|on) (?:s )?appel\w*)\b|"
                       r"\b(?:c est|cest|c|ce sont) (?:qui|laquelle|lequel|lesquels|lesquelles|quoi)"
                       r"(?: deja| au juste)?\s*$|"
                       r"\bqui c est(?: deja)?\s*$")


def asks_its_name(text: str) -> bool:
    """Le message demande le nom de ce qu'il décrit (« c'est quoi son nom ? », « ça s'appelle comment ? », « la boîte
    qui fait les sites, c'est qui ? »)."""
    return bool(_ITS_NAME.search(fold(text)))
