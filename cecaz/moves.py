"""Les gestes de conversation reconnus à la forme du message, quelle que soit sa formulation :
demander un humain, faire répéter, demander pourquoi (ou si c'est obligatoire), demander si une ligne
peut être donnée au client, lancer le diagnostic, repartir de zéro (docs/nlu-spec.md, lecteurs à
règles ; docs/conversation.md).

DIET apprend des phrases ; ces gestes tiennent à quelques mots (« redis », « un humain », « c'est
obligatoire ? ») qui peuvent s'entourer de n'importe quoi. Ils ne décident que sur un message court
qui ne pose pas de question factuelle (pas de « numéro », « contrat », « tarif »…) : une vraie
question reste à DIET. Fonction pure, testée sans Rasa (tests/unit/test_moves.py)."""

from __future__ import annotations

import re
from typing import Collection, Optional

from cecaz.aspects import (
    WHAT_LEADS_TO,
    WORKS_FOR,
    asks_rule,
    asks_why,
    asks_why_after_subject,
    aspects,
    is_who_question,
    without_contracts_a_line_handles,
)
from cecaz.audience import asks_for_a_line_for_us, asks_if_it_is_for, asks_if_shareable
from cecaz.diagnostic import NON, WHAT_IF, text_facts
from cecaz.focus import AUDIENCE, ON_THE_PHONE, SUBJECT_ONLY, WHO_OF_A_DETAIL, WHY, needs_a_site
from cecaz.steps import asks_next_step
from cecaz.textnorm import OPENING, QUESTION_MARKS_ALONE, content_words, fold, has_question_word
from cecaz.verdicts import is_closed

HANDOFF = "human_handoff"
REPEAT = "repeat_last"
START_DIAGNOSTIC = "start_diagnostic"
RESTART = "restart"
# Au-delà, le message dit autre chose que le geste : DIET décide.
MAX_WORDS = 12

# Ce qu'une question factuelle demande : avec l'un de ces mots, le message n'est pas un simple geste.
_FACTUAL = re.compile(
    r"\b(?:numero|numeros|tel(?! quel)|telephone|mail|mails|email|e mail|courriel|adresse|horaires?|heures?|"
    r"contrats?|tarifs?|tarification|prix|cout|coute|frais|site|sites|simulat\w*|simulateur|encaiss\w*|"
    r"argent|virements?|compte|lead|parametr\w*|affiliation)\b")
_HUMAN = re.compile(
    r"\b(?:humain|humaine|etre humain|vraie? personne|une personne|quelqu un|conseiller|conseillere|"
    r"collegue|interlocuteur|operateur|operatrice|expert|specialiste|agent)\b")
_REACH = re.compile(r"\b(?:parle\w*|discut\w*|echang\w*|caus\w*|joindre|joins|joint|avoir|passe[rsz]?|transfer\w*|"
                    r"(?:mettre|mets|mettez|mets moi|mettez moi) en (?:relation|contact)|contact\w*|appel\w*)\b")
# « mon client veut parler à quelqu'un » : la ligne du client, pas un relais pour le collaborateur.
_FOR_CLIENT = re.compile(r"\b(?:mon|ma|le|un|une|ce|notre) (?:client|cliente|commercant|commercante|marchand)\b")
_REPEAT = re.compile(
    r"\b(?:repete[rsz]?|repeter|redi[rst]e?|redis|redit|redire|redonne[rsz]?|redonner|remet[sz]?|remettre|"
    r"reformule[rsz]?|reformuler|recopie[rsz]?|encore une fois|une autre fois|rappelle[rsz]? moi la question|"
    r"(?:repose[rsz]?|reposer) (?:la|ta|sa|cette) question|(?:ta|la) derniere (?:reponse|question)|"
    r"la question (?:deja|c etait quoi)|j ai rate|(?:pas|mal) (?:compris|suivi|lu|saisi|capte|entendu|vu)|"
    r"(?:t as|tu as|tu m as|vous avez) dit quoi|tu disais quoi|qu est ce que tu (?:as dit|disais)|tu viens de dire|"
    # « tu me refais ta réponse ? » (pas « je dois refaire la simu ? »)
    r"(?:refai[st]|refaire|renvoie[sz]?|renvoyer) (?:moi )?(?:ta|la|votre) (?:derniere )?reponse)\b")
_ALONE = re.compile(r"^(?:hein|quoi|pardon|comment|plait il)$")
# « qui est obligé de… ? », « où faut-il… ? » : une question qui attend un fait, pas une raison.
_ASKS_FACT = re.compile(r"\b(?:qui|quoi|quel|quelle|quels|quelles|comment|combien|ou|quand|lequel|laquelle)\b")
# « et elle marche aussi pour les cartes chinoises ? » : une question sur le sujet en cours pour une
# carte, pas le client qui veut une carte de plus (réponse au diagnostic).
_DIAGNOSTIC = re.compile(
    r"^(?:(?:ok|bon|bonjour|salut|stp|svp|on|je|tu|peux|peut|veux|voudrais|fait|fais|faire|lance|lancer|"
    r"lances|demarre|demarrer|commence|commencer|nouveau|go|un|le|petit)\s+)*"
    r"(?:diag(?:nostic|no)?\b(?!\s+(?:des|du|de son|de ses) besoins?)|"
    # « aide-moi à choisir une offre : client avec… » (mais « aide-moi à choisir entre Payplug et SP+ » compare)
    r"(?:aide|aider|aidez|guide|guider|guidez)\s+(?:moi\s+)?(?:a|pour)\s+(?:choisir|trouver|determiner)\b(?!.*\bentre\b))")


# « je sais pas quoi proposer à mon client, tu m'aides ? » : le collaborateur ne sait pas quelle offre, sans en
# nommer aucune (« je sais pas quoi proposer entre Payplug et SP+ » compare, DIET le lit).
_AT_A_LOSS = re.compile(
    r"\b(?:sais pas|sais plus|sais trop pas|sait pas|aucune idee d?e?|hesite sur|perdu sur|galere pour)\s+"
    r"(?:quoi|quelle (?:offre|solution)|ce qu il faut|ce que je peux|laquelle)\b.{0,30}?"
    r"\b(?:proposer|conseiller|vendre|recommander|mettre en place|lui proposer|lui conseiller|prendre)\b")
# « nouvelle conversation », « on efface tout » : repartir de zéro (hors diagnostic : oublier le contexte).
_RESTART = re.compile(
    r"^(?:(?:ok|bon|on|je|veux|voudrais|stp|svp)\s+)*(?:nouvelle (?:conversation|discussion|session)|"
    r"(?:redemarr\w*|recommenc\w*|reinitialis\w*|reset\w*|efface\w*|vide\w*|reprend\w*) (?:la |cette |toute la )?"
    r"(?:conversation|discussion|session|historique)|on (?:efface|oublie) tout|"
    r"(?:repart\w*|reprend\w*) (?:de|a) zero|(?:on )?(?:remet\w*|remise) (?:tout|les compteurs) a zero)\b")
_MENTIONS_DIAGNOSTIC = re.compile(r"\bdiag(?:nostic|no)?\b")


_YES = re.compile(r"^(?:oui|ouais|ouai|ok|okay|d accord|volontiers|yes|allez|go|bien sur|carrement)\b(?!.*\bpas\b)")


# « bonne journée », « a+ », « je te laisse », « c'est tout pour moi » : the words of a farewell (« c tous les jours
# donc » has none: a question read by DIET as « bonne journée »)
_FAREWELL = re.compile(
    r"^\W*\+{1,2}\W*$|\b(?:au revoir|bye|ciao|tchao|salut|adieu|see you|good night|nice day|talk to you|a plus|"
    r"a ?\+|a (?:bientot|demain|la prochaine|une prochaine|tout a l heure|plus tard|tout)|"
    r"bon(?:ne)? (?:journee|soiree|fin|aprem|apres midi|week end|weekend|we|semaine|continuation|nuit|courage)|"
    r"je (?:te |vous )?laisse|je (?:dois )?filer?$|j y vais|je me deconnecte|je clotur\w*|c est tout|"
    r"(?:termine|fini) pour|on se reparle|ce sera tout|ca sera tout)")


def says_goodbye(text: str) -> bool:
    """« bonne fin de journée », « ok j'ai tout, à plus » : le message prend congé (pas « c tous les jours donc »)."""
    return bool(_FAREWELL.search(fold(text)))


def says_yes(text: str) -> bool:
    """« oui, un autre », « ok go » : un oui à la question que l'assistant vient de poser."""
    return bool(_YES.search(fold(text)))


# « oui », « non », « ouais », « si » opening an answer (« oui, il a un site »)
_ANSWER_FIRST = re.compile(r"^(?:oui|ouais|non|nan|si|yes|ok|d accord|exact|bien sur)\b")
MIN_QUESTION_WORDS = 5
# « et on intervient pas du tout dans la nego » typed without a question mark: a message that follows on from the
# answer (« et », « mais », « donc ») is not a bare yes or no
_FOLLOWS_ON = re.compile(r"^(?:et|mais|donc|dc|du coup|alors)\b")


def is_a_question_not_an_answer(text: str) -> bool:
    """« c'est bien lui qui doit faire la demande ? », « ça marche sans site, c'est bien ça ? », « et on intervient pas
    du tout dans la nego » : une question (ou une suite) de `MIN_QUESTION_WORDS` mots au moins, qui ne commence pas par
    oui ou non, n'est pas un « oui » ou un « non » à la question de l'assistant, même si DIET l'y lit."""
    folded = fold(text)
    after = _FOLLOWS_ON.sub("", folded, count=1).strip()  # « et non, il n'en veut pas » is still an answer
    return ("?" in text or after != folded) and len(folded.split()) >= MIN_QUESTION_WORDS \
        and not _ANSWER_FIRST.match(after)


def mentions_diagnostic(text: str) -> bool:
    """« recommencer le diagnostic » : le message parle du diagnostic guidé."""
    return bool(_MENTIONS_DIAGNOSTIC.search(fold(text)))


# Ce que fait le client dans « il a un site ? », « il veut l'amex ? » : un fait du diagnostic.
_CLIENT_VERBS = (r"a|n a|avait|aurait|ait|veut|voudrait|souhaite|accepte|accepterait|prend|vend|possede|dispose|"
                 r"cherche|compte|envisage|est|serait|fait du|vient")
_PRONOUN_ASKS = re.compile(rf"\b(?:il|ils|elle|elles)(?: (?:le|la|les|l|lui|leur|y|en))* (?!(?:{_CLIENT_VERBS})\b)\w+"
                           # « et la page de paiement, c'est eux aussi ? » : ceux dont parlait la réponse
                           r"|\b(?:c est|ce sont|ce serait) (?:eux|elles)\b"
                           # « on s'en sert pour Payplug aussi ? », « on l'utilise pour JPEL ? » : « on », c'est nous,
                           # et le pronom, ce dont parlait la réponse
                           r"|\bon (?:s )?(?:en|l|le|la|les|y) \w+")
# « et s'il n'a pas de site, on lui propose quoi à la place ? » : à la place de ce qui vient d'être dit, même dans une
# hypothèse.
_INSTEAD = re.compile(r"\ba la place\b")


# « et ils gèrent aussi la page de paiement » typed without « ? » : « ils », « elles » are those the answer was about
# (the merchant is « il » or « elle »).
_THEY_AGAIN = re.compile(r"^(?:et |mais |ok |ah )?(?:ils|elles)\b")


# « il sert aussi pr les cb classiques » typed without « ? » : what serves is a tool or a line the answer was about,
# never the merchant (who « prend », « veut », « accepte » a card)
# (« il sert des repas le soir » is the merchant: what it serves for follows, « à », « pour », not a thing served)
_IT_SERVES = re.compile(rf"^{OPENING}(?:il|elle|ils|elles|ca) (?:ne |n )?(?:sert|servent)"
                        r"(?: (?:aussi|egalement|bien|seulement|uniquement|que|pas|plus|encore))*"
                        r" (?:a|au|aux|pour|pr)\b")
# « …, c'est eux ? », « le support par contre c eux » : a message that ends on who it is, those the answer was about.
_IT_IS_THEM = re.compile(r"\b(?:c est|c|ce sont|ce serait) (?:eux|elles)(?: aussi| encore| non| hein)?\s*\??\s*$")


_NEEDED_FOR_THAT = re.compile(r"\b(?:faut|faudrait|besoin|necessaire|obligatoire)\b.*"
                              r"\b(?:pour|pr|avec) (?:ca|cela|celui la|celle la|celui ci|celle ci)\b")


def asks_about_previous_answer(text: str) -> bool:
    """« il sert aussi pour un client Payplug ? », « et chez Natixis ils ont un tel ? » : une question
    dont le sujet est un pronom pour ce dont parlait la réponse précédente, pas un fait du client
    (« il a un site ? », « et s'il veut l'amex ? ») : elle ne lance pas le diagnostic."""
    folded = fold(text)
    if _IT_IS_THEM.search(folded) or _NEEDED_FOR_THAT.search(folded) or _IT_SERVES.search(folded):
        # « le support du site par contre c eux » typed without « ? » : who does it, not a fact; « il faut pas de site
        # pr ça si » : what the offer just spoken of needs; « il sert aussi pr les diners » : what the tool serves
        return True
    if "?" not in text and not _ASKS_FACT.search(folded) and not _THEY_AGAIN.search(folded):
        return False
    return bool(_INSTEAD.search(folded)) or (not WHAT_IF.search(folded) and bool(_PRONOUN_ASKS.search(folded)))


# what a client needs, or an offer asked for him (« il lui faut quoi ? », « on lui propose quoi ? ») : the diagnostic
_NEEDS = re.compile(r"\b(?:faut|faudrait|faudra|besoin)\b")


def asks_of_the_one_in_focus(text: str) -> bool:
    """« il fait koi dautre », « elle sert à quoi au juste » (read as the start of a diagnostic) : a question whose
    subject is a pronoun for what the previous answer named (`asks_about_previous_answer`), that says nothing of a
    client and asks for no offer (« il lui faut quoi ? » does)."""
    folded = fold(text)
    return asks_about_previous_answer(text) and not text_facts(text) and not _ASKS_OFFER.search(folded) \
        and not _NEEDS.search(folded)


# « et l'ATC il fait le diag client ou pas », « le CIF s'occupe aussi du diagnostic ? » : what the role named does.
_ROLE_DOES = re.compile(r"\b(?:il|elle|fait|font|s occupe\w*|realise\w*|se charge\w*|gere\w*)\b")


def asks_what_a_role_does(text: str, roles: Collection[str]) -> bool:
    """« et l'ATC il fait le diag client ou pas » (`roles` : les rôles que le NLU a trouvés) : une question sur ce
    que fait le rôle nommé, pas un diagnostic à lancer, même quand le message parle du diagnostic."""
    return bool(roles) and bool(_ROLE_DOES.search(fold(text)))


# « il vend par téléphone, quelle solution ? » : une offre demandée pour le client décrit, le diagnostic.
_ASKS_OFFER = re.compile(r"\b(?:propos\w*|solutions?|offres?|conseill\w*|recommand\w*|part sur|partir sur)\b")


# « il me demande s'il doit les contacter », « elle veut savoir combien ça coûte » : the merchant's question, passed on.
_PASSES_ON = re.compile(r"\b(?:il|elle|ils|elles) (?:me|nous) (?:demande\w*|pose la question) "
                        r"(?:si|s il|s ils|comment|qui|quoi|ou|quand|pourquoi|combien|quel\w*|lequel|laquelle)\b"
                        r"|\b(?:il|elle|ils|elles) (?:veut|voudrait|veulent|voudraient) savoir\b")


def passes_on_a_question(text: str) -> bool:
    """« il veut accepter l'AMEX, il me demande s'il doit les contacter lui-même » : le collaborateur rapporte la
    question du commerçant ; les faits qui l'entourent la situent, ils ne lancent pas le diagnostic."""
    return bool(_PASSES_ON.search(fold(text)))


def says_nothing_of_the_client(text: str, cards: Collection[str] = ()) -> bool:
    """« le prix du site c'est nous qui le fixons ? », « et la page de paiement du site dans ce cas ? » : une question
    d'au moins quatre mots qui ne dit aucun fait sur le client (`text_facts`), ne nomme aucune carte et n'est pas
    une hypothèse, qui demande un aspect (`aspects` : prix, page de paiement…) ou qui (« c'est géré par qui ? ») et pas
    une offre : DIET y a lu à tort un fait sur le client."""
    folded = fold(text)
    asks = "?" in text or bool(_ASKS_FACT.search(folded))
    return asks and len(folded.split()) >= 4 and not cards and not text_facts(text) and not WHAT_IF.search(folded) \
        and (bool(aspects(text)) or is_who_question(text)) and not _ASKS_OFFER.search(folded)


def read_move(text: str, subjects: Collection[str] = (), cards: Collection[str] = ()) -> Optional[str]:
    """Le geste de conversation que fait le message (`HANDOFF`, `REPEAT`, `WHY`, `AUDIENCE`, `SUBJECT_ONLY`,
    `START_DIAGNOSTIC`), ou None si sa forme ne suffit pas à le dire.

    `subjects` : les identifiants du catalogue que le NLU a reconnus dans le message (« vad »,
    « payplug »…), dont `cards` les cartes (« amex », « upi »…). Une question qui nomme le contrat
    VAD reste à DIET (« pourquoi pas un contrat VAD ? » a sa propre réponse)."""
    if QUESTION_MARKS_ALONE.fullmatch(text):
        return REPEAT  # « ? » typed alone after an answer (Teams) : « what? », the answer said again
    # « pardon j'étais au tel avec un client, tu me le redonnes ? » : where the speaker was says nothing of the move
    folded = " ".join(ON_THE_PHONE.sub(" ", fold(text)).split())
    words = folded.split()
    if _RESTART.search(folded):
        return RESTART
    if _DIAGNOSTIC.search(folded) or (_AT_A_LOSS.search(folded) and not subjects):
        return START_DIAGNOSTIC  # « diag : client sans site… » : les faits qui suivent sont lus par le diagnostic
    if doubts_the_answer(text) or (_WHY_AGAINST.search(folded) and asks_why(text) and "vad" not in subjects):
        # « t'es sûr ? je croyais que c'était au conseiller de le faire » : what it rests on; « pourquoi c'est SP+ qui
        # est proposé et pas Payplug pour ce client ? » : a reason asked, however long
        return WHY
    if not words or len(words) > MAX_WORDS:
        return None
    # (« ils gèrent aussi les contrats SP+ ? » : the contracts only say what the line assists)
    factual = bool(_FACTUAL.search(without_contracts_a_line_handles(folded)))
    if _HUMAN.search(folded) and _REACH.search(folded) and not _FOR_CLIENT.search(folded) and not factual:
        return HANDOFF
    if asks_next_step(text):
        # « le contrat SP+ est signé, et après ? » : a follow-up whatever facts it names; `resolve` reads the step after
        return SUBJECT_ONLY
    if "vad" in subjects and not _REPEAT.search(folded):
        return None  # (« redis-moi ce que tu disais sur la VAD » is a repeat all the same)
    if WORKS_FOR.search(folded) and (cards or (subjects and not factual and not has_question_word(text))):
        # « et elle marche aussi pour les cartes chinoises ? », « et pour un client payplug ça marche aussi ? » : the
        # previous question for that subject (and whether the previous answer holds for it).
        return SUBJECT_ONLY
    # « et pourquoi faut-il faire une simulation tout court ? » : nothing named, a reason asked of what was said
    if asks_why_after_subject(text) or (len(words) <= (8 if subjects else MAX_WORDS) and asks_why(text)) \
            or _ends_on_a_why(text):
        return WHY
    if (_REPEAT.search(folded) or _ALONE.match(folded)) and not factual and "pourquoi" not in words:
        return REPEAT
    if (asks_if_shareable(text) or asks_for_a_line_for_us(text) or asks_if_it_is_for(text)) and not subjects \
            and not factual:
        return AUDIENCE
    if asks_rule(text) and not factual and not _ASKS_FACT.search(folded):
        return WHY
    return None


# « t'es sûr ? », « ah bon ? », « c'est-à-dire ? », « comment ça ? » : the previous answer doubted or not understood,
# nothing else asked; its reason, not a new question.
_DOUBT = re.compile(
    r"^(?:(?:ah|hein|mais|euh|hmm|ok|bon|et)\s+)*(?:(?:t es|tu es|vous etes|t en es|tu en es|vous en etes|c est)\s+)?"
    r"(?:sur|sure|surs|certain|certaine|certains|vraiment|serieux|serieusement|ah bon|c est a dire|comment ca|"
    r"tu confirmes|vous confirmez|tu peux confirmer|vous pouvez confirmer|tu maintiens)"
    r"(?:\s+(?:de ca|de toi|de vous|et certain|a 100|a cent pour cent))?$")
# « t'es sûr ? on m'a dit que c'était courant » : what the doubt rests on, reported, not a question of its own.
_DOUBT_REASON = re.compile(r"\b(?:on m a|on m avait|on nous a|on nous avait|j ai entendu|j avais entendu|je croyais|"
                           r"je pensais|pourtant|il me semblait|mon collegue|ma collegue|mes collegues)\b")


# « pk payplug alors que c'est IZ qui a fait le site ? » : a why set against what the speaker expected, however long
# « qu'est-ce qui fait qu'on écarte SP+ pour lui ? » : an offer set aside, whose reason is asked
_WHY_AGAINST = re.compile(rf"^{OPENING}(?:pourquoi|pourquoi donc)\b.*"
                          r"\b(?:alors qu|et pas|plutot qu|au lieu d|pas plutot|tandis qu)|"
                          rf"^{OPENING}{WHAT_LEADS_TO}\b.*\b(?:ecart\w*|exclu\w*|elimin\w*)")


def asks_who_of_a_detail(text: str) -> bool:
    """« avec l'accord de qui ? », « à la demande de qui ? » : who, beside a word of the previous answer (a short
    question with a word of its own besides « qui »)."""
    folded = fold(text)
    return bool(WHO_OF_A_DETAIL.search(folded)) and bool(content_words(folded) - {"qui"}) and len(folded.split()) <= 8


def doubts_the_answer(text: str) -> bool:
    """« t'es sûr ? », « vraiment ? », « c'est-à-dire ? », « t'es sûr ? on m'a dit que c'était courant » : the message
    doubts the previous answer or asks it to be explained, and asks nothing else (« vraiment ? c'est le commerçant qui
    supporte le risque ? » asks a yes or no of its own, a verdict)."""
    first, *others = re.split(r"[?!.]+", text.strip(), maxsplit=1)
    rest = others[0] if others else ""
    if not _DOUBT.match(fold(first)):
        return False
    return not fold(rest) or ("?" not in rest and bool(_DOUBT_REASON.search(fold(rest))))


def _ends_on_a_why(text: str) -> bool:
    """« on peut pas le faire nous-mêmes en agence ? pourquoi lui ? » : a short why after another question, which
    only says what the why is about. Cut at every end of sentence (« . », « ! » too), unlike
    `cecaz.segments.split_questions`, which only cuts between questions."""
    sentences = [part for part in re.split(r"[?!.]+", text) if part.strip()]
    return len(sentences) > 1 and len(sentences[-1].split()) <= 4 and asks_why(sentences[-1])


# « il veut accepter l'AMEX », « elle prend déjà la CB » : what the client wants or takes, a fact for the diagnostic.
_CLIENT_TAKES = re.compile(r"\b(?:veu[tx]|voudrai\w*|souhait\w*|accept\w*|pren\w*|encaiss\w*|vend\w*|"
                           r"a deja|a aussi|a des|ont des)\b")


def asks_if_an_offer_needs_a_site(text: str) -> bool:
    """« payplug faut que le client ait déjà un site ? », « faut qu'il ait un site web du coup ? » après JPEL : une
    question fermée sur ce que l'offre (nommée, ou celle de la réponse précédente) suppose, pas un fait sur le
    client (« il n'a pas de site, il lui en faudrait un ? » en dit un)."""
    return is_closed(text) and needs_a_site(text) and text_facts(text).get("site") != NON


# « ça marche sans site ? », « c'est possible sans boutique en ligne ? » : whether what was just presented works
# without a site, not a client who has none (« il a pas de site »).
_WORKS_WITHOUT_SITE = re.compile(
    r"\b(?:ca|cela|il|elle|c)\s+(?:marche|fonctionne|passe|va|le fait|tourne|s utilise|se fait|"
    r"est (?:possible|faisable|jouable|ok|bon|utilisable)|peut (?:se faire|s utiliser|marcher|fonctionner))\b"
    r"(?: (?:aussi|bien|meme|quand meme|vraiment|donc))?(?: pour (?:un |une |les |des )?\w+)? sans (?:vrai |vraie )?"
    r"(?:site|boutique en ligne|e shop|eshop)\b")


def asks_if_it_works_without_a_site(text: str) -> bool:
    """« ça marche sans site ? » après la présentation d'une offre : une question fermée sur l'offre (oui pour JPEL,
    non pour SP+), pas un fait du client qui lancerait le diagnostic."""
    return is_closed(text) and bool(_WORKS_WITHOUT_SITE.search(fold(text)))


def asks_about_a_card(text: str, cards: Collection[str]) -> bool:
    """« et les cartes chinoises c'est lequel ? », « l'amex ça se passe comment ? » : une question ouverte sur une carte
    nommée, qui ne dit pas ce que le client veut ou accepte : la question précédente (ou celle de la carte) pour elle,
    pas un fait du diagnostic."""
    return bool(cards) and has_question_word(text) and not _CLIENT_TAKES.search(fold(text))


def is_card_what_if(text: str, cards: Collection[str]) -> bool:
    """« et s'il veut aussi les chèques-vacances ? », « et si le client veut accepter Union Pay ? » (`cards` : les
    cartes reconnues par le NLU), une carte dans une hypothèse (`cecaz.diagnostic.WHAT_IF`) : la question
    précédente reposée pour cette carte, ou, après une recommandation, le diagnostic recalculé
    (actions.answer.changes_the_recommendation) ; jamais un nouveau diagnostic qui repart de zéro."""
    return bool(cards) and bool(WHAT_IF.search(fold(text)))

