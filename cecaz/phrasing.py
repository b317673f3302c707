"""Réponses en français composées à partir du catalogue : la réponse d'abord, le détail ensuite,
puis une ligne de source. Aucune fonction ici n'invente un fait : ce qui manque au catalogue est
dit comme tel, avec la personne à qui s'adresser."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, List, Mapping, Optional, Sequence, Tuple

from cecaz.audience import CLIENT, STAFF, Audience
from cecaz.catalogue import Catalogue, Contact
from cecaz.contact_lines import contact_line, open_at_text
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
    et `recommendation` (faits et conclusion du dernier diagnostic)."""

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


@dataclass
class Answer:
    """Une réponse : son texte, ses boutons (titre, payload), l'offre dont elle parle et les contacts
    qu'elle cite (identifiants du catalogue), gardés dans le focus pour les relances."""

    text: str
    buttons: List[Button] = field(default_factory=list)
    offre: Optional[str] = None
    contacts: List[str] = field(default_factory=list)


def source_line(cat: Catalogue, *keys: str) -> str:
    names = list(dict.fromkeys(cat.source(k) for k in keys))
    return "Source : " + " ; ".join(f"« {n} »" for n in names)


def _with_source(cat: Catalogue, body: str, *keys: str) -> str:
    return f"{body}\n\n{source_line(cat, *keys)}"


def offer_buttons(cat: Catalogue, intent: str) -> List[Button]:
    return [(cat.offres[o].nom, f'/{intent}{{"offer":"{o}"}}') for o in OFFER_CHOICES]


def ask_which_offer(cat: Catalogue, intent: str, topic: str) -> Answer:
    return Answer(f"Pour quelle offre voulez-vous {topic} ?", offer_buttons(cat, intent))


# --- contacts -------------------------------------------------------------------------------

def select_contacts(cat: Catalogue, q: Question, offre: Optional[str]) -> List[Tuple[str, Contact]]:
    """Les contacts dont parle la question : ceux du focus (`q.contacts`) s'il y en a, sinon ceux de
    l'offre (ou tous), restreints aux services nommés quand l'offre en a."""
    if q.contacts:
        return [(cid, cat.contacts[cid]) for cid in q.contacts if cid in cat.contacts]
    pool = cat.contacts_for(offre) if offre else list(cat.contacts.items())
    by_service = [(cid, c) for cid, c in pool if c.service in q.services]
    return by_service or pool


def _no_contact_text(cat: Catalogue, offre: Optional[str]) -> str:
    if offre == "iz_ecommerce":
        return ("C’est IZ eCommerce qui assure le support de son offre, mais le document de référence "
                "ne donne pas ses coordonnées : adressez-vous à IZ eCommerce ou à votre CIF.")
    if offre == "vad":
        return ("Le document ne prévoit pas de support pour un contrat VAD : la CECAZ déconseille ce type "
                "d’encaissement et propose JePaieEnLigne (JPEL) à la place.")
    return "Le document de référence ne donne pas ce contact : rapprochez-vous de votre CIF."


INTERNAL_PART = "Usage interne CECAZ, à ne pas transmettre au client :"
CLIENT_PART = "À communiquer au client :"


def grouped(pool: Sequence[Tuple[str, Contact]], audience: Optional[Audience], **line: bool) -> str:
    """Les lignes de contact, celles à communiquer au client d'abord et les lignes internes dans une
    partie à part ; pour un collaborateur (`STAFF`), la ligne interne d'abord."""
    client = [contact_line(c, **line) for _, c in pool if c.public == "clients"]  # type: ignore[arg-type]
    internal = [contact_line(c, **line) for _, c in pool if c.public != "clients"]  # type: ignore[arg-type]
    if not client or not internal:
        return "\n".join(client + internal)
    if audience == STAFF:
        return "\n".join([*internal, CLIENT_PART, *client])
    return "\n".join([*client, INTERNAL_PART, *internal])


def _no_client_line_text(cat: Catalogue, offre: Optional[str]) -> str:
    name = cat.offres[offre].nom if offre else "ce service"
    return (f"Le document ne donne pas de ligne à communiquer au client pour {name} : les lignes connues sont "
            "réservées aux collaborateurs CECAZ. Voyez avec votre CIF ce que le client peut joindre.")


def answer_contacts(cat: Catalogue, q: Question, offre: Optional[str], now: datetime) -> Answer:
    wanted = {"ask_phone": "telephone", "ask_email": "email"}.get(q.intent)
    pool = select_contacts(cat, q, offre)
    if wanted:
        pool = [(cid, c) for cid, c in pool if getattr(c, wanted)]
        if not pool and q.contacts:  # the contacts in focus lack it: those of the offer or service
            pool = [(cid, c) for cid, c in select_contacts(cat, replace(q, contacts=()), offre) if getattr(c, wanted)]
    if q.audience == CLIENT:  # for the merchant: never an internal line
        internal = [c.nom for _, c in pool if c.public != "clients"]
        pool = [(cid, c) for cid, c in pool if c.public == "clients"]
        if not pool and internal:
            return Answer(_no_client_line_text(cat, offre), offre=offre)
    if not pool:
        return Answer(_no_contact_text(cat, offre), offre=offre)
    title = cat.offres[offre].nom if offre else pool[0][1].nom if len(pool) == 1 else "ces services"
    ids = [cid for cid, _ in pool]
    if q.intent == "ask_is_open" or (q.intent == "ask_hours" and q.moment is not None):
        body = open_at_text([c for _, c in pool], q.moment, now)
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


# --- offres ---------------------------------------------------------------------------------

def answer_overview(cat: Catalogue) -> Answer:
    o = cat.offres
    body = (
        "La CECAZ propose plusieurs solutions pour encaisser des cartes à distance :\n"
        f"• Avec un site e-commerce : {o['payplug'].nom}, {o['payplug'].definition} (proposée par défaut), "
        f"ou {o['sp_plus'].nom}, {o['sp_plus'].definition}.\n"
        f"• Pour créer un site : {o['iz_ecommerce'].nom}, {o['iz_ecommerce'].definition}.\n"
        f"• Sans site : {o['jpel'].nom}, {o['jpel'].definition}.\n"
        f"• Le {o['vad'].nom} existe, mais {o['vad'].pour_qui}."
    )
    return Answer(_with_source(cat, body, "introduction", "site_ecommerce", "creation_site", "sans_site"))


def answer_definition(cat: Catalogue, offre: str) -> Answer:
    o = cat.offres[offre]
    body = f"{o.nom} : {o.definition}.\nPour qui : {o.pour_qui}."
    return Answer(_with_source(cat, body, o.source if offre == "vad" else _category_source(o.categorie)), offre=offre)


def _category_source(categorie: str) -> str:
    return {"page_paiement": "site_ecommerce", "sans_site": "sans_site",
            "creation_site": "creation_site", "deconseillee": "sans_site"}[categorie]


def answer_choose(cat: Catalogue) -> Answer:
    body = (
        f"Par défaut, proposez {cat.offres['payplug'].nom} ; {cat.offres['sp_plus'].nom} peut répondre si Payplug "
        "ne convient pas.\nLa commercialisation des solutions e-commerce est prise en charge par un CIF "
        "(Chargé d’Ingénierie Flux), qui réalise le diagnostic des besoins du client.\n"
        f"• {cat.offres['payplug'].nom} : {cat.offres['payplug'].definition}.\n"
        f"• {cat.offres['sp_plus'].nom} : {cat.offres['sp_plus'].definition}."
    )
    return Answer(_with_source(cat, body, "choisir", "site_ecommerce"),
                  buttons=[("Lancer un diagnostic", "/start_diagnostic")])


def answer_no_website(cat: Catalogue) -> Answer:
    jpel, vad, iz = cat.offres["jpel"], cat.offres["vad"], cat.offres["iz_ecommerce"]
    body = (
        f"Sans site internet, proposez {jpel.nom} : pas de site nécessaire, et le porteur saisit lui-même "
        "les coordonnées de sa carte sur une page sécurisée.\n"
        f"Un {vad.nom} est possible mais déconseillé : la transaction peut être contestée par le porteur et "
        "c’est alors le commerçant qui supporte le risque d’impayé.\n"
        f"Si le client veut créer un site : {iz.nom}."
    )
    return Answer(_with_source(cat, body, "sans_site", "creation_site"), offre="jpel")


def answer_vad(cat: Catalogue) -> Answer:
    vad, jpel = cat.offres["vad"], cat.offres["jpel"]
    body = (
        "La CECAZ déconseille le contrat VAD : la transaction peut être contestée par le porteur de la carte, "
        "et c’est alors le commerçant qui supporte le risque d’impayé.\n"
        f"Avec la VAD, {vad.definition}.\n"
        f"À la place, proposez {jpel.nom} : la souplesse de la vente à distance (pas de site nécessaire) avec la "
        "sécurité d’un paiement sur internet (le porteur saisit lui-même ses coordonnées sur une page sécurisée)."
    )
    return Answer(_with_source(cat, body, "sans_site"), offre="vad")


def answer_site_creation(cat: Catalogue) -> Answer:
    iz = cat.offres["iz_ecommerce"]
    body = (
        f"Pour créer un site e-commerce, la CECAZ propose {iz.nom} : {iz.definition}.\n"
        f"Tarification : {iz.tarification}\nSupport : {iz.support}\n"
        "Le détail de l’offre est sur une page vers laquelle pointe le document de référence (lien non repris ici) : "
        "votre CIF peut vous la communiquer."
    )
    return Answer(_with_source(cat, body, "creation_site", "tarification", "assister"), offre="iz_ecommerce")


# --- mise en place --------------------------------------------------------------------------

def answer_open_services(cat: Catalogue, offre: Optional[str]) -> Answer:
    cif = cat.roles["cif"]
    body = (
        "Tout part du diagnostic des besoins du client par un CIF ; les contrats à ouvrir dépendent du besoin.\n"
        + "\n".join(f"• Le CIF {m}." for m in cif.missions[1:3])
        + "\n• Quand un Lead Monexpert est nécessaire, l’ATC peut le saisir si le réseau le souhaite."
    )
    if offre and offre in cat.offres and cat.offres[offre].contractant:
        body += "\n\n" + _contracts_body(cat, offre)
    return Answer(_with_source(cat, body, "ouvrir"), offre=offre)


def _contracts_body(cat: Catalogue, offre: str) -> str:
    o = cat.offres[offre]
    if not o.contrats:
        head = f"{o.nom} : aucun contrat monétique à ouvrir côté BPCE."
    else:
        head = f"{o.nom} : " + " et ".join(cat.contrats[c].nom for c in o.contrats) + "."
    details = [o.contractant, o.note_contrats, o.fonds]
    return head + "\n" + "\n".join(d for d in details if d)


def answer_contracts(cat: Catalogue, offre: str) -> Answer:
    if offre == "vad":
        return answer_vad(cat)
    return Answer(_with_source(cat, _contracts_body(cat, offre), "ouvrir", cat.offres[offre].source), offre=offre)


def answer_funds(cat: Catalogue, offre: str) -> Answer:
    o = cat.offres[offre]
    if o.fonds:
        return Answer(_with_source(cat, o.fonds, "ouvrir"), offre=offre)
    payplug = cat.offres["payplug"].fonds or ""
    body = (f"Le document de référence ne précise pas comment les encaissements arrivent pour {o.nom} ; "
            f"votre CIF pourra vous répondre. (Pour Payplug : {payplug[:1].lower()}{payplug[1:]})")
    return Answer(_with_source(cat, body, "ouvrir"), offre=offre)


def answer_role(cat: Catalogue, role: Optional[str]) -> Answer:
    keys = [role] if role else list(cat.roles)
    body = "\n".join(f"• {cat.roles[k].nom} : " + " ; ".join(cat.roles[k].missions) + "." for k in keys)
    return Answer(_with_source(cat, body, "ouvrir", "tarification"))


def answer_tool(cat: Catalogue, outil: Optional[str]) -> Answer:
    keys = [outil] if outil else list(cat.outils)
    body = "\n".join(f"• {cat.outils[k].nom} : {cat.outils[k].role}." for k in keys)
    return Answer(_with_source(cat, body, *[cat.outils[k].source for k in keys]))


# --- tarification ---------------------------------------------------------------------------

def answer_pricing_overview(cat: Catalogue) -> Answer:
    """Qui tarifie, offre par offre, sans qu'une offre soit nommée (« qui établit la tarification de
    l'acceptation ? ») : section « Quelle tarification ? » du document."""
    o, t = cat.offres, cat.tarification
    body = (
        "La tarification dépend de l’offre :\n"
        f"• {o['payplug'].nom} : {o['payplug'].tarification}\n"
        f"• {o['iz_ecommerce'].nom} : {o['iz_ecommerce'].tarification}\n"
        f"• {o['sp_plus'].nom} et {o['jpel'].nom} : {t.acquisition} {t.acceptation}\n"
        f"• Simulateurs : {cat.outils['simuleasy'].nom}, {cat.outils['simuleasy'].role} ; "
        f"{cat.outils['simulupi'].nom}, {cat.outils['simulupi'].role}.\n"
        f"• L’application de la tarification respecte le schéma délégataire (page {t.schema_delegataire_page}) ; "
        f"la simulation est ensuite déposée dans {cat.outils[t.simulation_depot].nom}.\n"
        f"• AMEX et chèques-vacances ANCV : {cat.affiliation.tarification}"
    )
    return Answer(_with_source(cat, body, "tarification"))


def answer_pricing(cat: Catalogue, offre: Optional[str]) -> Answer:
    if not offre:
        return answer_pricing_overview(cat)
    o = cat.offres[offre]
    if offre == "vad":
        return answer_vad(cat)
    body = f"Tarification {o.nom} : {o.tarification}"
    if not o.tarifs_connus:
        who = {"payplug": "Payplug", "iz_ecommerce": "IZ eCommerce"}.get(offre, "votre CIF")
        body += f"\nLe document ne donne pas de grille tarifaire : c’est {who} qui peut la communiquer."
    return Answer(_with_source(cat, body, "tarification"), offre=offre)


def answer_simulator(cat: Catalogue, carte: Optional[str]) -> Answer:
    if carte and cat.cartes[carte].affiliation_directe:
        return answer_affiliation(cat, carte)
    t = cat.tarification
    easy, upi = cat.outils["simuleasy"], cat.outils["simulupi"]
    simulateur = cat.cartes[carte].simulateur if carte else None
    if carte and simulateur:
        body = f"Pour {cat.cartes[carte].nom} : {cat.outils[simulateur].nom}."
    else:
        body = "Deux simulateurs de rentabilité :"
    body += (f"\n• {easy.nom} : {easy.role}.\n• {upi.nom} : {upi.role}.\n{t.acquisition}\n"
             f"La simulation doit respecter le schéma délégataire (page {t.schema_delegataire_page}) "
             f"puis être déposée dans {cat.outils[t.simulation_depot].nom}.")
    return Answer(_with_source(cat, body, t.source))


def answer_simulation_filing(cat: Catalogue) -> Answer:
    t = cat.tarification
    body = (f"La simulation doit être déposée dans {cat.outils[t.simulation_depot].nom}, après application de la "
            f"tarification dans le respect du schéma délégataire (page {t.schema_delegataire_page}).")
    return Answer(_with_source(cat, body, t.source))


def answer_delegation(cat: Catalogue) -> Answer:
    t = cat.tarification
    body = (f"L’application de la tarification doit respecter le schéma délégataire (voir sa page "
            f"{t.schema_delegataire_page}). Le document de référence y renvoie par un lien qui n’est pas repris "
            "ici et n’en détaille pas les seuils : demandez-le à votre CIF.\n"
            f"La simulation est ensuite déposée dans {cat.outils[t.simulation_depot].nom}.")
    return Answer(_with_source(cat, body, t.source))


def answer_affiliation(cat: Catalogue, carte: Optional[str]) -> Answer:
    a = cat.affiliation
    direct = [k for k, c in cat.cartes.items() if c.affiliation_directe]
    if carte and not cat.cartes[carte].affiliation_directe:
        return answer_simulator(cat, carte)
    names = cat.cartes[carte].nom if carte else " et ".join(cat.cartes[k].nom for k in direct)
    body = f"{names} : affiliation en direct par le client.\n{a.procedure}\n{a.tarification}"
    return Answer(_with_source(cat, body, a.source))


# --- conversation ---------------------------------------------------------------------------

def answer_capabilities(cat: Catalogue) -> Answer:
    body = (
        "Je réponds aux questions des collaborateurs CECAZ sur l’encaissement des cartes à distance : "
        f"quelle solution proposer ({', '.join(cat.offres[o].nom for o in OFFER_CHOICES)}), pourquoi éviter la VAD, "
        "comment ouvrir les services et qui fait quoi, la tarification et les simulateurs, AMEX et ANCV, "
        "et les contacts de support avec leurs horaires. Je peux aussi mener un diagnostic pour choisir l’offre."
    )
    return Answer(body, buttons=example_buttons())


def example_buttons() -> List[Button]:
    return [
        ("Payplug ou SP+ ?", "/ask_choose_offer"),
        ("Client sans site : comment encaisser ?", "/ask_no_website"),
        ("Numéro de l’assistance SP+", '/ask_phone{"offer":"sp_plus"}'),
        ("Aide-moi à choisir", "/start_diagnostic"),
    ]
