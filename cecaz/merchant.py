"""Le commerçant désigné par son métier : « une boulangerie qui vend sur son site… », puis « je peux le glisser dans ma
réponse à la boulangère ? », « et l'hôtel, il a quoi comme ligne ? ». Le métier dit au début de la conversation est
le client dont on parle ; ses mentions suivantes se lisent « le client », pour que les lecteurs du public d'une ligne
(`cecaz.audience`) les reconnaissent comme toute autre mention du commerçant (section « Comment assister mon
client ? » : lignes à communiquer au client ou réservées à la CECAZ)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, List, Tuple

from cecaz.catalogue import Catalogue
from cecaz.notions import subjects_by_notion
from cecaz.textnorm import fold, quoted_notes

# The merchant named by what he is to the bank, not by his trade: « le client », « une commerçante » (folded text)
MERCHANT_WORD = r"(?:client|cliente|commercant|commercante|marchand)s?"
# Words that follow « un », « une » in a staff question without naming the merchant (folded). « agence » is the bank's
# branch (« depuis l'agence ») too often to be his trade, « boutique », « site », « e-shop » his site, not him.
_NOT_A_MERCHANT = frozenset("""
    souci soucis probleme problemes pb question questions doute contrat contrats site sites paiement paiements lead
    leads dossier simulation simu mail email e numero num tel ligne lignes besoin moment collegue conseiller conseillere
    collaborateur collaboratrice client cliente clients commercant commercante marchand marchande autre autres seul
    seule peu bug erreur refus remboursement virement virements diagnostic diag rdv rendez appel acompte acomptes
    offre solution page lien tpe terminal carte cb compte agence caisse reseau cif atc outil tarif devis commande
    commandes vente ventes boutique shop eshop chose fois jour mois an semaine heure minute demande demandes service
    interlocuteur adresse projet cas exemple type coup fait truc mec gars personne acheteur acheteuse porteur
    particulier transaction impaye litige lundi mardi mercredi jeudi vendredi samedi dimanche matin soir midi
    weekend instant rappel annee
""".split())
# « à un opticien », « une pâtisserie » : a trade said with an indefinite article (folded text)
_A_NOUN = r"\b(?:un|une|d un|d une|dun|dune)\s+(?P<noun>[a-z]{3,})\b"
_A_TRADE = re.compile(_A_NOUN)
# The merchant introduced: that, then what he does or has.
_INTRODUCED = re.compile(
    r"(?<!quelqu )" + _A_NOUN +
    r"(?=(?:\s+[a-z]+){0,3}?\s+(?:qui|en|sous|sans|avec|a|n|ne|veut|vend|vient|encaisse|prend|fait|part|passe|"
    r"accepte|dont|cherche|donne|me|demande|souhaite|voudrait|aimerait|propose|utilise|est|qu)\b)")
# « le contrat SP+ d'un hôtel », « le dossier d'une pharmacie » : the merchant whose contract or file it is
_WHOSE = re.compile(r"\b(?:contrat|dossier|compte|site|page|paiements?)(?: [a-z+]+)? (?:d un|d une|dun|dune)\s+"
                    r"(?P<noun>[a-z]{3,})\b")
# Masculine, feminine or the shop (« boulanger », « boulangère », « boulangerie ») end differently on one stem.
_ENDINGS = ("ienne", "iere", "erie", "euse", "ien", "ier", "ere", "eur", "ie", "er", "e", "s")
_ARTICLE = r"(?:(?:à|a) la |(?:à|a) l['’ ]?|au |aux |du |de la |de l['’ ]?|la |le |les |l['’ ]?|ma |mon |sa |son |" \
           r"cette |ce |cet )"
_MENTION = re.compile(rf"(?i)\b(?P<article>{_ARTICLE})(?P<word>\w+)")


def _stem(word: str) -> str:
    return next((word[:-len(e)] for e in _ENDINGS if word.endswith(e) and len(word) - len(e) >= 4), word)


def _names(word: str, noun: str) -> bool:
    """« boulangère » names « boulangerie », « ostéo » « ostéopathe » (folded words)."""
    return _stem(word) == _stem(noun) or (len(word) >= 4 and noun.startswith(word))



def mentions_a_merchant_from(text: str, earlier: Iterable[str]) -> bool:
    """« et du coup pour l'opticien, c'était quoi l'étape suivante ? », « et pour ma pâtisserie, l'adresse ? » : le
    message désigne (article ou possessif, puis le métier) un commerçant que l'un des messages `earlier` a présenté
    (« le CIF vient de faire signer le contrat SP+ à un opticien »). False sinon."""
    nouns = {m.group("noun") for t in earlier for m in _A_TRADE.finditer(fold(t))} - _NOT_A_MERCHANT
    return any(_names(fold(m.group("word")), noun) for m in _MENTION.finditer(text) for noun in nouns
               if fold(m.group("word")) not in _NOT_A_MERCHANT)


def merchant_nouns(texts: Iterable[str]) -> Tuple[str, ...]:
    """Les métiers par lesquels la conversation a présenté le commerçant (« une boulangerie qui… » → « boulangerie »),
    dans l'ordre ; `texts` : les messages tapés, dans n'importe quel ordre. Tuple vide s'il n'en a présenté aucun."""
    return tuple(dict.fromkeys(n for text in texts for n in _nouns_in(text)))


# « à chacun », « aux deux » : every merchant of the message, each with his own offer (folded text)
EACH_ONE = r"chacun|chacune|tous les deux|toutes les deux"
_EACH = re.compile(rf"\b(?:{EACH_ONE}|les deux|aux deux)\b")


def several_merchants(text: str) -> bool:
    """« un opticien est chez Payplug et un garage en SP+ », « quel mail je donne à chacun ? » : the message speaks of
    more than one merchant."""
    return len(merchant_nouns((text,))) > 1 or bool(_EACH.search(fold(text)))


# « fleuriste sous Payplug », « couturière sans site » : how a note names the merchant, his trade without an article,
# then his offer or what he has (folded) ; not an action noted (« passer en SP+ », « basculer sous JPEL »)
# (a verb, whole: « relancer », « mettre », « vendre » ; not « restaurant », « esthéticienne »)
_NOTED_TRADE = re.compile(r"^(?!(?:pass|part|bascul|mett|mis|migr|rest|ouvr|propos|fai|est|sont|relanc|rappel|appel|"
                          r"envoy|donn|voi|fix|cre|verif|contact|sign|factur|encaiss|ajout|vend)"
                          r"(?:e|er|es|ez|ent|re|ir|is|it|ier|ee|r)?\b)"
                          r"(?P<noun>[a-z]{3,})(?: [a-z]+){0,2}? (?P<link>sous|en|chez|sans|avec) (?P<what>[\w+]+)")
# the words before a colon that say a note follows (folded): « dans ses notes : », « le récap : », « post-it : »
_A_NOTE = re.compile(r"\b(?:not\w*|passation|dossier|post it|recap\w*|ecrit|mail|memo|fiche)\b")
# a note may name the merchant by his shop (« boutique déco en SP+ »), which a sentence does not (« sa boutique »)
_NOT_A_NOTED_MERCHANT = _NOT_A_MERCHANT - {"boutique", "shop", "eshop"}


def _noted_trades(text: str) -> List[re.Match[str]]:
    """The merchants a note names by their trade: in words quoted (« dans ses notes : « fleuriste sous Payplug, … » »,
    not the merchant's question quoted, « « vendre en ligne, c'est possible ? » ») or after a colon that a note word
    opens (« dossier repris : boutique déco en SP+, … », not « question rapide : tarif en SP+ ? »)."""
    quoted = [note.group() for note in quoted_notes(text)]
    parts = text.split(":")
    after_a_colon = [part for before, part in zip(parts, parts[1:], strict=False) if _A_NOTE.search(fold(before))]
    found = (_NOTED_TRADE.match(fold(note)) for note in (*quoted, *after_a_colon))
    return [match for match in found if match and match.group("noun") not in _NOT_A_NOTED_MERCHANT
            and not match.group("noun").endswith(("ment", "age"))]


@lru_cache(maxsize=1024)
def _nouns_in(text: str) -> Tuple[str, ...]:
    """The trades one message introduces; cached: every reading of a message looks at the conversation's messages
    again (`actions.tracker_reading.message_text`, `cecaz.doers.asked`)."""
    found = [*(m.group("noun") for pattern in (_INTRODUCED, _WHOSE) for m in pattern.finditer(fold(text))),
             *(m.group("noun") for m in _noted_trades(text))]
    return tuple(n for n in found if n not in _NOT_A_MERCHANT and not n.endswith("ment"))


def as_the_client(text: str, nouns: Iterable[str]) -> str:
    """`text` où chaque mention du commerçant par son métier (`nouns`, de `merchant_nouns`) précédée d'un article ou
    d'un possessif devient « le client » (« à la boulangère » → « au client », « lhotel » → « le client ») ; la
    présentation elle-même (« une boulangerie ») reste telle quelle."""
    nouns = tuple(nouns)

    def client(match: re.Match[str]) -> str:
        if not any(_names(fold(match.group("word")), noun) for noun in nouns):
            return match.group(0)
        article = fold(match.group("article")).strip()
        return "au client" if article.startswith(("a l", "au", "aux")) else \
            "du client" if article.startswith(("du", "de l")) else "le client"
    return _MENTION.sub(client, text) if nouns else text


# « mon client JPEL », « un commerçant de la solution clé en main » : the offer he is a client of (folded text) ;
# not « le service client SP+ », a line's name
_A_CLIENT = rf"(?<!service )(?<!services )\b{MERCHANT_WORD}"
_CLIENT_OF = re.compile(rf"{_A_CLIENT} ((?:[\w+]+ ?){{1,2}})")
_CLIENT_OF_DESCRIBED = re.compile(rf"{_A_CLIENT} (?:de|du|avec|sous|en) ((?:[\w+]+ ?){{1,8}})")
# « un commerçant qui utilise Payplug », « une cliente qui est sous SP+ » : the offer he has, in a relative
_WHO_HAS = r"s? qui (?:utilise\w*|a|ont|est|sont|passe\w* par|part\w* sur|a choisi|a pris) " \
           r"(?:(?:en|sous|chez|client de) )?([\w+]+)"
_CLIENT_WHO_HAS = re.compile(r"(?<!service )(?<!services )\b(?:client|cliente|commercant|commercante|marchand)"
                             + _WHO_HAS)


def offers_of_the_client(cat: Catalogue, text: str) -> Tuple[str, ...]:
    """« mon client JPEL », « un commerçant SP+ », « un plombier en jpel » (le commerçant par son métier,
    `merchant_nouns`) : les offres qui qualifient le client (le client de cette offre), pas le sujet de
    la question."""
    folded = fold(text)
    # (his trade, then the offer he is a client of: « un plombier en jpel », « une librairie qui utilise SP+ », not
    # « un plombier veut jpel »)
    trades = [re.compile(rf"\b{re.escape(noun)}(?:{_WHO_HAS}|s? ((?:en |sous |avec |chez )?[\w+]+))")
              for noun in merchant_nouns((text,))]
    said = [next(g for g in match.groups() if g) for pattern in (_CLIENT_OF, _CLIENT_WHO_HAS, *trades)
            for match in pattern.finditer(folded)]
    # « dans ses notes : « fleuriste sous Payplug, … » » : a note opens on the trade, bare, then his offer
    said += [match.group("what") for match in _noted_trades(text) if match.group("link") in ("sous", "en", "chez")]
    # « un client de la solution clé en main de la filiale » : the offer described by its notions
    described = (o for match in _CLIENT_OF_DESCRIBED.finditer(folded)
                 for o in subjects_by_notion(cat, "offer", match.group(1)))
    return tuple(dict.fromkeys((*(o for words in said for o in cat.find_in_text("offer", words)), *described)))
