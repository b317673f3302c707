"""La décision du diagnostic, ligne à ligne comme le document la donne, écrite en toutes lettres (et non
recalculée par le test) : avec un site, Payplug par défaut et SP+ s'il ne convient pas ; sans site,
JePaieEnLigne, ou IZ eCommerce pour en créer un ; sans savoir s'il y a un site, le CIF tranchera."""

from __future__ import annotations

from typing import Optional

import pytest

from cecaz.catalogue import load_catalogue
from cecaz.diagnostic import INCONNU, NON, OUI, Facts, conclude, recommend

CAT = load_catalogue()

# (facts, conclusion, offer recommended)
DECISIONS = [
    (Facts(site=OUI, payplug=OUI, moyens=()), "payplug", "payplug"),
    (Facts(site=OUI, payplug=INCONNU, moyens=()), "payplug_par_defaut", "payplug"),
    (Facts(site=OUI, payplug=NON, moyens=()), "sp_plus", "sp_plus"),
    (Facts(site=NON, creer_site=OUI, moyens=()), "iz_ecommerce", "iz_ecommerce"),
    (Facts(site=NON, creer_site=NON, moyens=()), "jpel", "jpel"),
    (Facts(site=NON, creer_site=INCONNU, moyens=()), "jpel_projet_inconnu", "jpel"),
    (Facts(site=INCONNU, moyens=()), "a_determiner", None),
    # The other payment means and the other branch's answers change nothing.
    (Facts(site=OUI, creer_site=OUI, payplug=NON, moyens=("amex", "upi")), "sp_plus", "sp_plus"),
    (Facts(site=OUI, creer_site=NON, payplug=OUI, moyens=(INCONNU,)), "payplug", "payplug"),
    (Facts(site=NON, creer_site=OUI, payplug=NON, moyens=("ancv",)), "iz_ecommerce", "iz_ecommerce"),
    (Facts(site=NON, creer_site=NON, payplug=OUI, moyens=(INCONNU,)), "jpel", "jpel"),
    (Facts(site=INCONNU, creer_site=OUI, payplug=OUI, moyens=("dfs_diners",)), "a_determiner", None),
]


@pytest.mark.parametrize(("facts", "conclusion", "offre"), DECISIONS, ids=str)
def test_the_diagnostic_decides_as_the_document_says(facts: Facts, conclusion: str, offre: Optional[str]) -> None:
    assert conclude(facts) == conclusion
    assert recommend(CAT, facts).offre == offre


def test_the_contract_vad_is_never_recommended() -> None:
    assert {recommend(CAT, facts).offre for facts, _, _ in DECISIONS} == {"payplug", "sp_plus", "iz_ecommerce",
                                                                          "jpel", None}
