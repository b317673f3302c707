"""« Pourquoi ? » et « je peux le donner au client ? » : réponses sur la réponse précédente.

Les raisons viennent du catalogue (`catalogue/raisons.yml`, et `diagnostic.pourquoi` pour une
recommandation) ; là où le document n'en donne pas, la réponse le dit et, pour une offre, donne au
collaborateur les lignes que le document lui réserve pour ce produit (inférence
`lignes_internes_du_produit`). Le public d'une ligne vient du champ `public` des contacts. Chaque
phrase est dans `catalogue/phrases.yml` (`pourquoi.*`, `public.*`) avec ce sur quoi elle repose."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, List, Mapping, Optional, Sequence, Tuple

from cecaz.aspects import ASPECTS
from cecaz.catalogue import Catalogue, Contact, EntityKind, Offre
from cecaz.contact_lines import contact_line
from cecaz.diagnostic import INCONNU, QUESTIONS, Facts, fact_phrase, product_staff_lines, staff_lines
from cecaz.phrasing import (
    COORDINATE_FAMILIES,
    GENERIC_SERVICES,
    Answer,
    Button,
    Question,
    select_contacts,
    source_line,
    support_lines,
)
from cecaz.textnorm import fold

# « pourquoi pas X ? » après une recommandation : le fait qui mènerait à X, à proposer en « et si… ».
WHAT_IF_FOR: Mapping[str, Button] = {
    "sp_plus": ("Et si Payplug ne lui convient pas ?", "/inform_needs_modular"),
    "payplug": ("Et s’il a un site ?", "/inform_has_site"),
    "jpel": ("Et s’il n’a pas de site ?", "/inform_no_site"),
    "iz_ecommerce": ("Et s’il veut créer un site ?", "/inform_wants_site"),
}


def _subject_pairs(q: Question) -> List[Tuple[EntityKind, str]]:
    fields: Sequence[Tuple[EntityKind, Sequence[str]]] = (
        ("offer", q.offres), ("service", q.services), ("role", q.roles), ("tool", q.outils), ("card", q.cartes))
    return [(kind, key) for kind, keys in fields for key in keys]


def read_facts(recommendation: Mapping[str, Any]) -> Facts:
    """Les faits du diagnostic gardés dans le focus avec la recommandation → `Facts`."""
    return Facts.from_values(recommendation.get("facts") or {})


def _situation(cat: Catalogue, facts: Facts) -> str:
    said = [fact_phrase(cat, q, facts.get(q)) for q in QUESTIONS  # type: ignore[arg-type]
            if facts.get(q) is not None and facts.get(q) not in (INCONNU, (INCONNU,))]
    return " ; ".join(said)


def _whom_it_is_for(cat: Catalogue, offre: Offre) -> List[str]:
    """« SP+ est pour les commerçants qui… » (`pour_qui` de l'offre, catalogue) ; rien pour une offre que la CECAZ
    déconseille (le contrat VAD) : son `pour_qui` est ce conseil, que sa raison dit déjà."""
    return [] if offre.categorie == "deconseillee" else [cat.say("pourquoi.alternative", offre=offre)]


def _why_recommendation(cat: Catalogue, q: Question) -> Answer:
    rec = q.recommendation or {}
    conclusion = str(rec.get("conclusion") or "")
    facts = read_facts(rec)
    offre = q.offres[0] if q.offres else None
    pourquoi = cat.diagnostic.pourquoi.get(conclusion) or cat.say("pourquoi.sans_raison")
    situation = _situation(cat, facts)
    alt = q.alternative
    if alt and alt != offre and alt in cat.offres:
        other = cat.offres[alt]
        said = [cat.say("pourquoi.situation", faits=situation), "Donc :"] if situation else []
        body = "\n".join((*_whom_it_is_for(cat, other), *said, pourquoi))
        buttons = [WHAT_IF_FOR[alt]] if alt in WHAT_IF_FOR else []
        if buttons:
            body += "\n" + cat.say("pourquoi.recalcul")
        return Answer(f"{body}\n\n{source_line(cat, 'choisir', 'sans_site')}", buttons, offre=offre)
    body = f"{pourquoi}\n{cat.say('pourquoi.faits', faits=situation)}" if situation else pourquoi
    # « pourquoi JPEL ? » : la raison que le document donne de l'offre elle-même (VAD déconseillée…).
    raison = cat.reason("recommendation", [("offer", offre)]) if offre else None
    if raison and raison.texte not in body:
        body += f"\n{raison.texte}"
    return Answer(f"{body}\n\n{source_line(cat, 'choisir', 'ouvrir', *([raison.source] if raison else []))}",
                  offre=offre)


# the answers whose reason is a line's hours (« ouvert le samedi ? » : « non », then « pourquoi ? »)
_HOURS_ANSWERS = ("ask_hours", "ask_is_open")


def _why_contacts(cat: Catalogue, q: Question) -> Answer:
    """What the document says of the lines in question: their hours after an hours answer (« pourquoi ? » after « ils
    répondent le dimanche ? »), else the offer's support and what each line is for ; `_no_reason` when it says
    nothing (section « Comment assister mon client ? »)."""
    lines = [contact_line(cat.contacts[c], bullet="", phone=False, email=False)
             for c in q.contacts if c in cat.contacts] if q.about in _HOURS_ANSWERS else [
        *(o.support for o in (cat.offres[o] for o in q.offres if o in cat.offres) if o.support),
        *(contact_line(cat.contacts[c], bullet="", phone=False, email=False, hours=False, purpose=True)
          for c in q.contacts if c in cat.contacts)]
    if not lines:
        return _no_reason(cat, q)
    return Answer("\n".join([cat.say("pourquoi.comme_le_document"), *lines]) + f"\n\n{source_line(cat, 'assister')}")


def _why_roles(cat: Catalogue, roles: Sequence[str], aspect: Optional[str] = None) -> Answer:
    """« pourquoi lui et pas le réseau ? » : la raison que le document donne du rôle de chacun, ou à
    défaut ses missions (section « Comment ouvrir les services ? ») ; avec `aspect` (la famille de la réponse
    qui nommait ces rôles), seulement celles qui portent sur cet aspect, s'il y en a."""
    patterns = [words for families, words in ASPECTS if aspect in families]
    lines, sources = [], []
    for role in (r for r in roles if r in cat.roles):
        raison = cat.reason("ask_role", [("role", role)])
        entry = cat.roles[role]
        kept = [m for m in entry.missions if any(p.search(fold(m)) for p in patterns)]
        if kept:  # what each does on that aspect says why him and not the other
            raison = None
            entry = entry.copy(update={"missions": kept})
        lines.append(raison.texte if raison else cat.say("role.missions", role=entry))
        sources.append(raison.source if raison else entry.source)
    return Answer("\n".join(dict.fromkeys(lines)) + f"\n\n{source_line(cat, *sources)}")


def _no_reason(cat: Catalogue, q: Question) -> Answer:
    """Le document ne donne pas de raison : il le dit ; pour une offre, le collaborateur reçoit les lignes
    que le document lui réserve pour ce produit (jamais à donner au client), sinon les missions des rôles en question
    (ce que le document en dit) et le CIF comme interlocuteur."""
    offre = q.offres[0] if q.offres and q.offres[0] in cat.offres else None
    lines = [cat.say("pourquoi.sans_raison")]
    # « pourquoi ça dépend du réseau ? » : what the document does say of the role asked about, then whom to ask
    lines += [cat.say("role.missions", role=cat.roles[r]) for r in q.roles if r in cat.roles and not offre]
    if offre:
        lines += staff_lines(cat, offre, product_staff_lines(cat, offre))
    else:  # a tool or a step of the process: the person who runs it (« Comment ouvrir les services ? »)
        lines.append(cat.say("pourquoi.voir_le_cif"))
    return Answer("\n".join(lines), offre=offre)


def answer_why(cat: Catalogue, q: Question) -> Answer:
    """La raison de la réponse précédente (`q.about`, ses sujets) ou de la recommandation ;
    « pourquoi pas X ? » (`q.alternative`) compare X à ce qui a été proposé."""
    if q.recommendation and (q.about == "recommendation" or q.alternative):
        return _why_recommendation(cat, q)
    if q.alternative and q.alternative in cat.offres:
        other = cat.offres[q.alternative]
        # « pourquoi c'est pas eux comme pour Payplug ? » after a contracts answer: Payplug's reason on contracts.
        same_aspect = q.about not in (None, "ask_choose_offer", "ask_offer_definition")
        families = [str(q.about)] if same_aspect else []
        raison = next((r for f in (*families, "ask_choose_offer", "ask_offer_definition")
                       if (r := cat.reason(f, [("offer", q.alternative)]))), None)
        body = "\n".join((*_whom_it_is_for(cat, other), *([raison.texte] if raison else ()))) \
            or cat.say("pourquoi.alternative", offre=other)
        return Answer(f"{body}\n\n{source_line(cat, raison.source if raison else other.source)}",
                      offre=q.alternative)
    if q.about is None:
        return Answer(cat.say("pourquoi.rien_affirme"))
    if q.contacts:  # the previous answer gave contact lines
        return _why_contacts(cat, q)
    if q.about == "ask_role" and len(q.roles) > 1:
        return _why_roles(cat, q.roles, q.aspect)
    raison = cat.reason(q.about, _subject_pairs(q))
    if raison is None:
        return _no_reason(cat, q)
    return Answer(f"{raison.texte}\n\n{source_line(cat, raison.source)}", offre=q.offres[0] if q.offres else None)


def _client_lines_for(cat: Catalogue, contacts: Sequence[Contact], asked: Sequence[str] = ()) -> List[Contact]:
    """Les lignes à donner au client à la place de `contacts` : celles des offres de la question (`asked`, « mon
    client JPEL » : pas le service clients SP+ ; « mon client Payplug » : le support Payplug), sinon celles des offres
    de ces lignes."""
    if own := [c for c in cat.contacts.values() if c.for_clients and set(asked) & set(c.offres)]:
        return own
    offers = {o for c in contacts for o in c.offres}
    offers = offers & set(asked) or offers
    return [c for cid, c in cat.contacts.items() if c.for_clients and offers & set(c.offres)]


def _sharing_the_coordinate(cat: Catalogue, internal: Sequence[str], family: Optional[str]) -> List[str]:
    """Les lignes pour les clients qui ont la même coordonnée (`family` : `ask_email` ou `ask_phone`) qu'une des lignes
    internes `internal` (« Assistance SP+ (ligne CECAZ) » et le « Service Clients E-Commerce SP PLUS » ont la même
    adresse, section « Comment assister mon client ? ») ; [] pour une autre famille."""
    attribute = COORDINATE_FAMILIES.get(family or "")
    if attribute is None:
        return []
    values = {getattr(cat.contacts[cid], attribute) for cid in internal} - {None}
    return [cid for cid, c in cat.contacts.items() if c.for_clients and getattr(c, attribute) in values]


def whom_it_serves(cat: Catalogue, contacts: Sequence[str]) -> str:
    """« Pour le client… », « Pour la CECAZ seulement… » ou « Les deux… » : qui servent les lignes `contacts`
    (identifiants du catalogue ; section « Comment assister mon client ? »)."""
    internal = [cid for cid in contacts if cid in cat.contacts and cat.contacts[cid].internal]
    client = [cid for cid in contacts if cid in cat.contacts and cat.contacts[cid].for_clients]
    if not internal:
        return cat.say("public.pour_le_client", lignes=client)
    if not client:
        return cat.say("public.pour_la_cecaz", lignes=internal)
    return cat.say("public.les_deux", lignes=client, internes=internal)


def answer_audience(cat: Catalogue, q: Question) -> Answer:
    """Oui ou non : la ligne dont on parle peut-elle être donnée au client ? Une ligne interne n'est
    jamais à transmettre ; la réponse donne alors les lignes à communiquer au client."""
    pool = [(cid, cat.contacts[cid]) for cid in q.contacts if cid in cat.contacts]
    if not pool and q.offres and (named := tuple(s for s in q.services if s not in GENERIC_SERVICES)):
        # « mon client JPEL, la hotline monétique pro je peux la lui filer ? » : the line named is the one asked
        # about; the offer only says which client, whose lines to give instead.
        pool = select_contacts(cat, replace(q, offres=(), services=named), None)
    if not pool and (q.offres or q.services):
        pool = select_contacts(cat, q, q.offres[0] if q.offres else None)
    if not pool and q.services:
        # « client IZ eCommerce, je lui donne le numéro de la monétique pro ? » : the line of that service, whatever the
        # offer (IZ eCommerce has no line of its own).
        pool = select_contacts(cat, replace(q, offres=()), None)
    if not pool:
        return Answer(cat.say("public.quelle_ligne"))
    contacts = [c for _, c in pool]
    sources: Tuple[str, ...] = ("assister",)
    internal = [cid for cid, c in pool if c.internal]
    client = [cid for cid, c in pool if c.for_clients]
    given: List[str] = []
    # « c'est pour le client ou pour nous ? » is answered by who, « je peux le donner ? » by yes or no.
    whom = whom_it_serves(cat, [cid for cid, _ in pool]) if q.either_or else None
    if not internal:
        lead = whom or cat.say("public.oui", lignes=client)
        lines = [contact_line(cat.contacts[cid], purpose=bool(whom)) for cid in client]
    elif not client and (shared := [c for c in _sharing_the_coordinate(cat, internal, q.about)
                                    if not q.offres or set(cat.contacts[c].offres) & set(q.offres)]):
        # « le client peut y écrire ? » after the internal SP+ e-mail: the same address is a client line's.
        # « c'est pour nous ou pour le client ? » : both, each by its line
        lead = cat.say(f"public.{COORDINATE_FAMILIES[str(q.about)]}_partage_les_deux", lignes=shared,
                       internes=internal) if q.either_or else \
            cat.say(f"public.{COORDINATE_FAMILIES[str(q.about)]}_partage", lignes=shared)
        lines = ["À donner au client :", *(contact_line(cat.contacts[cid]) for cid in shared)]
        given = shared
    elif not client:
        lead = whom or cat.say("public.non", lignes=internal)
        if whom:
            # « et le 07 57 95 38 07 c'est pour qui ? » : what the line handles too, without its coordinates
            lead += "\n" + "\n".join(contact_line(cat.contacts[cid], purpose=True, phone=False, email=False,
                                                  hours=False) for cid in internal)
        others = _client_lines_for(cat, contacts, q.offres)
        unlined = [o for o in q.offres if o in cat.offres and not cat.offres[o].contacts]
        direct = list(cat.joined_directly(q.cartes))
        if unlined:  # IZ eCommerce assures its own support: what the document says of it, not other offers' lines
            # (« un site IZ avec le paiement Payplug » : and the lines of his other offer, Payplug's support)
            lines = ["À donner au client :", *filter(None, support_lines(cat, unlined[0])),
                     *(contact_line(c) for c in others if set(c.offres) & set(q.offres))]
        elif direct and not q.offres:
            # « le client veut l'AMEX, je lui donne la monétique pro pour s'affilier ? » : no line, he asks the card's
            # organisation himself (section « Quelle tarification ? »)
            lines = [cat.say("affiliation.cartes", cartes=direct), cat.affiliation.procedure]
            sources = ("assister", cat.affiliation.source)
        else:
            lines = ["À donner au client :", *(contact_line(c) for c in others)] if others else [
                cat.say("contacts.reservees", lignes=internal)]
    else:
        lead = whom or cat.say("public.oui_et_non", lignes=client, internes=internal)
        # (« je lui réponds avec le 09 69 36 06 26 et le 08 10 00 47 24 » for a client SP+ : the line refused is
        # replaced by his offer's other lines)
        instead = [] if whom or not q.offres else [
            c for c in _client_lines_for(cat, contacts, q.offres) if c not in contacts]
        lines = ["À donner au client :", *(contact_line(cat.contacts[cid]) for cid in client),
                 *(contact_line(c) for c in instead)]
    ids = [cid for cid, _ in pool]
    # « il a un numéro aussi ? » next: the client line that shares the coordinate is the one just given
    ids = [*given, *ids]
    return Answer(f"{lead}\n" + "\n".join(lines) + f"\n\n{source_line(cat, *sources)}", contacts=ids)
