"""`ops.serve.RestartPolicy` : relance d'un service arrêté avec une attente croissante et bornée, retour
à zéro après un fonctionnement stable, abandon quand les relances ne tiennent pas."""

from __future__ import annotations

from ops.serve import RestartPolicy


def test_delays_double_up_to_the_bound_then_it_gives_up() -> None:
    policy = RestartPolicy(first_delay_s=1, max_delay_s=5, stable_s=60, max_failures=5)
    policy.started(0)
    delays = []
    now = 10.0
    for _ in range(6):
        delays.append(policy.delay_after_stop(now))  # each restart dies 10 s later
        now += 10
        policy.started(now)
        now += 10
    assert delays == [1, 2, 4, 5, 5, None]


def test_a_service_that_ran_long_enough_starts_over_from_the_first_delay() -> None:
    policy = RestartPolicy(first_delay_s=1, stable_s=60, max_failures=2)
    policy.started(0)
    assert policy.delay_after_stop(5) == 1
    policy.started(6)
    assert policy.delay_after_stop(8) == 2
    policy.started(10)
    assert policy.delay_after_stop(10 + 60) == 1  # stable for a minute: the count starts again
    policy.started(71)
    assert policy.delay_after_stop(3600) == 1
