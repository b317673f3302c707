"""Ce que le collaborateur rapporte pour le faire vérifier : « on m'a dit que… », « je crois que… », « mon collègue dit
que… », « … je crois » (issue 11, vague 27), ou ce qu'il s'apprête à dire au commerçant : « je vais lui dire que… »
(vague 55). Fonction pure sur le texte replié (`cecaz.textnorm.fold`), testée sans
Rasa (tests/unit/test_verdicts.py, tests/unit/test_audience.py)."""

from __future__ import annotations

import re
from typing import Optional, Tuple

from cecaz.textnorm import fold, normalize_same_length

# What precedes the marker situates the claim (« pour un commerçant JPEL qui prend les cartes chinoises, on m'a dit
# qu'on tarife avec SimulEasy ») ; what follows is the claim.
_REPORTED = re.compile(r"\b(?:on m a (?:dit|explique|affirme)|on me dit|on m avait dit|on dit|il parait|parait il|"
                       r"il me semble|j ai (?:cru comprendre|entendu|lu|compris)|je (?:crois|croyais|pensais|pense)|"
                       r"(?:mon|ma|un|une|des|le|la) (?:collegue|responsable|directeur|directrice|manager|chef)s? "
                       r"(?:m a |me |m )?(?:dit|dis|disait|pense|affirme|assure|explique\w*)|"
                       r"(?:mon|ma|un|une|des) (?:collegue|responsable|directeur|directrice|manager|chef)s? "
                       r"(?:m a |me )?(?:dit|disait|conseille) de)\b(?: que| qu| de| d)?")


# « je vais lui dire que… », « je compte écrire à un plombier que… », « j'explique à un client JPEL que… » : what the
# adviser is about to tell or write to the merchant, to be checked first. The merchant between the verb and « que »
# (« à un caviste qui vend avec Payplug ») situates the claim.
_DRAFTS = re.compile(r"\b(?:(?:je vais|j vais|je compte|j allais|jallais|je voulais|je pensais|je dois|je m apprete a|"
                     r"je prevois de)(?: lui| leur)? (?:dire|expliquer|ecrire|indiquer|preciser|repondre|annoncer|"
                     r"confirmer|assurer|signaler|affirmer)|"
                     r"je (?:lui|leur) (?:dis|dirai|ecris|ecrirai|explique|expliquerai|indique|indiquerai|precise|"
                     r"preciserai|reponds|repondrai|annonce|confirme|assure|signale|affirme)|"
                     r"j (?:explique|ecris|indique|annonce|affirme)|je (?:reponds|precise|dis))"
                     # « lui dire de… » : what he must do, right after the verb
                     r"(?:(?P<to> (?:a|au|aux)(?: [\w+]+){1,10}?)?(?: lui| leur)? (?P<that>que|qu)| de| d)\b")


# « …, c'est juste ? », « … c bon », « …, ça convient ? » : the request to check it, which claims nothing (folded text)
_CHECK_TAG = re.compile(r"(?: (?:c est (?:bien )?(?:ca|juste|exact|correct|bon|vrai|la bonne|le bon|la procedure|"
                        r"le cas|son role|leur role)|ca (?:convient|passe|va|marche|colle)|c est ok|ok|bonne idee|"
                        r"je me trompe|tu confirmes|on est bon|on est d accord))+$")


def _drafted(folded: str) -> Tuple[Optional[re.Match[str]], str]:
    """The draft marker of a folded message and the claim after it (without « c'est juste ? »), or (None, "")."""
    draft = _DRAFTS.search(folded)
    return (draft, _CHECK_TAG.sub("", folded[draft.end():]).strip()) if draft else (None, "")


def reported(folded: str) -> Optional[Tuple[str, str]]:
    """(ce qui situe, ce qui est affirmé) d'un message replié qui rapporte ce qu'on croit ou ce qu'on a dit ; le
    marqueur en fin de message (« osc c'est l'outil où on dépose la simu je crois ») laisse l'affirmation avant lui et
    rien pour la situer. None pour un message qui ne rapporte rien."""
    draft, claim = _drafted(folded)
    if draft:  # the merchant it is told to situates the claim, as what comes before the marker does
        return f"{folded[:draft.start()]} {draft.group('to') or ''}".strip(), claim
    marker = _REPORTED.search(folded)
    if not marker:
        return None
    before, after = folded[:marker.start()].strip(), folded[marker.end():].strip()
    return (before, after) if len(after.split()) >= 2 else ("", before)


def drafted_question(text: str) -> Optional[str]:
    """« je vais lui dire que c'est le CIF qui signe, c'est juste ? » → « c est le cif qui signe ? » : what the
    adviser is about to tell the merchant, asked as the closed question it is (folded text); « je vais lui dire
    d'appeler le 09… » → « il doit appeler le 09… ? ». None when the message drafts nothing."""
    draft, claim = _drafted(fold(text))
    if draft is None or len(claim.split()) < 2:
        return None
    return f"{claim} ?" if draft.group("that") else f"il doit {claim} ?"


# « elle me demande si elle peut les appeler », « il voudrait savoir s'il faut un site », « il m'a demandé si… » :
# the merchant's own closed question, reported by the adviser (written without accents: matched on
# `normalize_same_length`). The subject of the report (a pronoun or the merchant by a noun), the verb, then « si ».
# (« il me demande qui appeler » stays as it is: who asks says whose lines, `cecaz.audience`)
# (not « on se demande si… », « je me demande si… » : the adviser wondering)
_SUBJECT = r"(?:il|elle|ils|elles|on(?= (?:me|m'))|(?:le|la|l'|les|mon|ma|mes|un|une|ce|cet|cette|notre|son|sa) ?" \
           r"[\w-]+(?: (?!(?:se|me|nous|je|j|tu|on)\b)[\w-]+)?)"
_ASKS = r"(?:(?:me |m'|nous )?(?:a |avait )?(?:demande|demandait|demandent|redemande)|" \
        r"(?:veut|veulent|voudrait|voudraient|aimerait|aimeraient|souhaite|souhaiterait|cherche a|desire) savoir|" \
        r"se demande|me pose la question de savoir)"
# (« une caviste qui me demande ce qu'est Payplug » : what the offer is, asked « c'est quoi Payplug ? »)
_ASKED_OF_ME = re.compile(rf"(?i)\b(?P<who>{_SUBJECT}) {_ASKS} (?:si |s'(?=ils?\b)|(?P<what>ce qu'est |ce que sont ))")


def asked_directly(text: str) -> str:
    """« il voudrait savoir s'il aura besoin d'un site » → « il me demande : il aura besoin d'un site ? », « le gérant
    se demande si c'est payant » → « le gérant me demande : c'est payant ? », « elle me demande ce qu'est Payplug » →
    « elle me demande : c'est quoi Payplug ? » : the merchant's closed question (or what a thing is) the message
    reports, asked as he asked it, after who asks (what the message says before the report is kept: it situates him) ;
    `text` unchanged when it reports none or too little follows (typed text, accents kept)."""
    normalized = normalize_same_length(text)  # same length: the offsets found are the typed text's
    match = _ASKED_OF_ME.search(normalized)
    if match is None or len(text[match.end():].split()) < (1 if match.group("what") else 2):
        return text
    # (its own sentence only: « il me demande si c'est payant. Je lui dis quoi ? » ; « … si le CIF signe ou si c'est
    # l'ATC » is a choice, not a yes or no)
    asked = re.split(r"(?<=[.?!])\s", text[match.end():], maxsplit=1)[0]
    if " ou si " in f" {normalize_same_length(asked).lower()} ":
        return text
    question = ("c'est quoi " if match.group("what") else "") + asked.strip().rstrip(".! ")
    # (who asks stays, as « … me demande : » : the merchant of the conversation, whose lines are asked for)
    rest = text[match.end() + len(asked):]
    return f"{text[:match.end('who')]} me demande : {question}{'' if question.endswith('?') else ' ?'}{rest}"


# « … me demande : c'est payant ? » : the merchant's question, once `asked_directly` has set it after who asks
_AFTER_WHO_ASKS = re.compile(r" me demande : (?P<question>[^?]+\?)")


def merchant_question(text: str) -> Optional[str]:
    """« le gérant me demande : c'est payant ? » (`asked_directly`) → « c'est payant ? » : the merchant's question
    alone, to be answered yes or no ; None when the message reports none."""
    match = _AFTER_WHO_ASKS.search(text)
    return match.group("question") if match else None


# « je prépare un mail pour une fleuriste… J'ai écrit : », « jecris a un boulanger : », « sms a une coiffeuse : », « je
# lui réponds avec… », « dans mon mail à un opticien, je mets… » : a text written to the merchant (folded text ; `fold`
# has already spelt « jecris », « jvais », « jai » out). Not to a line or a colleague (« un mail à l'équipe
# partenariat », « une note pour un collègue »), nor « le mail a bien été envoyé ».
_MERCHANT_ARTICLE = r"(?:au|aux|(?:a |pour )?(?:un|une|le|la|l|mon|ma|ce|cette|son|sa))"
_NOT_THE_MERCHANT = r"(?! ?(?:equipe|assistance|support|service|monetique|partenariat|atc|cif|collegue|responsable|" \
                    r"directeur|directrice|manager|reseau|agence|moi|nous)\b)"
_TO_THE_MERCHANT = re.compile(rf"\b(?:(?:mail|courriel|sms|message|reponse|brouillon|compte rendu|note)s? "
                              rf"(?:a|au|aux|pour) {_MERCHANT_ARTICLE}\b{_NOT_THE_MERCHANT}|"
                              rf"(?:j ecris|je reponds|j ai ecrit|j ai repondu|je dis|(?:je vais|je compte) (?:lui )?"
                              rf"(?:dire|ecrire|repondre|indiquer|expliquer)) (?:a )?{_MERCHANT_ARTICLE}\b"
                              rf"{_NOT_THE_MERCHANT}|je lui (?:reponds|ecris|mets|envoie|donne)\b)")
# « je note dans le dossier : », « je note pr moi », « je colle ds le dossier », « une note pour un collègue » : a text
# kept for the CECAZ
_FOR_THE_FILE = re.compile(r"\b(?:je note|j note|jnote|je colle|je copie|j ai note|note pour)\b")
# « je note le 09… pour le client » : noted for the merchant
_FOR_THE_MERCHANT = re.compile(r"\bpour (?:le|la|un|une|mon|ma|ce|cette) (?:client|cliente|commercant\w*)\b")
# « … c'est bon ? », « ça va », « je peux l'envoyer ? », « tt est bon », at the end : the request to check it (not
# « ça passe pas, il appelle qui ? »)
_CHECK_IT = re.compile(r"(?:c est (?:bien )?(?:bon|juste|exact|correct|ok|le bon|la bonne)|"
                       r"ca (?:va|passe|convient|colle)|tout est bon|je (?:peux l|l) envo\w*(?: tel quel\w*)?|"
                       r"je corrige|ok)\s*$")


def written_for(text: str) -> Optional[str]:
    """« J'ai écrit : « Appelez l'assistance au 09 69 37 80 30… » C'est bon ? » (pour un commerçant) → "client" ;
    « je note ds le dossier : 'monétique pro 09 69 36 06 26' c bon » → "staff" : pour qui est le texte écrit que le
    collaborateur demande de vérifier, en fin de message (valeurs de `cecaz.audience`) ; None quand il ne demande pas
    de vérifier un texte écrit."""
    folded = fold(text)
    if not _CHECK_IT.search(folded):
        return None
    if _TO_THE_MERCHANT.search(folded) or _FOR_THE_MERCHANT.search(folded):
        return "client"
    return "staff" if _FOR_THE_FILE.search(folded) else None
