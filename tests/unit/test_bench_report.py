"""Le banc (`ops/bench.py`) : percentiles, rangement des piles de py-spy par étape, cibles et rapport Markdown,
sur des mesures fabriquées (le banc lui-même tourne par `make bench`, hors de `make test`)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any, AsyncIterator, Dict, List, Sequence, Tuple

import pytest

from ops import bench, bench_profile
from ops.loadgen import (
    DIAGNOSTIC,
    FOLLOW_UP,
    LENGTH_PROBE,
    QUESTION,
    SCENARIOS,
    Load,
    LoadResult,
    Sample,
    length_probes,
    length_script,
    percentile,
    reply_problem,
    run_load,
)


@pytest.mark.parametrize(("fraction", "expected"), [(0.5, 50.0), (0.95, 95.0), (0.99, 99.0), (1.0, 100.0)])
def test_percentiles_are_nearest_rank(fraction: float, expected: float) -> None:
    assert percentile([float(v) for v in range(100, 0, -1)], fraction) == expected
    assert percentile([], fraction) == 0.0


@pytest.mark.parametrize(("status", "body", "problem"), [
    (200, [{"text": "Le numéro : 09 69 37 80 30"}], None),
    (200, [], "réponse vide"),
    (200, [{"text": "  "}, {"buttons": []}], "réponse vide"),
    (500, None, "HTTP 500"),
    (200, [{"text": "Je ne peux pas répondre pour le moment\u00a0: un service…"}], "indisponible"),
])
def test_a_reply_counts_only_when_it_answers(status: int, body: Any, problem: str) -> None:
    assert reply_problem(status, body) == problem


PYSPY_RAW = """\
<module> (ops/rasa_cli.py:58);Agent.handle_message (rasa/core/agent.py:419);\
MessageProcessor.parse_message (rasa/core/processor.py:702);\
DIETClassifier.process (rasa/nlu/classifiers/diet_classifier.py:900);Model.predict (keras/engine/training.py:10) 30
<module> (ops/rasa_cli.py:58);RemoteAction.run (rasa/core/actions/action.py:790);\
RemoteAction._validate_action_result (rasa/core/actions/action.py:704) 50
<module> (ops/rasa_cli.py:58);Agent.handle_message (rasa/core/agent.py:419);\
MessageProcessor.save_tracker (rasa/core/processor.py:1089);FailSafeTrackerStore.save (rasa/core/tracker_store.py:1) 15
<module> (ops/rasa_cli.py:58);BaseEventLoop.run_forever (asyncio/base_events.py:600) 5
"""


def test_stacks_are_sorted_by_the_first_stage_they_go_through() -> None:
    profile = bench_profile.Profile.parse(PYSPY_RAW)
    stages = profile.by_stage()
    assert profile.samples == 100
    assert stages["Validation JSON de la réponse du serveur d'actions (jsonschema)"] == 50
    assert stages["NLU : analyse du message (spaCy, DIET…)"] == 30
    assert stages["Magasin des conversations : écriture"] == 15
    assert stages[bench_profile.OTHER] == 5
    assert stages["Aller-retour du serveur d'actions (côté Rasa : requête, réponse)"] == 0  # validation came first
    assert profile.by_component()["DIET"] == 30  # TensorFlow's work for DIET counts for DIET
    assert profile.by_component()["TensorFlow"] == 0


def test_the_hottest_functions_leave_out_the_server_frames_every_stack_has() -> None:
    hottest = bench_profile.Profile.parse(PYSPY_RAW).hottest(2)
    assert sorted(hottest) == [("RemoteAction._validate_action_result (rasa/core/actions/action.py)", 50),
                               ("RemoteAction.run (rasa/core/actions/action.py)", 50)]


def fake_configuration(latency_ms: float, patches: bool) -> Dict[str, Any]:
    samples = [Sample(kind, position, latency_ms * (1 + position / 10))
               for position, kind in enumerate([QUESTION, FOLLOW_UP, DIAGNOSTIC] * 10, start=1)]
    load = bench.load_summary(LoadResult(Load(users=20, duration_s=10, max_messages=100), samples, elapsed_s=0.5))
    profile = bench_profile.Profile.parse(PYSPY_RAW)
    return {"correctifs": patches, "charge_debut": [1.0, 1.0, 1.0], "charge_fin": [2.0, 1.0, 1.0],
            "demarrage_s": 20.0, "latence": {"1": load, "20": load}, "debit": {"20": load},
            "memoire": {"apres_chauffe": {"rasa": 900.0, "actions": 100.0},
                        "apres_charge": {"rasa": 950.0, "actions": 110.0}},
            "profil": {"charge": load, "echantillons_par_s": 100, "total_ms": {"rasa": 10.0, "actions": 2.0},
                       "etapes_ms": {k: v / 10 for k, v in profile.by_stage().items()},
                       "composants_ms": {k: v / 10 for k, v in profile.by_component().items()},
                       "fonctions": {"rasa": profile.hottest(3)}},
            "longueur": {"messages": 50, "paires": 3, "premiers_ms": 10.0, "derniers_ms": 11.0, "rapport": 1.1,
                         "erreurs": 0}}


def test_the_report_compares_both_configurations_with_the_targets() -> None:
    result = {"date": "2026-11-30 1500Z", "machine": {
        "coeurs": 2, "coeurs_disponibles": 2, "processeur": "x86", "memoire_go": 24.0, "charge_debut": [1.0, 1.0, 1.0],
        "commit": "abc1234", "modele_sha256": "0123", "versions": {"rasa": "3.6.21"}},
        "configurations": {"avant": fake_configuration(40.0, False), "après": fake_configuration(4.0, True)}}
    report = bench.render_markdown(result)
    assert "| mesure | avant | après | cible |" in report
    assert "| p50, 1 utilisateur | 100\u202fms ✘ | 10\u202fms ✔ | ≤ 15\u202fms |" in report
    assert "| Coût des messages 46–50 / messages 1–5 | 1,1\u202f× ✔ | 1,1\u202f× ✔ | ≤ 1,25\u202f× |" in report
    assert "| Débit sans temps de réflexion | 60\u202fmsg/s ✔ | 60\u202fmsg/s ✔ | ≥ 50\u202fmsg/s |" in report
    assert "| 20 | diagnostic | 10 | 0 |" in report
    assert "| après | 50 | 3 | 10 | 11 | 1,1 |" in report
    assert bench.NOISE_NOTE in report
    assert "2 cœurs" in report and "rasa 3.6.21" in report


def test_the_report_shows_one_against_two_replicas() -> None:
    load = fake_configuration(4.0, True)["debit"]["20"]
    twice = {**load, "debit": 90.0}
    result = {"date": "2026-11-30 1500Z", "machine": {
        "coeurs": 2, "coeurs_disponibles": 2, "processeur": "x86", "memoire_go": 24.0, "charge_debut": [1.0, 1.0, 1.0],
        "commit": "abc1234", "modele_sha256": "0123", "versions": {"rasa": "3.6.21"}},
        "configurations": {"après": fake_configuration(4.0, True)},
        "cluster": {"coeurs": 2, "1": {"demarrage_s": 30.0, "sans": load}, "2": {"demarrage_s": 41.5, "sans": twice},
                    "rapport": {"sans": 1.5}}}
    report = bench.render_markdown(result)
    assert "## Profil de production : 1 contre 2 serveurs Rasa" in report
    assert "| sans | 60 | 90 | 1,5 | 15,6 | 15,6 | 0 |" in report
    assert "30\u202fs (1 serveur), 41,5\u202fs (2 serveurs)" in report
    skipped = bench.render_markdown({**result, "cluster": {"non_mesure": "Redis injoignable"}})
    assert "Non mesuré : Redis injoignable" in skipped


@contextlib.asynccontextmanager
async def fake_replicas(names: Sequence[str], heard: List[Tuple[str, str, str]]) -> AsyncIterator[List[str]]:
    """Serveurs REST factices sur la boucle locale, un par nom ; chaque message reçu est noté dans `heard`
    (réplique, expéditeur, texte). Donne leurs adresses."""
    from aiohttp import web

    def replica(name: str) -> web.Application:
        async def webhook(request: web.Request) -> web.Response:
            body = await request.json()
            heard.append((name, body["sender"], body["message"]))
            return web.json_response([{"recipient_id": body["sender"], "text": "réponse"}])

        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", webhook)
        return app

    runners = [web.AppRunner(replica(name)) for name in names]
    urls = []
    for runner in runners:
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        urls.append(f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}")  # type: ignore[union-attr]
    try:
        yield urls
    finally:
        for runner in runners:
            await runner.cleanup()


def test_each_simulated_user_keeps_to_one_replica() -> None:
    """Plusieurs adresses : l'utilisateur i parle toujours à la i-ième (modulo), comme le cookie du proxy."""
    heard: List[Tuple[str, str, str]] = []

    async def scenario() -> LoadResult:
        async with fake_replicas(("r1", "r2"), heard) as urls:
            return await run_load(urls, Load(users=4, duration_s=5, max_messages=40, think_s=(0.0, 0.0), spread_s=0))

    result = asyncio.run(scenario())
    assert result.errors == 0 and len(result.samples) == 40
    by_sender: Dict[str, set] = {}
    for name, sender, _ in heard:
        by_sender.setdefault(sender, set()).add(name)
    assert all(len(names) == 1 for names in by_sender.values())
    assert set().union(*by_sender.values()) == {"r1", "r2"}


def test_the_length_probe_plays_each_late_message_beside_its_early_twin_in_a_new_conversation() -> None:
    heard: List[Tuple[str, str, str]] = []

    async def scenario() -> List[Sample]:
        async with fake_replicas(("r1",), heard) as urls:
            return await length_probes(urls[0], 50, chain=3)

    samples = asyncio.run(scenario())
    senders = list(dict.fromkeys(sender for _, sender, _ in heard))
    assert [len([h for h in heard if h[1] == sender]) for sender in senders] == [50, 50, 50, 5]
    assert [(senders.index(sender), text) for _, sender, text in heard] == [
        (s.conversation, s.text) for s in samples]
    for conversation in range(3):
        late = [i for i, s in enumerate(samples) if s.conversation == conversation and s.position > 45]
        early = [i for i, s in enumerate(samples) if s.conversation == conversation + 1 and s.position <= 5]
        assert [i + 1 for i in late] == early  # alternated, message by message
        assert [samples[i].text for i in late] == [samples[i].text for i in early]


@pytest.mark.parametrize("messages", [12, 50, 51])
def test_the_replayed_messages_follow_whole_scenarios(messages: int) -> None:
    # not in the middle of a diagnostic: only the number of messages before them differs from the start
    script = length_script(messages)
    scenarios = {tuple(scenario) for scenario in SCENARIOS}
    filler = script[LENGTH_PROBE:-LENGTH_PROBE]
    assert len(script) == messages and script[:LENGTH_PROBE] == script[-LENGTH_PROBE:]
    position = 0
    while position < len(filler):  # the filler splits into whole scenarios, from its first turn
        whole = next(s for s in scenarios if tuple(filler[position:position + len(s)]) == s)
        position += len(whole)
    assert position == len(filler)


def test_the_length_probe_needs_more_messages_than_its_two_probes() -> None:
    with pytest.raises(ValueError):
        asyncio.run(length_probes("http://127.0.0.1:1", 10, chain=1))
