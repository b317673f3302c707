"""« Et ensuite ? » : les étapes d'une démarche dans l'ordre du document (issue 11, relances ; issue 12, une étape
demandée du milieu : « j'ai fini ma simu, je fais quoi ? »).

Les démarches, leurs étapes et les mots qui les reconnaissent sont dans le catalogue (`mise_en_place.yml`,
`etapes`) ; rien n'est écrit ici sur l'ordre des choses. On en est à l'étape que nomme le message (« j'ai fini ma
simu »), sinon à la dernière que nommait la réponse précédente ; la réponse donne les étapes qui suivent, ou dit
que le document s'arrête là. Fonctions pures, testées sans Rasa (tests/unit/test_steps.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Optional, Sequence

from cecaz.catalogue import Catalogue, Demarche
from cecaz.phrasing import Answer, source_line
from cecaz.textnorm import OPENING_WORD, fold

NEXT_STEP = "ask_next_step"

_LEAD = rf"^(?:(?:{OPENING_WORD}|d accord|parfait|super|merci|top|nickel)\s+)*"
# « et ensuite ? », « la suite ? », « et après on fait quoi ? » : the whole message asks what comes next.
# (« et maintenant ? » alone asks whether a line is open now: only after a step done, below.)
_ALONE = re.compile(_LEAD + r"(?:ensuite|apres|puis|et apres|apres ca|apres cela|la suite|et la suite|"
                    r"(?:la )?prochaine etape|(?:l )?etape (?:suivante|d apres)|la suite c est quoi|"
                    r"c est quoi la suite)"
                    r"(?: (?:on fait|je fais|il fait|il faut faire|faut faire|je dois faire|on doit faire) quoi"
                    r"| quoi| c est quoi| il se passe quoi| qu est ce qu on fait| qu est ce que je fais"
                    r"|(?: \w+){1,3} quoi)?\s*$")
# « je fais quoi après ? », « c'est quoi l'étape suivante ? », « quelle est la suite ? »
_WHAT_NEXT = re.compile(
    r"\b(?:(?:je fais|on fait|il faut faire|faut faire|je dois faire|on doit faire|il fait|il doit faire|"
    r"qu est ce que je fais|qu est ce qu on fait|que faire|quoi faire|il se passe quoi|ca se passe comment)"
    r"(?: quoi)? (?:ensuite|apres|maintenant|une fois)|"
    r"(?:prochaine|suivante|d apres) etape|etapes? (?:suivantes?|d apres|d ensuite)|"
    r"(?:on |j )?enchaine\w* (?:sur|avec) quoi|"
    r"(?:et )?derriere(?: ca)?,? (?:il faut|faut|je dois|on doit|on fait|je fais)|"
    r"(?:il )?reste (?:une|des|d autres|encore une) etapes?|"
    r"(?:quelle est|c est quoi|quelle) (?:la )?suite|la suite (?:c est|de la)|"
    r"et (?:ensuite|apres)(?: quoi)?\s*$)")
# « j'ai fini la simu, … ? », « une fois le contrat signé, … ? » : a step done, then a question.
_DONE = re.compile(r"\b(?:fini\w*|termine\w*|fait|faite|faites|depose\w*|signe\w*|valide\w*|envoye\w*|recu\w*|"
                   r"boucle\w*|ok pour|une fois)\b")


# (« j'en fais quoi ? », « on en fait quoi ? » : what to do with the thing done, the step after)
_THEN = re.compile(r"\b(?:ensuite|apres|maintenant|la suite|etape|je fais quoi|on fait quoi|quoi faire|que faire|"
                   r"j en fais quoi|on en fait quoi|je dois en faire quoi|(?:il )?se passe quoi|ca se passe comment)\b")


_ASKS_A_FACT = re.compile(r"\b(?:ou|qui|quel\w*(?! (?:etape|suite))|combien|quand|lequel|laquelle)\b|où")


def asks_next_step(text: str) -> bool:
    """« et ensuite ? », « je fais quoi après ? », « j'ai fini ma simu, je fais quoi ? » : la question porte sur
    l'étape qui suit, pas sur un fait (« il est ouvert maintenant ? » n'en est pas une)."""
    folded = fold(text)
    if _ALONE.search(folded) or _WHAT_NEXT.search(folded):
        return True
    done = _DONE.search(folded)
    # « il la dépose où ensuite ? » asks a place (« dépose » and « déposé » fold alike), not the step after
    return done is not None and bool(_THEN.search(folded[done.end():])) and not _ASKS_A_FACT.search(folded)


@dataclass(frozen=True)
class Position:
    """Où en est la démarche `demarche` (identifiant de `Catalogue.etapes`) : `etape`, l'indice de la dernière étape
    faite ou dite (0 : la première)."""

    demarche: str
    etape: int


def steps_named(demarche: Demarche, text: str) -> List[int]:
    """Les indices des étapes dont un repère commence un mot du texte replié."""
    words = fold(text).split()
    return [i for i, step in enumerate(demarche.suite)
            if any(word.startswith(mark) for mark in step.reperes for word in words)]


def _applies(demarche: Demarche, offres: Sequence[str], cartes: Sequence[str]) -> bool:
    if offres and demarche.offres and not set(offres) & set(demarche.offres):
        return False
    return not (cartes and demarche.cartes and not set(cartes) & set(demarche.cartes))


def position_in(cat: Catalogue, text: str, offres: Sequence[str] = (), cartes: Sequence[str] = ()
                ) -> Optional[Position]:
    """La démarche dont `text` nomme le plus d'étapes, parmi celles qui valent pour ces offres et cartes (à égalité,
    celle qui nomme le sujet, puis la première du catalogue), à la dernière étape nommée ; None si le texte n'en nomme
    aucune."""
    ranked = []
    for order, (key, demarche) in enumerate(cat.etapes.items()):
        named = steps_named(demarche, text) if _applies(demarche, offres, cartes) else []
        if named:
            names_subject = bool(set(offres) & set(demarche.offres) or set(cartes) & set(demarche.cartes))
            ranked.append(((len(named), names_subject, -order), Position(key, max(named))))
    return max(ranked, key=lambda r: r[0])[1] if ranked else None


def opening_of(cat: Catalogue, offre: Optional[str]) -> Optional[Position]:
    """Après un diagnostic qui recommande `offre` : la démarche de cette offre dont le diagnostic est une étape, à
    cette étape (il est fait)."""
    return position_in(cat, "diagnostic", (offre,) if offre else ())


def at_the_end(cat: Catalogue, demarche: str) -> Position:
    """La démarche dite jusqu'à sa dernière étape."""
    return Position(demarche, len(cat.etapes[demarche].suite) - 1)


def answer_next_steps(cat: Catalogue, position: Optional[Position]) -> Answer:
    """Les étapes qui suivent `position`, numérotées ; à la dernière étape, celle-ci et ce que le document n'en dit
    pas, avec le CIF comme interlocuteur ; sans position, les démarches dont le document donne l'ordre. Phrases et
    étapes : `phrases.yml` et `mise_en_place.yml` (`etapes`), section de chaque démarche."""
    if position is None or position.demarche not in cat.etapes:
        return Answer(cat.say("etape.quelle_demarche", demarches=list(cat.etapes)))
    demarche = cat.etapes[position.demarche]
    said = [" ".join(cat.say(p) for p in step.phrases) for step in demarche.suite]
    following = said[position.etape + 1:]
    if following:
        lines = [cat.say("etape.suivantes", demarche=demarche),
                 *(f"{n}. {text}" for n, text in enumerate(following, start=position.etape + 2))]
    else:
        lines = [said[-1], cat.say("etape.derniere", demarche=demarche), cat.say("pourquoi.voir_le_cif")]
    return Answer("\n".join(lines) + "\n\n" + source_line(cat, demarche.source))
