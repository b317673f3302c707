"""Ce qu'une relance demande sur le sujet en cours, lu à ses mots : « et c'est eux qui fixent le prix ? »
→ la tarification, « ça tombe sur quel compte ? » → les encaissements, « qui s'en sert ? » → le rôle
qui utilise l'outil (docs/conversation.md, « sujet + aspect »).

DIET reconnaît la formulation habituelle d'une famille ; une relance sans sujet, tapée vite, a
souvent une autre forme. Ses mots-clés, eux, disent l'aspect. Fonctions pures, testées sans Rasa
(tests/unit/test_aspects.py)."""

from __future__ import annotations

import functools
import re
from typing import Optional, Sequence, Tuple

from cecaz.catalogue import Catalogue
from cecaz.textnorm import (
    HAND_OVER,
    HANDED_TO_HIM,
    IN_WRITING,
    OPENING,
    QUOTED,
    fold,
    the_question_itself,
    without_describing_who,
)

# Words of a support line and of a problem: the support aspect, and « qui appeler » for a problem.
_SUPPORT_WORDS = r"support|assistance|hotline|sav"
# (« un dépanneur », a trade, is not a trouble)
_TROUBLE_WORDS = r"depann(?!eur)\w*|probleme\w*|soucis?|bloque\w*|panne|bug\w*|beug\w*|plant\w*"
# (familles, mots) : la première famille est celle de l'aspect ; les suivantes le demandent aussi
# (« ouvert le samedi ? » est une question d'horaires à réponse oui / non). L'ordre compte : « c'est
# eux qui fixent le prix ? » parle de tarification, pas de rôle.
# « les pages de paiement », « la partie paiement », « les paiements sur ce site » : what the document calls the
# payment pages of a site (IZ eCommerce's are Payplug's).
# « si le paiement plante sur son site » : the payment of a site, said by its trouble.
PAYMENT_PAGES = re.compile(r"\bpages? de paie?ments?\b|\b(?:partie|module|brique|volet) (?:de |du )?paie?ments?\b|"
                           r"\bpaie?ments? (?:(?:sur|de|dans) (?:ce|son|le|leur|un|la|sa)|du) (?:site|boutique)\b|"
                           # « si son paiement bloque », « les paiements échouent » : the payment, made on the pages
                           r"\b(?:le|son|leur|un|les|ses|leurs|ces|des) paie?ments? (?:qui )?(?:plant\w*|bug\w*|"
                           r"beug\w*|bloqu\w*|coinc\w*|echou\w*|"
                           r"(?:ne )?(?:marche\w*|fonctionn\w*|pass\w*) (?:pas|plus))\b|"
                           # « ça plante au moment de payer » : the page where the buyer pays
                           r"\bau moment (?:de payer|du paie?ment|de regler|du reglement)\b")
# « veut être réglé par cb », « il est réglé avant la livraison » : how a merchant is paid, no rule asked.
_NOT_PASSIVE = r"(?<!\betre )(?<!\best )(?<!\bsoit )(?<!\bsont )(?<!\bete )(?<!\bsera )(?<!\bseront )"
CONTRACT_ASPECT = ("ask_contracts",)
NEED_ASPECT = ("ask_offer_definition", "ask_tool", "ask_role")
_CONTRACT_WORDS = re.compile(r"\b(?:contrats?|contractualis\w*|signature|signe[rsz]?|souscri\w*)\b")
ASPECTS: Tuple[Tuple[Tuple[str, ...], re.Pattern[str]], ...] = (
    # « qui gère leurs pages de paiement ? » : ce que fait l'offre (celles d'IZ eCommerce sont de Payplug).
    (("ask_offer_definition",), PAYMENT_PAGES),
    (CONTRACT_ASPECT, _CONTRACT_WORDS),
    # « c'est qui qui tape la carte ? », « qui rentre le numéro de carte ? » : who keys the card in (the VAD practice,
    # else what the offer is: with JPEL, the holder types it himself)
    (("ask_vad", "ask_offer_definition"),
     re.compile(r"\b(?:tap\w*|saisi\w*|rentr\w*|entr\w*|compos\w*) (?:la |sa |les |ses |le |leur |leurs )?"
                r"(?:cartes?|cb|(?:numeros?|coordonnees) (?:de |d )?(?:la |sa |leur )?cartes?)\b")),
    # « y a une règle à respecter ? » when the CIF prices: the delegation scheme (or the offer's pricing, saying it).
    # « être réglé par cb » : paid, not a rule (« réglé » and « règle » are the same word once folded).
    (("ask_delegation", "ask_pricing"), re.compile(rf"{_NOT_PASSIVE}\b(?:regles?|respect\w*|delegat\w*|plafonds?)\b")),
    (("ask_pricing", "ask_simulator", "ask_delegation"),
     re.compile(r"\b(?:tarif\w*|prix|pricing|cout\w*|cher|frais|commissions?|factur\w*|fixe\w*|negoci\w*|negos?)\b")),
    # « c'est tous les combien ? » : la fréquence des virements (Payplug : quotidiens).
    # « il compte ouvrir un site » : the verb, not the account.
    (("ask_funds",), re.compile(r"\b(?:argent|encaissements?|virements?|(?<!\bil )(?<!\belle )(?<!\bne )compte|fonds|"
                                r"touche\w*|recoi\w*|"
                                r"reverse\w*|verse\w*|tous les combien|frequence|periodicite|quotidien\w*)\b")),
    (("ask_simulator", "ask_pricing"), re.compile(r"\b(?:simus?|simulat\w*|rentabilite)\b")),
    # « c'est quoi les étapes ? » : how the services are opened (« la prochaine étape » is where one is in it:
    # `cecaz.steps`; not « la mise en place », which the roles' missions say of what they do, nor « la démarche »,
    # often the card's affiliation)
    (("ask_open_services",), re.compile(r"(?<!prochaine )\b(?:etapes|procedure)\b"
                                        r"(?! (?:suivante|d apres|d ensuite))")),
    # « et pour des cb classiques on prend quoi ? », « il la fait avec quoi ? », « avec quel outil ? » : for a card,
    # its simulator. For an offer, its pricing says which simulator.
    (("ask_simulator", "ask_pricing"),
     re.compile(r"\b(?:utilis\w*|prend\w*|sert)\s+quoi\b|\bavec quoi\b|"
                r"\b(?:avec|sur|par) quel(?:le)?s? (?:outils?|logiciels?|simulateurs?|applis?|applications?)\b")),
    # « ça marche sur n'importe quel TPE ? » after AMEX: the affiliation links the card to our rented TPE's software.
    # « il fait la demande où ? » : the only request a merchant makes himself in the document is the affiliation.
    (("ask_affiliation",), re.compile(r"\b(?:tpe|terminal|terminaux|materiel|logiciel|equipement\w*|affili\w*|"
                                      r"(?:fai\w*|adress\w*|envoi\w*|depos\w*) (?:sa |la |une |cette )?demande)\b")),
    # « on peut les joindre autrement que par téléphone ? » : the other way to reach them is their e-mail.
    (("ask_email",), re.compile(r"\b(?:autrement|ailleurs|plutot) que par (?:tel|telephone)\b|"
                                r"\bsans (?:les |leur |l |lui )?(?:appeler|telephoner)\b")),
    # « SP+ s'adresse à quels commerçants ? » : for whom the offer is, not an e-mail address.
    (("ask_email",), re.compile(r"\b(?:mails?|e mail|email|courriel|ecri\w*|(?<!\bs )adresse)\b")),
    # « qui tape les numéros de la carte ? » : un numéro de carte, d'affilié ou de contrat n'est pas un téléphone ;
    # « il s'appelle comment ? » demande un nom.
    (("ask_phone",), re.compile(r"\b(?:(?:nums?|numeros?)(?! (?:de |d )(?:la |sa |leur |leurs |ses |les |l )?"
                                r"(?:cartes?|cb|affili\w*|contrats?|siret|commandes?|transactions?)\b)|"
                                # « autrement que par téléphone », « sans les appeler » : not the phone
                                r"(?<!\bque par )(?:tel(?! quel)|telephone)|"
                                r"(?<!\bs )(?<!\bplage d )(?<!\bplages d )(?<!\bsans )(?<!\bsans les )(?<!\bsans l )"
                                r"(?:appel\w*|telephon(?:er|ez|ons|ent|era|erait|erai))|"
                                r"0[1-9])\b")),
    # « on les joint comment ? », « je peux les joindre ? », « leurs coordonnées » : every way to reach the line
    # (phone, e-mail, hours) ; not a card's « coordonnées » (the VAD)
    (("ask_support",), re.compile(r"\b(?:joindre|joins|joint|joignables?|coordonnees(?! (?:de |d )?(?:la |sa |leur |"
                                  r"leurs |ses |les )?(?:cartes?|cb|bancaires?)))\b")),
    # « les plages d'appel » : the hours of a line ; « ils décrochent le samedi ? » : whether it is open.
    # « l'offre de tout à l'heure » says when it was talked about, not an opening hour.
    # « son contrat une fois ouvert », « un compte ouvert » : opened, not open for calls.
    (("ask_hours", "ask_is_open"), re.compile(r"\b(?:horaires?|(?<!\btout a l )heures?|(?<!une fois )(?<!compte )"
                                              r"(?<!contrat )ouvert\w*|ferme\w*|ouvre\w*|"
                                              r"plages?|decroch\w*)\b")),
    # « qui peut l'aider ? », « vers qui l'orienter ? », « il s'adresse à qui ? », « à qui je transmets une
    # réclamation ? » : who assists.
    (("ask_support",), re.compile(rf"\b(?:{_SUPPORT_WORDS}|assiste\w*|contact\w*|(?<!en )lignes?|{_TROUBLE_WORDS}|"
                                  r"aider|l aider|m aider|renseign\w*|orient\w*|intervien\w*|reclamation\w*|"
                                  r"repond\w* (?:aux|a ses|a leurs) (?:demandes|questions|clients)|"
                                  r"demandes? (?:des |de ses |du )?clients?|"
                                  r"s adress\w* a qui|a qui (?:\w+ )?s adress\w*|"
                                  # « à qui poser ses questions sur ses paiements »
                                  r"a qui (?:\w+ )?(?:poser|pose\w*|demander|envoyer|transmettre)\b)\b")),
    # « ils gèrent quoi comme demandes ? », « ils s'occupent de quoi ? » after a line: what that line is for.
    (("ask_support",), re.compile(r"\b(?:quoi comme|quel\w* (?:types? d(?:e)? ?)?)(?:demandes?|requetes?|sujets?|"
                                  r"questions?|dossiers?)\b|\b(?:gere\w*|trait\w*|occupe\w*|prenn?\w* en charge) "
                                  r"(?:de )?quoi\b")),
    # « on le trouve où ? » : où est un outil ou un document (sa présentation dit ce que le document en donne).
    (("ask_tool",), re.compile(r"\b(?:trouv\w*|lien|acces|acceder|consult\w*)\b|\b(?:est|sont) ou\b")),
    # « il faut un site pour ça ? », « ça demande quoi ? » : ce que l'offre suppose (sa présentation dit pour qui).
    (NEED_ASPECT,
     re.compile(r"\b(?:faut|faudrait|besoin|necessaire|exige\w*|requi\w*|prerequis|demande quoi)\b")),
    # « pk c'est déconseillé ? », « si ça part en impayé ? » : the risk the document gives for the VAD contract.
    (("ask_vad",), re.compile(r"\b(?:deconseill\w*|impayes?|risques?|contest\w*|opposition)\b")),
)
# « qui » interrogatif ; pas le relatif de « ce qui », « qu'est-ce qui », « celui qui », « quelqu'un qui ».
# « un commerçant qui vend par tél » : « qui » relative to the merchant, not a question on who.
_WHO = re.compile(r"(?<!\bce )(?<!\best ce )(?<!\bcelui )(?<!\bcelle )(?<!\bceux )(?<!\bquelqu un )"
                  r"(?<!\bcommercant )(?<!\bcommercants )(?<!\bclient )(?<!\bclients )(?<!\bcliente )"
                  r"(?<!\bmarchand )(?<!\bmarchands )\bqui\b")


# « il est où ? », « ça se paramètre où ? », « je la mets où après ? » : où se trouve ou se fait la chose.
# Sans accent, « ou » est aussi la conjonction : seulement en fin de question, en tête, ou devant un verbe.
_WHERE_ACCENTED = re.compile(r"(?<!\w)où(?!\w)", re.IGNORECASE)
_WHERE = re.compile(r"\bou(?: (?:ca|apres|exactement|donc|alors|deja))?\s*$|^(?:et |mais |bon )?ou (?!bien\b)|"
                    r"\b(?:est|sont) ou\b|"
                    # « … ou on ne le fait plus ? » : « ou » before a negated clause is the conjunction.
                    r"\bou (?!(?:on|je) n(?:e)?\b)(?:se|s|on|je|j|trouver|deposer|mettre|ranger|classer)\b|"
                    # « et il la met où sa simu ? » : a verb of putting, then « où » before its object
                    r"\b(?:met|mets|mettre|depose\w*|range\w*|classe\w*|stocke\w*) ou\b|"
                    # « c'est paramétré dans quoi ? », « on la range dans quel outil ? » : où, dit par l'outil ; mais
                    # « je fais la simu sur quoi ? » demande l'outil qui la fait (le simulateur)
                    r"^(?!.*\b(?:fais|fait|faire|realise\w*|calcul\w*)\b).*"
                    r"\bdans (?:quoi|quel (?:outil|logiciel|systeme|espace)|quelle (?:appli\w*|plateforme))\b")
# « le résultat on le met où ? » : celui de la simulation, seul résultat dont parle le document.
_SIMULATION = re.compile(r"\b(?:simus?|simuls?|simulations?|rentabilite|resultats?)\b")
# « le calcul se fait où ? », « la simu on la fait où ? » : where it is made (a simulator), not where it is filed.
_DONE = re.compile(r"\b(?:se fai\w*|se calcul\w*|calcul\w*|se realis\w*|je (?:la |le )?fais|on (?:la |le )?fait)\b")
_SET_UP = re.compile(r"\b(?:parametr\w*|contrats?|ouvr\w*|mise? en place)\b")
# Après une réponse de cette famille, « où ? » demande ce que dit la réponse de cette autre famille
# (document : « Quelle tarification ? » — simulation déposée dans MyGed, après la tarification aussi ;
# « Comment ouvrir les services ? » — paramétrages dans OSC ; schéma délégataire : sa page 3 ;
# encaissements : le compte du client).
WHERE_AFTER = {"ask_simulator": "ask_simulation_filing", "ask_simulation_filing": "ask_simulation_filing",
               "ask_pricing": "ask_simulation_filing",
               "ask_contracts": "ask_open_services", "ask_open_services": "ask_open_services",
               "ask_delegation": "ask_delegation", "ask_funds": "ask_funds", "ask_tool": "ask_tool"}


# « elle me demande si elle peut faire la demande par son agence » : through us (the bank), not in direct (folded text)
_BY_US = re.compile(r"\bpar (?:son|sa|l|mon|ma|notre|leur|nos|une|la) (?:agence|caisse|banque|conseiller\w*)\b|"
                   r"\bpar (?:nous|la cecaz)\b|"
                   # « il doit les contacter lui-même ou c'est nous ? », « c'est à nous de le faire ? »
                   r"\bou (?:bien )?(?:c est )?(?:a )?(?:nous|moi|la cecaz|la caisse|l agence|son agence)\b|"
                   r"\bc est (?:a )?nous (?:qui|de|d)\b")



def goes_through_us(text: str) -> bool:
    """« elle peut faire la demande par son agence ? », « par nous ? », « lui-même ou c'est nous ? » : the step done
    through the bank, not by the client in direct."""
    return bool(_BY_US.search(fold(text)))


# « qu'est-ce qui fait qu'on écarte SP+ ? », « qu'est-ce qui exclut Payplug ? » : what leads to it (folded text)
WHAT_LEADS_TO = r"qu est ce qui (?:fait qu|explique qu|exclut|ecarte|elimine|empeche)"
_WHY = re.compile(
    r"^(?:(?:et|mais|ah|ok|bon|du coup|alors|euh|hmm|d accord|ah bon)\s+)*"
    r"(?:pourquoi|pourquoi donc|pour quelle raison|comment ca se fait|"
    r"c est quoi la raison|quelle (?:est la |en est la )?raison|ca s explique|et la raison|"
    # « quel intérêt ? », « ça sert à quoi de passer par lui ? » : ce que la chose apporte, sa raison d'être.
    r"(?:quel|c est quoi l|et l|l) (?:est l )?interet|a quoi bon|(?:ca|ce) sert a quoi (?:de|d)|"
    r"a quoi (?:ca|ce) sert (?:de|d)|"
    # « dans quel but ? », « d'où ça vient ? », « y a une raison ? », « tu peux m'expliquer pourquoi ? »
    # « et ça c'est pour quoi, que ce soit payplug qui vire ? », « ça sert à quoi que ce soit le porteur qui tape ? »
    r"(?:ca )?(?:c est pour quoi|(?:ca |ce )?sert a quoi) que ce soit|"
    r"dans quel but|(?:c est )?pour quoi faire|quelle est (?:la|sa) logique|c est quoi (?:l idee|la logique)|"
    r"d ou ca vient|(?:il )?y a (?:une|un) (?:raison|motif|explication)|qu est ce qui (?:le |la )?justifie|"
    # « qu'est-ce qui fait qu'on écarte SP+ ? », « qu'est-ce qui exclut Payplug ? » : what leads to it
    rf"{WHAT_LEADS_TO}|"
    r"c est justifie par quoi|(?:tu peux |peux tu |vous pouvez )?(?:m |me )?expliquer? (?:moi )?pourquoi)\b"
    # « et ça pourquoi ? », « mais encore, pourquoi ? » : un message court qui finit sur « pourquoi »
    r"|^(?!.*\bsai[st]\b)(?:\w+ ){0,3}pourquoi\s*$")
# « un fromager me demande pk l'argent lui arrive par Payplug », « la gérante demande pourquoi… », « elle veut savoir
# pourquoi » : the merchant's why, relayed by the adviser (not « je me demande pourquoi », folded text)
RELAYED_WHY = re.compile(r"\b(?<!je )(?<!je me )(?:(?:me|nous) )?demande(?:nt)? (?:pourquoi|pour quelle raison)\b|"
                         r"\b(?:veut|veulent|voudrait|voudraient|souhaite|souhaiterait) savoir "
                         r"(?:pourquoi|pour quelle raison)\b")
# « et pour jpel pk il faut une simu ? » : le sujet d'abord, puis la raison demandée.
_WHY_AFTER_SUBJECT = re.compile(
    r"^(?:(?:et|mais)\s+)?(?:pour|avec|chez|sur) (?:(?!pas\b)[\w+]+ ){1,3}pourquoi\b")


def asks_why(text: str) -> bool:
    """« pourquoi ? », « pk c'est pas nous qui fixons le prix ? » : le message demande une raison ; aussi dans sa
    dernière proposition (« et ça c'est pour quoi, pk pas simuleasy ? »)."""
    return any(bool(_WHY.search(folded) or _WHY_AFTER_SUBJECT.search(folded) or RELAYED_WHY.search(folded))
               for folded in dict.fromkeys((fold(text), fold(re.split(r"[,;:]", text)[-1]))) if folded)


def asks_why_after_subject(text: str) -> bool:
    """« et pour un jpel pk on doit faire une simu ? » : un sujet, puis la raison demandée pour lui (une question
    plus longue qu'un « pourquoi ? » seul, mais qui reste une demande de raison)."""
    return bool(_WHY_AFTER_SUBJECT.search(fold(text)))


_OBLIGED = r"obligatoire\w*|oblige\w*|obligation|forcement|imperati\w*|indispensable|impose\w*"
# « c'est obligatoire ? », « on doit vraiment… ? », « faut-il vraiment… ? » : la question porte sur une obligation.
_OBLIGATION = re.compile(rf"\b(?:{_OBLIGED}|force|on doit|faut il vraiment|il faut vraiment)\b")
# « c'est obligatoire ? », « c'est systématique ? », « à chaque fois ? » : la règle elle-même, sans le fait
# qu'elle impose (« on doit passer par l'ATC ? » demande ce fait).
_RULE = re.compile(rf"\b(?:{_OBLIGED}|systematique\w*|a chaque fois|tout le temps)\b")


def asks_obligation(text: str) -> bool:
    """« on est obligés de déposer la simu ? », « faut-il vraiment un contrat ? » : le message demande si une chose
    est obligatoire."""
    return bool(_OBLIGATION.search(fold(text)))


def asks_rule(text: str) -> bool:
    """« c'est obligatoire ? », « c'est systématique ? » : le message interroge la règle elle-même (sa raison quand
    il ne demande aucun fait), pas « on doit passer par qui ? »."""
    return bool(_RULE.search(fold(text)))


# (« qui s'en occupe ? » after a trouble: whom to turn to)
_CALL_SOMEONE = re.compile(r"\b(?:appel\w*|contact\w*|joindre|joins|s adresse\w*|telephon\w*|s en occupe\w*)\b")
# A problem said (not « le support », which names a line).
_TROUBLE_SAID = rf"{_TROUBLE_WORDS}|incident\w*|erreurs?"
_TROUBLE = re.compile(rf"\b(?:{_SUPPORT_WORDS}|{_TROUBLE_SAID}|"
                      r"(?:ne )?(?:marche|fonctionne|passe|s affiche) (?:pas|plus)|reclamation\w*)\b")


# « comment ça se passe pour chacune ? », « quelle est la démarche ? » : how a thing is done, whatever it is
_HOW_IT_GOES = re.compile(r"\bcomment (?:ca se passe|ca marche|ca fonctionne|on fait|on procede|faire|proceder|"
                          r"s y prendre)\b|\b(?:quelle|quelles|la|les) (?:demarches?|marche a suivre|procedures?)\b")


def asks_how_it_goes(text: str) -> bool:
    """« un hôtel veut accepter les Diners et l'AMEX : comment ça se passe pour chacune ? » : how it is done (for the
    subjects named), without an aspect of its own."""
    return bool(_HOW_IT_GOES.search(fold(text)))


def asks_whom_to_call_to_join(text: str) -> bool:
    """« mon client SP+ veut ajouter l'AMEX, il s'adresse à qui ? » : qui appeler, sans souci dit (pour une
    démarche, pas pour une ligne de support)."""
    folded = fold(text)
    return bool(_CALL_SOMEONE.search(folded) and re.search(r"\bqui\b", folded) and not _TROUBLE.search(folded))


def asks_whom_to_call_for_trouble(text: str) -> bool:
    """« mon client a un souci sur son contrat SP+, qui il peut appeler ? » : une ligne de support, même
    quand les mots nomment un autre aspect (le contrat) ; « qui appeler pour ouvrir SP+ ? » n'en est pas une."""
    folded = fold(text)
    return bool(_CALL_SOMEONE.search(folded) and _TROUBLE.search(folded))


_SAYS_TROUBLE = re.compile(rf"\b(?:{_TROUBLE_SAID})\b")


def tells_a_trouble(text: str) -> bool:
    """« il a un souci avec l'AMEX », « ça plante » : un problème dit (pas « le support », qui nomme une ligne)."""
    return bool(_SAYS_TROUBLE.search(fold(text)))


# « il a plus ses virements », « elle ne reçoit plus rien » : something the merchant no longer gets is a trouble too
_NO_LONGER = re.compile(r"\b(?:n )?(?:a|ont|recoi\w*|touche\w*|voi\w*) plus (?:ses|son|sa|leurs?|de|d|rien|aucun\w*)\b")
# « je lui file quoi ? », « qu'est-ce que je lui donne ? » : what to hand the merchant
# « je mets quoi dans mon mail ? », « qu'est-ce que je note dans ma réponse ? » : what to write down for him
_WRITE_IT = r"(?:mets|met|mettre|note|ecris|indique)"
_GIVE_WHAT = re.compile(rf"\b(?:(?:je|on) (?:{HAND_OVER})|{HANDED_TO_HIM}) "
                        r"(?:quoi|quel\w*|lequel|laquelle)\b"
                        rf"|\b(?:quoi|quel\w*|lequel|laquelle|qu est ce que) (?:je|on) {HANDED_TO_HIM}"
                        # (« je lui mets quoi dans ma réponse ? », « j'y note quoi ? » : « y », where it is written)
                        rf"|\b(?:je|on) (?:lui |leur )?{_WRITE_IT}\w* (?:quoi|quel\w*|lesquels) {IN_WRITING}"
                        r"|\b(?:j|on) y (?:mets|met|note|ecris|indique)\w* (?:quoi|quel\w*|lesquels) comme "
                        r"(?:contacts?|coordonnees|numeros?|lignes?|mails?|adresses?)\b"
                        rf"|\bqu est ce que (?:je|on) {_WRITE_IT}\w* {IN_WRITING}")


def asks_what_to_give(text: str) -> bool:
    """« je lui donne quoi à la place ? », « quel numéro je lui file ? » : ce qu'il faut donner au client."""
    return bool(_GIVE_WHAT.search(fold(text)))


def asks_the_coordinate(text: str, family: str) -> bool:
    """Whether `text` asks the coordinate of `family` (« ask_email »…, `ASPECTS`) in words other than where the lines
    will be written down (« dans mon mail ») or the merchant's words it quotes: « je mets quoi dans mon mail ? » asks
    none, « quel mail je mets dans ma réponse ? » asks the e-mail."""
    return any(family in families for families in aspects(QUOTED.sub(" ", text)))


def asks_what_to_give_for_trouble(text: str) -> bool:
    """« mon client payplug a plus ses virements depuis hier, je lui file quoi ? » : what to hand the merchant for a
    trouble he has (a line to call), not a fact about him."""
    folded = fold(text)
    return asks_what_to_give(folded) and bool(_SAYS_TROUBLE.search(folded) or _NO_LONGER.search(folded))


def reports_a_payment_trouble(text: str) -> bool:
    """« et si c'est le paiement qui plante sur son site ? » : une panne des pages de paiement (une question de
    support), pas un fait sur le client."""
    folded = fold(text)
    return bool(PAYMENT_PAGES.search(folded) and _TROUBLE.search(folded))


_FLOWS = re.compile(r"\b(?:acquisition|acceptation|full service|flux monetiques?)\b")


def names_the_flows(text: str) -> bool:
    """« c'est pas eux qui font aussi l'acquisition ? » : l'acquisition ou l'acceptation des flux monétiques, que la
    réponse sur les contrats d'une offre dit (section « Comment ouvrir les services ? »)."""
    return bool(_FLOWS.search(fold(text)))


def asks_where(text: str) -> bool:
    """« où » interrogatif (avec ou sans accent), pas la conjonction de « Payplug ou SP+ ? »."""
    return bool(_WHERE_ACCENTED.search(text) or _WHERE.search(fold(text)))


_PUT = re.compile(r"\b(?:met|mets|mettre|depose\w*|range\w*|classe\w*|stocke\w*|archive\w*|enregistre\w*)\b")


def names_the_simulation(text: str) -> bool:
    """« la simu », « le calcul de rentabilité » : the message speaks of the profitability simulation (made with a
    simulator, then filed in MyGed)."""
    return bool(_SIMULATION.search(fold(text)))


# « elle est faite avec quoi ? », « on la fait sur quel outil ? » : the tool a thing is made with (folded text)
_MADE_WITH = re.compile(r"\b(?:avec|sur|via) (?:quoi|quel|quels|quelle|quelles)\b")


def asks_the_simulator_used(text: str) -> bool:
    """« et la simulation qu'on y met, elle est faite avec quoi ? » : the tool a simulation is made with (a simulator,
    section « Quelle tarification ? »), not where it is filed."""
    folded = fold(text)
    return bool(_SIMULATION.search(folded) and _MADE_WITH.search(folded))


def where_family(text: str, previous: Optional[str], read: str = "") -> Optional[str]:
    """La famille qui répond à une question « où ? » : déposer la simulation quand elle la nomme,
    paramétrer ou ouvrir les services quand elle parle de contrats ou de paramétrage, sinon la famille
    lue (`read`, celle de DIET) si elle dit déjà où, sinon selon la famille de la réponse précédente
    (`previous`, `WHERE_AFTER`). None : pas une question « où ? », ou rien dans le document ne dit où."""
    if not asks_where(text):
        return None
    folded = fold(text)
    if _SIMULATION.search(folded) and _DONE.search(folded) and not _PUT.search(folded):
        return "ask_simulator"  # « le calcul de rentabilité se fait où ? » : in which simulator, not where it is filed
    if _SIMULATION.search(folded) or (_PUT.search(folded)
                                      and WHERE_AFTER.get(previous or "") == "ask_simulation_filing"):
        return "ask_simulation_filing"  # « et après il la met où ? » after a simulator: its simulation
    if _SET_UP.search(folded):
        return "ask_open_services"
    if read in WHERE_AFTER.values():
        return read
    return WHERE_AFTER.get(previous or "")


# « ils gèrent aussi les contrats SP+ ? » after a line: the contracts the line assists (folded)
_HANDLES_CONTRACTS = r"(?:ils|elles|eux) (?:gere|traite|couvr|s occupe)\w* (?:aussi |egalement )?(?:de |d )?" \
                     r"(?:les|des|ces|leurs)"
_LINE_HANDLES_CONTRACTS = re.compile(rf"\b{_HANDLES_CONTRACTS} contrats?\b")
# « la tarif d'un contrat SP+ », « pour un contrat JPEL, faut une simu ? » : le contrat qualifie ce qui est demandé.
# « pour tarifer un contrat JPEL, j'utilise quoi ? » : le contrat complément d'un verbe de tarification aussi.
_CONTRACT_QUALIFIER = re.compile(r"(?<!besoin )\b(?:d un|d une|du|avec un|avec le|avec son|pour un|pour le|pour les|"
                                 r"pour son|pour ce|sur un|sur le|sur son|"
                                 r"(?:tarif|pric|simul|chiffr)\w* (?:un|le|les|ce|son|ses)|"
                                 # « qui assure l'assistance de ces contrats ? » : their support
                                 rf"(?:{_SUPPORT_WORDS}) (?:des|de ces|de ce|de son|de ses|de leurs?|de nos|de mes)|"
                                 rf"{_HANDLES_CONTRACTS}) "
                                 r"contrats?\b")


# « il prend les num de cb au tel et les tape lui-même » : the merchant keys in the buyer's card himself, which is what
# the document calls a VAD contract (offres.yml, `vad.definition`), whether or not the message names it.
_KEYS_IN = re.compile(r"\b(?:tap\w*|saisi\w*|rentr\w*|recopi\w*|entr(?:e|ent|er))\b")
_CARD_DATA = re.compile(r"\b(?:nums?|numeros?|coordonnees|cryptogrammes?)\b(?: \w+){0,3}? (?:cartes?|cb|bancaires?)\b|"
                        r"\b(?:cartes?|cb) (?:de (?:ses|leurs?|l) )?(?:clients?|acheteurs?)\b|"
                        # « prendre les cb par tel et taper les num » : the cards taken, then their numbers keyed in
                        r"\b(?:prend\w*|recup\w*|demande\w*|note\w*|recoi\w*|saisi\w*|tap\w*) "
                        r"(?:les |la |des |leurs? |ses )?(?:cartes?|cb)\b")
_HIMSELF = re.compile(r"\b(?:lui meme|elle meme|eux memes|soi meme|a (?:sa|leur) place|manuellement|a la main|dict\w*|"
                      r"au tel|par tel\w*|au telephone)\b")
_HOLDER_KEYS = re.compile(r"\b(?:porteurs?|acheteurs?|client final|internautes?) (?:\w+ ){0,2}?"
                          r"(?:tap\w*|saisi\w*|rentr\w*|entre)\b")


def describes_keyed_entry(text: str) -> bool:
    """« mon commerçant prend les num de cb au tel et les tape lui-même » : le commerçant saisit lui-même la carte de
    l'acheteur (la vente à distance que décrit le document) ; pas « le porteur saisit sa carte » (JPEL)."""
    folded = fold(text)
    return bool((_KEYS_IN.search(folded) and _CARD_DATA.search(folded) and _HIMSELF.search(folded))
                or _KEYED_BY_MERCHANT.search(folded)) and not _HOLDER_KEYS.search(folded)


# « une transaction saisie par le commerçant » : the same practice, said of the payment.
_KEYED_BY_MERCHANT = re.compile(r"\b(?:transactions?|paiements?|ventes?|cartes?|cb|numeros?) "
                                r"(?:\w+ )?saisi\w* (?:\w+ ){0,3}?par (?:le|la|un|une|son|leur|notre) "
                                r"(?:commercant|marchand|vendeur)\w*\b")


# (« et JPEL, en quoi ça règle le problème ? » : what it brings against the problem just said)
_BENEFIT = re.compile(r"\b(?:interet|avantages?|apporte\w*|plus value|atouts?|benefices?|a quoi bon|points? forts?|"
                      r"en quoi (?:ca |cela |il |elle |c est )?"
                      r"(?:regle|resou|evite|change|aide|protege|ameliore)\w*)\b|"
                      # « et jpel ça règle le pb comment », « ça évite ce risque ? » : what it does against the problem
                      # (not « Payplug, il résout le problème en combien de temps ? », a question on its support)
                      r"\b(?:ca|cela) (?:regle|resou|evite|empeche|corrige|supprime)\w* (?:quoi |comment )?"
                      r"(?:le|ce|ces|les|mon|son|leur|du) (?:pb|probleme|souci|risque|litige|impaye|contestation)s?\b")


def asks_benefit(text: str) -> bool:
    """« c koi l'intérêt de JPEL pour un commerçant qui vend par tél ? » : ce qu'apporte une chose (sa présentation
    dit pour qui et ce qu'elle permet)."""
    return bool(_BENEFIT.search(fold(text)))


def without_contracts_a_line_handles(folded: str) -> str:
    """`folded` (texte replié) sans les contrats qu'une ligne traite (« ils gèrent aussi les contrats SP+ ? » → « SP+
    ? ») : ils disent seulement de quelle offre il s'agit."""
    return _LINE_HANDLES_CONTRACTS.sub(" ", folded)


def contract_only_qualifies(text: str) -> bool:
    """Le mot « contrat » n'y est qu'un complément (« la tarif d'un contrat ») : la question porte sur autre chose."""
    folded = fold(text)
    return bool(_CONTRACT_QUALIFIER.search(folded)) and not _CONTRACT_WORDS.search(_CONTRACT_QUALIFIER.sub(" ", folded))


# « un commerçant qui vend par tél », « le client paie par téléphone » : how the merchant sells, not a line.
_SALES_CHANNEL = re.compile(r"\b(?:vend\w*|commande\w*|paie\w*|paye\w*|achete\w*|dict\w*|encaiss\w*) "
                            r"(?:par|au) (?:tel|telephone)\b"
                            # « lequel je mets dans mon mail au commerçant ? » : the message the line is written in,
                            # not the line's e-mail address
                            r"|\b(?:dans|sur) (?:mon|ma|le|la|un|une|son|sa|notre|ce|cette) (?:mail|e mail|email|"
                            r"courriel|message|reponse|sms)\b")


# « un client qui a un pb d'encaissement, je lui file lequel ? » : what the trouble is about is not the aspect asked
# (the trouble itself is: whom to call).
# « le porteur saisit lui-même ses coordonnées » : the card's details keyed in, not a line's contact details
_KEYED_IN_DETAILS = re.compile(r"\b(?P<verb>(?:tap|saisi|rentr|entr|compos)\w*) (?:(?:lui|elle|eux|elles) memes? )?"
                               r"(?:ses|sa|les|leurs|ces|mes|ces) coordonnees(?: bancaires)?\b")
_TROUBLE_WITH = re.compile(r"\b(?P<trouble>(?:pb|souci|probleme|bug|blocage|incident)s? )"
                           r"(?:d |de |du |des |avec |sur )(?:la |le |les |l |sa |son |ses |leur |leurs )?\w+")


# « je mets quoi dans mon mail ? », « je le note dans mon compte rendu ? » : where something will be written down is not
# what is asked (folded text)
# (« il m'a écrit », « elle m'envoie un mail » : how the merchant reached the adviser, not a line's e-mail asked)
# (« a », folded, is also « il a un mail ? », a coordinate asked: only « à la suite » is kept)
_WRITTEN_WHERE = re.compile(rf"\b(?!a (?!la suite)){IN_WRITING}|"
                            r"\b(?:me|m|nous) (?:a |avait )?(?:ecri\w*|envoie\w*|envoye\w*|redige\w*)"
                            r"(?: (?:un |une |des )?(?:e mails?|mails?|courriels?|messages?|sms|mots?))?\b")


def _without_where_written(folded: str) -> str:
    """`folded` without where a line is written (`_WRITTEN_WHERE`), except « et en mail ? » asked alone after opening
    words: the e-mail coordinate asked, as « et par mail ? »."""
    return _WRITTEN_WHERE.sub(lambda m: m.group() if m.group().startswith("en ")
                              and re.fullmatch(OPENING, folded[:m.start()]) and not folded[m.end():].strip()
                              else " ", folded)


@functools.lru_cache(maxsize=512)
def aspects(text: str) -> Tuple[Tuple[str, ...], ...]:
    """Les aspects que nomme le message, dans l'ordre de `ASPECTS` (chacun : ses familles) ; le contrat en dernier
    quand il ne fait que qualifier la chose demandée (`contract_only_qualifies`). Mémorisé : les règles de la
    résolution relisent le même message plusieurs fois (résultat immuable)."""
    folded = _TROUBLE_WITH.sub(r"\g<trouble>", _SALES_CHANNEL.sub(" ", _KEYED_IN_DETAILS.sub(
        r"\g<verb> sa carte", _without_where_written(fold(text)))))
    found = tuple(families for families, words in ASPECTS if words.search(folded))
    if contract_only_qualifies(text) and len(found) > 1:
        found = (*(f for f in found if f != CONTRACT_ASPECT), CONTRACT_ASPECT)
    return found


def aspect_family(text: str, current: str, accepts: Sequence[str]) -> Optional[str]:
    """La famille à poser à la place de `current` (celle de DIET) : la première famille d'aspect
    parmi `accepts` (celles qui s'appliquent au sujet en cours ; pour chaque aspect, ses familles dans
    l'ordre), sauf si un aspect du message couvre déjà `current`. None : rien à changer."""
    found = aspects(text)
    if any(current in families for families in found):
        return None
    return next((family for families in found for family in families if family in accepts), None)


# « et elle marche aussi pour les cartes chinoises ? », « ça vaut pour un client Payplug ? », « c'est eux aussi pour
# SP+ ? », « le même numéro pour JPEL ? » : la réponse précédente vaut-elle pour ce sujet (texte replié).
WORKS_FOR = re.compile(r"\b(?:marche\w*|fonctionne\w*|valable|s applique|utilisable|compatible|vaut|idem|pareil|"
                       r"(?:sert|servent) (?:aussi |egalement )?pour|(?:sert|servent) aussi|"
                       # « il l'utilise aussi pour un client payplug »
                       r"(?:utilise\w*|s en sert|s en servent) (?:aussi|egalement) (?:pour|avec)|"
                       r"(?:eux|elle|elles|lui) aussi|aussi (?:eux|elle|elles)|les memes|(?:le|la) meme|"
                       # « ce service il couvre sp+ aussi », « ils gèrent aussi les clients Payplug ? »
                       r"(?:couvr|gere|gerent|traite|s occupe)\w* (?:aussi|egalement)|"
                       r"(?:couvr|gere|gerent|traite|s occupe)\w* (?:\S+ ){1,4}?aussi)\b")


# « c'est BPCE qui gère ? », « c'est bien lui aussi qui… ? », « c'est à moi de… ? » : « qui » relatif, la personne
# est nommée et seul le oui ou le non manque (cecaz/doers.py) ; pas « c'est qui qui… ? ». Texte replié.
# « c nous qui… ? » : « c » for « c'est », as written in Teams.
IT_IS_X_WHO = re.compile(r"\b(?:c est|cest|c(?! est\b)|ce sont|ce serait|est ce que c est|ce n est|ce ne sont) "
                         r"(?:bien |toujours |aussi |encore |vraiment |pas non plus |pas |plus |jamais )?(?:a )?"
                         r"(?P<who>(?!(?:a )?qui\b)[\w+ ]{1,40}?)(?<! par)(?<! pour)(?<! avec)(?<! chez)"
                         # (« c'est le porteur de la carte qui saisit ? » : « de » names, « qui » follows)
                         r" (?:aussi |bien |encore |toujours )?(?:qui\b|de\b(?!.*\bqui\b))")  # « c'est géré par qui ? »


# « C'est qui, eux ? », « c qui déjà ceux-là », « qui sont-ils au juste ? » : who they are, the whole question (folded)
# (its own sentence, nothing else in it: « la tarif pr un client payplug c'est qui » asks who does something)
_WHO_THEY_ARE = re.compile(rf"^{OPENING}(?:(?:c est|c) qui|qui (?:c est|sont ils|sont elles|est ce))"
                           r"(?: (?:eux|ils|elles|ca|ceux la|celles la|exactement|au juste|deja|en fait))*\s*$")


def asks_who_they_are(text: str) -> bool:
    """« Ma collègue a noté : « site à créer par IZ eCommerce ». C'est qui, eux ? » : who the company named is (what
    the offer is), the question ending the message on its own."""
    sentences = [part for part in re.split(r"[.:;!]", text) if part.strip(" ?")]
    return bool(sentences) and bool(_WHO_THEY_ARE.search(fold(sentences[-1])))


def is_who_question(text: str) -> bool:
    """« qui s'en occupe ? », « c'est qui qui le fait ? » : une question sur la personne qui agit ; pas « c'est BPCE
    qui gère ? », qui la nomme ; ni « simuleasy ou simulupi pour un restaurant qui veut les diners ? », où « qui »
    décrit le commerçant (`without_describing_who`)."""
    # (each clause of the typed text: « pour un client JPEL, qui a la main sur le contrat ? » asks who; folding drops
    # the comma that ends the description)
    return any(_WHO.search(IT_IS_X_WHO.sub(" ", without_describing_who(clause))) for clause in re.split(r"[,;:]", text))


# « SP+ on le propose d'office ? », « on lui propose sp+ direct » : the offer proposed first, before any other (folded
# text). « en direct » (a card joined without us) and « négocie directement avec lui » say nothing of it; nor
# « d'abord », « en premier » by themselves (« pour SP+ je dois d'abord faire une simu ? » asks a step).
BY_DEFAULT = re.compile(r"\b(?:d office|par defaut|d emblee|en priorite|d entree|"
                        r"propos\w* (?:[\w+]+ ){0,3}?direct\w*)\b")


def asks_the_offer_proposed_first(text: str) -> bool:
    """« une asso avec un site, on lui propose sp+ direct ? » : whether an offer is the one proposed first."""
    return bool(BY_DEFAULT.search(fold(text)))


# « les contrats sont paramétrés dans OSC par le conseiller en agence ? » : the doer after « par », in the passive
# (not « c'est géré par qui ? », which asks who, nor « payé par carte ») ; `cecaz.doers` reads who it names from the
# group « agent »
PASSIVE_DOER = re.compile(r"\b(?:est|sont|sera|seront|etait|etaient|a ete|ont ete) (?:bien |toujours |aussi )?\w+ "
                          r"(?:\w+ ){0,4}?par (?P<agent>(?:le|la|l|les|un|une|notre|mon) \w+(?: \w+){0,2}|"
                          r"lui|eux|nous|moi)")


def names_the_doer(text: str) -> bool:
    """« c'est le CIF qui les paramètre ? », « c'est bien lui qui… ? », « ils sont paramétrés par le conseiller ? » :
    la question nomme qui fait, et demande si c'est lui ; pas « la solution où c'est le client qui saisit sa carte :
    faut-il un contrat ? », où qui fait ne fait que décrire le sujet posé avant la question."""
    folded = fold(the_question_itself(text))
    return bool(IT_IS_X_WHO.search(folded) or PASSIVE_DOER.search(folded))


def roles_using(cat: Catalogue, names: Sequence[str]) -> Tuple[str, ...]:
    """Les rôles dont une mission nomme l'un de ces sujets (« OSC », « SimulEasy », « Lead Monexpert »),
    d'après leurs missions (section « Comment ouvrir les services ? » du document)."""
    keys = [fold(n) for n in names if n]
    return tuple(key for key, role in cat.roles.items()
                 if any(k and k in fold(mission) for mission in role.missions for k in keys))
