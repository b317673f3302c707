"""Les familles de questions factuelles : une intention du domaine, sa réponse composée à partir du
catalogue, son libellé pour « Vouliez-vous dire… » et, si la réponse dépend d'une offre, ce qui est
demandé. C'est la seule table des intentions factuelles côté Python : les actions, la clarification
et les tests la lisent ; `tests/unit/test_families.py` la confronte au domaine, aux règles et au jeu
NLU réservé. Ajouter une famille : voir le README, section « Contribuer »."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Callable, Dict, Optional, Sequence, Tuple

from cecaz.catalogue import ENTITY_KINDS, Catalogue, EntityKind
from cecaz.phrasing import (
    GENERIC_SERVICES,
    Answer,
    Question,
    answer_affiliation,
    answer_capabilities,
    answer_choose,
    answer_contacts,
    answer_contracts,
    answer_definition,
    answer_delegation,
    answer_funds,
    answer_no_website,
    answer_open_services,
    answer_overview,
    answer_pricing,
    answer_role,
    answer_simulation_filing,
    answer_simulator,
    answer_site_creation,
    answer_tool,
    answer_vad,
    ask_which_offer,
)
from cecaz.reasons import answer_audience, answer_why
from cecaz.steps import NEXT_STEP, Position, answer_next_steps

# (catalogue, question, offre choisie ou None, heure du service) → réponse.
Composer = Callable[[Catalogue, Question, Optional[str], datetime], Answer]


@dataclass(frozen=True)
class Family:
    """Une famille de questions.

    `offer_topic` : la réponse dépend d'une offre, et voici ce qui est demandé (« Pour quelle offre
    voulez-vous {offer_topic} ? ») ; None : la réponse ne dépend pas de l'offre.
    `contacts` : la réponse donne des contacts ; un service nommé (« l'assistance monétique ») suffit
    alors sans offre. `about` : les sortes de sujets sur lesquelles la question peut porter (« et
    MyGed ? » ne repose pas une question de téléphone : MyGed n'a pas de contact). `each` : les sujets de la question
    (champs de `Question`) dont la réponse ne prend qu'un seul ; quand la question en nomme plusieurs (« OSC et MyGed
    c'est quoi ? », « l'AMEX et les Diners, on tarife avec quoi ? »), une réponse pour chacun."""

    label: str
    compose: Composer
    offer_topic: Optional[str] = None
    contacts: bool = False
    about: Tuple[EntityKind, ...] = ("offer",)
    each: Tuple[str, ...] = ()


def _first(values: Sequence[str]) -> Optional[str]:
    return values[0] if values else None


def _contacts(label: str, topic: str) -> Family:
    return Family(label, answer_contacts, topic, contacts=True, about=("offer", "service"))


FAMILIES: Dict[str, Family] = {
    # Offres
    "ask_offers_overview": Family("Quelles offres pour encaisser à distance ?", lambda c, q, o, n: answer_overview(c),
                                  about=()),
    "ask_offer_definition": Family("Présentation d’une offre", lambda c, q, o, n: answer_definition(c, o or ""),
                                   "une présentation", about=("offer", "tool", "role", "card")),
    "ask_choose_offer": Family("Payplug ou SP+ ?", lambda c, q, o, n: answer_choose(c), about=()),
    "ask_no_website": Family("Client sans site : comment encaisser ?", lambda c, q, o, n: answer_no_website(c),
                             about=()),
    "ask_vad": Family("Pourquoi éviter un contrat VAD ?", lambda c, q, o, n: answer_vad(c), about=()),
    "ask_site_creation": Family("Créer un site e-commerce", lambda c, q, o, n: answer_site_creation(c),
                                about=()),
    # Mise en place
    # (« qui fait signer, pour Payplug et pour SP+ ? » : each offer's opening, in the order named)
    "ask_open_services": Family("Comment ouvrir les services ?", lambda c, q, o, n: answer_open_services(c, o),
                                each=("offres",)),
    "ask_role": Family("Rôle du CIF, de l’ATC, du réseau", lambda c, q, o, n: answer_role(c, q.roles),
                       about=("role",)),
    "ask_tool": Family("À quoi sert un outil (OSC, MyGed…) ?", lambda c, q, o, n: answer_tool(c, _first(q.outils)),
                       about=("tool",), each=("outils",)),
    "ask_contracts": Family("Quels contrats ouvrir ?", lambda c, q, o, n: answer_contracts(c, o or ""),
                            "connaître les contrats à ouvrir"),
    "ask_funds": Family("Comment arrivent les encaissements ?", lambda c, q, o, n: answer_funds(c, o or ""),
                        "savoir comment arrivent les encaissements"),
    # Tarification
    "ask_pricing": Family("Qui fixe la tarification ?", lambda c, q, o, n: answer_pricing(c, o, q.cartes),
                          about=("offer", "card"), each=("offres",)),
    "ask_simulator": Family("Quel simulateur de rentabilité ?",
                            lambda c, q, o, n: answer_simulator(c, _first(q.cartes), o), about=("card", "offer"),
                            each=("cartes",)),
    "ask_simulation_filing": Family("Où déposer la simulation ?", lambda c, q, o, n: answer_simulation_filing(c),
                                    about=()),
    "ask_delegation": Family("Le schéma délégataire", lambda c, q, o, n: answer_delegation(c), about=()),
    "ask_affiliation": Family("Accepter AMEX ou les chèques-vacances ANCV",
                              lambda c, q, o, n: answer_affiliation(c, _first(q.cartes)), about=("card",),
                              each=("cartes",)),
    # Contacts
    "ask_support": _contacts("Qui contacter pour le support ?", "les contacts de support"),
    "ask_phone": _contacts("Un numéro de téléphone de support", "le numéro de téléphone"),
    "ask_email": _contacts("Une adresse e-mail de support", "l’adresse e-mail"),
    "ask_hours": _contacts("Les horaires d’un support", "les horaires"),
    "ask_is_open": _contacts("Un support est-il ouvert maintenant ?", "savoir si le support est ouvert"),
    # Sur la réponse précédente (focus) : sa raison, et si la ligne peut être donnée au client
    "ask_why": Family("Pourquoi ?", lambda c, q, o, n: answer_why(c, q), about=ENTITY_KINDS),
    "ask_audience": Family("Cette ligne peut-elle être donnée au client ?", lambda c, q, o, n: answer_audience(c, q),
                           about=ENTITY_KINDS),
    NEXT_STEP: Family("L’étape suivante d’une démarche",
                      lambda c, q, o, n: answer_next_steps(c, Position(*q.etape) if q.etape else None),
                      about=ENTITY_KINDS),
    # Conversation
    "bot_capabilities": Family("Ce que sait faire l’assistant", lambda c, q, o, n: answer_capabilities(c), about=()),
}


# Familles atteintes seulement en lisant une relance par rapport au focus (`cecaz.resolve`), sans intention du
# NLU : « et ensuite ? » se reconnaît à sa forme (`cecaz.steps.asks_next_step`).
RESOLVED_ONLY = frozenset({NEXT_STEP})


def _refined_intent(q: Question) -> str:
    """Un outil, un rôle ou une carte nommé dans une question de définition ou de tarification est
    ce qui est demandé (« c'est quoi MyGed ? » est une question d'outil)."""
    if q.intent == "ask_offer_definition" and not q.offres:
        if q.outils:
            return "ask_tool"
        if q.roles:
            return "ask_role"
        if q.cartes:
            return "ask_affiliation"
    if q.intent == "ask_pricing" and not q.offres and q.cartes:
        return "ask_simulator"
    return q.intent


def compose(cat: Catalogue, q: Question, now: datetime) -> Answer:
    """La réponse à une question d'une famille ; demande l'offre (boutons) quand elle manque et compte.

    Lève KeyError si `q.intent` n'est pas une famille de `FAMILIES`."""
    intent = _refined_intent(q)
    family = FAMILIES[intent]
    q = replace(q, intent=intent)
    for field in family.each:
        if len(several := getattr(q, field)) > 1:
            # « OSC et MyGed c'est quoi ? » : each one's answer, in the order named
            return _joined([compose(cat, _with(q, field, one), now) for one in several])
    if family.offer_topic is None:
        return family.compose(cat, q, _first(q.offres), now)
    if not q.offres:
        if family.contacts and (q.contacts or set(q.services) - GENERIC_SERVICES
                                or intent == "ask_is_open" or (intent == "ask_hours" and q.moment is not None)):
            # « quelle ligne répond le samedi ? » : the lines open then, whatever their offer
            return family.compose(cat, q, None, now)
        # « le mail du support de… » : every offer has its support (the focus keeps the service for the answer).
        return ask_which_offer(cat, intent, family.offer_topic)
    if family.contacts and q.contacts and len(q.offres) > 1:
        return family.compose(cat, q, None, now)  # the lines in focus, once, whatever offers they serve
    answers = [family.compose(cat, q, offre, now) for offre in q.offres]
    return answers[0] if len(answers) == 1 else _joined(answers)


def _with(q: Question, field: str, one: str) -> Question:
    """`q` pour un seul de ses sujets `field` (« outils », « cartes », « offres »)."""
    changes: Dict[str, Any] = {field: (one,)}
    return replace(q, **changes)


def _joined(answers: Sequence[Answer]) -> Answer:
    """Plusieurs réponses en une : leurs textes à la suite, les contacts de toutes, l'offre de la dernière."""
    last_offer = next((a.offre for a in reversed(answers) if a.offre), None)
    return Answer("\n\n".join(a.text for a in answers), offre=last_offer,
                  contacts=list(dict.fromkeys(c for a in answers for c in a.contacts)))
