"""Pour qui est demandée une ligne : le commerçant (« mon client », « qu'il appelle ») ou le
collaborateur (« pour moi », « en interne »). Une question pour le commerçant ne reçoit que les lignes
à lui communiquer ; une ligne interne n'y figure jamais (docs/nlu-spec.md, lecteurs à règles)."""

from __future__ import annotations

import re
from typing import Literal, Optional

from cecaz.merchant import EACH_ONE, MERCHANT_WORD
from cecaz.reported import reported
from cecaz.textnorm import (
    BY_THE_WAY,
    HAND_OVER,
    HANDED_TO_HIM,
    IN_WRITING,
    LEAVE_WITH,
    LINE_DETAIL,
    LINE_NOUN,
    OPENING,
    PLACE,
    QUOTED,
    WHAT_FOR,
    fold,
    has_question_word,
    without_describing_who,
)
from cecaz.when import names_a_moment

Audience = Literal["client", "staff"]
CLIENT: Audience = "client"
STAFF: Audience = "staff"

_CLIENT = re.compile(
    # « client » alone, but not in a line's name (« service client », « relation client », « demandes clients »).
    r"\b(?:(?<!service )(?<!services )(?<!sce )(?<!relation )(?<!demandes )(?<!espace )clients?|cliente|"
    r"commercante?s?|marchande?s?|"
    # (« je lui donnerais quel numéro ? » : any tense)
    rf"lui (?:{HAND_OVER}|{LEAVE_WITH})|"
    r"qu (?:il|elle) (?:appelle|contacte|joigne)|(?:il|elle) (?:peut|doit|pourra|pourrait) (?:leur |lui |les |l )?"
    r"(?:appeler|contacter|joindre|ecrire)|"
    # « il a le droit d'appeler la monétique pro ? » : what the merchant may do
    r"(?:il|elle) (?:a|aura|aurait) (?:bien |aussi )?le droit (?:d|de) (?:leur |lui |les |l )?"
    r"(?:appeler|contacter|joindre|ecrire)|"
    # « et par tél il appelle qui ? », « elle contacte qui ? » : « il », « elle », the merchant of the conversation.
    # (« elle envoie ses mails à qui ? » : writing to a line is contacting it)
    r"(?:il|elle) (?:appelle|ecrit|contacte|joint|envoie (?:ses |son |un |des |les )?(?:e )?(?:mails?|messages?))|"
    # « qui doit-elle contacter ? » : the merchant, by the pronoun after its verb
    r"(?:peut|doit|pourra|pourrait|devrait|peuvent|doivent) (?:il|elle|ils|elles) (?:appeler|contacter|joindre|"
    r"ecrire|s adresser)|"
    # « y a une autre ligne pour lui ? » : a line for the merchant spoken of
    r"(?:lignes?|numeros?|nums?|contacts?|mails?|adresses?|tels?) pour (?:lui|elle|eux)|"
    # « qui peut le renseigner ? » : who helps him
    r"qui (?:peut|pourra|pourrait|doit|va) (?:le|la|l|les|lui|leur) "
    r"(?:renseigner|aider|depanner|assister|accompagner|conseiller|repondre)|"
    r"(?:donner|communiquer|transmettre) (?:au|a son|a mon|a un) (?:client|commercant)|"
    # « une librairie chez Payplug et un cabinet en SP+ : quelle adresse donner à chacun ? » : the merchants described
    rf"(?:donne\w*|communique\w*|transmet\w*|file\w*|passe\w*|indique\w*) (?:a (?:{EACH_ONE})|aux deux)\b|"
    # « quelles lignes je donne à une pâtisserie en SP+ ? », « je file quoi à un hôtel ? », « je passe le numéro à une
    # fleuriste » : handed to someone, the merchant
    r"(?:je|on|j) (?:donne|file|communique|transmets|transmet|transfere|indique|passe)"
    # (« je donne quel numéro Payplug à une fleuriste » : the line asked, in one or two words)
    r" (?:quoi |ca |cela |(?:le|la|les|l|ce|cette|ces|son|sa|ses|leur|leurs|quel|quelle|quels|quelles) "
    r"[\w+]+ (?:[\w+]+ )?)?(?:a|au|aux) "
    # (not to a colleague: « je passe le dossier à mon collègue », « à un CIF »)
    r"(?:un|une|mon|ma|le|la|ce|cette|l|mes|nos|ses) (?!(?:collegue|cif|atc|conseill\w*|agence|reseau|responsable|"
    r"directeur|directrice|manager|chef|banque|caisse)s?\b)|"
    # « il me demande qui appeler », « je lui dis quoi ? » : the merchant's question, passed on by the adviser.
    # (« un artisan en JPEL me demande à qui s'adresser » : the merchant's question, whoever says it; not « je me
    # demande », the adviser wondering; « une collègue me demande » is taken out first, `SOMEONE_ELSE_ASKS`)
    r"(?<!\bje )(?:me|nous) demande(?:nt)?|"
    r"(?:veut|veulent|voudrait|voudraient|souhaite|souhaiterait) savoir|"
    # « une libraire me dit : "envoyez-moi les contacts" » : what the merchant said (not « on m'a dit », a colleague,
    # the document)
    r"(?:il|elle|ils|elles|(?:un|une|mon|ma|le|la|l|ce|cette) (?!(?:collegue|cif|atc|conseill\w*|agence|reseau|"
    r"responsable|directeur|directrice|manager|chef|banque|caisse|doc\w*|procedure|fiche|note)s?\b)[\w+]+"
    r"(?: (?:en|chez|sous|avec) [\w+]+)?) (?:me|m a|nous) dit\b|"
    r"je lui (?:dis|reponds|explique)|"
    r"lui (?:dire|repondre|expliquer)|"
    # « je rédige deux mails, un pour un traiteur… », « dans mon courriel à une fleuriste » : written to a merchant
    r"(?:redige\w*|prepare\w*|ecri\w*|envoie\w*) (?:un|une|deux|des|mon|ma|mes|le|la|les) (?:mails?|e mails?|"
    r"courriels?|messages?|reponses?)\b(?: (?:a|pour|au|aux) (?:un|une|mon|ma|des|ce|cette|mes|nos|ses)\b|"
    r" ?(?:un|une) pour (?:un|une)\b)|"
    # (« dans mon courriel à une fleuriste », « mon compte rendu au garagiste » ; not to a colleague or a line)
    r"(?:mails?|e mails?|courriels?|messages?|reponses?|compte rendu|recap\w*) (?:(?:a|pour) (?:un|une|mon|ma|ce|"
    r"cette)|au|aux) (?!(?:collegue|cif|atc|conseill\w*|agence|reseau|responsable|directeur|directrice|direction|"
    r"manager|chef|banque|caisse|support|service|equipe|assistance|monetique|adresse|numero|ligne)s?\b)|"
    # « cette adresse, elle peut lui servir ? », « ça lui sera utile ? » : of use to him
    r"(?:lui|leur) (?:servir|sert|servira|servirait)\b|(?:lui|leur) (?:sera|serait|etre|est) (?:bien |vraiment )?"
    r"utiles?\b|"
    # « je lui mets quoi dans ma réponse ? » : written for him
    r"lui (?:mets|met|note\w*|indique\w*) (?:quoi|quel\w*)\b)\b")
_STAFF = re.compile(
    r"\b(?:pour moi|en interne|interne|collaborateurs?|en tant que (?:conseiller|collaborateur|atc|cif)|"
    r"pour nous|cote (?:caisse|cecaz|banque|agence|reseau)|(?:pour|chez) la (?:caisse|cecaz)|"
    r"(?:j|je|on|nous) (?:appelle|appelons|contacte|contactons|joins|joint)|"
    # « je dois rappeler la monétique pro pour le dossier de mon client » : the adviser calls, for the client.
    # (« ce soir vers 17h45, je pourrai encore joindre l'équipe partenariat ? » : whether I can still reach it)
    r"(?:je|nous) (?:dois|devons|vais|allons|veux|voudrais) (?:les |le |la |l |leur )?"
    r"(?:r?appeler|recontacter|contacter|joindre)|je (?:les |le |la |l )?rappelle|"
    # (the line named: « je peux les appeler là ? » asks whether the lines in focus are open, whoever calls)
    r"(?:je|nous) (?:peux|pourrai|pourrais|pouvons|pourrons) (?:encore |toujours |bien |aussi |quand meme |deja )?"
    r"(?:r?appeler|recontacter|contacter|joindre) (?:le|la|l|les|un|une) (?!(?:client|cliente|commercant\w*|"
    r"marchand\w*|pro|proprietaire|gerant\w*)s?\b)|"
    r"(?:me|nous) (?:aider|depanner)|"
    # « pour le dossier SP+ d'un client, j'ai besoin de la ligne monétique pro » : the adviser needs it (the client
    # only says whose file)
    # (not « j'ai besoin du numéro à donner à mon client » : handed over to him)
    r"(?:(?:j ai|on a|nous avons) besoin (?:de|du|d|des) (?:la |le |l |leur |leurs |son |sa |ses |ce |cette )?|"
    rf"il me faut (?:la|le|l|leur|leurs|les) ){LINE_DETAIL}(?!.*\b(?:donne\w*|transmet\w*|communiqu\w*|file\w*|"
    r"passe\w*|envoie\w*|envoye\w*|a (?:mon|ma|son|sa|notre|un|une|le|la) (?:client|cliente|commercant\w*))\b)|"
    # « et la CECAZ, elle a une ligne à elle chez Payplug ? », « nous on a un contact chez eux ? » : a line of our own
    r"(?:la (?:caisse|cecaz)|nous|on)(?: elle| on)? (?:a|avons|aurait|possede) (?:une?|des|d) (?:autres? )?"
    r"(?:lignes?|numeros?|nums?|contacts?|interlocuteurs?))\b")


# « les lignes pour un client JPEL, et la nôtre en interne », « le num pour le commerçant et celui pour nous » : the
# lines of both publics asked together (folded text).
_BOTH_AUDIENCES = re.compile(r"\b(?:pour|a) (?:un|le|mon|ma|notre|son|au) (?:client|cliente|commercant)\b[^?]*?"
                             r"\bet (?:(?:la|le|les) notres?|pour nous|pour moi|nous|moi|en interne|"
                             r"(?:celui|celle|ceux|celles)\b[^?]*?\b(?:interne|pour nous|pour moi|cote caisse))\b")
# « et nous on a qui le samedi ? », « et moi j'appelle qui ? » : the staff member, unless the merchant is named too.
_STAFF_AFTER = re.compile(r"^(?:et|mais) (?:nous|moi) ")


def asks_for_both_publics(text: str) -> bool:
    """« donne-moi les lignes pour un client JPEL, et la nôtre en interne » : the lines of both publics asked together
    (`audience_of` is then None: the client's lines, then the internal ones apart)."""
    return bool(_BOTH_AUDIENCES.search(fold(text)))




# « une collègue me demande… », « on m'a demandé… », « le CIF de l'agence me demande… » : a question relayed from
# someone on our side, or someone unsaid (« on me demande au guichet »), not the merchant's (folded text)
SOMEONE_ELSE_ASKS = re.compile(r"\b(?:on|(?:collegue|cif|atc|conseill\w*|responsable|directeur|directrice|manager|"
                               r"chef)s?(?: \w+){0,3}?) (?:me|m a|nous|nous a) demande\w*")


def audience_of(text: str) -> Optional[Audience]:
    """`STAFF` si le message dit que la ligne est pour le collaborateur, sinon `CLIENT` s'il parle du
    commerçant, sinon None (on ne sait pas : lignes client d'abord, lignes internes à part)."""
    folded = fold(text)
    if asks_for_both_publics(text):
        return None  # « les lignes pour un client JPEL, et la nôtre en interne » : both, each in its part
    # (« une fleuriste me dit : "qui je dois appeler ?" » : the « je » of the merchant's words quoted is not us)
    if _STAFF.search(fold(QUOTED.sub(" ", text)) if QUOTED.search(text) else folded):
        return STAFF
    # (« il a noté support@payplug.com, c'est bon pour elle ? » : the line right for the merchant)
    # (« une collègue me demande le numéro de la monétique pro » : not the merchant's question)
    if _CLIENT.search(SOMEONE_ELSE_ASKS.sub(" ", folded)) or _FITS_HIM.search(folded):
        return CLIENT
    return STAFF if _STAFF_AFTER.search(folded) else None


# Hand a line over to the merchant: « donner », « filer »… (`textnorm.HAND_OVER`), « la lui laisser » (`LEAVE_WITH`) ;
# « l'envoyer », « le partager » only with the pronoun of the line (« je peux leur envoyer un mail ? » writes to the
# line).
_SEND = r"envoie\w*|envoye\w*|partage\w*"
# « … lui filer le mail de la monétique pro'. je lui envoie » : sent to him, the thing left unsaid (the message ends)
_SENT_HIM = rf"lui (?:{_SEND})(?=\s*$)"
# « je le mets dans le mail au client ? », « je peux l'indiquer dans mon message ? » : written down for him.
# « si je mets cette adresse dans la signature de mon mail au commerçant » : the line named between verb and place
_WRITE = r"(?:mets|met|mettre|note\w*|indique\w*|ecri\w*|colle\w*|r?ajoute\w*|glisse\w*|insere\w*|integre\w*|" \
         r"copie\w*|inscri\w*) "
# « je peux le coller tel quel dans ma réponse au client ? » : how it is written down does not change the question
# « je peux la mettre sans risque dans mon courriel ? » : nor how safely
_AS_IT_IS = r"(?:(?:tel|telle|tels|telles) (?:quel|quelle|quels|quelles) |directement |aussi |simplement |" \
            r"sans (?:risque|souci|probleme|crainte) |tranquillement |quand meme )?"
_WRITE_DOWN = _WRITE + _AS_IT_IS + IN_WRITING
# (« je peux ajouter l'adresse de la monétique pro en copie ? » : the line named by whose it is)
_WRITE_LINE_DOWN = _WRITE + r"(?:ce|cet|cette|ces|son|sa|ses|leur|leurs|le|la|les|l) " \
                            r"(?:numeros?|adresses?|mails?|lignes?|contacts?|tels?) " \
                            r"(?:(?:de|du|des|d) (?:[\w+]+ ){1,4}?)?" + IN_WRITING
# « je peux la lui envoyer ? » : the line's pronoun, then the merchant's
_CAN_GIVE = re.compile(rf"\b(?:peux|peut|pouvons|puis je|dois je|je|on)\b.*"
                       rf"\b(?:{HAND_OVER}|(?:lui|leur) (?:{LEAVE_WITH})|(?:le|la|les|l) (?:lui |leur )?(?:{_SEND}|"
                       rf"{_WRITE_DOWN})|"
                       rf"{_WRITE_LINE_DOWN}|{_SENT_HIM})\b")
# « je peux lui passer ? », « je leur file ? » : handed to him, the thing left unsaid (the line spoken of)
_GIVE_TO_HIM = re.compile(rf"\b{HANDED_TO_HIM}\s*$")
_GIVE_IT = re.compile(rf"\b(?:le|la|les|l)\s+(?:lui |leur )?(?:{HAND_OVER}|{_SEND}|{_WRITE_DOWN})\b|"
                      rf"\b(?:le|la|les|l)\s+(?:lui|leur) (?:{LEAVE_WITH})\b")
_THIS_LINE = re.compile(r"\b(?:ce|cet|cette|ces) "
                        r"(?:numeros?|n°|mails?|e mails?|lignes?|contacts?|adresses?|tels?)\b")
# « il peut les appeler, lui ? », « on peut leur écrire pour un lead ? » : the line spoken of, called or written to
_CALL_IT = re.compile(r"\b(?:le|la|les|l|leur) (?:appel(?:er|le|les|lent|lez|lerait|leront)|telephon(?:er|e|es|ent)|"
                      r"joindre|joins|joint|contact(?:er|e|es|ent|ez)|ecrire|composer)\b")


def names_the_line_by_pronoun(text: str) -> bool:
    """« je peux le filer à mon client JPEL ? », « ce numéro, je le donne ? », « un commerçant en JPEL peut le
    composer ? », « on peut les appeler ? » : la ligne dont on parle, par un pronom ou un démonstratif (pas nommée)."""
    folded = fold(text)
    return bool(_GIVE_IT.search(folded) or _THIS_LINE.search(folded) or _CLIENT_MAY_USE.search(folded)
                or _GIVE_TO_HIM.search(folded) or _CALL_IT.search(folded))


# « et un commerçant peut les appeler lui aussi ? » : the lines just given, by a pronoun.
# « un commerçant en JPEL peut le composer lui aussi ? », « un commerçant sp+ peut les appeler ? » : the client,
# qualified by an offer.
# « et côté caisse, ils ont quelqu'un pour nous ? », « y a un interlocuteur pour moi ? » : someone asked for the staff
# (« on a une autre ligne ? » names the line: the NLU reads it)
_SOMEONE_FOR = re.compile(r"\b(?:ont|a|avez|y a|ya|existe)\b(?: \w+){0,2}? (?:quelqu un|qqn|une? (?:autre )?"
                          r"interlocuteurs?)\b")


def asks_for_a_line_for_us(text: str) -> bool:
    """« et côté caisse, ils ont quelqu'un pour nous ? » : whether the organisation in focus has a line for the staff
    (its lines for that public), even when the NLU reads a greeting."""
    return bool(_SOMEONE_FOR.search(fold(text))) and audience_of(text) == STAFF


# The merchant calling or writing to a line, asked in many shapes below: one vocabulary for all of them.
# « un client JPEL », « un commerçant en SP+ », « le client chez Payplug »
# « un commerçant payplug », « un client en JPEL », « un commerçant qui utilise Payplug »
_MERCHANT_OF = MERCHANT_WORD + r" (?:(?:(?:en|de|chez|sous) )?[\w+]+ |qui (?:[\w+]+ ){1,3}?)?"
_CONTACT = r"(?:appeler|contacter|joindre|ecrire|composer|utiliser)"
_CALL_STEM = r"(?:appel|contact|joi|compos)\w*"  # any tense: « l'appelle », « contacte », « joint », « compose »
# « peut-il appeler », « il appelle quoi », « elle peut joindre » : someone taken up by a pronoun calling
_HE_CALLS = re.compile(r"\b(?:(?:peut|pourra|pourrait|doit) (?:il|elle)|(?:il|elle) (?:peut |pourra |doit )?)"
                       + _CALL_STEM)


def he_calls(text: str) -> bool:
    """True when `text` says that « il » or « elle » (the merchant, once the conversation is about what to give him)
    calls, may or must call (« alors quel numéro peut-il appeler samedi ? »)."""
    return bool(_HE_CALLS.search(fold(text)))

# « le commerçant peut donc appeler… », « il peut quand même les appeler » : what is said by the way, between the verbs
_SAID_BY_THE_WAY = rf"(?: {BY_THE_WAY})*"
_CLIENT_MAY_USE = re.compile(rf"\b{_MERCHANT_OF}"
                             # « le client a le droit de l'appeler ? », « le client peut-il le composer ? »
                             r"(?:il |elle |ils |lui )?(?:peut|peuvent|pourrait|pourraient|pourra|pourront|"
                             r"a le droit de|ont le droit de|a droit de)(?: il| elle| ils)?"
                             rf"{_SAID_BY_THE_WAY} (?:les|l|le|la|leur|lui|y) {_CONTACT}\b")


# « un client JPEL peut écrire au support Payplug ? » : the merchant using the line named after the verb
_CLIENT_MAY_CALL = re.compile(rf"\b{_MERCHANT_OF}(?:il |elle )?(?:peut|peuvent|pourrait|a le droit d)"
                              rf"{_SAID_BY_THE_WAY} "
                              rf"{_CONTACT} (?:a |aux? )?(?:le|la|l|les)?\b")


_I_GIVE = re.compile(rf"\bje (?:{HANDED_TO_HIM}\b|{_SENT_HIM})")
# the first person of `_WRITE`'s verbs, as the adviser says what he puts in his message
_I_WRITE = r"(?:mets|met|indique|ajoute|rajoute|precise|note|glisse)"
# « je lui mets l'adresse support@payplug.com », « j'ajoute aussi le numéro de l'équipe partenariat » : a line written
# down for the merchant, the line named after the verb
_WRITES_A_LINE = re.compile(r"\b(?:je|j) (?:lui |leur )?(?:" + _I_WRITE + r"|donne) "
                            r"(?:aussi |egalement |en plus |bien )?(?:le|la|l|les|son|sa|ses|leur|leurs|ce|cette) "
                            r"(?:numeros?|n°|adresses?|mails?|e mails?|tel|telephone|coordonnees|lignes?|contacts?|"
                            r"\d\d)\b"
                            # « et leur numéro, je le mets aussi ? » : the line just named, by its pronoun
                            r"|\bje (?:le|la|les|l) (?:lui |leur )?" + _I_WRITE +
                            r"(?: aussi| egalement| en plus| a cote)?\s*$")
_MAY = re.compile(r"\b(?:je|on) (?:peux|peut|pourrais|pourrait)\b|\bpuis je\b")


# « et l'adresse de la monétique pro juste en dessous, ça passe ? » : whether it will do, said at the end (folded text)
_IT_WILL_DO = re.compile(r"\b(?:ca|cela|c) (?:passe|va|marche|colle|le fait)\s*$|\bc est (?:bon|ok|jouable)\s*$")


def asks_if_it_will_do(text: str) -> bool:
    """« …, ça passe ? », « …, c'est bon ? » : whether the thing named will do for what was just asked (after « je
    la mets dans ma signature ? », whether that other line may be handed over too)."""
    return bool(_IT_WILL_DO.search(fold(text)))


def asks_what_a_line_is_for(text: str) -> bool:
    """« on s'en sert pour quoi ? », « on l'appelle pour quoi ? », « pour quelles demandes ? » : what a line is for."""
    return bool(WHAT_FOR.search(fold(text)))


def asks_if_shareable(text: str) -> bool:
    """« je peux lui donner ce numéro ? », « un commerçant peut les appeler ? » : une question fermée sur
    le public de la ligne, même si le NLU y a vu une question de téléphone."""
    folded = fold(text)
    # « et celui du partenariat, je peux le donner aussi ? » : closed, the line by a pronoun; « quel numéro je peux
    # donner ? » asks which line, « je dois passer par un CIF ? » gives nothing.
    # « mon client a un souci, je lui file la monétique pro ? » : the question is the last clause.
    last_clause = re.split(r"[,;:]", text)[-1]
    # (« je peux le donner au commerçant qui veut des infos ? » : the « qui » that describes him asks nothing)
    starts = {(fold(part).split() or [""])[0] for part in (text, last_clause)
              if part is text or not has_question_word(without_describing_who(part))}
    # « le support payplug, je peux donner leurs coordonnées au commerçant ? » : the line first, then the question.
    # « mon client sp+ a un souci je lui file le num de la monétique pro » : typed without a comma, « je lui file »
    # inside the message says it as well.
    writes = bool(_WRITES_A_LINE.search(folded))
    closed = bool(starts & {"je", "on", "est", "puis", "ce", "ca", "c", "il"}) or (
        not has_question_word(without_describing_who(text)) and bool(
            writes or _GIVE_IT.search(folded) or _I_GIVE.search(folded) or (
                _MAY.search(folded) and not _WHICH.search(folded))))  # « celle que je peux passer » asks which one
    return ((writes or bool(_CAN_GIVE.search(folded))) and closed) or bool(_CLIENT_MAY_USE.search(folded)) \
        or bool(_CLIENT_MAY_CALL.search(folded) or _CLIENT_CALLS_IT.search(folded)
                or _SERVES_MERCHANTS.search(folded)) and not has_question_word(text) and not names_a_moment(text) \
        or bool(_TOLD_TO_GIVE.search(folded) or _CLIENT_SHOULD_CALL.search(folded) or _SEND_THE_CLIENT.search(folded)
                or _MAY_WRITE_THERE.search(folded) or _THE_CLIENTS_LINE.search(folded) or _HE_MAY_CALL.search(folded)
                or _FITS_HIM.search(folded))


# « donc si elle plante, le commerçant appelle ce numéro-là ? », « dc le commercant il contacte eux » : the merchant
# calling the line in focus (a demonstrative or a pronoun), asked yes or no
_CLIENT_CALLS_IT = re.compile(rf"\b{MERCHANT_WORD} (?:(?:il|elle) )?(?:(?:doit|peut|va|devrait|pourra) )?"
                              rf"(?:(?:l|les|la|le) ?{_CALL_STEM}|{_CALL_STEM} (?:ce|cette|celui|celle|eux)\b)")
# « mon client JPEL a un souci ; je crois qu'il doit appeler la monétique pro, c'est ça ? » : the merchant named, then
# the line he should call.
_CLIENT_SHOULD_CALL = re.compile(rf"\b{MERCHANT_WORD}\b.*\b(?:il|elle) (?:doit|devrait|peut|pourrait|va) "
                                 r"(?:appeler|contacter|joindre|ecrire a)\b")
# « et le mail de la monétique pro, elle peut y écrire ? » : the merchant (« il », « elle ») writing to the line named.
# « il peut l'appeler lui aussi ? » : the merchant calling the line just given.
_MAY_WRITE_THERE = re.compile(r"\b(?:il|elle) (?:peut|pourrait|pourra)(?: aussi| quand meme)? (?:(?:y|leur|lui) "
                              r"(?:ecrire|envoyer|telephoner)|"
                              r"(?:l|les|le|la) ?(?:appeler|contacter|joindre|composer))\b|"
                              # « ce numéro-là, il le compose lui-même ? »
                              rf"\b(?:il|elle) (?:l|les|le|la) ?{_CALL_STEM} (?:lui|elle) meme\b")
# « et s'il veut téléphoner, il a le droit d'appeler la monétique pro ? », « il me demande s'il peut appeler la
# monétique pro à la place » : the merchant (« il », « elle ») and a line
_HE_MAY_CALL = re.compile(r"\b(?:il|elle) (?:(?:a|aurait) (?:bien |aussi |quand meme )?le droit (?:d|de)|"
                          r"(?:peut|pourrait|pourra)(?: aussi| quand meme)?) "
                          r"(?:appeler|contacter|joindre|ecrire a|composer|passer par) (?:le|la|l|les)\b")
# « ils répondent aussi aux commerçants, eux ? » : whether the line in focus serves the merchants (a pronoun for it)
_SERVES_MERCHANTS = re.compile(r"\b(?:ils|elles|il|elle) (?:repond\w*|prenn?\w*|trait\w*|s occup\w*|recoi\w*)"
                               rf"{_SAID_BY_THE_WAY} (?:aux?|des|les|de) {MERCHANT_WORD}s?\b")
# « ça, c'est le numéro que le commerçant compose s'il a un problème ? » : the line said to be the merchant's own.
_THE_CLIENTS_LINE = re.compile(rf"\b{LINE_NOUN} (?:que|qu) "
                               r"(?:le |la |mon |ma |un |une |notre |son |nos |les |mes )?"
                               rf"{MERCHANT_WORD} "
                               r"(?:(?:doit|peut|va|devrait|pourrait|doivent|peuvent) )?"
                               r"(?:compos|appel|contact|joi[nt]|utilis|ecri)\w*")
# « je peux leur envoyer un client qui a un souci ? » : the merchant sent to the line.
_SEND_THE_CLIENT = re.compile(r"\b(?:leur|lui|y) (?:envoyer|adresser|orienter|rediriger|renvoyer|diriger) "
                              rf"(?:un |une |le |la |mon |ma |ce |cette |mes |des |nos )?{MERCHANT_WORD}\b")
# « il a noté support@payplug.com, c'est bon pour elle ? », « le 08, c'est ok pour lui ? » : whether the line is right
# for the merchant, to be given him
# (« le 09 69 36 06 26 que je retrouve dans un vieux mail, ça marche pour lui ? » : a line named or quoted first ;
# not « demain matin, c'est bon pour elle ? », « le tarif à 25 euros, ça va pour lui ? »)
_FITS_HIM = re.compile(rf"\b(?:{LINE_NOUN}|0\d(?: ?\d\d){{4}}|33 1 76 34 01 55|[a-z]+ (?:com|fr))\b.*"
                       r"\b(?:c est (?:bien |aussi )?(?:bon|ok|correct|juste|valable)|"
                       r"(?:ca|il|elle) (?:marche\w*|fonctionne\w*|va|ira)(?: aussi)?) (?:pour|pr) "
                       r"(?:lui|elle|eux|elles)\b")
# « ma collègue dit de lui donner le numéro de la monétique pro, c'est bon ? » : a line someone said to hand over.
_TOLD_TO_GIVE = re.compile(rf"\b(?:dit|dis|disait|conseille\w*|propose\w*|demande\w*) de (?:lui |leur )?"
                           rf"(?:{HAND_OVER}|(?:le|la|les|l) (?:{_SEND}))\b(?! par\b)")  # not « passer par le CIF »


# « c quoi notre ligne interne ? » : « c » is how Teams writes « c'est » ; « et l'adresse à lui donner alors ? » : the
# one to give.
_WHICH = re.compile(r"\b(?:quel|quelle|quels|quelles|lequel|laquelle|lesquels|lesquelles|c est quoi|"
                    r"(?:adresse|numero|mail|tel|ligne|contact)s? a (?:lui |leur )?"
                    r"(?:donner|filer|passer|transmettre|communiquer)|"
                    # « celui que je peux passer » asks which; « celui-là » points at one
                    r"(?:celui|celle|ceux)(?! la\b)|"
                    # « nous, en interne, on appelle qui ? », « qui je contacte ? » : whom to call, for that public
                    r"(?:appel\w*|contact\w*|joindre|joins) qui|"
                    r"qui (?:on |j |je |nous )?(?:appel\w*|contact\w*|joindre))\b")


def asks_which_line(text: str) -> Optional[Audience]:
    """« c'est quoi notre ligne interne ? », « donc je file lequel au commerçant ? », « et celle que je
    peux passer au client ? » : quelle ligne pour ce public (pas « puis-je la donner ? ») ; le public, ou None."""
    audience = audience_of(text)
    # « c celui du marchand ou le nôtre ? » asks whom the line in focus serves
    if audience and _WHICH.search(fold(text)) and not asks_if_shareable(text) and not asks_us_or_them(text):
        return audience
    return None


# Anywhere in the question: « je suis conseiller : le Service Clients SP PLUS, je peux l'appeler moi aussi ? » names who
# asks and the line first.
_STAFF_MAY_USE = re.compile(r"\b(?:je|on|nous|j) (?:"
                            # « j'ai le droit d'appeler la monétique pro, moi ? »
                            r"(?:peux|peut|pouvons|pourrais|pourrait|pouvait|pouvions|ai le droit de?|a le droit de?|"
                            r"avons le droit de?)"
                            r"(?: aussi| quand meme)? (?:les |leur |l |la |le |y )?"
                            # « on peut lappeler » : the pronoun glued, as typed in Teams
                            r"(?:l?appeler|l?telephoner|ecrire|l?contacter|joindre|l?utiliser|"
                            r"(?:s |m |nous )?en servir)"
                            # « et on s'en sert aussi en interne ? », « on l'utilise nous aussi ? »
                            r"|s en sert|m en sers|nous en servons|l utilise|les utilise|l utilisons|les utilisons"
                            r")\b")


_OR_ELSE = re.compile(r" ou (?!pas\b|non\b)")
# « pour nous », « le nôtre », « en interne » ; « pour le client », « du commerçant », « à mon client »
_US = r"(?:pour (?:nous|moi|l interne|les collab\w*|la caisse|la cecaz|les conseillers)|(?:le|la|les) notres?|a nous|" \
      r"(?:en |d )?interne)"
_THEM = r"(?:(?:(?:pour|de|a) (?:le|les|nos|mes|un|des|notre|mon|ma|la)|du|des|au|aux) " \
        r"(?:clients?|clientes?|commercants?|commercantes?|pros?|marchands?)" \
        r"|pour (?:lui|elle|eux|elles))"  # « c'est pour elle ou pour nous ? » : the merchant, by a pronoun
_US_OR_THEM = re.compile(rf"\b{_US}\b.{{0,30}}\bou\b.{{0,20}}\b{_THEM}\b|\b{_THEM}\b.{{0,30}}\bou\b.{{0,20}}\b{_US}\b")


def whom_the_question_is_for(text: str) -> Optional[Audience]:
    """« et le commerçant il écrit à qui ? » : the merchant, for whom a « à qui ? » asks (CLIENT) ; None when the
    question weighs us against him (« c'est pour nous ou pour lui ? ») or names no one."""
    return CLIENT if audience_of(text) == CLIENT and not asks_us_or_them(text) else None


def asks_us_or_them(text: str) -> bool:
    """« il est pour nous ou pour nos clients ? », « c'est pour les commerçants ou pour nous ? » : the message asks
    which of the two audiences a line serves."""
    return bool(_US_OR_THEM.search(fold(text)))


# « ça c'est pour le client ? », « ce numéro c'est que pour nous ? » : whom the line in focus serves (closed question)
_IS_IT_FOR = re.compile(rf"^{OPENING}(?:(?:ca|cela|ce numero|ce num|cette ligne|ce mail|"
                        rf"cette adresse|"
                        # « et le premier, c'est aussi pour la CECAZ ? » : a line said by its place
                        rf"il|elle|lui|{PLACE}) )?"
                        rf"(?:c est|c|est|il est|elle est) (?:seulement |que |uniquement |bien |aussi )?"
                        # « c pour nous ca » : the line taken up again at the end
                        rf"(?:{_US}|{_THEM})(?: aussi| seulement| uniquement)?"
                        rf"(?: ca| cela| celui la| celle la| ce num\w*| cette ligne| ce mail)?\s*\??\s*$")


def asks_if_it_is_for(text: str) -> bool:
    """« ça c'est pour le client ? », « c'est que pour nous ? » : whom the line in focus serves (a yes or no)."""
    return bool(_IS_IT_FOR.search(fold(text)))



def has_alternative(text: str) -> bool:
    """« … ou c'est que pour les clients ? » : le message propose une autre réponse (pas « ou pas », « ou non »)."""
    return bool(_OR_ELSE.search(fold(text)))


# « le 08 10 00 47 24, on s'en sert aussi en interne ? », « et le 08, … » : the line quoted first (its first digits
# may do), then the question about it.
# (« et celui de tout à l'heure, on peut l'appeler nous aussi ? » : the line said by a demonstrative, then a comma)
_LINE_FIRST = re.compile(r"^\s*(?:(?:(?:et )?(?:le|la|l'|l’|ce|cette|cet) ?)?(?:num[ée]ro |mail |adresse )?"
                         r"(?:\+?\d[\d .]*\d|[\w.+-]+@[\w.-]+\w)\s*[,:;-]?|(?:et )?(?:celui|celle|ceux|celles)\b"
                         r"[^,?]{0,40},)\s*", re.IGNORECASE)


# « c'est un numéro pour nous ? », « c'est une ligne interne ? », « elle est réservée aux collaborateurs ? » :
# whether the line spoken of is the staff's (a closed question on its public, not « pour nous ou pour le client ? »).
_THE_LINE_IS = (
    # « aucun des deux n'est interne ? », « y en a un qui est pour nous ? » : the same question on several lines
    # (« et le premier, c'est aussi pour la CECAZ ? » : a line said by its place)
    # (« le support payplug, c'est une ligne interne ? », « le premier numéro lui il est interne ? » : the line named
    # first)
    # (« et celui-là, c'est que pour nous ? », « et lui c'est interne ? » : the line taken up by a pronoun)
    rf"^{OPENING}(?:{PLACE} |(?:celui la|celle la|celui ci|celle ci|lui|elle) |"
    r"(?:le|la|l|les|ce|cette) (?:\w+ ){1,5}?(?=(?:c|il|elle) est ))?"
    r"(?:c est|cest|c|il est|elle est|ce sont|ils sont|elles sont|ce numero c est|"
    r"cette ligne c est|ce mail c est|cette adresse c est|(?:y en a |il y en a )?(?:aucun|aucune|un|une|l un|l une)"
    r"(?: des deux| d eux)?(?: qui)? (?:n )?est)\s+"
    # « c'est bien une ligne interne ? » : the qualifier before the line too
    # (« c'est donc un numéro pour nous ? » : a conclusion drawn from the answer)
    r"(?:(?:bien|aussi|pas|donc|alors) )?"
    r"(?:(?:un|une|le|la|des) (?:numero|ligne|adresse|mail|contact|tel|numeros|lignes|adresses|contacts) )?"
    # « c'est pas que pour nous ce num ? » : only for us, asked in the negative
    r"(?:(?:pas |plus )?(?:seulement|que|uniquement|juste|aussi|bien) )?")
_FOR_STAFF = re.compile(_THE_LINE_IS + r"(?:pour nous|pour moi|pour les collaborateurs|pour la cecaz|interne|internes|"
                        r"en interne|reserve\w* (?:a nous|aux collaborateurs|a la cecaz|au reseau|aux conseillers|"
                        r"en interne)|"
                        # « c'est une ligne qu'on garde pour nous ? »
                        r"(?:qu on|que l on|que nous) (?:gard|reserv|utilis)\w* (?:pour nous|en interne|entre nous))\b")
# « et le premier numéro, c'est pour le client ? », « elle est à donner au commerçant ? »
_FOR_CLIENTS = re.compile(_THE_LINE_IS + r"(?:pour (?:le|les|un|des|mon|mes|nos|ses)|(?:a donner|a communiquer|"
                          r"a transmettre|destine\w*) (?:a (?:un|mon|nos|ses)|aux?)) (?:client|cliente|commercant|"
                          r"marchand)s?\b")


# « interne », « réservé » say « only for us » by themselves
# (« pour nous uniquement », « pour nous seulement » : the word after them)
_ONLY = re.compile(r"\b(?:(?:seulement|que|uniquement|juste|exclusivement) (?:pour|interne|en interne|reserve)|"
                   r"internes?|reserve\w*|pour (?:nous|moi|les collaborateurs|la cecaz|l agence) "
                   r"(?:seulement|uniquement|exclusivement))\b")


def asks_if_only_for_staff(text: str) -> bool:
    """« c'est que pour nous ce num ? », « c'est une ligne interne ? » : `asks_if_for_staff`, « seulement » compris
    (une ligne donnée aussi aux clients n'est ni que pour nous, ni interne)."""
    return asks_if_for_staff(text) and bool(_ONLY.search(fold(text)))


def asks_if_for_clients(text: str) -> bool:
    """« et le premier numéro, c'est pour le client ? », « elle est à donner au commerçant ? » : le collaborateur
    demande si la ligne dont on parle est à communiquer au client (question fermée, sans autre choix proposé)."""
    folded = fold(_LINE_FIRST.sub("", text))
    return bool(_FOR_CLIENTS.search(folded)) and not has_question_word(text) and not has_alternative(text)


def asks_if_for_staff(text: str) -> bool:
    """« c'est un numéro pour nous ? », « c'est une ligne interne ? » : le collaborateur demande si la ligne dont on
    parle est réservée aux collaborateurs (question fermée, sans autre choix proposé)."""
    # « bon, et pour SP+ du coup : ce numéro en 08, c'est une ligne réservée à nous ? » : the question, in its last part
    said = (fold(_LINE_FIRST.sub("", text)), fold(re.split(r"[,:;]", text)[-1]))
    # (« le 09… c'est interne je crois, je peux le donner à mon client ou pas ? » asks whether it may be given)
    return any(_FOR_STAFF.search(folded) for folded in said) and not has_question_word(text) \
        and not has_alternative(text) and not asks_if_shareable(text)


def asks_if_staff_may_use(text: str) -> bool:
    """« et moi je peux leur écrire ? », « on peut les appeler aussi ? » : le collaborateur demande s'il peut
    utiliser lui-même les lignes dont on parle (question fermée, sans mot interrogatif)."""
    # « et nous on peut l'appeler aussi ou c'est que pour les clients ? » : yes or no to its first alternative.
    # « un collègue m'a dit que le 08…, on pouvait s'en servir en interne, c'est vrai ? » : the claim reported
    claim = reported(fold(text))
    first = _OR_ELSE.split(fold(_LINE_FIRST.sub("", claim[1] if claim else text)), maxsplit=1)[0]
    return bool(_STAFF_MAY_USE.search(first)) and not has_question_word(first)


# « je suis conseiller en agence », « en tant qu'ATC », « nous côté agence » : who is asking, not what is asked about.
# « moi, conseiller en agence, je peux le vendre ? » too.
# « le conseiller peut-il lui communiquer le 09… ? » : the adviser handing a line over is who asks, not what is asked.
_SPEAKER = re.compile(r"\b(?:(?:je suis|en tant qu?e?|moi) (?:un |une |le |la )?(?:conseill\w*|collaborat\w*|atc|cif)"
                      r"(?: (?:en|d) agences?)?|(?:nous |moi )?(?:en|cote|depuis l|depuis mon|depuis notre) agences?|"
                      # « on peut s'en servir aussi en interne, à l'agence ? » : where we are, said after « en interne »
                      r"(?:en interne|nous|ici|chez nous) (?:a|dans) (?:l|mon|notre) agences?|"
                      r"(?:le|un|l|son) (?:conseill\w*|collaborat\w*)(?= (?:peut|doit|pourrait|devrait)(?: il| elle)? "
                      r"(?:lui |leur )?(?:donner|communiquer|transmettre|filer|passer|indiquer)\b)|"
                      # « une agence immo », « une agence de voyages » : a merchant, not our branch (the network)
                      r"(?:un|une|d une|cette|l) agences? (?:immo\w*|de voyages?|web|de com\w*|d interim|"
                      r"evenementiel\w*|de pub\w*|marketing|digitale?|matrimoniale))\b")


def without_speaker(text: str) -> str:
    """Le message replié sans ce qui dit qui parle (« je suis conseiller en agence, je peux vendre SP+ ? » → « je
    peux vendre sp+ ») : un rôle qui n'y est nommé que pour se présenter n'est pas le sujet de la question."""
    return _SPEAKER.sub(" ", fold(text))
