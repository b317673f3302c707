"""Chaque ligne de contact dit à qui elle est destinée, dans toutes les réponses qui en donnent : une
ligne interne porte « usage interne CECAZ, à ne pas transmettre au client », une ligne client « à
communiquer au client » — que la ligne donne le téléphone, l'e-mail, les horaires ou tout à la fois."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

import pytest

from cecaz.audience import CLIENT, STAFF, Audience
from cecaz.catalogue import Contact, load_catalogue
from cecaz.clarify import handoff, requested_handoff
from cecaz.degraded import not_ready_text, unavailable_text
from cecaz.diagnostic import NON, OUI, Facts, recap_text, recommend, recommendation_text
from cecaz.families import compose
from cecaz.phrasing import Question
from cecaz.when import Moment
from tests.unit.conftest import MONDAY_10, SUNDAY_18

CAT = load_catalogue()
# The label of each audience (field `public` of the catalogue), as the staff must read it.
LABELS = {"clients": "à communiquer au client", "cecaz": "usage interne CECAZ, à ne pas transmettre au client"}
# « Pourquoi ? » about lines says the same audience in its own words.
HOURS = re.compile(r"\b\d{1,2}h\d{0,2}\b|horaires non précisés")
OFFERS = ("payplug", "sp_plus", "jpel")
AUDIENCES: Tuple[Optional[Audience], ...] = (None, CLIENT, STAFF)
NOWS = (MONDAY_10, SUNDAY_18)  # open, closed: the hours part of a line differs


def contact_lines(text: str) -> List[Tuple[Contact, str]]:
    """Les lignes de `text` qui donnent un moyen de joindre un contact du catalogue (téléphone, e-mail,
    horaires ou objet), avec le contact ; repérées sans regarder la mention du public."""
    found = []
    for line in text.splitlines():
        for contact in CAT.contacts.values():
            means = [m for m in (contact.telephone, contact.email, f"pour {contact.objet}") if m]
            if contact.nom in line and (any(m in line for m in means) or HOURS.search(line)):
                found.append((contact, line))
    return found


def unlabelled(texts: Sequence[str], labels: Mapping[str, str]) -> Tuple[int, List[str]]:
    """(nombre de lignes de contact, celles dont la mention entre parenthèses après le nom n'est pas
    celle du public du contact)."""
    lines = [(contact, line) for text in texts for contact, line in contact_lines(text)]
    wrong = [line for contact, line in lines
             if f"{contact.nom} ({labels[contact.public]})" not in line]
    return len(lines), wrong


def _contacts(intent: str, moment: Optional[Moment] = None) -> List[str]:
    """Toutes les réponses de la famille `intent` : par offre et par service, pour chaque public, ouvert
    et fermé."""
    subjects = [Question(intent, offres=(o,)) for o in OFFERS] + [Question(intent, services=(s,)) for s in CAT.services]
    return [compose(CAT, replace(question, moment=moment, audience=audience), now).text
            for question in subjects for audience in AUDIENCES for now in NOWS]


def _audience() -> List[str]:
    ids = list(CAT.contacts)
    return [compose(CAT, Question("ask_audience", contacts=contacts, either_or=either_or), MONDAY_10).text
            for contacts in [(cid,) for cid in ids] + [tuple(ids)] for either_or in (False, True)]


def _why() -> List[str]:
    return [compose(CAT, Question("ask_why", about="ask_phone", contacts=(cid,), offres=tuple(c.offres[:1])),
                    MONDAY_10).text for cid, c in CAT.contacts.items()]


def _degraded() -> List[str]:
    return [text(CAT, now) for text in (unavailable_text, not_ready_text) for now in NOWS]


def _handoffs() -> List[str]:
    questions = ("bug dans OSC", "mon client a un souci de transaction")
    return [handoff(CAT, text, [offre], now).text for text in questions for offre in OFFERS for now in NOWS]


def _requested_handoffs() -> List[str]:
    asked = [("je veux parler à quelqu'un de chez payplug pour un lead", ["payplug"], []),
             ("passez-moi quelqu'un", ["sp_plus"], ["assistance_spplus_jpel", "assistance_spplus_interne"]),
             ("un humain svp", [], ["assistance_monetique_pro"])]
    return [requested_handoff(CAT, text, "", offres, contacts, now).text
            for text, offres, contacts in asked for now in NOWS]


DIAGNOSTICS = [Facts(site=OUI, payplug=OUI, moyens=()), Facts(site=OUI, payplug=NON, moyens=("amex",)),
               Facts(site=NON, creer_site=OUI, moyens=()), Facts(site=NON, creer_site=NON, moyens=())]


def _diagnostic(render: Callable[..., str]) -> List[str]:
    return [render(CAT, facts, recommend(CAT, facts)) for facts in DIAGNOSTICS]


ANSWER_KINDS: Dict[str, Tuple[Callable[[], List[str]], Mapping[str, str]]] = {
    "téléphone": (lambda: _contacts("ask_phone"), LABELS),
    "e-mail": (lambda: _contacts("ask_email"), LABELS),
    "horaires": (lambda: _contacts("ask_hours"), LABELS),
    "horaires d'un jour": (lambda: _contacts("ask_hours", Moment((5,))), LABELS),
    "support": (lambda: _contacts("ask_support"), LABELS),
    "ouvert maintenant": (lambda: _contacts("ask_is_open"), LABELS),
    "ouvert à une heure dite": (lambda: _contacts("ask_is_open", Moment((), MONDAY_10.time())), LABELS),
    "public de la ligne": (_audience, LABELS),
    "pourquoi cette ligne": (_why, LABELS),
    "mode dégradé": (_degraded, LABELS),
    "passage de relais": (_handoffs, LABELS),
    "relais demandé": (_requested_handoffs, LABELS),
    "recommandation": (lambda: _diagnostic(recommendation_text), LABELS),
    "récapitulatif": (lambda: _diagnostic(recap_text), LABELS),
}


@pytest.mark.parametrize("kind", list(ANSWER_KINDS))
def test_every_contact_line_of_every_answer_kind_says_its_audience(kind: str) -> None:
    texts, labels = ANSWER_KINDS[kind]
    count, wrong = unlabelled(texts(), labels)
    assert count > 0, f"« {kind} » : aucune ligne de contact trouvée, le test ne vérifierait rien"
    assert wrong == []


@pytest.mark.parametrize(("intent", "shown"), [
    ("ask_phone", "tél. 09 69 36 06 26, du lundi au samedi de 9h à 18h"),
    ("ask_email", "e-mail assistance-monetiquepro@natixis.com, du lundi au samedi de 9h à 18h"),
    ("ask_hours", "du lundi au samedi de 9h à 18h"),
])
def test_the_internal_line_is_labelled_whichever_means_is_asked(intent: str, shown: str) -> None:
    lines = compose(CAT, Question(intent, services=("assistance_monetique",)), MONDAY_10).text.splitlines()
    assert f"• Assistance monétique PRO (usage interne CECAZ, à ne pas transmettre au client) : {shown}" in lines
