"""Ce que le message met à part : « à part le support Payplug, y a quelle autre ligne ? », « hors Payplug, qui fait
signer ? », « autre que SimulEasy, il y a quel simulateur ? », « pas le numéro en 08 : l'autre ligne, c'est
laquelle ? ».

Les sujets nommés dans la partie mise à part ne sont pas ceux de la question (`SetAside.reading`), les lignes qu'elle
désigne ne sont pas données (`SetAside.lines`), et un moyen de contact écarté (« à part le numéro de téléphone,
comment le joindre ? ») laisse l'autre."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Dict, Optional, Tuple

from cecaz.catalogue import EMAIL, Catalogue, EntityKind
from cecaz.focus import FIELDS, SIMULATORS
from cecaz.lines_in_focus import lines_named, quoted_contacts
from cecaz.phrasing import COORDINATE_FAMILIES, Question
from cecaz.textnorm import first_clause, plain_lower

# The words that set something aside, then what is set aside, up to punctuation or to the words that open the question
# (lowered text without accents, same length as the typed text: the span is blanked in it). Not « sauf si » (a
# condition), nor « pas » inside a sentence (« il ne veut pas de site »).
_ASIDE = re.compile(
    r"(?:\b(?:a part|mis a part|hormis|hors|sauf(?! si\b)|excepte|en dehors d(?:e|u|es)|autres? que)"
    r"|^\s*(?:non,? )?pas(?= (?:le|la|les|l'|celui|celle|ceux|celles|du|de la|des)\b)) "
    r"(?P<what>.{1,60}?)(?=\s*(?:[,:;?!]|\.(?:\s|$)|$)|\s+(?:y a|ya|il y a|quel\w*|qui|quoi|comment|on|je|j'|"
    r"jpeux|jdonne|c'est|c|est-ce|ils?|elles?|la ligne|l'autre|mon|ma|le client|la cecaz|chez)\b)")
_PHONE_WORD = re.compile(r"\b(?:tel|telephone|numero|num)\b")
_MAIL_WORD = re.compile(r"\b(?:mail|e-mail|email|adresse|courriel)\b")
_OTHER_COORDINATE = {"telephone": "email", "email": "telephone"}
# the families that ask for one coordinate, by the coordinate
_FAMILY_OF_COORDINATE = {coordinate: family for family, coordinate in COORDINATE_FAMILIES.items()}


@dataclass(frozen=True)
class SetAside:
    """What a message sets aside: the span of the typed text (start, end), the subjects named there (catalogue keys by
    `Question` field: offres, services, outils), the lines it designates (by their number, address, or service) and
    the coordinate (« telephone », « email ») set aside when it names nothing else."""

    span: Tuple[int, int]
    subjects: Tuple[Tuple[str, Tuple[str, ...]], ...]
    lines: Tuple[str, ...]
    coordinate: Optional[str]

    def text(self, typed: str) -> str:
        """`typed` with the part set aside blanked (same length)."""
        start, end = self.span
        return typed[:start] + " " * (end - start) + typed[end:]

    def reading(self, cat: Catalogue, reading: Question, typed: str) -> Question:
        """`reading` without the subjects named only in the part set aside (not named again in the rest of
        `typed`) ; an offer set aside with none left asks about the other offers of its kind (`categorie` in
        `catalogue/offres.yml`), a simulator about the other one."""
        rest = self.text(typed)
        kinds = {field: kind for kind, field in FIELDS.items()}
        changed: Dict[str, Any] = {field: tuple(k for k in getattr(reading, field) if k not in aside
                                                or k in cat.find_in_text(kinds[field], rest))
                                   for field, aside in self.subjects}
        if not changed.get(FIELDS["offer"], True) and (aside := dict(self.subjects).get(FIELDS["offer"])):
            # « hormis Payplug, quelle solution de pages de paiement ? » : the other offers of its kind (SP+)
            kinds_of = {cat.offres[o].categorie for o in aside if o in cat.offres}
            changed[FIELDS["offer"]] = tuple(o for o, offre in cat.offres.items()
                                             if offre.categorie in kinds_of and o not in aside)
        tools = dict(self.subjects).get(FIELDS["tool"], ())
        if not changed.get(FIELDS["tool"], True) and tools and set(tools) <= SIMULATORS:
            # « autre que SimulEasy, il y a quel simulateur ? » : the other one
            changed[FIELDS["tool"]] = tuple(sorted(SIMULATORS - set(tools)))
        return replace(reading, **changed)

    def question(self, question: Question) -> Question:
        """`question` without the lines set aside, asking for the other coordinate when one is set aside."""
        family = question.intent
        if self.coordinate and family == _FAMILY_OF_COORDINATE[self.coordinate]:
            family = _FAMILY_OF_COORDINATE[_OTHER_COORDINATE[self.coordinate]]
        return replace(question, intent=family, sauf=tuple(dict.fromkeys((*question.sauf, *self.lines))),
                       contacts=tuple(c for c in question.contacts if c not in self.lines))


def set_aside(cat: Catalogue, typed: str) -> Optional[SetAside]:
    """What `typed` sets aside (section « Comment assister mon client ? » for the lines), or None when it sets nothing
    aside that the catalogue knows."""
    match = _ASIDE.search(plain_lower(typed))
    if match is None:
        return None
    what = typed[match.start("what"):match.end("what")]
    kinds: Tuple[EntityKind, ...] = ("offer", "service", "tool")
    # (the words of an address name nothing: « support@payplug.com »)
    subjects = tuple((FIELDS[kind], tuple(cat.find_in_text(kind, EMAIL.sub(" ", what)))) for kind in kinds)
    named = {field: keys for field, keys in subjects if keys}
    # « à part l'adresse support@payplug.com, comment le joindre ? » : an address is the coordinate set aside, a number
    # the line (« à part le 09 69 37 80 30, … », « pas celui en 08 »)
    by_address = bool(EMAIL.search(what))
    lines = () if by_address else quoted_contacts(cat, what)
    if named.get("services"):
        # « à part le support Payplug » : that service's lines, for the offers named (in the whole message)
        offers = tuple(cat.find_in_text("offer", typed))
        lines += tuple(c for c in lines_named(cat, {"services": named["services"]}, offers) if c not in lines)
    if named.get("services") or lines:
        # « en dehors du support Payplug, ils ont une autre ligne ? » : the offer says whose line is set aside, the
        # question is still about it
        subjects = tuple((f, keys) for f, keys in subjects if f != FIELDS["offer"])
    folded = plain_lower(what)
    coordinate = "email" if by_address else None if named or lines else "telephone" if _PHONE_WORD.search(folded) \
        else "email" if _MAIL_WORD.search(folded) else None
    if not (named or lines or coordinate):
        return None
    return SetAside(match.span(), tuple((f, keys) for f, keys in subjects if keys), lines, coordinate)



# « comme le support de SP+ est assuré par Payplug, quel numéro je donne à mon client SP+ ? » : what the message takes
# for granted, in its first clause (`first_clause`; lowered text without accents)
_PREMISE = re.compile(r"(?:^|[.!?]\s*)(?:comme|puisque|vu que|etant donne que|du moment que|des lors que|"
                      r"sachant que)\b")
# « ok, comme… », « bon : puisque… » : an acknowledgement before the premise
_ACKNOWLEDGED = re.compile(r"^\s*(?:(?:et|mais|ok|bon|alors)\W+)+", re.IGNORECASE)


def without_the_premise(cat: Catalogue, reading: Question, typed: str) -> Question:
    """`reading` without the subjects that `typed` names only in what it takes for granted (« comme le support de SP+
    est assuré par Payplug, … ») when the question itself names another of their kind (« … à mon client SP+ ? ») :
    the question is about that one, whatever the premise claims. Unchanged without a premise."""
    claim, _, rest = first_clause(_ACKNOWLEDGED.sub("", typed))
    if not rest or not _PREMISE.search(plain_lower(claim)):
        return reading
    kinds: Tuple[EntityKind, ...] = ("offer", "service", "tool", "role")
    changed: Dict[str, Any] = {}
    for kind in kinds:
        asked = set(cat.find_in_text(kind, rest))
        only_claimed = set(cat.find_in_text(kind, claim)) - asked
        if asked and only_claimed:
            changed[FIELDS[kind]] = tuple(k for k in getattr(reading, FIELDS[kind]) if k not in only_claimed)
    return replace(reading, **changed) if changed else reading
