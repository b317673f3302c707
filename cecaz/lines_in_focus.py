"""Les lignes de contact dont parle un message, lues par rapport au focus : citées par leur numéro ou leur e-mail,
nommées par leur service, désignées (« le deuxième », « l'autre », « celui-là »), demandées pour un public ou
pour des demandes (docs/conversation.md). Fonctions pures, testées sans Rasa."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from cecaz.audience import CLIENT, STAFF, Audience, asks_if_only_for_staff, audience_of
from cecaz.catalogue import EMAIL, JOURS, Catalogue, EntityKind
from cecaz.families import FAMILIES
from cecaz.focus import (
    AUDIENCE,
    CALL_COST,
    CONTACT_FAMILIES,
    LINES_GIVEN,
    SINGULAR,
    WHY,
    Focus,
    Resolution,
    answer_in_focus,
    coordinate_asked,
    listed_position,
    question_of,
)
from cecaz.phrasing import COORDINATE_FAMILIES
from cecaz.textnorm import LINE_NOUN, THE_OTHER, fold
from cecaz.verdicts import for_staff_verdict, is_closed, only_staff_verdict

# « l'autre », « les autres », « l'autre numéro » (folded text)
_OTHER = re.compile(rf"\b(?:{THE_OTHER}|les autres\b|autre {LINE_NOUN}\b)")


def offers_served(cat: Catalogue, contacts: Sequence[str]) -> Tuple[str, ...]:
    """Les offres que servent ces lignes (identifiants de `catalogue/contacts.yml`, champ `offres`), dans l'ordre,
    sans doublon."""
    return tuple(dict.fromkeys(o for cid in contacts if cid in cat.contacts for o in cat.contacts[cid].offres))


def other_lines(cat: Catalogue, text: str, focus: Focus, offers_named: Sequence[str] = ()) -> Tuple[str, ...]:
    """« pas celui-là, l'autre » après une ligne de contact : les autres lignes de la même offre (ou des offres
    nommées, `offers_named` : « et pour un client SP+, il y a une autre ligne que celle-là ? ») ; () si le message ne
    le demande pas ou s'il n'y en a pas."""
    if not (focus.contacts and focus.intent in CONTACT_FAMILIES and _OTHER.search(fold(text))):
        return ()
    offers = set(offers_named or focus.offres or offers_served(cat, focus.contacts))
    return tuple(cid for cid, c in cat.contacts.items() if cid not in focus.contacts and offers & set(c.offres))


# (« le num du service client payant pr loffre modulable » : a line named by its price, then what is asked)
_BY_ITS_PRICE = re.compile(rf"\b(?:le|la|du|au|celui|celle|clients?|{LINE_NOUN}) "
                           r"(?:qui est )?(?:payante?|gratuite?)\b(?! \?|$)")


def asks_call_cost(text: str) -> bool:
    """« le service clients c'est payant ? », « il est gratuit ? », « lequel est payant ? » : le prix d'un appel ;
    pas « le payant, il a un mail ? », qui désigne une ligne par son prix."""
    return bool(CALL_COST.search(fold(text))) and not _BY_ITS_PRICE.search(fold(text))


def lines_named(cat: Catalogue, named: Mapping[str, Tuple[str, ...]], offers: Sequence[str] = ()) -> Tuple[str, ...]:
    """Les lignes (ids de `catalogue/contacts.yml`) des services nommés, pour les offres nommées, sinon `offers` ;
    toutes celles du service quand il n'y a d'offre ni nommée ni donnée."""
    services = set(named.get("services", ()))
    wanted = set(named.get("offres", ()) or offers)
    return tuple(cid for cid, c in cat.contacts.items()
                 if c.service in services and (not wanted or wanted & set(c.offres)))


def lines_meant(cat: Catalogue, named: Mapping[str, Tuple[str, ...]], focus: Focus) -> Tuple[str, ...]:
    """Les lignes dont parle le message : celles du service nommé (pour l'offre nommée ou celle du focus), sinon celles
    de la réponse précédente (aussi quand le message ne nomme que des offres qu'elles servent)."""
    if named.get("services"):
        return lines_named(cat, named, focus.offres)
    if set(named) == {"offres"} and focus.contacts and set(named["offres"]) <= set(offers_served(cat, focus.contacts)):
        return focus.contacts  # « et pour SP+ du coup : ce numéro en 08… » : the offer the line in focus serves
    return () if named else focus.contacts


def lines_for_requests(cat: Catalogue, text: str, offres: Sequence[str]) -> Tuple[str, ...]:
    """Les lignes des offres `offres` dont une demande (`demandes` du catalogue, mots de leur objet) est dite
    dans `text` ; () si aucune (sans offre, rien : « un lead » seul relève du Lead Monexpert)."""
    folded = f" {fold(text)} "
    return tuple(cid for cid, contact in cat.contacts.items()
                 if set(contact.offres) & set(offres)
                 and any(f" {fold(word)} " in folded for word in contact.demandes))


def staff_verdict(cat: Catalogue, text: str, lines: Sequence[str]) -> Optional[str]:
    """« c'est pour nous ? » (`for_staff_verdict`) ou « c'est que pour nous ? », « c'est interne ? »
    (`only_staff_verdict`) sur ces lignes, selon ce que demande le message."""
    return (only_staff_verdict if asks_if_only_for_staff(text) else for_staff_verdict)(cat, lines)


def _digits(phone: str) -> str:
    """Les chiffres d'un numéro, au format national (« +33 1 76… » → « 0176… »)."""
    digits = re.sub(r"\D", "", phone)
    return "0" + digits[2:] if digits.startswith("33") and len(digits) == 11 else digits


_PHONE = re.compile(r"(?:\+\s?33|0)[\s.\-]?[1-9](?:[\s.\-]?\d{2}){4}")


_PREFIX = re.compile(r"\b(?:en|le|au|du|par|celui|celle) (0[1-9]|\+33)(?![\s.]?\d)")


# « celui qui finit par 06 26 » : the last digits of a number (folded text)
_SUFFIX = re.compile(r"\b(?:fini\w*|termin\w*) (?:par|en) (\d{2}(?: ?\d{2}){0,3})\b")


# « la première », « le deuxième », « la dernière » : a position in the list the previous answer gave
# (not « la dernière »: an answer names other things after its list, MyGed after the simulators)
_LISTED_KINDS: Tuple[Tuple[EntityKind, str], ...] = (("offer", "offres"), ("tool", "outils"))


def listed_subject(cat: Catalogue, text: str, focus: Focus, now: datetime) -> Dict[str, Tuple[str, ...]]:
    """« la deuxième, qui assure son assistance ? » after « les deux solutions de pages de paiement » (Payplug, then
    SP+), « et le premier c'est pour quoi ? » after the two simulators: the offer or tool (field → key) at that
    position among those the previous answer names, in its order ; {} when the message says no position, puts a
    line at a position (« le premier numéro »), or the previous answer lists fewer than two of a kind."""
    position = listed_position(text)
    if position is None or focus.intent not in FAMILIES or focus.intent in (WHY, AUDIENCE):
        return {}
    answer = answer_in_focus(cat, focus, now)
    for kind, field in _LISTED_KINDS:
        items = _listed(cat, kind, answer.text)
        if len(items) >= 2 and position < len(items):
            return {field: (items[position],)}
    return {}


def other_listed_subject(cat: Catalogue, text: str, focus: Focus, now: datetime) -> Dict[str, Tuple[str, ...]]:
    """« et pour l'autre ? » after « la première, quel numéro… ? » that picked one of the two offers (or tools) the
    answer before listed (`focus.avant`): the other one (field → keys) ; {} when the message does not say « l'autre »
    or the answer before did not list the subject in focus among others of its kind."""
    if not _OTHER.search(fold(text)) or focus.avant is None or focus.avant.intent not in FAMILIES:
        return {}
    listed = answer_in_focus(cat, focus.avant, now)
    for kind, field in _LISTED_KINDS:
        items, current = _listed(cat, kind, listed.text), getattr(focus, field)
        if len(items) >= 2 and current and set(current) < set(items):
            return {field: tuple(i for i in items if i not in current)}
    return {}


_BULLET = re.compile(r"^\s*[•-] ")


def _listed(cat: Catalogue, kind: EntityKind, answer_text: str) -> List[str]:
    """The subjects of that kind an answer lists, in its order: those its bullet lines name, else those that open a
    line (« SimulEasy : … ») ; not two names in one sentence (« déposée dans MyGed, … le schéma délégataire »)."""
    lines = answer_text.splitlines()
    bullets = [line for line in lines if _BULLET.match(line)]
    if len(bullets) >= 2:
        return list(dict.fromkeys(key for line in bullets for key in cat.find_in_text(kind, line)))
    heads = (cat.find_in_text(kind, head)[:1] for line in lines
             if (head := line.partition(" : ")[0]) != line and len(head) <= 40)
    return list(dict.fromkeys(found[0] for found in heads if found))


# « de tout à l'heure », « la précédente », « au début » : said earlier in the conversation (also `cecaz.detour`)
EARLIER_IN_THE_CONVERSATION = r"tout a l heure|d avant|precedente?s?|au debut"
_EARLIER = re.compile(rf"\b(?:{EARLIER_IN_THE_CONVERSATION}|plus haut)\b")


def listed_line(text: str, focus: Focus) -> Tuple[str, ...]:
    """« redis-moi juste le deuxième », « le deuxième numéro c'est pour qui ? » after two lines (their order in the
    previous answer): the line at that position ; () when the message says no position or the previous answer did not
    give several lines (« le premier numéro » is then the first line of the conversation, `focus_for_message`)."""
    # « le premier numéro de tout à l'heure » : said in the conversation's order (`focus_for_message`)
    position = listed_position(text, of_a_line=not _EARLIER.search(fold(text)))
    if position is None or focus.intent not in CONTACT_FAMILIES or focus.intent == AUDIENCE:
        return ()
    listed = focus.contacts
    if len(listed) == 1 and focus.taken_from("contacts"):
        # the line the rank designates is in focus already (`cecaz.designation.focus_on_designated_line`, which counts
        # in the order the lines were named)
        return listed
    return (listed[position],) if len(listed) >= 2 and position < len(listed) else ()


# « leur mail, c'est le même que celui de l'assistance SP+ côté CECAZ ? » : one coordinate set against another line's
_SAME_AS = re.compile(r"\b(?:le meme|la meme|les memes|identiques?|pareils?)\b")


def asks_if_same_coordinate(text: str, focus: Focus) -> bool:
    """« c'est le même ? », « c'est pareil ? » after lines' numbers or addresses (`same_coordinate` answers it)."""
    return bool(focus.contacts) and focus.intent in COORDINATE_FAMILIES and bool(_SAME_AS.search(fold(text)))


def same_coordinate(cat: Catalogue, text: str, named: Mapping[str, Tuple[str, ...]],
                    focus: Focus) -> Optional[Resolution]:
    """« et leur mail, c'est le même que celui de l'assistance SP+ côté CECAZ ? » after a line: « Oui. » when the
    lines in focus and the line the message names (for the audience it says) share that coordinate, « Non. »
    otherwise, then that coordinate of both ; None when the message does not compare a coordinate with a named line
    (section « Comment assister mon client ? »)."""
    # « c'est le même ? » after two lines' addresses: the coordinate just given
    family = coordinate_asked(text) or (focus.intent if focus.intent in COORDINATE_FAMILIES else None)
    attribute = COORDINATE_FAMILIES.get(family or "")
    if attribute is None or not focus.contacts or not _SAME_AS.search(fold(text)):
        return None
    others = [cid for cid in lines_meant(cat, named, focus) if cid not in focus.contacts]
    audience = audience_of(text)
    if audience is not None and (meant := [c for c in others if cat.contacts[c].internal == (audience == STAFF)]):
        others = meant
    values = {getattr(cat.contacts[c], attribute) for c in focus.contacts if c in cat.contacts} - {None}
    if not others and not named and len(focus.contacts) > 1 and is_closed(text):
        # « c'est le même ? » : whether the lines in focus share it
        verdict = "verdict.oui" if len(values) == 1 else "verdict.non"
        return Resolution(question_of(str(family), {}, contacts=focus.contacts), cat.say(verdict))
    if not others:
        return None
    theirs = {getattr(cat.contacts[c], attribute) for c in others} - {None}
    verdict = "verdict.oui" if values & theirs else "verdict.non"
    return Resolution(question_of(str(family), {}, contacts=(*focus.contacts, *others)), cat.say(verdict))


def has_line_for(cat: Catalogue, offres: Sequence[str], audience: Audience) -> bool:
    """Une des lignes des offres sert ce public (`public`, `cecaz_aussi` du catalogue, section « Comment assister
    mon client ? »)."""
    lines = [cat.contacts[c] for o in offres if o in cat.offres for c in cat.offres[o].contacts if c in cat.contacts]
    return any(c.serves_staff if audience == STAFF else c.for_clients for c in lines)


# « je peux la donner ? », « ça je le file ? » : one line, unless « les », « leurs », « ces » say all of them;
# « celle-là » (`SINGULAR`) : one line, whatever else the message says.
# « je peux leur envoyer un client ? », « ils le prennent aussi ? » : the people of a line, not its coordinates
# (« il peut les appeler lui-même ? » : « les » called, the team, as « eux »)
_THE_TEAM = re.compile(r"\b(?:ils|elles|leur|eux)\b|\bles (?:appeler|contacter|joindre|rappeler)\b")


_ONE_LINE = re.compile(r"\b(?:la|le|l|ca|cela|celui|celle|cette|cet|ce (?:numero|mail|contact|tel))\b")


_ALL_LINES = re.compile(r"\b(?:les|leurs?|ces|ceux|celles|ils|elles|toutes?|tous)\b")


def the_line_meant(cat: Catalogue, text: str, focus: Focus) -> Tuple[str, ...]:
    """Les lignes du focus que désigne le message : toutes, sauf quand un pronom singulier (« je peux la donner ? »,
    « celui-là ») reprend la ligne que la question précédente demandait parmi celles de la réponse — celles du public
    qu'elle demandait (`Focus.audience` : la ligne interne pour les collaborateurs, les lignes clients pour le
    client), celle qui répond au jour demandé (`Focus.moment`, horaires du catalogue, section « Contacts ») ; toutes
    (`focus.contacts` tel quel) quand rien ne la distingue."""
    lines = tuple(c for c in focus.contacts if c in cat.contacts)
    folded = fold(text)
    if len(lines) >= 2 and focus.audience and _THE_TEAM.search(folded) \
            and (asked_for := lines_for_the_public_asked(cat, focus)):
        # « je peux leur envoyer un client ? » after « ils ont une ligne pour nous ? » : « leur » is the team whose
        # line was asked, not every line of the answer
        return asked_for
    if len(lines) < 2 or not (SINGULAR.search(folded)
                              or (_ONE_LINE.search(folded) and not _ALL_LINES.search(folded))):
        return focus.contacts
    if focus.audience:
        meant = lines_for_the_public_asked(cat, focus)
    elif focus.moment and focus.moment.days:
        meant = tuple(c for c in lines if all(any(JOURS[d] in p.jours for p in cat.contacts[c].horaires)
                                              for d in focus.moment.days))
    else:
        meant = ()
    return meant or focus.contacts


def lines_for_the_public_asked(cat: Catalogue, focus: Focus) -> Tuple[str, ...]:
    """Parmi les lignes de la réponse précédente, celles du public que la question demandait (`Focus.audience` : les
    lignes internes pour les collaborateurs, les lignes clients pour le client ; public du catalogue, section
    « Contacts ») ; () sans public demandé, ou quand elles sont toutes de ce public (rien à restreindre)."""
    if not focus.audience:
        return ()
    lines = tuple(c for c in focus.contacts if c in cat.contacts)
    theirs = tuple(c for c in lines if cat.contacts[c].internal == (focus.audience == STAFF))
    return theirs if len(theirs) < len(focus.contacts) else ()


def lines_in_focus(cat: Catalogue, focus: Focus) -> Tuple[str, ...]:
    """Les lignes (identifiants de contacts) dont parlait la réponse précédente : celles qu'elle donnait, sinon
    celles des offres du focus."""
    return focus.contacts or tuple(c for o in focus.offres if o in cat.offres for c in cat.offres[o].contacts)


def lines_designated(cat: Catalogue, text: str, focus: Focus) -> Tuple[str, ...]:
    """Les lignes dont parle le message : « l'autre » après une ligne choisie parmi celles de la réponse d'avant (« le
    deuxième il ouvre à quelle heure ? ») est la ligne restée de cette liste, sinon les autres lignes de l'offre
    (`other_lines`) ; sans « l'autre », celles de la réponse précédente (`lines_in_focus`)."""
    if not _OTHER.search(fold(text)):
        return lines_in_focus(cat, focus)
    if listed := focus.taken_from("contacts"):
        return tuple(c for c in listed if c not in focus.contacts)
    return other_lines(cat, text, focus)


def the_other_line(cat: Catalogue, text: str, focus: Focus) -> Tuple[str, ...]:
    """« et l'autre ? » after one of two lines was taken from the answer before (`focus.avant`): the line left of
    that list ; () when the message does not say « l'autre » or no line was taken from a list."""
    listed = focus.taken_from("contacts") if _OTHER.search(fold(text)) else ()
    return tuple(c for c in listed if c not in focus.contacts and c in cat.contacts)


_COMPOUND_WORD = re.compile(r"\b[a-z0-9]+(?:[-.][a-z0-9]+)+\b")


def quoted_contacts(cat: Catalogue, text: str, among: Sequence[str] = ()) -> Tuple[str, ...]:
    """Les lignes dont le message cite le numéro ou l'e-mail (« le 09 69 36 06 26, je peux le donner ? »),
    ou l'indicatif ou la fin du numéro (« celui en 07 », « celui qui finit par 06 26 » : parmi `among`, les lignes de
    la réponse précédente, sinon toutes, s'il n'en désigne qu'une) ; () sinon."""
    phones = {_digits(m) for m in _PHONE.findall(text)}
    emails = {m.lower() for m in EMAIL.findall(text)}
    # « cette adresse assistance-spplus » : an address by its compound local part (not a plain word like « support »)
    local_parts = set(_COMPOUND_WORD.findall(EMAIL.sub(" ", text.lower())))
    found = [cid for cid, c in cat.contacts.items()
             if (c.telephone and _digits(c.telephone) in phones) or (c.email and (
                 c.email.lower() in emails or c.email.lower().split("@")[0] in local_parts))]
    if found:
        return tuple(found)
    ends = [(prefix, False) for prefix in _PREFIX.findall(fold(text))] + [
        (suffix.replace(" ", ""), True) for suffix in _SUFFIX.findall(fold(text))]
    for digits, last in ends:
        for pool in (among, tuple(cat.contacts)):
            # « celui en +33 » : the international form the document writes, not its national digits
            matching = [cid for cid in pool if cid in cat.contacts and (str.endswith if last else str.startswith)(
                re.sub(r"\s", "", cat.contacts[cid].telephone or "") if digits.startswith("+") else
                _digits(cat.contacts[cid].telephone or ""), digits)]
            if len(matching) == 1:
                return tuple(matching)
    return ()


# « le premier numéro », « la 1re adresse » : the line given first in the conversation (folded text)
_FIRST_LINE = re.compile(r"\b(?:le|la) (?:premi(?:er|ere)|1ere?|1re) (?:numero|num|tel|telephone|mail|adresse|ligne|"
                         r"contact)\b")


def says_the_first_line(text: str) -> bool:
    """« et le premier numéro, c'est pour le client ? », « la 1re adresse » : the message designates a line by its rank
    in the conversation (or in the last answer's list, `listed_line`), not an earlier answer to come back to."""
    return bool(_FIRST_LINE.search(fold(text)))


def focus_for_message(cat: Catalogue, text: str, focus: Focus, given: Sequence[str] = ()) -> Focus:
    """Le focus contre lequel lire le message : les lignes qu'il cite par leur numéro ou leur e-mail
    deviennent « les lignes dont on parle » (« et le 09 69 36 06 26, c'est pour qui ? ») ; « le premier numéro »,
    quand la dernière réponse ne listait pas plusieurs lignes, est la première ligne donnée dans la conversation
    (`given` : identifiants des lignes dans l'ordre où les réponses les ont données, `lines_given` côté actions). Le
    focus d'avant est gardé comme `avant` ; sinon `focus`."""
    # « celui en 09 » : among the lines in focus, else among those the conversation gave (not every line of the
    # catalogue, where two numbers start with 09)
    quoted = quoted_contacts(cat, text, focus.contacts) or quoted_contacts(cat, text, given)
    if not quoted and says_the_first_line(text) and len(focus.contacts) <= 1 and given \
            and given[0] not in focus.contacts and given[0] in cat.contacts:
        # « et le premier numéro, c'est pour le client ? » after the partnership team, then Payplug's support
        quoted = (given[0],)
    if not quoted:
        return focus
    # the answer before stays one level back: « et le 07… ? » then « et le premier, il est gratuit ? »
    # (after a client's lines, his offer stays when the line is asked for him: « et le 09 69 36 06 26, je peux lui
    # filer aussi ? » → no, and his; not « et le 08…, c'est quoi ses horaires ? », the line's own)
    kept = focus.offres if focus.audience == "client" and audience_of(text) == CLIENT else ()
    return Focus(LINES_GIVEN, contacts=quoted, recommendation=focus.recommendation, acteurs=focus.acteurs,
                 offres=kept, avant=focus.one_level_back())


def the_clients_if_shared(cat: Catalogue, quoted: Sequence[str]) -> Tuple[str, ...]:
    """The lines quoted, without an internal one whose coordinates a client line quoted with it also has (the address
    assistance-spplus@natixis.com is the Service Clients E-Commerce SP PLUS's too, section « Comment assister mon
    client ? »)."""
    clients = [cat.contacts[c] for c in quoted if cat.contacts[c].for_clients]
    return tuple(c for c in quoted if not (cat.contacts[c].internal and any(
        (cat.contacts[c].email and cat.contacts[c].email == other.email)
        or (cat.contacts[c].telephone and cat.contacts[c].telephone == other.telephone) for other in clients)))


def coordinate_quoted(text: str) -> str:
    """The coordinate a message quotes a line by: "ask_phone" for digits (« le 09 69 36 06 26 », « celui en 09 »),
    else "ask_email" (« assistance-spplus@natixis.com », « l'adresse assistance-spplus »)."""
    return "ask_phone" if re.search(r"\d{2}", text) else "ask_email"


def on_the_lines_quoted(cat: Catalogue, text: str, focus: Focus) -> Focus:
    """« pour revenir à mon commerçant SP+ : celui en 09, il sert aussi pour JPEL ? » : the focus come back to, on those
    of its lines the message quotes (by number, address, prefix or end, `quoted_contacts`) ; unchanged when it quotes
    none of them."""
    quoted = tuple(c for c in quoted_contacts(cat, text, focus.contacts) if c in focus.contacts)
    return replace(focus, contacts=quoted) if quoted else focus


# « quelle ligne répond le samedi ? », « c'est laquelle qui bosse à 19h ? » : which line, not the one in focus
_WHICH_LINE = re.compile(r"\b(?:quel\w* (?:ligne|numero|service|equipe|support|contact|hotline)s?|laquelle|lequel|"
                         r"lesquel\w*|qui (?:repond\w*|est ouvert\w*|bosse\w*|travaille\w*))\b")


def asks_which_line_answers(text: str) -> bool:
    """« quelle ligne répond le samedi ? », « et le samedi nous on a quelle ligne ? » : which line, not the one in
    focus."""
    return bool(_WHICH_LINE.search(fold(text)))


def names_lines_of_both_publics(cat: Catalogue, services: Sequence[str], offres: Sequence[str]) -> bool:
    """Two or more services named (« le support Payplug et l'équipe partenariat ») whose lines (those of the offers
    named, when some are, and the internal lines whatever offer they serve) serve the merchant for one and only the
    CECAZ for another (catalogue `public`, section « Comment assister mon client ? »)."""
    if len(set(services)) < 2:
        return False
    lines = [c for c in cat.contacts.values()
             if c.service in services and (not offres or set(offres) & set(c.offres) or c.internal)]
    return any(c.internal for c in lines) and any(c.for_clients for c in lines)


def assisting_lines(cat: Catalogue, offres: Sequence[str]) -> Tuple[str, ...]:
    """The lines that assist the merchant of these offers (given to him, not a team kept for given requests such as
    leads or product questions ; catalogue `public`, `demandes`, section « Comment assister mon client ? »)."""
    return tuple(cid for cid, c in cat.contacts.items() if set(c.offres) & set(offres) and c.for_clients
                 and not c.demandes)
