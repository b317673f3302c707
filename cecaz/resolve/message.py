"""Le message en cours de lecture et ce que la lecture en a déjà établi (`cecaz.resolve`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Dict, Optional, Tuple

from cecaz.catalogue import Catalogue
from cecaz.focus import Focus
from cecaz.phrasing import Question
from cecaz.when import Moment


@dataclass
class Message:
    """One message read against the focus. The first six fields are given; the others are what the stages of
    `cecaz.resolve` have established so far, each stage narrowing them for the next one:

    - `named`: the subjects the message names, by field of `Question` (« offres », « outils »…), catalogue keys;
      an offer set aside (« Payplug ne lui convient pas ») or a service that only describes a quoted line is dropped;
    - `intent`: the question family, DIET's re-read from the words (empty until `reread_the_question`);
    - `moment`: the day or hour asked (« le samedi », « vers 17h45 »), None when none;
    - `quoted`: the contact lines whose number or address the message quotes after lines were given;
    - `as_doer`: the offers named as the one who does something (« c'est Payplug qui vire ? »), not as the subject.
    """

    cat: Catalogue
    reading: Question
    text: str
    focus: Focus
    now: datetime
    previous_text: str = ""
    named: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    intent: str = ""
    moment: Optional[Moment] = None
    quoted: Tuple[str, ...] = ()
    as_doer: Tuple[str, ...] = ()
    # the messages typed before `previous_text`, most recent first (« dans le dossier d'un site créé par IZ eCommerce… »
    # three messages back still says whose site it is)
    earlier_texts: Tuple[str, ...] = ()
