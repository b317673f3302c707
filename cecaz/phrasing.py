"""Réponses en français composées à partir du catalogue : la réponse d'abord, le détail ensuite,
puis une ligne de source. Aucune fonction ici n'écrit un fait : chaque phrase vient de
`catalogue/phrases.yml` ou reprend un texte du catalogue, avec l'énoncé du document sur lequel elle
repose (docs/fidelite.md) ; ce que le document ne dit pas est dit comme tel. Seuls les titres
(« Horaires pour SP+ : ») et les questions au collaborateur sont écrits ici."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, List, Mapping, Optional, Sequence, Tuple

from cecaz.audience import CLIENT, STAFF, Audience
from cecaz.catalogue import Catalogue, Contact
from cecaz.contact_lines import contact_line, lines_at, open_at_text
from cecaz.textnorm import fold
from cecaz.when import Moment

Button = Tuple[str, str]  # (titre affiché, payload)

# Les offres proposées en boutons quand une question dépend de l'offre (la VAD est déconseillée).
OFFER_CHOICES = ("payplug", "sp_plus", "jpel", "iz_ecommerce")


@dataclass(frozen=True)
class Question:
    """Ce que l'utilisateur demande : la famille (intention) et les identifiants du catalogue.

    Après résolution par rapport au focus (`cecaz/focus.py`) : `contacts`, les contacts dont on
    parle (pour « je peux le donner au client ? ») ; `moment`, le jour ou l'heure demandés ;
    `audience`, pour qui la ligne est demandée (`cecaz.audience`), `either_or` : la question demande
    « l'un ou l'autre » plutôt que oui ou non ; pour
    `ask_why`, `about` (la famille de la réponse à justifier), `alternative` (« pourquoi pas SP+ ? »)
    et `recommendation` (faits et conclusion du dernier diagnostic) ; `aspect` : pour « pourquoi lui et pas le
    réseau ? », la famille de la réponse qui nommait ces rôles (seules leurs missions sur cet aspect comptent) ;
    `etape` : pour « et ensuite ? », (démarche, indice de l'étape où l'on en est), `cecaz.steps` ; `sauf` : les lignes
    que le message met à part (« à part le support Payplug, … » : `cecaz.exclusion`), jamais données."""

    intent: str
    offres: Sequence[str] = ()
    outils: Sequence[str] = ()
    roles: Sequence[str] = ()
    cartes: Sequence[str] = ()
    services: Sequence[str] = ()
    contacts: Sequence[str] = ()
    moment: Optional[Moment] = None
    about: Optional[str] = None
    alternative: Optional[str] = None
    recommendation: Optional[Mapping[str, Any]] = None
    audience: Optional[Audience] = None
    either_or: bool = False
    aspect: Optional[str] = None
    etape: Optional[Tuple[str, int]] = None
    sauf: Sequence[str] = ()


@dataclass
class Answer:
    """Une réponse : son texte, ses boutons (titre, payload), l'offre dont elle parle et les contacts
    qu'elle cite (identifiants du catalogue), gardés dans le focus pour les relances."""

    text: str
    buttons: List[Button] = field(default_factory=list)
    offre: Optional[str] = None
    contacts: List[str] = field(default_factory=list)


def lead_lines(answer: Answer) -> str:
    """Les deux premières lignes non vides d'une réponse : là où elle dit qui fait la chose."""
    return "\n".join([line for line in answer.text.splitlines() if line.strip()][:2])


def source_line(cat: Catalogue, *keys: str) -> str:
    names = list(dict.fromkeys(cat.source(k) for k in keys))
    return "Source : " + " ; ".join(f"« {n} »" for n in names)


def _with_source(cat: Catalogue, body: str, *keys: str) -> str:
    return f"{body}\n\n{source_line(cat, *keys)}"


def offer_buttons(cat: Catalogue, intent: str) -> List[Button]:
    return [(cat.offres[o].nom, f'/{intent}{{"offer":"{o}"}}') for o in OFFER_CHOICES]


def ask_which_offer(cat: Catalogue, intent: str, topic: str) -> Answer:
    return Answer(f"Pour quelle offre voulez-vous {topic} ?", offer_buttons(cat, intent))


def support_lines(cat: Catalogue, offre: str) -> List[str]:
    """Qui assure le support de l'offre, et le fait que le document ne donne pas ses coordonnées quand
    il n'en donne aucune (IZ eCommerce)."""
    o = cat.offres[offre]
    return [o.support or "", "" if o.contacts else cat.say("contacts.sans_coordonnees")]


# --- contacts -------------------------------------------------------------------------------

# Des services que chaque offre a sous un nom ou un autre (« le support », « l'assistance »).
GENERIC_SERVICES = frozenset({"support", "assistance"})
# The question families that ask one coordinate of a line, and the `Contact` attribute that holds it.
COORDINATE_FAMILIES: Mapping[str, str] = {"ask_email": "email", "ask_phone": "telephone"}


def without_qualifying_word(cat: Catalogue, text: str, services: Sequence[str]) -> List[str]:
    """Les services nommés (identifiants), sans le service générique dont le mot qualifie un service nommé juste
    après lui (« la hotline monétique pro », « le support de la monétique ») : ce n'est pas une autre ligne ; « pas le
    partenariat, le support » nomme deux lignes, gardées."""
    specific = [s for s in services if s not in GENERIC_SERVICES]
    if not specific or len(specific) == len(services):
        return list(services)
    aliases = cat.aliases("service")
    generic = "|".join(sorted({re.escape(fold(a)) for g in GENERIC_SERVICES for a in aliases.get(g, ())}, key=len,
                              reverse=True))
    named = "|".join(sorted({re.escape(fold(a)) for s in specific for a in aliases.get(s, ())}, key=len, reverse=True))
    qualifies = re.search(rf"\b(?:{generic}) (?:de |du |de la |des )?(?:l )?(?:{named})\b", fold(text))
    return specific if qualifies else list(services)


def select_contacts(cat: Catalogue, q: Question, offre: Optional[str]) -> List[Tuple[str, Contact]]:
    """Les contacts dont parle la question, en (identifiant, `Contact`) de `catalogue/contacts.yml` : ceux du focus
    (`q.contacts`) s'il y en a ; sinon ceux de l'offre (ou tous), restreints aux services nommés quand l'offre en a,
    plus les lignes d'un service nommé par son propre nom qui ne sert pas l'offre ; pour un service générique que
    l'offre n'a pas sous ce nom, ses lignes d'assistance (pas une équipe réservée à des demandes précises) ; demandé
    par un collaborateur (`Question.audience`), ses lignes internes aussi."""
    if q.contacts:
        return [(cid, cat.contacts[cid]) for cid in q.contacts if cid in cat.contacts and cid not in q.sauf]
    pool = [(cid, c) for cid, c in (cat.contacts_for(offre) if offre else cat.contacts.items()) if cid not in q.sauf]
    by_service = [(cid, c) for cid, c in pool if c.service in q.services]
    if offre and by_service:
        # « le mail du support payplug et celui de la monétique pro » : a line named by its own service that does not
        # serve the offer is asked for as well
        elsewhere = set(q.services) - {c.service for _, c in pool} - GENERIC_SERVICES
        by_service += [(cid, c) for cid, c in _lines(cat, q) if c.service in elsewhere]
    if not by_service and q.services and set(q.services) <= GENERIC_SERVICES:
        # « l'assistance Payplug » : the lines that assist, not a team kept for given requests (product, leads)
        by_service = [(cid, c) for cid, c in pool if not c.demandes]
    if by_service and set(q.services) <= GENERIC_SERVICES and q.audience == STAFF:
        # « côté caisse, quelle assistance appelle-t-on pour JPEL ? » : the generic word, asked by the staff, is whoever
        # assists them too (the internal lines first, `grouped`), not a team kept for given requests (« comment je
        # joins le support Payplug ? » is not its partnership team)
        by_service += [(cid, c) for cid, c in pool if c.internal and not c.demandes and (cid, c) not in by_service]
    return by_service or pool


def _lines(cat: Catalogue, q: Question) -> List[Tuple[str, Contact]]:
    """Every line of the catalogue but those the question sets aside (`Question.sauf`)."""
    return [(cid, c) for cid, c in cat.contacts.items() if cid not in q.sauf]


def _no_contact_text(cat: Catalogue, offre: Optional[str]) -> str:
    if offre == "vad":
        return _with_source(cat, cat.say("contacts.vad"), "sans_site")
    if offre and not cat.offres[offre].contacts:
        return _with_source(cat, " ".join(support_lines(cat, offre)), "assister")
    return _with_source(cat, cat.say("contacts.moyen_absent"), "assister")


INTERNAL_PART = "Usage interne CECAZ, à ne pas transmettre au client :"
CLIENT_PART = "À communiquer au client :"


def grouped(pool: Sequence[Tuple[str, Contact]], audience: Optional[Audience], **line: bool) -> str:
    """Les lignes de contact, celles à communiquer au client d'abord et les lignes internes dans une
    partie à part ; pour un collaborateur (`STAFF`), la ligne interne d'abord."""
    client = [contact_line(c, **line) for _, c in pool if c.for_clients]  # type: ignore[arg-type]
    internal = [contact_line(c, **line) for _, c in pool if c.internal]  # type: ignore[arg-type]
    if not client or not internal:
        return "\n".join(client + internal)
    if audience == STAFF:
        return "\n".join([*internal, CLIENT_PART, *client])
    return "\n".join([*client, INTERNAL_PART, *internal])


def answer_contacts(cat: Catalogue, q: Question, offre: Optional[str], now: datetime) -> Answer:
    if offre and (instead := cat.offres[offre].a_la_place) and not cat.offres[offre].contacts:
        # « et leur numéro d'assistance ? » after the VAD contract: it has no line, the offer proposed instead has
        lines = answer_contacts(cat, q, instead, now)
        return Answer(_no_contact_text(cat, offre) + "\n\n" + lines.text, offre=instead, contacts=lines.contacts)
    wanted = COORDINATE_FAMILIES.get(q.intent)
    pool = select_contacts(cat, q, offre)
    if wanted:
        pool = [(cid, c) for cid, c in pool if getattr(c, wanted)]
        if not pool and q.contacts:  # the contacts in focus lack it: those of the offer or service
            pool = [(cid, c) for cid, c in select_contacts(cat, replace(q, contacts=()), offre) if getattr(c, wanted)]
    if q.audience == STAFF and q.contacts and all(c.for_clients for _, c in pool):
        # « ils ont une ligne pour nous, côté caisse ? » after client lines: the offer's internal lines first.
        offers = {offre} if offre else {o for _, c in pool for o in c.offres}
        pool = [(cid, c) for cid, c in _lines(cat, q) if c.internal and offers & set(c.offres)
                and (not wanted or getattr(c, wanted))] + pool
    if q.audience == CLIENT:  # for the merchant: never an internal line
        internal = [cid for cid, c in pool if c.internal]
        pool = [(cid, c) for cid, c in pool if c.for_clients]
        # « et le client, il appelle quoi ? » after an internal line, « je lui donne quelle adresse ? » when
        # the service named has no client line with one: the client lines of the same offers.
        offers = {offre} if offre else {o for cid in internal for o in cat.contacts[cid].offres}
        if not pool and internal:
            pool = [(cid, c) for cid, c in _lines(cat, q) if c.for_clients and offers & set(c.offres)
                    and (not wanted or getattr(c, wanted))]
        reachable = [(cid, c) for cid, c in _lines(cat, q) if c.for_clients and offers & set(c.offres)]
        if not pool and wanted and reachable:
            # « quel e-mail donner au client JPEL ? », « il n'a pas plutôt une adresse mail ? » after its phone line:
            # the document gives the client no address, but a phone line.
            body = cat.say(f"contacts.sans_{wanted}_client") + "\n" + grouped(reachable, CLIENT)
            return Answer(_with_source(cat, body, *[c.source for _, c in reachable]), offre=offre,
                          contacts=[cid for cid, _ in reachable])
        if not pool and internal:
            return Answer(cat.say("contacts.reservees", lignes=internal), offre=offre)
    if not pool:
        return Answer(_no_contact_text(cat, offre), offre=offre)
    title = cat.offres[offre].nom if offre else pool[0][1].nom if len(pool) == 1 else "ces services"
    ids = [cid for cid, _ in pool]
    at_a_moment = q.intent == "ask_is_open" or (q.intent == "ask_hours" and q.moment is not None)
    if at_a_moment and offre is None and not q.contacts and not q.services:
        return _lines_open_at(cat, q, pool, now)  # « quelle ligne répond le samedi ? »
    if at_a_moment:
        body = open_at_text(cat, [c for _, c in pool], q.moment, now)
    elif q.intent == "ask_hours":
        body = f"Horaires pour {title} :\n" + grouped(pool, q.audience, phone=False, email=False)
    elif wanted == "telephone":
        body = f"Téléphone pour {title} :\n" + grouped(pool, q.audience, email=False)
    elif wanted == "email":
        body = f"E-mail pour {title} :\n" + grouped(pool, q.audience, phone=False)
    else:
        intro = (cat.offres[offre].support if offre else None) or f"Contacts pour {title} :"
        body = intro + "\n" + grouped(pool, q.audience, purpose=True)
    return Answer(_with_source(cat, body, *[c.source for _, c in pool]), offre=offre, contacts=ids)


def _lines_open_at(cat: Catalogue, q: Question, pool: Sequence[Tuple[str, Contact]], now: datetime) -> Answer:
    """« quelle ligne répond le samedi ? », sans offre ni ligne nommée : les lignes de `pool` ouvertes au moment
    demandé (`q.moment`, ou maintenant), puis les fermées et celles dont le document ne donne pas les horaires. Les
    lignes ouvertes sont celles dont on parle ensuite (« je peux la donner au commerçant ? »)."""
    lines = lines_at([c for _, c in pool], q.moment, now)
    opened = [(cid, c) for cid, c in pool if c in lines.opened]
    parts = [f"Lignes ouvertes {lines.when} :\n" + grouped(opened, q.audience)] if opened else []
    if lines.closed:  # with their hours, which say why
        title = f"Fermées {lines.when} :" if opened else \
            f"Aucune ligne ouverte {lines.when} parmi celles dont le document donne les horaires :"
        parts.append(title + "\n" + "\n".join(contact_line(c, phone=False, email=False) for c in lines.closed))
    unknown = [(cid, c) for cid, c in pool if c in lines.unknown and c.telephone]
    if unknown:
        parts.append("Horaires non précisés dans le document :\n" + grouped(unknown, q.audience, hours=False))
    return Answer(_with_source(cat, "\n\n".join(parts), *[c.source for _, c in pool]),
                  contacts=[cid for cid, _ in opened])


# --- offres ---------------------------------------------------------------------------------

def answer_overview(cat: Catalogue) -> Answer:
    return Answer(_with_source(cat, cat.say("offres.panorama"), "introduction", "site_ecommerce", "creation_site",
                               "sans_site"))


def answer_definition(cat: Catalogue, offre: str) -> Answer:
    o = cat.offres[offre]
    body = cat.say("offre.presentation", offre=o)
    return Answer(_with_source(cat, body, o.source if offre == "vad" else _category_source(o.categorie)), offre=offre)


def _category_source(categorie: str) -> str:
    return {"page_paiement": "site_ecommerce", "sans_site": "sans_site",
            "creation_site": "creation_site", "deconseillee": "sans_site"}[categorie]


def answer_choose(cat: Catalogue) -> Answer:
    # Payplug is the offer to propose by default (« Comment choisir entre Payplug et SP+ ? »): the one talked about next
    return Answer(_with_source(cat, cat.say("offres.choisir"), "choisir", "site_ecommerce"),
                  buttons=[("Lancer un diagnostic", "/start_diagnostic")], offre="payplug")


def answer_no_website(cat: Catalogue) -> Answer:
    return Answer(_with_source(cat, cat.say("offres.sans_site"), "sans_site", "creation_site"), offre="jpel")


def answer_vad(cat: Catalogue) -> Answer:
    return Answer(_with_source(cat, cat.say("offres.vad"), "sans_site"), offre="vad")


def answer_site_creation(cat: Catalogue) -> Answer:
    return Answer(_with_source(cat, cat.say("offres.creation_site"), "creation_site", "tarification", "assister"),
                  offre="iz_ecommerce")


# --- mise en place --------------------------------------------------------------------------

def answer_open_services(cat: Catalogue, offre: Optional[str]) -> Answer:
    """La mise en place des services (section « Comment ouvrir les services ? ») ; pour une offre, ses contrats et qui
    contractualise d'abord, puis les étapes du CIF quand c'est lui qui contractualise (pour Payplug, c'est Payplug :
    les étapes du CIF, qui disent qu'il contractualise, ne s'y appliquent pas)."""
    steps = cat.say("ouvrir.etapes")
    if offre and offre in cat.offres and cat.offres[offre].contractant:
        body = _contracts_body(cat, offre)
        if "cif" in fold(cat.offres[offre].contractant or "").split():
            body += "\n\n" + steps
        return Answer(_with_source(cat, body, "ouvrir"), offre=offre)
    return Answer(_with_source(cat, steps, "ouvrir"), offre=offre)


def _contracts_body(cat: Catalogue, offre: str) -> str:
    """Les contrats de l'offre (ou ce que dit le document quand il n'y en a pas), qui contractualise,
    et où arrivent les encaissements quand le document le dit."""
    o = cat.offres[offre]
    if o.contrats:
        lines = [cat.say("contrats.offre", offre=o), o.contractant, o.note_contrats]
    else:
        lines = [cat.say("contrats.aucun", offre=o), o.contractant]
    return "\n".join(line for line in [*lines, o.fonds] if line)


def answer_contracts(cat: Catalogue, offre: str) -> Answer:
    if offre == "vad":
        return answer_vad(cat)
    return Answer(_with_source(cat, _contracts_body(cat, offre), "ouvrir", cat.offres[offre].source), offre=offre)


def answer_funds(cat: Catalogue, offre: str) -> Answer:
    if offre == "vad":
        return answer_vad(cat)
    o = cat.offres[offre]
    if o.fonds:
        return Answer(_with_source(cat, o.fonds, "ouvrir"), offre=offre)
    return Answer(_with_source(cat, cat.say("fonds.non_dit", offre=o), "ouvrir"), offre=offre)


def answer_role(cat: Catalogue, roles: Sequence[str]) -> Answer:
    """Les missions des rôles nommés (tous quand aucun ne l'est) : « Comment ouvrir les services ? », « Quelle
    tarification ? »."""
    keys = list(dict.fromkeys(roles)) or list(cat.roles)
    body = "\n".join("• " + cat.say("role.missions", role=cat.roles[k]) for k in keys)
    return Answer(_with_source(cat, body, "ouvrir", "tarification"))


def _tool_line(cat: Catalogue, outil: str) -> str:
    """« SimulEasy : simulateur de rentabilité pour tous les contrats « standards ». »"""
    return cat.say("outil.role", outil=cat.outils[outil])


def answer_tool(cat: Catalogue, outil: Optional[str]) -> Answer:
    keys = [outil] if outil else list(cat.outils)
    body = "\n".join(f"• {_tool_line(cat, k)}" for k in keys)
    return Answer(_with_source(cat, body, *[cat.outils[k].source for k in keys]))


# --- tarification ---------------------------------------------------------------------------

def delegation_lines(cat: Catalogue) -> List[str]:
    """Le schéma délégataire (dont la page n'est pas dans le document de référence), puis le dépôt de
    la simulation."""
    return [cat.say("tarification.schema"), cat.say("tarification.schema_absent"), cat.say("tarification.depot")]


def answer_pricing_overview(cat: Catalogue) -> Answer:
    """Qui tarifie, offre par offre, sans qu'une offre soit nommée (« qui établit la tarification de
    l'acceptation ? ») : section « Quelle tarification ? » du document."""
    body = "\n".join([cat.say("tarification.panorama"), *(f"• {line}" for line in delegation_lines(cat))])
    return Answer(_with_source(cat, body, "tarification"))


def answer_pricing(cat: Catalogue, offre: Optional[str], cartes: Sequence[str] = ()) -> Answer:
    """La tarification d'une offre (section « Quelle tarification ? ») ; avec des cartes (« les cartes chinoises en
    JPEL »), le simulateur de chacune quand l'offre a des contrats à simuler (SimulUPI pour Union Pay International
    et DFS/Diners). Sans offre : qui tarifie, offre par offre."""
    if not offre:
        return answer_pricing_overview(cat)
    o = cat.offres[offre]
    if offre == "vad":
        return answer_vad(cat)
    by_card = [cat.say("simulateur.carte", carte=cat.cartes[c]) for c in cartes  # SimulEasy is said already
               if o.contrats and c in cat.cartes and cat.cartes[c].simulateur not in (None, "simuleasy")]
    lines = [cat.say("tarification.offre", offre=o), *by_card, *(delegation_lines(cat) if o.contrats else [])]
    if not o.tarifs_connus:
        lines.append(cat.say("tarification.sans_grille"))
    body = "\n".join(lines)
    return Answer(_with_source(cat, body, "tarification"), offre=offre)


def answer_simulator(cat: Catalogue, carte: Optional[str], offre: Optional[str] = None) -> Answer:
    """Le simulateur de rentabilité pour une carte (section « Quelle tarification ? ») ; pour une offre
    sans contrat à ouvrir côté BPCE (Payplug, IZ eCommerce), rien n'est simulé : sa tarification."""
    if carte and cat.cartes[carte].affiliation_directe:
        return answer_affiliation(cat, carte)
    if not carte and offre in cat.offres and not cat.offres[offre].contrats:
        return answer_pricing(cat, offre)  # « je fais une simu SimulEasy pour un client Payplug ? »
    t = cat.tarification
    if carte and cat.cartes[carte].simulateur:
        head = cat.say("simulateur.carte", carte=cat.cartes[carte])
    else:
        head = "Deux simulateurs de rentabilité :"
    lines = [head, *(f"• {_tool_line(cat, s)}" for s in ("simuleasy", "simulupi")), t.acquisition,
             *delegation_lines(cat)]
    return Answer(_with_source(cat, "\n".join(lines), t.source))


def answer_simulation_filing(cat: Catalogue) -> Answer:
    body = "\n".join([cat.say("tarification.depot_apres_schema"), cat.say("tarification.schema_absent")])
    return Answer(_with_source(cat, body, cat.tarification.source))


def answer_delegation(cat: Catalogue) -> Answer:
    body = "\n".join([*delegation_lines(cat), cat.say("tarification.cif")])
    return Answer(_with_source(cat, body, cat.tarification.source))


def answer_affiliation(cat: Catalogue, carte: Optional[str]) -> Answer:
    direct = list(cat.joined_directly(cat.cartes))
    if carte and not cat.cartes[carte].affiliation_directe:
        return answer_simulator(cat, carte)
    cartes = [carte] if carte else direct
    body = "\n".join([cat.say("affiliation.cartes", cartes=cartes), cat.affiliation.procedure,
                      cat.affiliation.tarification, cat.say("affiliation.hors_tpe", offres=OFFER_CHOICES)])
    return Answer(_with_source(cat, body, cat.affiliation.source))


# --- conversation ---------------------------------------------------------------------------

def answer_capabilities(cat: Catalogue) -> Answer:
    return Answer(cat.say("assistant.capacites"), buttons=example_buttons())


def example_buttons() -> List[Button]:
    return [
        ("Payplug ou SP+ ?", "/ask_choose_offer"),
        ("Client sans site : comment encaisser ?", "/ask_no_website"),
        ("Numéro de l’assistance SP+", '/ask_phone{"offer":"sp_plus"}'),
        ("Aide-moi à choisir", "/start_diagnostic"),
    ]
