"""Questions fermées : « oui » ou « non » d'abord, le détail ensuite (issue 11, « yes/no questions are answered
yes or no first »).

Le oui ou le non n'est jamais écrit ici : il se lit dans un champ du catalogue (les contrats d'une offre,
`catalogue/offres.yml`) ou dans la réponse composée (le rôle qu'elle nomme d'abord) ; quand ni l'un ni
l'autre ne tranche, pas de verdict, la réponse seule. Fonctions pures, testées sans Rasa
(tests/unit/test_verdicts.py)."""

from __future__ import annotations

import re
from typing import Callable, List, Optional, Sequence, Tuple

from cecaz.aspects import (
    BY_DEFAULT,
    IT_IS_X_WHO,
    WORKS_FOR,
    asks_obligation,
    asks_rule,
    contract_only_qualifies,
    goes_through_us,
    names_the_doer,
)
from cecaz.catalogue import ENTITY_KINDS, ENTITY_SECTIONS, Catalogue, EntityKind, per_catalogue
from cecaz.contact_lines import DEPENDS_ON_THE_LINE
from cecaz.doers import actors_in, opens_on_a_verdict, who_does_it
from cecaz.phrasing import COORDINATE_FAMILIES, Answer, Question, lead_lines
from cecaz.reported import reported
from cecaz.textnorm import OPENING, content_words, fold, has_question_word, the_question_itself, without_describing_who
from cecaz.when import asks_a_delay

CONTRACT = "contrat"  # point d'une question fermée : « faut ouvrir un contrat pour Payplug ? »
SITE = "site"  # « il faut un site pour JPEL ? » (cecaz.focus.needs_a_site)
SIMULATION = "simulation"  # « faut faire une simu pour Payplug ? »
WITHOUT_SITE = "sans_site"  # « client sans site, SP+ ça le fait ? » (cecaz.focus.fits_without_site)

# « ça passe par un contrat chez nous ? », « ça implique de signer un contrat ? » : the way there, not only « faut »
_CONTRACT_NEED = re.compile(r"\b(?:faut|faudrait|doit|dois|devons|doivent|besoin|necessaire|obligatoire|"
                            r"ouvr\w*|y a|il y a|a ouvrir|pass\w* (?:\w+ )?par|necessite\w*|"
                            r"impliqu\w*|suppose|exige|sign\w*)\b.*\bcontrat|\bcontrat\w*\b.*\b(?:a ouvrir|necessaire|"
                            # « et les contrats sont ouverts chez BPCE ? »
                            r"(?:sont|est|seront|sera) (?:bien )?(?:ouverts?|signes?)|"
                            r"obligatoire|requis|faut)\b"
                            # « et pas de contrat VAD en plus, si ? » : a contract said to be needed on top, or not
                            r"|^(?:(?:et|mais|donc|dc) )?(?:pas|aucun) (?:de |d )?contrats?\b"
                            r"|\bcontrats? \w+ en plus\b")


# « il faut un paramétrage dans OSC ? » : OSC is where the contracts are set up, so whether there are contracts
_SETUP_NEED = re.compile(r"\b(?:faut|faudrait|doit|dois|besoin|necessaire|obligatoire|y a)\b.*\bparametr\w*|"
                         r"\bparametr\w*\b.*\b(?:a faire|necessaire|obligatoire|requis|faut)\b")
# « faut faire une simu pour la tarif ? », « ça passe par un simulateur ? »
_SIMULATION_NEED = re.compile(r"\b(?:faut|faudra|faudrait|doit|dois|devons|besoin|necessaire|obligatoire|passe par|"
                              r"passer par|fai[ts]|faire)\b.*\bsimu(?:l\w*)?\b|"
                              r"\bsimu(?:l\w*)?\b.*\b(?:faut|necessaire|obligatoire|requise?|a faire)\b")


def asks_if_simulation_needed(text: str) -> bool:
    """« et faut faire une simu pour la tarif ? », « ça passe par un simulateur ? » : whether the offer's pricing
    goes through a profitability simulation (closed question)."""
    return is_closed(text) and bool(_SIMULATION_NEED.search(fold(text)))


def is_closed(text: str) -> bool:
    """« faut ouvrir un contrat chez nous ? » est fermée ; « quel contrat ouvrir ? » ne l'est pas ; « une ligne pour
    les contrats JPEL qui coincent ? » l'est (le « qui » décrit, `without_describing_who`)."""
    return not has_question_word(without_describing_who(text)) or names_the_doer(text)


def asks_if_contract_needed(text: str) -> bool:
    """« pour Payplug faut ouvrir un contrat monétique chez nous ? », « SP+ il y a un contrat à ouvrir ? »."""
    # « pour un contrat JPEL, faut une simu ? » : the contract only says which; the simulation is asked.
    # (« avant la signature, le CIF doit faire une simu pour un contrat JPEL ? » : the moment before asks nothing)
    asked = the_question_itself(text)
    folded = fold(asked)
    return is_closed(text) and bool(_CONTRACT_NEED.search(folded) or _SETUP_NEED.search(folded)) \
        and not contract_only_qualifies(asked)


# « et en SP+, il en faut un ? », « faut en ouvrir un aussi ? », « y en a une ? » : one of the things the answer before
# was about (folded text)
_ONE_OF_THEM = re.compile(r"\b(?:(?:il )?(?:en faut|faut en (?:ouvrir|signer|faire|avoir)|y en a|en a|en ouvre|"
                          r"en signe)\w*(?: (?:il|elle|t il|t elle))? (?:un|une)|en (?:faut|a) (?:aussi|egalement))\b")


def asks_for_one_of_them(text: str) -> bool:
    """« et en SP+, il en faut un ? » after an answer on contracts : whether one is needed for that subject too (the
    thing is in the answer before, « en » takes it up)."""
    return is_closed(text) and bool(_ONE_OF_THEM.search(fold(text)))


def contract_verdict(cat: Catalogue, offre: Optional[str]) -> Optional[str]:
    """« Oui. » si le document cite des contrats à ouvrir côté BPCE pour l'offre, « Non. » s'il dit qu'il n'y en a
    aucun (Payplug, « full service ») ; None quand il n'en dit rien (IZ eCommerce, VAD) : section « Comment ouvrir
    les services ? »."""
    if not offre or offre not in cat.offres or cat.offres[offre].contrats is None:
        return None
    return cat.say("verdict.oui" if cat.offres[offre].contrats else "verdict.non")


_NOT_ALWAYS = re.compile(r"\b(?:pas systematique|pas obligatoire|n est pas necessaire)\b")
# « la simu faut la déposer dans MyGed ? », « je dois la déposer ? » : a closed question on what must be done.
_MUST_ASKED = re.compile(r"\b(?:faut|faudrait|dois|doit|doivent|devons|devez)\b")
_MUST = re.compile(r"\b(?:doit|doivent|demande de|exige)\b")
_US = re.compile(r"\b(?:nous|on|la caisse|la cecaz|chez nous)\b")
_OURSELVES = re.compile(r"(?:nous|la caisse|la cecaz|la banque)")
# « on intervient… ? », « nous on négocie… ? » : we do something (not « son compte chez nous », where it happens)
_WE_DO = re.compile(r"(?<!chez )(?<!pour )(?<!a )(?<!avec )\b(?:nous|on)\b")
_WE_STAY_OUT = re.compile(r"\bn interv\w* pas\b|\bcote bpce\b.*\baucun|\baucun\b.*\bcote bpce\b")


# « l'ATC doit saisir un lead à chaque fois ? » : the words of the rule asked, not of the thing it is about.
_RULE_WORDS = frozenset("""chaque fois obligatoire obligatoirement oblige obligee obliges obligees systematique
systematiquement toujours vraiment faut faudrait doit dois doivent devons devez tout tous temps coups meme aussi
bien""".split())
# « il le fait à chaque fois ? », « il s'en occupe systématiquement ? » : a verb that stands for the answer's action.
_PRO_VERBS = frozenset("fait faire fais font occup charg gere".split())  # first five letters
# « Quand un Lead Monexpert est nécessaire, l'ATC peut le saisir si le réseau le souhaite » : only in some cases.
_ONLY_WHEN = re.compile(r"\b(?:quand|si|lorsqu\w*)\b.*\b(?:necessaire|souhaite\w*|besoin)\b")
# « à tous les coups ? », « dans tous les cas ? » : always, in other words than the rule's.
_ALWAYS = re.compile(r"\b(?:a tous les coups|dans tous les cas|sans exception)\b")


def _said_only_when(text: str, answer: Answer) -> bool:
    """Whether a sentence of the answer holds everything the message names and says it is done only in some cases;
    a message that names nothing but a pro-verb (« il le fait à chaque fois ? ») asks it of the answer's first
    statements."""
    claim = {w[:5] for w in content_words(text) if w not in _RULE_WORDS}
    if not claim:
        return False
    if claim <= _PRO_VERBS:
        return any(_ONLY_WHEN.search(s) for s in _SENTENCES.split(fold(lead_lines(answer))))
    return any(claim <= {w[:5] for w in content_words(s)} and _ONLY_WHEN.search(s) for s in _sentences(answer))


# « il peut saisir le lead sans que le réseau le demande ? » : done without the condition the document sets.
_WITHOUT = re.compile(r"\bsans (?:que |qu )?(?P<condition>.+)$")
_CONDITION_CLAUSE = re.compile(r"\b(?:si|quand|lorsqu\w*)\b(?P<clause>.*)")


def _done_without_its_condition(text: str, answer: Answer) -> bool:
    """Whether the message asks if something is done without a condition (« sans que le réseau le demande ») that a
    sentence of the answer sets for it (« … l'ATC peut le saisir si le réseau le souhaite »)."""
    folded = fold(text)
    without = _WITHOUT.search(folded)
    if without is None:
        return False
    condition = {w[:5] for w in content_words(without.group("condition")) if w not in _RULE_WORDS}
    claim = {w[:5] for w in content_words(folded[:without.start()]) if w not in _RULE_WORDS}
    for sentence in _sentences(answer):
        clause = _CONDITION_CLAUSE.search(sentence)
        if clause and claim and claim <= {w[:5] for w in content_words(sentence)} \
                and condition & {w[:5] for w in content_words(clause.group("clause"))}:
            return True
    return False


def asks_unconditionally(text: str) -> bool:
    """« il le fait à chaque fois ? », « c'est systématique ? », « … sans que le réseau le demande ? » : the message
    asks whether something is always done, which the conditions the answer states settle before who does it."""
    return asks_rule(text) or bool(_WITHOUT.search(fold(text)) or _ALWAYS.search(fold(text)))


def obligation_verdict(cat: Catalogue, text: str, answer: Answer) -> Optional[str]:
    """« on est obligés de déposer la simu dans MyGed ? », « faut la déposer dans MyGed ? », « c'est systématique ? » :
    « Oui. » quand la réponse énonce la règle avec « doit » (« La simulation doit être déposée dans MyGed »), « Non. »
    quand elle dit que ce n'est pas systématique, ou qu'une de ses phrases met la condition dont le message demande s'il
    se passe (« … sans que le réseau le demande ? » : « … si le réseau le souhaite ») ; None pour une autre question
    ou une réponse qui ne tranche pas."""
    if not (asks_obligation(text) or asks_unconditionally(text) or _MUST_ASKED.search(fold(text))) \
            or has_question_word(text):
        return None
    lead = fold(lead_lines(answer))
    if _NOT_ALWAYS.search(lead) or _said_only_when(text, answer) or _done_without_its_condition(text, answer):
        return cat.say("verdict.non")
    return cat.say("verdict.oui") if _MUST.search(lead) else None


# « le TPE qu'il loue chez nous », « son compte chez nous » : something of ours, not something we do (folded text)
_OURS = re.compile(r"\b(?:lou\w*|comptes?|tpe|terminal|terminaux|materiel)\b(?: \w+){0,3}? chez nous\b")


def asks_about_us(text: str) -> bool:
    """« on intervient dans la négo des frais ? », « la CECAZ s'en occupe ? » : a closed question on what the CECAZ
    does (`us_verdict` answers it from the answer's words)."""
    return is_closed(text) and bool(_US.search(fold(text)))


def us_verdict(cat: Catalogue, text: str, answer: Answer) -> Optional[str]:
    """« les frais AMEX, c'est nous qui les négocions ? » : « Non. » quand la réponse dit que la CECAZ n'y intervient
    pas (« la CECAZ n'intervient pas dans cette négociation ») ; None sinon."""
    it_is = IT_IS_X_WHO.search(fold(text))
    if has_question_word(text) and not (it_is and _OURSELVES.fullmatch(it_is.group("who"))):
        return None
    if not _US.search(_OURS.sub(" ", fold(text))):
        return None
    # « et on n'intervient pas du tout dans la négociation ? » after Payplug's pricing: a company does it, not us (when
    # the message names no one else: « payplug on le met par défaut ? » asks about the offer)
    someone_else = any(key.startswith(("role:", "org:")) for _, key in actors_in(cat, text))
    outside = bool(_WE_DO.search(fold(text))) and not cat.find_in_text("offer", text) and not someone_else \
        and (who_does_it(cat, text, answer.text) or "").startswith("org:")
    return cat.say("verdict.non") if _WE_STAY_OUT.search(fold(answer.text)) or outside else None


# « le CIF la fait tout seul ? », « sans l'accord du réseau ? » : done alone (not « le seul simulateur »)
_ALONE = re.compile(r"\b(?:tout seul|toute seule|tous seuls|(?<!le )(?<!la )(?<!les )(?<!un )(?<!une )seule?s?|"
                    r"en solo|sans (?:l |le |la )?(?:accord|avis|validation))\b")
_AGREED_WITH = re.compile(r"\ben accord avec\b")


def asks_if_alone(text: str) -> bool:
    """« le CIF la fixe seul ? », « sans l'accord du réseau ? » : une question fermée sur une chose faite seul (pas
    « seul ou avec le réseau ? », un choix)."""
    folded = fold(text)
    return is_closed(text) and bool(_ALONE.search(folded)) and not re.search(r"\bou\b", folded)


def alone_verdict(cat: Catalogue, text: str, answer: Answer) -> Optional[str]:
    """« la tarif d'un contrat JPEL, le CIF la fait tout seul ? », « et il la valide tout seul ? » après le simulateur
    d'une carte : « Non. » quand la réponse dit avec qui la chose est faite (« en accord avec le réseau », section
    « Quelle tarification ? » : le document ne le dit que de la tarification du CIF) ; None sinon, et pour « seul ou
    avec le réseau ? » (un choix, que la réponse tranche)."""
    if not asks_if_alone(text):
        return None
    return cat.say("verdict.non") if _AGREED_WITH.search(fold(answer.text)) else None


def staff_line_verdict(cat: Catalogue, contacts: Sequence[str]) -> Optional[str]:
    """« et moi je peux leur écrire ? », « on s'en sert aussi en interne ? » (identifiants des lignes du focus) :
    « Oui. » quand le document réserve toutes ces lignes aux collaborateurs ou les donne « pour les clients et la
    CECAZ » (`public`, `cecaz_aussi` du catalogue, section « Comment assister mon client ? ») ; None sinon, la ligne
    dit elle-même son public."""
    lines = [cat.contacts[c] for c in contacts if c in cat.contacts]
    if not lines or not all(c.serves_staff for c in lines):
        return None
    shared = [cid for cid in contacts if cid in cat.contacts and cat.contacts[cid].cecaz_aussi]
    # a client line the staff may use too: say so, the line's label only says « à communiquer au client »
    return cat.say("public.aussi_cecaz", lignes=shared) if shared else cat.say("verdict.oui")


def for_staff_verdict(cat: Catalogue, contacts: Sequence[str]) -> Optional[str]:
    """« c'est un numéro pour nous ? », « c'est une ligne interne ? » (identifiants des lignes du focus) : « Oui,
    réservé aux collaborateurs… » pour des lignes internes, « Oui : le document donne … « pour les clients et la
    CECAZ » » pour une ligne qui sert aussi la CECAZ, « Non : …, à communiquer au client » sinon (section « Comment
    assister mon client ? ») ; None sans ligne."""
    lines = [cid for cid in contacts if cid in cat.contacts]
    if not lines:
        return None
    if all(cat.contacts[cid].internal for cid in lines):
        return cat.say("public.interne_oui", lignes=lines)
    if internal := [cid for cid in lines if cat.contacts[cid].internal]:
        # « aucun des deux n'est interne ? » after Payplug's two lines: one is
        return cat.say("public.interne_en_partie", internes=internal,
                       lignes=[cid for cid in lines if cid not in internal])
    if shared := [cid for cid in lines if cat.contacts[cid].cecaz_aussi]:
        return cat.say("public.aussi_cecaz", lignes=shared)
    return cat.say("public.client_seulement", lignes=lines)


def only_staff_verdict(cat: Catalogue, contacts: Sequence[str]) -> Optional[str]:
    """« c'est que pour nous ce num ? » (identifiants des lignes du focus) : « Oui, réservé aux collaborateurs… » pour
    des lignes internes, « Non : le document donne … « pour les clients et la CECAZ » » pour une ligne qui sert aussi
    la CECAZ, « Non : …, à communiquer au client » sinon (section « Comment assister mon client ? ») ; None sans
    ligne."""
    shared = [cid for cid in contacts if cid in cat.contacts and cat.contacts[cid].cecaz_aussi]
    return cat.say("public.pas_que_clients", lignes=shared) if shared else for_staff_verdict(cat, contacts)


def only_clients_verdict(cat: Catalogue, contacts: Sequence[str]) -> Optional[str]:
    """« c'est uniquement pour les clients ? » (identifiants des lignes citées) : « Non : le document donne … « pour les
    clients et la CECAZ » » pour une ligne qui sert aussi la CECAZ (`cecaz_aussi`), « Non, réservé… » pour une ligne
    interne, « Oui, à communiquer au client… » sinon (section « Comment assister mon client ? ») ; None sans ligne."""
    lines = [cid for cid in contacts if cid in cat.contacts]
    if not lines:
        return None
    if shared := [cid for cid in lines if cat.contacts[cid].cecaz_aussi]:
        return cat.say("public.pas_que_clients", lignes=shared)
    if internal := [cid for cid in lines if cat.contacts[cid].internal]:
        return cat.say("public.non", lignes=internal)
    return cat.say("public.oui", lignes=lines)


_FREE = re.compile(r"\bgratuit|\bcoute\w* rien\b")


def call_cost_verdict(cat: Catalogue, text: str, lines: Sequence[str]) -> Optional[str]:
    """« le service clients c'est payant ? », « il est gratuit ? » (`lines` : identifiants des lignes visées) :
    « Oui. » payant ou « Non. » pas gratuit quand une ligne a un prix d'appel dans le document (`tarif_appel`,
    section « Contacts ») ; pour des lignes sans prix, que le document ne le précise pas (et pour quelles lignes il
    le donne) ; None pour une question ouverte (« ça coûte combien ? ») sur une ligne qui a un prix."""
    known = [c for c in lines if c in cat.contacts]
    if known and not any(cat.contacts[c].tarif_appel for c in known):
        return cat.say("prix_appel.non_precise", lignes=known,
                       payantes=[cid for cid, c in cat.contacts.items() if c.tarif_appel])
    if has_question_word(without_describing_who(text)) or not known:
        return None  # (« et le num qui va avec il est payant » : « qui » describes the line, the question is closed)
    return cat.say("verdict.non" if _FREE.search(fold(text)) else "verdict.oui")


# « il y a un mail aussi ? », « ils ont un numéro ? », « il peut envoyer un mail ? » : la coordonnée existe-t-elle ?
# (« a » after its subject only: « le num à donner à un client » has none)
# (« une adresse e-mail, elle en a une ? » : « en » before the verb)
_EXISTS = re.compile(r"\b(?:y a|ya|y en a|ont|en (?:a|ont)(?! besoin)|(?:il|elle|on|ca|cela|qu il|qu elle|t|tu|"
                     r"client|commercant|support|equipe|ligne|service|payplug|assistance) as?|avez|existe\w*|peu[tx]|"
                     r"peuvent|possible|dispo\w*)\b")


_A_LINE = re.compile(r"\b(?:une|des|un) (?:autre )?(?:lignes?|contacts?|numeros?|interlocuteurs?)\b")
# « il n'y a pas d'adresse e-mail pour lui ? » : asked in the negative, a yes or no would be ambiguous
_NONE_OF_IT = re.compile(r"\bpas (?:de|d)\b")


def coordinate_verdict(cat: Catalogue, text: str, family: str, contacts: Sequence[str]) -> Optional[str]:
    """« il y a un mail aussi ? », « on a une ligne interne pour jpel ? » (`family` : la famille de la question posée,
    `contacts` : les lignes de la réponse) : « Oui. » quand une de ces lignes a cette coordonnée (ou, pour une ligne,
    quand la réponse en donne une) dans le document (section « Comment assister mon client ? ») ; None sinon (une
    coordonnée que le document ne donne pas n'est pas pour autant inexistante)."""
    field = COORDINATE_FAMILIES.get(family)
    line = family == "ask_support" and bool(_A_LINE.search(fold(text)))  # « on a une ligne interne pour jpel ? »
    if (field is None and not line) or not is_closed(text) or not _EXISTS.search(fold(text)) \
            or _NONE_OF_IT.search(fold(text)):
        return None
    found = any(line or getattr(cat.contacts[c], str(field)) for c in contacts if c in cat.contacts)
    return cat.say("verdict.oui") if found else None


_ADVISED = re.compile(r"\b(?:de)?(?:conseill\w*|recomm?[ae]nd\w*|preconis\w*)\b")  # « recommende » too
_ADVISED_AGAINST = re.compile(r"\bdeconseill\w*")


def advice_verdict(cat: Catalogue, text: str, offres: Sequence[str]) -> Optional[str]:
    """« on le conseille ? », « le VAD c'est conseillé par la CECAZ ? » (`offres` : l'offre en question) :
    « Non. » pour une offre que la CECAZ déconseille (catégorie `deconseillee`, section « Encaisser à distance sans
    site Internet »), « Oui. » à « c'est déconseillé ? » ; None pour une autre offre ou une autre question."""
    folded = fold(text)
    # « j'ai un commerçant qui tape lui-même les cartes, on conseille ça ? » : « qui » describes the merchant
    if len(offres) != 1 or offres[0] not in cat.offres or not is_closed(without_describing_who(text)) \
            or not _ADVISED.search(folded):
        return None
    if cat.offres[offres[0]].categorie != "deconseillee":
        return None
    return cat.say("verdict.oui" if _ADVISED_AGAINST.search(folded) else "verdict.non")


# « SP+ en premier ? », « de base c'est payplug ? » : after an offer, a rank is the default one too
_AS_DEFAULT = re.compile(rf"{BY_DEFAULT.pattern}|\b(?:en premier|de base)\b")


def default_verdict(cat: Catalogue, text: str, offres: Sequence[str], answer: Answer) -> Optional[str]:
    """« SP+ on le propose d'office ? » (`offres` : l'offre nommée) : « Oui. » when the clause of `answer` that says
    what to propose by default names that offer, « Non. » when it names another (« Par défaut, proposez Payplug »,
    section « Comment choisir entre Payplug et SP+ ? ») ; None for another question or no such clause."""
    if len(offres) != 1 or not is_closed(text) or not _AS_DEFAULT.search(fold(text)):
        return None
    for clause in re.split(r"[.;\n]+", answer.text):
        if "defaut" in fold(clause) and (said := cat.find_in_text("offer", clause)):
            return cat.say("verdict.oui" if offres[0] in said else "verdict.non")
    return None


def works_too_verdict(cat: Catalogue, text: str, before: Sequence[str], offres: Sequence[str]) -> Optional[str]:
    """« ce numéro il marche pour SP+ aussi ? », « et pour un client Payplug ça marche aussi ? » (`before` : les lignes
    de la réponse précédente, `offres` : les offres nommées) : « Oui. » quand une de ces lignes sert une de ces offres
    (`contacts` des offres, section « Comment assister mon client ? »), « Non. » sinon ; None pour une autre question
    ou sans ligne avant."""
    if not before or not offres or not is_closed(text) or not WORKS_FOR.search(fold(text)):
        return None
    serving = {c for o in offres if o in cat.offres for c in cat.offres[o].contacts}
    return cat.say("verdict.oui" if set(before) & serving else "verdict.non")


# « le porteur peut contester un paiement fait comme ça ? », « l'ATC peut saisir le lead ? » : a closed question on
# what someone can do; its verb (first letters) is looked for in a sentence of the answer that says « peut ».
_CAN_DO = re.compile(r"\b(?:peut|peuvent|peux|pouvons|pourrait|pourraient)(?: (?:il|elle|ils|elles|on))?"
                     r"(?: (?:bien|vraiment|aussi|toujours|quand meme))?"
                     r"(?: (?:me|nous|lui|leur|le|la|les|l|s|se|en|y))*(?: etre)? (?P<verb>\w{4,})")
_SENTENCES = re.compile(r"[.;:?!\n]+")
_NEGATED_CAN = re.compile(r"\bne (?:\w+ ){0,2}?(?:pas|plus|jamais)\b|\bn \w+ (?:pas|plus|jamais)\b")


def _sentences(answer: Answer) -> list[str]:
    """The answer's sentences, each folded (split first: folding removes the punctuation that ends them)."""
    return [fold(s) for s in _SENTENCES.split(answer.text)]


# « ça fait combien ? », « quel est le montant des frais ? », « ça coûte combien par mois ? » : an amount of money
# (not « combien de contrats », « tous les combien », nor a delay: `cecaz.when.asks_a_delay`; folded text)
_AMOUNT_ASKED = re.compile(r"(?<!tous les )\bcombien\b(?! (?:de|d)\b)|\bcombien (?:de|d) (?:frais|euros?)\b|"
                           r"\b(?:quel|quels|quelle|quelles) (?:est |sont )?(?:le |les |la )?(?:montant|prix|cout|"
                           r"frais|commission)s?\b|\bmontants?\b|"
                           r"\b(?:ca|cela|il|elle|ils|elles) (?:coute|coutent|revient|reviennent)\b")
_AMOUNT_GIVEN = re.compile(r"\d\s*(?:€|euros?\b)")


def amount_verdict(cat: Catalogue, text: str, answer: Answer) -> Optional[str]:
    """« Et les frais d'impayé facturés au commerçant, ça fait combien ? » : the document gives no amount but the call
    price of one line (`sources.yml`, silences `grilles_tarifaires`, `prix_appel_absent`) ; said first when the
    message asks an amount of money and the answer gives none (nor says already that there is no price list)."""
    folded = fold(text)
    if not _AMOUNT_ASKED.search(folded) or asks_a_delay(text) or _AMOUNT_GIVEN.search(answer.text) \
            or cat.say("tarification.sans_grille") in answer.text:
        return None
    return cat.say("tarification.aucun_montant")


def can_verdict(cat: Catalogue, text: str, answer: Answer) -> Optional[str]:
    """« le porteur peut contester un paiement fait comme ça ? » : « Oui. » quand une phrase de la réponse dit que
    cela se peut (« une transaction de ce type peut être contestée par le porteur ») sans le nier ; None sinon (la
    réponse ne tranche pas, ou une question ouverte)."""
    asked = _CAN_DO.search(fold(text))
    if asked is None or has_question_word(text):
        return None
    stem = re.compile(rf"\b{asked.group('verb')[:5]}")
    # « je vous dirai s'il peut être donné » : an indirect question, not a sentence saying it can
    said = [s for s in _sentences(answer)
            if re.search(r"\b(?<!s il )(?<!si )peu(?:t|vent)\b", s) and stem.search(s)]
    return cat.say("verdict.oui") if said and not any(_NEGATED_CAN.search(s) for s in said) else None


# « donc Payplug verse tous les jours, c'est ça ? », « si je comprends bien il faut la déposer dans MyGed ? » : a fact
# said back for confirmation.
_RESTATES = re.compile(r"^(?:ok |bon |d accord |ah )?(?:donc|alors|du coup|en gros|bref|si je comprends bien|"
                       r"si j ai bien compris)\b|\b(?:c est (?:bien )?ca|c est bien le cas|c est exact|c est correct|"
                       r"n est ce pas|on est d accord|j ai bon|(?<!ou )non|hein|ok)\s*$")
# Another way of saying what the document says: the document's word.
_SAME_MEANING = (
    (re.compile(r"\b(?:tous les jours|chaque jour|journali\w*|quotidien\w*)\b"), "quotidien"),
    (re.compile(r"\b(?:vers\w*|vire|virent|virement\w*|reverse\w*)\b"), "virement"),
    # (« l'argent de ses ventes » : what his sales bring in)
    (re.compile(r"\b(?:argent|fonds|sous|paiements?|encaissements?|ventes|recettes)\b"), "encaissement"),
    # (« il le reçoit tous les jours », « il touche l'argent chaque jour » : what reaches his account)
    (re.compile(r"\b(?:arriv\w*|tomb\w*|atterri\w*|apparai\w*|recoi\w*|recev\w*|touche\w*|percoi\w*|"
                r"percev\w*)\b"), "apparaissent"),
    (re.compile(r"\b(?:quand|lorsqu\w*|des que)\b"), "si"),  # « SP+ c'est quand Payplug ne convient pas » : a condition
    # « si payplug va pas », « s'il colle pas à ses besoins » : does not suit him
    (re.compile(r"\b(?:va|vont|irait|colle\w*|correspond\w*|plai\w*)\b(?= (?:\w+ )?(?:pas|plus)\b)"), "convient"),
    # (« le TPE qu'il loue chez nous » : the document's « nos TPE », « notre matériel »)
    (re.compile(r"\b(?:chez nous|chez la cecaz|a la cecaz|a la caisse|chez la caisse|nos|notre)\b"), "cecaz"),
    (re.compile(r"\b(?:lou\w*|location)\b"), "location"),
    # « à condition d'y charger le logiciel » : the document's « sous réserve du chargement du logiciel »
    (re.compile(r"\b(?:a condition (?:de|d|que|qu)|sous reserve (?:de|du|des|d))\b"), "reserve"),
    (re.compile(r"\b(?:mettre|mets|met|mettent|deposer|depose\w*|poser|pose)\b"), "deposee"),  # the simulation
    (re.compile(r"\b(?:apres|ensuite|puis)\b"), "ensuite"),
    # « l'ANCV lui donnera un numéro ? » : the document's « lui fournit un numéro d'affilié »
    (re.compile(r"\b(?:donne\w*|attribu\w*|remet\w*|remis\w*|delivr\w*|fourni\w*)\b"), "fournit"),
    # « c'est le CIF qui fixe ses tarifs » : the document's « établit la tarification »
    (re.compile(r"\b(?:fixe\w*|defini\w*|determine\w*|etabli\w*)\b"), "etablit"),
)
_SAYS_IT_BACK = frozenset("donc alors coup gros bref comprends compris exact correct accord bien vraiment aussi "
                          "toujours juste".split())
# « il la fait en direct ? », « le client fait la demande en direct ? » : a subject and what follows it
# (« les encaissements arrivent tous les jours », « l'argent arrive sur son compte » : a fact of the document)
# (the roles as the catalogue names them: `_subject_verb`)
_SUBJECT_NOUN = "client|cliente|commercant|marchand|porteur|encaissement|argent|fonds|simu|simulation|tarification|" \
    "demande|sous"


# « Payplug est bien une filiale de BPCE ? » : an offer named first, then one of these verbs (not « payplug numéro ? »)
_OFFER_VERB = "est|sont|a|ont|fait|font|peut|peuvent|doit|doivent|verse|versent|gere|gerent|propose|proposent|" \
    "accepte|acceptent|permet|prend|marche|fonctionne|convient|demande|exige|necessite|assure|heberge|fournit|" \
    "offre|inclut|comprend|reste|appartient|depend|fait partie"


@per_catalogue
def _subject_verb(cat: Catalogue) -> re.Pattern[str]:
    """A subject then a verb (« il la fait », « le client fait ») in folded text, the subject a pronoun, the merchant,
    money, a request, a role of `catalogue/mise_en_place.yml` (« le CIF la monte ? », « l'agence signe ? ») or a card's
    organisation (« l'ANCV lui donnera un numéro ? »); or an offer of `catalogue/offres.yml` or a card's organisation
    first in the message, after its opening connectors, then a verb (« et SP+ est bien une offre Payplug ? », « AMEX lui
    fournira un numéro ? »)."""
    def names(kind: EntityKind) -> str:
        folded = {fold(form) for forms in cat.aliases(kind).values() for form in forms} - {""}
        return "|".join(re.escape(n) for n in sorted(folded, key=len, reverse=True))
    return re.compile(rf"\b(?:il|elle|ils|elles|on|c est|ca|(?:le|la|les|l|mon|ma|mes|notre|nos|son|sa|ses|leur|"
                      rf"leurs) (?:{_SUBJECT_NOUN}|{names('role')}|{names('card')})s?)\b \w+"
                      rf"|^{OPENING}(?:l |le |la )?(?:{names('offer')}) (?:bien |aussi |vraiment )?(?:{_OFFER_VERB})\b"
                      # « et AMEX lui fournira un numéro ? » : a card's organisation first, without its article
                      rf"|^{OPENING}(?:l |le |la )?(?:{names('card')}) (?:bien |aussi |vraiment )?"
                      rf"(?:(?:lui|leur) \w+|{_OFFER_VERB})\b"
                      # « les virements tombent chaque jour » (not « le virement quotidien ? », which asks for it)
                      r"|\b(?:les|ses|leurs|ces) (?:virements|paiements) (?:arriv|tomb|vienn|apparai|part)\w*")


_NEGATION = re.compile(r"\b(?:ne|n) (?:\w+ ){0,2}?(?:pas|plus|jamais)\b|\baucun\w*|\bsans\b|\bpas\b")


def _stems(folded: str) -> set[str]:
    for words, word in _SAME_MEANING:
        folded = words.sub(word, folded)
    return {w[:5] for w in content_words(folded) if w not in _SAYS_IT_BACK}


def _names_in(cat: Catalogue, text: str, answer: Answer) -> Tuple[set[str], List[Tuple[EntityKind, str]]]:
    """The message's catalogue names: the folded words of those the answer's first line names too (what the answer
    is about, « American Express (AMEX) : … »: its sentences need not repeat them), and the others (kind, key), which
    a sentence must name to say what the message says (« … avec le CIF ? »)."""
    words: set[str] = set()
    others: List[Tuple[EntityKind, str]] = []
    first_line = answer.text.split("\n", 1)[0]
    for kind in ENTITY_KINDS:
        in_answer = set(cat.find_in_text(kind, first_line))
        for key in cat.find_in_text(kind, text):
            if key in in_answer:
                words.update(cat.name_words(kind, key))
            else:
                others.append((kind, key))
    return words, others


def says_a_fact_back(cat: Catalogue, text: str) -> bool:
    """« donc Payplug verse tous les jours, c'est ça ? », « la demande d'affiliation il la fait en direct ? » : a
    closed question that says a fact back to be confirmed (a restating word, or a verb without a question word) ;
    not « le tel du support Payplug ? », which asks for it. What `confirmation_verdict` checks first, before any
    answer is composed."""
    folded = fold(text)
    return bool(_RESTATES.search(folded) or (not has_question_word(text) and _subject_verb(cat).search(folded))) \
        and is_closed(text)


def confirmation_verdict(cat: Catalogue, text: str, answer: Answer) -> Optional[str]:
    """« donc Payplug verse tous les jours, c'est ça ? », « il la fait en direct ? » : « Oui. » quand une phrase de la
    réponse, niée si le message nie et seulement alors, contient tout ce que le message affirme (ses mots, ou ceux que
    le document emploie pour eux : « tous les jours », « quotidiens ») ; « Non. » quand une phrase dit le reste avec,
    à la place de chaque nom du catalogue qu'il affirme, un autre de la même sorte (« la simu on la dépose dans
    OSC ? » : MyGed) ; None sinon — une affirmation que la réponse ne dit pas n'est ni confirmée ni contredite ici —
    et pour une réponse qui s'ouvre déjà sur son oui ou son non."""
    if not says_a_fact_back(cat, text):
        return None
    folded = fold(text)
    # « SP+ c'est si Payplug ne convient pas ? » : a negated claim is confirmed by a sentence negated as well.
    negated = bool(_NEGATION.search(_RESTATES.sub(" ", folded)))
    # « pour l'amex, la demande d'affiliation il la fait en direct ? » : the answer is about AMEX, its sentences need
    # not say it again
    names, others = _names_in(cat, text, answer)
    # « les deux simus on les dépose dans MyGed ? » : « les deux » says how many, not what is claimed
    # (« il faut la déposer dans MyGed ensuite ? » : what must be done is what is claimed, not « faut »)
    claim = _stems(" ".join(w for w in BOTH.sub(" ", _RESTATES.sub(" ", folded)).split()
                            if w not in names and w not in _VAGUE))
    if not claim or opens_on_a_verdict(answer.text):
        return None
    sentences = [s for s in _sentences(answer) if bool(_NEGATION.search(s)) == negated]
    if any(claim <= _stems(s) and all(key in cat.find_in_text(kind, s) for kind, key in others) for s in sentences):
        return cat.say("verdict.oui")
    # « la simu on la dépose dans OSC ? » : a sentence says the rest of it with another name of the same kind in the
    # place of each one the message names (MyGed)
    rest = claim - _stems(" ".join(w for kind, key in others for w in cat.name_words(kind, key)))
    swapped = others and rest and any(rest <= _stems(s) and all(
        key not in (found := cat.find_in_text(kind, s)) and found for kind, key in others) for s in sentences)
    return cat.say("verdict.non") if swapped else None


# « avec l'accord du réseau aussi ? », « par virement ? », « tous les jours ? » : a detail of the previous answer said
# back, with no verb of its own.
# Not « pour »: « et pour le client ? » asks the previous question again, for him (and `cecaz.focus.detail_checked`
# leaves « et par mail ? », a coordinate, to the lines).
# (« c tous les jours donc » : the detail after « c'est »)
_DETAIL = re.compile(rf"^{OPENING}(?:(?:c est|cest|c) )?"
                     # « sur son compte chez nous, c'est ça ? » after the funds
                     r"(?:avec|par|en|sans|via|sous|sur|chez|tous les|toutes les|chaque)\b")


def says_a_detail_back(text: str) -> bool:
    """« avec l'accord du réseau aussi ? », « tous les jours ? » : a short closed message that starts on a preposition
    or a frequency (a detail of the previous answer, no verb of its own)."""
    folded = fold(text)
    return bool(_DETAIL.match(folded)) and not has_question_word(text) and is_closed(text) \
        and len(folded.split()) <= 8


def detail_verdict(cat: Catalogue, text: str, answer: Answer) -> Optional[str]:
    """« avec l'accord du réseau aussi ? » after JPEL's pricing (« … en accord avec le réseau ») : « Oui. » when a
    detail said back (`says_a_detail_back`) has all its words, the catalogue names
    included, in one sentence of `answer`, negated only if the message is ; None otherwise (a detail the answer does
    not say is neither confirmed nor denied)."""
    if not says_a_detail_back(text) or opens_on_a_verdict(answer.text):
        return None
    folded = fold(text)
    claim = _claim_stems(folded)
    negated = bool(_NEGATION.search(folded))
    said = [s for s in _claim_sentences(answer) if claim and claim <= _claim_stems(s)
            and bool(_NEGATION.search(s)) == negated]
    return cat.say("verdict.oui") if said else None


# « pour les sites IZ eCommerce », « pour l'AMEX », « pour un client SP+ » : a name that situates the claim.
_FOR_NAME = re.compile(r"\bpour (?:(?:les?|la|l|un|une|des|mon|ma|son|sa|ce|cette|ses|nos) )?"
                       r"(?:(?:sites?|clients?|cliente|commercants?|contrats?|marchands?) )?([\w+]+(?: [\w+]+)?)")
# Words that carry no fact of the claim: verbs of doing and having, and the words that ask for a check.
_VAGUE = frozenset("""fait font faire fais faut fallait faudrait falloir doit dois doivent devait devrait devoir peut
peuvent pouvoir utilise utilisent utiliser occupe occupent occuper charge chargent gere gerent gerer passe passent
passer sont etre avoir etait cest vrai juste exact bien collegue collegues dit dire disent crois croyais semble pense
pensais eux elle elles cela besoin necessaire obligatoire oblige seulement uniquement sera seront serait
seraient aura auront aurait faite faites fera feront ferait""".split())


_QUOTED_COORDINATE = re.compile(r"\d{2}[ .]?\d{2}[ .]?\d{2}|@")


def _claim_stems(folded: str) -> set[str]:
    """Content words of a folded text, the document's word for a synonym, plural and first five letters only."""
    for words, word in _SAME_MEANING:
        folded = words.sub(word, folded)
    return {w.rstrip("s")[:5] for w in content_words(folded) if w not in _SAYS_IT_BACK and w not in _VAGUE}


# A line's labels (« (usage interne CECAZ, à ne pas transmettre au client) », « ⚠ Interne CECAZ — … · »)
# say nothing of the fact, and a name's label (« IZ eCommerce : … ») belongs to its sentence.
_LABELS = re.compile(r"\([^)]*\)|⚠[^·\n]*·")
_CLAIM_SENTENCES = re.compile(r"[.;?!\n]+")


def _claim_sentences(answer: Answer) -> list[str]:
    return [fold(s) for s in _CLAIM_SENTENCES.split(_LABELS.sub(" ", answer.text))]


def _names(cat: Catalogue, folded: str, typos: bool = False) -> set[Tuple[EntityKind, str]]:
    return {(kind, key) for kind in ENTITY_KINDS for key in cat.find_in_text(kind, folded, typos=typos)}


# « … par des virements de Payplug, et pas directement de chez nous » : what the claim sets aside, which the document's
# sentence for the claim itself excludes (folded text)
_RATHER_THAN = re.compile(r"\s(?:et (?:non )?pas|et non|mais pas|plutot que|au lieu d\w*)\b.*$")


def claim_verdict(cat: Catalogue, text: str, answer: Answer) -> Optional[str]:
    """« mon collègue dit que par défaut on propose SP+, vrai ? » : « Non. » quand une phrase de la réponse dit ce que
    dit le message (deux tiers de ses mots au moins, tous s'il n'en a que deux) avec un autre nom de la même sorte à la
    place de celui qu'il affirme (« Par défaut, proposez Payplug »), ou le nie quand il l'affirme ; « Oui. » quand elle
    le dit avec les mêmes noms, niée seulement s'il nie. None quand le message ne rapporte pas ce qu'il croit ou ce
    qu'on lui a dit, ou qu'aucune phrase ne le tranche. Les noms qui situent (avant « on m'a dit que », après « pour »)
    ne sont pas affirmés."""
    parts = reported(fold(text))
    if not parts or _QUOTED_COORDINATE.search(text):
        return None  # a number or an address quoted is judged by the line it is (cecaz.focus)
    before, claim = parts
    claim = _RATHER_THAN.sub("", claim)
    situating = _names(cat, before, typos=True)
    for found in _FOR_NAME.finditer(claim):
        situating |= _names(cat, found.group(1), typos=True)
    # « on la garde dans nos mails, pas besoin de la déposer » : a part of the claim the answer contradicts makes it
    # wrong; only the whole claim can make it right
    segments = [(reported(f) or ("", f))[1].strip() for f in map(fold, re.split(r"[,;]", text))]
    pieces = [p for p in segments if p and p in claim and p != claim.strip()]
    if len(pieces) > 1 and any(_piece_verdict(cat, piece, situating, answer) == "verdict.non" for piece in pieces):
        return cat.say("verdict.non")
    verdict = _piece_verdict(cat, claim, situating, answer)
    return cat.say(verdict) if verdict else None


# What a message believes about which line to call: « c'est le support que j'appelle », « je passe par le support ».
_WHOM_TO_CALL = re.compile(r"\b(?:appel\w*|contact\w*|joindre|joins|ecri\w*|pass\w* par|adresse\w*|"
                           r"donne\w*|file\w*|communique\w*|transmet\w*)\b")


def line_claim_verdict(cat: Catalogue, text: str, claimed: Sequence[str], given: Sequence[str]) -> Optional[str]:
    """« je crois que pour un souci de lead Payplug, c'est le support Payplug que j'appelle, c'est ça ? » (`claimed` :
    les lignes que nomme ce que le message croit, `given` : celles que la réponse donne pour la demande) : « Oui. »
    quand la réponse donne l'une d'elles, « Non. » sinon (la réponse dit laquelle appeler : section « Comment assister
    mon client ? ») ; None quand le message ne rapporte rien, ou sans ligne de part ou d'autre."""
    claim = reported(fold(text))
    if not claim or not _WHOM_TO_CALL.search(claim[1]) or not given:
        return None  # « on m'a dit que le support ferme à 17h » believes an hour, not which line to call
    if goes_through_us(claim[1]):
        return cat.say("verdict.non")  # « pour le support, il doit passer par nous » : no line of the bank is his
    if not claimed:
        return None
    return cat.say("verdict.oui" if set(claimed) & set(given) else "verdict.non")


# « ce numéro-là, c'est aussi celui qu'on appelle pour un lead ? », « il appelle ce même num ? » : the line spoken of,
# asked to be the one the request needs (folded text)
_SAME_LINE = re.compile(r"\b(?:(?:c est|cest|c|est ce) (?:aussi|bien|encore) (?:celui|celle)|"
                        r"(?:ce|cette|le|la) meme (?:numeros?|nums?|lignes?|adresses?|mails?|tels?|contacts?)|"
                        r"(?:le|la) meme (?:que|qu))\b")


def same_line_verdict(cat: Catalogue, text: str, designated: Sequence[str], given: Sequence[str]) -> Optional[str]:
    """« ce numéro-là, c'est aussi celui qu'on appelle pour remonter un lead ? » (`designated` : les lignes dont parlait
    la réponse précédente, la première d'abord ; `given` : celles que la réponse donne pour la demande) : « Oui. »
    quand la première ligne désignée en est, « Non. » sinon (la réponse dit laquelle appeler : section « Comment
    assister mon client ? ») ; None pour une autre question ou sans ligne de part ou d'autre."""
    return _line_given_verdict(cat, text, _SAME_LINE, designated[:1], given)


# « c'est bien le 08 10 00 47 24 ? », « c'est celui-là, le 09… ? » : a number or an address quoted, asked to be the
# one the question needs (folded text)
_IS_IT_THIS = re.compile(r"\b(?:c est|est ce) (?:bien |donc |toujours |encore )?(?:le|la|l|celui|celle|ce|cette)\b")


def quoted_line_verdict(cat: Catalogue, text: str, quoted: Sequence[str], given: Sequence[str]) -> Optional[str]:
    """« et le numéro à lui mettre, c'est bien le 08 10 00 47 24 ? » (`quoted` : les lignes dont le message cite le
    numéro ou l'adresse, `given` : celles que la réponse donne pour la demande) : « Oui. » quand la ligne citée en est,
    « Non. » sinon (section « Comment assister mon client ? ») ; None pour une autre question ou sans ligne de part ou
    d'autre."""
    return _line_given_verdict(cat, text, _IS_IT_THIS, quoted, given)


def _line_given_verdict(cat: Catalogue, text: str, asks: re.Pattern[str], lines: Sequence[str],
                        given: Sequence[str]) -> Optional[str]:
    """« Oui. » when one of `lines` is among the lines `given` by the answer, « Non. » else, for a closed question that
    `asks` about a line; None otherwise."""
    if not lines or not given or not is_closed(text) or not asks.search(fold(text)):
        return None
    return cat.say("verdict.oui" if set(lines) & set(given) else "verdict.non")


def _piece_verdict(cat: Catalogue, claim: str, situating: set[Tuple[EntityKind, str]],
                   answer: Answer) -> Optional[str]:
    """`claim_verdict` for one part of a claim (folded): the phrase key of its verdict, or None."""
    claimed = _names(cat, claim, typos=True) - situating
    name_words = {w for kind, key in claimed | situating for w in cat.name_words(kind, key)}
    stems = _claim_stems(" ".join(w for w in claim.split() if w not in name_words))
    if not stems and len(claimed) < 2:
        return None  # one name alone claims nothing; two do (« l'équipe partenariat s'occupe des leads ? »)
    negated = bool(_NEGATION.search(claim))
    need = len(stems) if len(stems) <= 2 else -(-2 * len(stems) // 3)
    best: Tuple[Tuple[int, int], Optional[str]] = ((0, 0), None)
    for sentence in _claim_sentences(answer):
        common = len(stems & _claim_stems(sentence))
        said = _names(cat, sentence)
        score = (common, len(claimed & said))
        if common < need or (best[1] and score <= best[0]):
            continue
        missing = claimed - said
        if any((kind, key) not in claimed | situating for kind, key in said for k, _ in missing if kind == k):
            best = (score, "verdict.non")  # another name of the same kind in its place
        elif not missing and bool(_NEGATION.search(sentence)) == negated:
            best = (score, "verdict.oui")
        elif not missing and common == len(stems):
            best = (score, "verdict.non")  # the answer says the opposite
    return best[1]


# « les deux simus » (not « tous les jours ») : how many, in a fact said back (folded text)
BOTH = re.compile(r"\b(?:tous les deux|toutes les deux|les deux|les 2)\b")
# « les deux bossent le samedi ? », « elles sont toutes ouvertes ? » : a closed question on all the lines at once.
_ALL_OF_THEM = re.compile(r"\b(?:les deux|les 2|tous|toutes)\b")


def every_verdict(cat: Catalogue, text: str, answer: Answer) -> Optional[str]:
    """« les deux bossent le samedi ? » : « Non. » quand la réponse dépend de la ligne (elles ne le sont pas toutes,
    `cecaz.contact_lines.open_at_text`) ; None sinon."""
    if _ALL_OF_THEM.search(fold(text)) and is_closed(text) and answer.text.lstrip().startswith(DEPENDS_ON_THE_LINE):
        return cat.say("verdict.non")
    return None


# « et pour les chèques-vacances, c'est pareil ? », « idem pour SP+ ? » : the previous answer asked of another subject
_SAME_AS_BEFORE = re.compile(r"\b(?:pareil|idem|la meme chose|meme chose|le meme principe|meme principe)\b")


def _without_names(cat: Catalogue, text: str, subjects: Sequence[Tuple[EntityKind, str]]) -> str:
    """`text` folded, without the names of `subjects` (catalogue kind and key)."""
    folded = f" {fold(text)} "
    forms = sorted({fold(f) for kind, key in subjects for f in cat.aliases(kind).get(key, ())}, key=len, reverse=True)
    for form in forms:
        folded = folded.replace(f" {form} ", " ")
    return " ".join(folded.split())


def same_as_before_verdict(cat: Catalogue, text: str, answer: Answer, asked: Question,
                           before: Callable[[], Optional[Tuple[Question, Answer]]]) -> Optional[str]:
    """« Et pour les chèques-vacances, c'est pareil ? » after AMEX's affiliation : « Oui. » when `answer` (to `asked`)
    says what the previous one (`before()`: its question and answer, composed only for such a question) said, the
    names of both questions' offers, cards and tools aside ; None otherwise — an answer that differs says how, it is
    not a « non »."""
    if not _SAME_AS_BEFORE.search(fold(text)) or not is_closed(text) or (previous := before()) is None:
        return None
    kinds: Tuple[EntityKind, ...] = ("offer", "card", "tool")
    subjects = [(kind, key) for kind in kinds for key in dict.fromkeys(
        (*getattr(asked, ENTITY_SECTIONS[kind]), *getattr(previous[0], ENTITY_SECTIONS[kind])))]
    same = _without_names(cat, answer.text, subjects) == _without_names(cat, previous[1].text, subjects)
    return cat.say("verdict.oui") if same else None
