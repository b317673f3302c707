"""Le fil qui revient après un détour (issue 11, docs/conversation.md « revenir après un détour ») : quand un message
renvoie à la réponse d'avant la dernière question (`Focus.avant`) ou au client de la dernière recommandation, le
focus contre lequel le lire. Fonctions pures, testées sans Rasa (`tests/unit/test_focus_return.py`)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Dict, Optional, Sequence

from cecaz.aspects import asks_why, aspects
from cecaz.audience import CLIENT, asks_if_shareable, audience_of
from cecaz.catalogue import ENTITY_KINDS, Catalogue
from cecaz.diagnostic import CONCLUSIONS
from cecaz.families import FAMILIES
from cecaz.focus import (
    FIELDS,
    RECOMMENDATION,
    SINGULAR,
    WHY,
    Focus,
    answer_in_focus,
    named_subjects,
    only_names_subjects,
)
from cecaz.lines_in_focus import EARLIER_IN_THE_CONVERSATION, listed_line, listed_subject, says_the_first_line
from cecaz.merchant import mentions_a_merchant_from, offers_of_the_client
from cecaz.phrasing import Question
from cecaz.textnorm import OPENING, RANK, fold
from cecaz.verdicts import is_closed
from cecaz.when import says_the_moment_before

# « pour revenir à SP+ », « l'adresse de tout à l'heure », « la première offre » : ce qui était dit avant un détour
# (« le premier numéro » : the first line given, `cecaz.lines_in_focus.focus_for_message`)
# « et l'autre, celui de Payplug ? » : the same question for the other subject, not a return to an earlier answer
# « et celui du support, je peux ? » after a quoted line: the same question for another line, not a return either
_THE_OTHER = re.compile(r"\bl autre\b|\b(?:celui|celle|ceux|celles) (?:du|de|des|d)\b")
_BACK = re.compile(rf"\b(?:revenir|revenons|reviens|retour (?:a|au|aux|sur)|{EARLIER_IN_THE_CONVERSATION}|"
                   # « répète ce que tu disais sur la VAD »
                   r"tu (?:disais|as dit|m as dit|expliquais|m expliquais) (?:sur|pour|a propos|au sujet|concernant)|"
                   r"de depart|du debut|(?:le|la) premi\w+ (?:offre|question|reco\w*))\b")

# « et le premier, il fait aussi OSC ? » after the CIF then the ATC, « et le deuxième, il sert aussi pour les Diners ? »
# after the two simulators then a question on one: a place in the earlier answer, unless the last answer listed several
# (then it is a position in that list, `cecaz.lines_in_focus.listed_subject`)
_AN_ORDINAL = re.compile(rf"\b(?:le|la) (?:{RANK})\b")
# « ils assurent aussi le support du site ? » : the subject is a pronoun, the one in focus; what the message names
# after it is asked of that subject (folded text)
_PRONOUN_SUBJECT = re.compile(rf"^{OPENING}(?:ils|elles|il|elle) (?!y a\b)")

# « pour le client », « la reco », « mon client » : the client a recommendation was made for
_THE_CLIENT_DIAGNOSED = re.compile(r"\b(?:(?:la|ta|cette) reco\w*|recommandation|pour (?:mon|le|ce|notre) client|"
                                   r"^(?:(?:ok|bon|et|alors|donc) )*mon client)\b")


# « pour revenir au gîte », « je reviens à mon client JPEL », « bon, retour sur SP+ » : the return said before the
# question (folded text)
# (not « le client revient sur sa décision » nor « combien ça lui revient » : the speaker's own return, said first)
_RETURNING = re.compile(r"^(?:\w+ ){0,4}?(?:pour |pr )?(?:revenir|revenons|je reviens|j reviens|on revient|retour) "
                        r"(?:a|au|aux|sur)\b")


def without_the_return(text: str) -> str:
    """« ok merci. pour revenir au gîte : l'ANCV lui fournit un numéro d'affilié ? » → « l'ANCV lui fournit un numéro
    d'affilié ? » (typed text) : the return said up to its colon or comma is not part of what the question says (a
    claim to confirm) ; unchanged without one, or when too little follows (« pour revenir à SP+, pourquoi ? »)."""
    # (« bon, je reviens à mon garage : pardon, … » : the return may come after an opening word and its comma)
    for cut in re.finditer(r"[,:]", text):
        head, rest = text[:cut.start()], text[cut.end():]
        if len(fold(head).split()) > 8:
            break
        if _RETURNING.search(fold(head)):
            return rest.strip() if len(fold(rest).split()) > 2 else text
    return text


def returns_to_earlier(cat: Catalogue, text: str, reading: Question, focus: Focus, now: datetime,
                       previous_text: str = "", earlier_texts: Sequence[str] = (), typed: str = "") -> Optional[Focus]:
    """Le focus d'avant le détour (`Focus.avant`, qui garde la dernière recommandation et dont le détour devient à
    son tour `avant`) quand le message y revient : il le dit (« pour revenir à la VAD, on la conseille ? », « et
    l'adresse de tout à l'heure ? »), ou une question fermée ou un « pourquoi » ne nomme que des sujets de ce
    focus-là, aucun du focus courant (« bon et le lead, pk c'est pas systématique » après les horaires de l'équipe
    partenariat), ou un « pourquoi » dit l'aspect de la réponse d'avant (« et pour les virements, pk… ? »), ou « le
    premier » renvoie au premier sujet quand la dernière réponse n'en listait pas plusieurs (`now` : l'heure à
    laquelle cette réponse est recomposée pour le vérifier), ou au premier des rôles de la réponse d'avant juste après
    « le second » dit de ceux-ci (`previous_text` : le message d'avant), ou il désigne le commerçant qu'un message
    d'avant le détour présentait (`earlier_texts` : ceux d'avant `previous_text`, le plus récent d'abord ; `typed` : le
    message tel que tapé, où son métier n'est pas encore « le client ») quand le
    détour a nommé un sujet à lui sans ce commerçant (« et du coup pour l'opticien, c'était quoi l'étape suivante ? »
    après « … à un opticien. Et après ? » puis « une collègue me demande le numéro de la monétique pro ») ; après
    une recommandation, un message sur le client (« ok et pour le client, quelle ligne je peux lui donner ? », « et
    pour la reco… ») sans sujet nommé revient à elle quand le focus n'est pas une ligne. None sinon.
    Un sujet seul (« et payplug ? ») repose la dernière question : il n'y revient pas."""
    named = {f: set(ids) for f, ids in named_subjects(reading).items() if f != FIELDS["role"]}
    # « je peux donc la donner à mon client Payplug ? » : an offer that only says whose client is not a subject asked
    if clients := set(offers_of_the_client(cat, text)):
        named = {f: ids - clients if f == FIELDS["offer"] else ids for f, ids in named.items()}
        named = {f: ids for f, ids in named.items() if ids}
    if focus.recommendation and focus.intent != RECOMMENDATION and not named and not focus.contacts \
            and _THE_CLIENT_DIAGNOSED.search(fold(text)):
        # « ok et pour le client, quelle ligne je peux lui donner ? » after a recommendation and a question on OSC:
        # the client of the diagnostic
        offre = CONCLUSIONS.get(str(focus.recommendation.get("conclusion")))
        recommended = focus.avant if focus.avant and focus.avant.intent == RECOMMENDATION else Focus(
            RECOMMENDATION, (offre,) if offre else (), recommendation=focus.recommendation)
        return replace(recommended, avant=replace(focus, avant=None))
    earlier = focus.avant
    if earlier is None:
        return None
    back = replace(earlier, avant=replace(focus, avant=None), recommendation=focus.recommendation)
    if _BACK.search(fold(text)) or _given_again_for_the_client(cat, text, focus, earlier) \
            or _back_to_the_merchant(cat, typed or text, earlier, previous_text, earlier_texts):
        return back
    if _AN_ORDINAL.search(fold(text)) and not says_the_first_line(text) and not listed_line(text, focus) \
            and not listed_subject(cat, text, focus, now):
        return back
    if _AN_ORDINAL.search(fold(text)) and _AN_ORDINAL.search(fold(previous_text)) and len(earlier.roles) >= 2 \
            and len(focus.roles) < 2:
        # « et le premier il la décide tout seul ? » right after « le second, il fait aussi la tarification ? » said
        # of the CIF and the ATC: the same list, not the offers the pricing lists
        return back
    before = _talked_about(earlier)
    asked = {f for families in aspects(text) for f in families}
    if (reading.intent == WHY or asks_why(text)) and earlier.intent in asked and focus.intent not in asked \
            and all(ids <= before.get(f, set()) for f, ids in named.items()):
        # « et pour les virements, pk c'est payplug qui vire ? » after Payplug's transfers, then its support's e-mail:
        # the why says the earlier answer's aspect
        return back
    if named and (reading.intent == WHY or asks_why(text) or is_closed(text)) \
            and not only_names_subjects(cat, text, named_subjects(reading)) and not _THE_OTHER.search(fold(text)) \
            and not (_PRONOUN_SUBJECT.match(fold(text)) and FIELDS["offer"] not in named and focus.offres) \
            and not (says_the_moment_before(text) and focus.moment is not None) \
            and all(ids <= before.get(f, set()) for f, ids in named.items()):
        current = _talked_about(focus)
        if named.get(FIELDS["offer"]) and focus.intent in FAMILIES and focus.intent != WHY:
            # « et pk jpel c mieux ? » after the VAD contract's answer, which proposes JPEL instead: JPEL is talked
            # about now, even if the answer before the VAD was JPEL's pricing (composed again only here)
            shown = answer_in_focus(cat, focus, now).text
            current.setdefault(FIELDS["offer"], set()).update(cat.find_in_text("offer", shown))
        if not any(ids & current.get(f, set()) for f, ids in named.items()):
            return back
    return None


def _back_to_the_merchant(cat: Catalogue, text: str, earlier: Focus, previous_text: str,
                          earlier_texts: Sequence[str]) -> bool:
    """« et pour ma pâtisserie, l'adresse mail à lui donner ? » after « une pâtisserie en SP+… » then « un collègue me
    demande : pour l'AMEX, qui négocie les frais ? » : the merchant of a message before the detour, which named a
    subject of its own (a follow-up that names nothing is no detour) and not him."""
    # (« et celui-là, je peux le glisser dans ma réponse à la boulangère ? », « je peux le donner au traiteur ? » : the
    # line just given, handed to him)
    if not earlier_texts or SINGULAR.search(fold(text)) or asks_if_shareable(text) \
            or not mentions_a_merchant_from(text, earlier_texts) \
            or mentions_a_merchant_from(text, (previous_text,)):
        return False
    before = _talked_about(earlier)
    return any(key not in before.get(FIELDS[kind], set()) for kind in ENTITY_KINDS
               for key in cat.find_in_text(kind, previous_text))


# « tu me redonnes le num pour mon client ? », « redis-moi celui du client » : a line given before, asked again
_GIVE_AGAIN = re.compile(r"\b(?:redonn\w*|redi[st]\w*|rappel\w*|remet\w*|renvoi\w*)\b")


def _given_again_for_the_client(cat: Catalogue, text: str, focus: Focus, earlier: Focus) -> bool:
    """« tu me redonnes le num pour mon client ? » after an internal line: the answer before gave a line for the
    client, which the message asks again (not the internal line's offers, `cecaz.resolve`)."""
    now = [cat.contacts[c] for c in focus.contacts if c in cat.contacts]
    before = [cat.contacts[c] for c in earlier.contacts if c in cat.contacts]
    return bool(_GIVE_AGAIN.search(fold(text))) and audience_of(text) == CLIENT and bool(now) \
        and all(c.internal for c in now) and any(c.for_clients for c in before)


def _talked_about(focus: Focus) -> Dict[str, set[str]]:
    """Les sujets d'un focus, l'outil dont on parle derrière un rôle compris (« qui saisit le lead ? »)."""
    subjects = {f: set(ids) for f, ids in focus.subjects().items()}
    subjects.setdefault(FIELDS["tool"], set()).update(focus.objets)
    return subjects
