"""Générateur de charge de `make bench` : des collaborateurs simulés tiennent de vraies conversations avec
l'assistant par le canal REST (asyncio + aiohttp, boucle locale uniquement).

Chaque utilisateur simulé enchaîne des conversations tirées de `SCENARIOS` (question seule, relances,
diagnostic guidé), chacune sous un expéditeur neuf, avec un temps de réflexion tiré entre deux messages ;
les arrivées sont étalées. Une charge est bornée en durée et en nombre de messages. Chaque message donne
un `Sample` : sa sorte, sa latence, et s'il a échoué (statut HTTP, exception, délai, réponse vide ou
message d'indisponibilité). Utilisé par `ops/bench.py` et par le test `tests/e2e/test_bench_smoke.py`."""

from __future__ import annotations

import asyncio
import itertools
import math
import random
import time
import uuid
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple, Union
from urllib.parse import urlsplit

import aiohttp

from cecaz.degraded import NOT_READY, UNAVAILABLE
from cecaz.settings import is_loopback_host

QUESTION, FOLLOW_UP, DIAGNOSTIC = "question", "relance", "diagnostic"
KINDS = (QUESTION, FOLLOW_UP, DIAGNOSTIC)
Turn = Tuple[str, str]  # (sorte, texte du collaborateur)
LENGTH_PROBE = 5  # messages compared at the start and at the end of a long conversation

# Conversations écrites comme celles des collaborateurs (tests/conversations/, tests/e2e/test_diagnostic.py).
SCENARIOS: Tuple[Tuple[Turn, ...], ...] = (
    ((QUESTION, "num de l'assistance jpel stp"), (FOLLOW_UP, "et pour payplug ?"),
     (FOLLOW_UP, "ils sont dispo quand ?")),
    ((QUESTION, "la tarif sp+ c'est qui qui la fait ?"), (FOLLOW_UP, "et pour les cheques vacances ?")),
    ((QUESTION, "il faut quels contrats pour jpel ?"), (FOLLOW_UP, "et sp+ ?"), (FOLLOW_UP, "et qui les parametre ?")),
    ((QUESTION, "quel simulateur de rentabilite pour un contrat standard ?"), (FOLLOW_UP, "et pour union pay ?"),
     (FOLLOW_UP, "et dfs ?")),
    ((QUESTION, "payplug ou sp+ ?"), (FOLLOW_UP, "pourquoi ?")),
    ((QUESTION, "c'est quoi le schéma délégataire ?"),),
    ((QUESTION, "horaires support payplug"), (FOLLOW_UP, "et le service client sp plus ?")),
    ((QUESTION, "mon client veut accepter l'amex"), (FOLLOW_UP, "et les chèques vacances ?")),
    ((DIAGNOSTIC, "aide-moi à choisir une solution pour mon client"),
     (DIAGNOSTIC, "oui il a déjà un site sous wordpress"), (DIAGNOSTIC, "oui le clé en main lui convient"),
     (DIAGNOSTIC, "non, pas d'autres moyens de paiement")),
    ((DIAGNOSTIC, "quelle offre pour mon client ? pose moi les questions"), (DIAGNOSTIC, "non il n'a pas de site"),
     (DIAGNOSTIC, "non, il ne compte pas en créer"), (DIAGNOSTIC, "non")),
)
# Replies that are not an answer: the assistant says it cannot answer (rendered with French typography,
# so only the words before the first punctuation are compared).
DEGRADED_PREFIXES = (UNAVAILABLE.split(" :")[0], NOT_READY.split(" et ")[0])
REQUEST_TIMEOUT_S = 30.0


class NotLoopback(ValueError):
    """Le générateur ne charge que des serveurs de cette machine (boucle locale)."""


@dataclass(frozen=True)
class Sample:
    """Un message envoyé : `kind` (une de `KINDS`), `position` dans sa conversation (1 pour le premier),
    `latency_ms` de l'envoi à la réponse complète, `error` (None si la réponse est une vraie réponse), `text`
    le message envoyé, `conversation` son rang parmi celles d'une même mesure (`length_probes`)."""

    kind: str
    position: int
    latency_ms: float
    error: Optional[str] = None
    text: str = ""
    conversation: int = 0


@dataclass(frozen=True)
class Load:
    """Une charge : `users` simultanés, au plus `duration_s` secondes et `max_messages` messages en tout ;
    temps de réflexion tiré dans `think_s` (secondes, (0, 0) : aucun), arrivées étalées sur `spread_s`."""

    users: int
    duration_s: float
    max_messages: int
    think_s: Tuple[float, float] = (2.0, 5.0)
    spread_s: float = 5.0
    seed: int = 16


@dataclass
class LoadResult:
    """Ce qu'une charge a produit : les messages dans l'ordre où ils ont été reçus, et sa durée (s)."""

    load: Load
    samples: List[Sample] = field(default_factory=list)
    elapsed_s: float = 0.0

    @property
    def errors(self) -> int:
        return sum(1 for sample in self.samples if sample.error)

    @property
    def throughput(self) -> float:
        """Messages répondus par seconde sur la durée de la charge."""
        done = len(self.samples) - self.errors
        return done / self.elapsed_s if self.elapsed_s > 0 else 0.0


def check_loopback(url: str) -> None:
    """Lève `NotLoopback` si `url` ne désigne pas la boucle locale."""
    if not is_loopback_host(urlsplit(url).hostname):
        raise NotLoopback(f"le banc ne charge que des serveurs locaux, pas {url}")


def reply_problem(status: int, replies: object) -> Optional[str]:
    """Pourquoi une réponse du canal REST (`status`, corps JSON décodé) n'est pas une réponse ; None si elle l'est."""
    if status != 200:
        return f"HTTP {status}"
    texts = [reply.get("text") or "" for reply in replies if isinstance(reply, dict)] \
        if isinstance(replies, list) else []
    if not any(text.strip() for text in texts):
        return "réponse vide"
    if any(text.startswith(DEGRADED_PREFIXES) for text in texts):
        return "indisponible"
    return None


async def send(session: aiohttp.ClientSession, webhook: str, sender: str, text: str) -> Tuple[float, Optional[str]]:
    """Envoie `text` au canal REST pour `sender` ; (latence en ms, problème ou None). Ne lève pas."""
    started = time.perf_counter()
    try:
        async with session.post(webhook, json={"sender": sender, "message": text}) as response:
            body = await response.json(content_type=None) if response.status == 200 else None
            problem = reply_problem(response.status, body)
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
        problem = type(exc).__name__
    return (time.perf_counter() - started) * 1000, problem


class _Budget:
    """Messages restants et échéance, partagés par les utilisateurs d'une charge."""

    def __init__(self, load: Load) -> None:
        self.remaining = load.max_messages
        self.deadline = time.monotonic() + load.duration_s

    def take(self) -> bool:
        if self.remaining <= 0 or time.monotonic() >= self.deadline:
            return False
        self.remaining -= 1
        return True


async def _user(index: int, session: aiohttp.ClientSession, webhook: str, load: Load, budget: _Budget,
                result: LoadResult, scenarios: Sequence[Sequence[Turn]]) -> None:
    rng = random.Random(load.seed * 1000 + index)
    await asyncio.sleep(rng.uniform(0, load.spread_s) if load.users > 1 else 0)
    while True:
        sender = f"bench-{uuid.uuid4().hex[:12]}"
        for position, (kind, text) in enumerate(rng.choice(scenarios), start=1):
            if not budget.take():
                return
            latency_ms, problem = await send(session, webhook, sender, text)
            result.samples.append(Sample(kind, position, latency_ms, problem, text))
            if load.think_s[1] > 0:
                await asyncio.sleep(min(rng.uniform(*load.think_s), max(0.0, budget.deadline - time.monotonic())))


async def run_load(rasa_url: Union[str, Sequence[str]], load: Load,
                   scenarios: Sequence[Sequence[Turn]] = SCENARIOS) -> LoadResult:
    """Joue `load` contre le serveur Rasa `rasa_url` (boucle locale) ; la durée mesurée va du départ du
    premier utilisateur à la dernière réponse. Plusieurs adresses (serveurs Rasa du profil de production) :
    l'utilisateur i parle toujours à la i-ième modulo leur nombre, comme le cookie collant du proxy. Lève
    `NotLoopback` pour une adresse qui n'est pas locale."""
    urls = [rasa_url] if isinstance(rasa_url, str) else list(rasa_url)
    for url in urls:
        check_loopback(url)
    result = LoadResult(load)
    budget = _Budget(load)
    connector = aiohttp.TCPConnector(limit=load.users)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    started = time.monotonic()
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        await asyncio.gather(*(_user(i, session, f"{urls[i % len(urls)]}/webhooks/rest/webhook", load, budget,
                                     result, scenarios) for i in range(load.users)))
    result.elapsed_s = time.monotonic() - started
    return result


def length_script(messages: int, scenarios: Sequence[Sequence[Turn]] = SCENARIOS) -> List[Turn]:
    """Les `messages` tours d'une conversation de `length_probes` : les `LENGTH_PROBE` premiers tours des scénarios,
    puis des scénarios entiers à la suite (complétés par des questions d'un seul tour), puis les mêmes
    `LENGTH_PROBE` premiers tours. Les messages rejoués arrivent donc, comme au début, hors de tout diagnostic en
    cours : seul le nombre de messages échangés avant eux diffère. Lève `ValueError` si les premiers tours
    coupent un scénario, ou sans scénario d'un seul tour."""
    turns = [turn for scenario in scenarios for turn in scenario]
    starts = list(itertools.accumulate((len(scenario) for scenario in scenarios), initial=0))
    singles = [scenario for scenario in scenarios if len(scenario) == 1]
    if LENGTH_PROBE not in starts or not singles:
        raise ValueError("les premiers tours doivent finir un scénario, et un scénario d'un seul tour doit exister")
    after_probe = [scenario for scenario, start in zip(scenarios, starts[:-1], strict=True) if start >= LENGTH_PROBE]
    needed = messages - 2 * LENGTH_PROBE
    filler: List[Turn] = []
    for scenario in itertools.cycle(after_probe):
        if len(filler) + len(scenario) > needed:
            break
        filler += scenario
    for single in itertools.cycle(singles):
        if len(filler) >= needed:
            break
        filler += single
    probe = turns[:LENGTH_PROBE]
    return probe + filler + probe


def _paired_schedule(messages: int, chain: int) -> List[Tuple[int, int]]:
    """(conversation, position) in sending order for `length_probes`."""
    early_end = messages - LENGTH_PROBE  # last position before the replayed probe
    steps = [(0, position) for position in range(1, early_end + 1)]
    for conversation in range(chain):
        for k in range(1, LENGTH_PROBE + 1):
            steps += [(conversation, early_end + k), (conversation + 1, k)]
        if conversation + 1 < chain:
            steps += [(conversation + 1, position) for position in range(LENGTH_PROBE + 1, early_end + 1)]
    return steps


async def length_probes(rasa_url: str, messages: int, chain: int = 3,
                        scenarios: Sequence[Sequence[Turn]] = SCENARIOS) -> List[Sample]:
    """Le coût d'un message selon la longueur de sa conversation, mesuré par paires au même moment.

    `chain` + 1 conversations sans temps de réflexion, chacune jouant `length_script(messages)` (un collaborateur
    qui garde sa conversation ouverte) ; la dernière conversation ne joue que ses `LENGTH_PROBE` premiers messages.
    Pendant qu'une conversation joue ses derniers messages, la suivante joue ses premiers, en alternance : chaque
    message tardif est mesuré à côté de son jumeau du début, seul le nombre de messages échangés avant eux
    diffère, pas la charge de la machine. Renvoie les `Sample` dans l'ordre d'envoi, `conversation` numérotée
    depuis 0. Lève `ValueError` si `messages` ≤ 2 × `LENGTH_PROBE` ou `chain` < 1, `NotLoopback` hors boucle
    locale."""
    if messages <= 2 * LENGTH_PROBE or chain < 1:
        raise ValueError(f"{messages} messages, {chain} paires : il faut plus de {2 * LENGTH_PROBE} messages")
    check_loopback(rasa_url)
    played = length_script(messages, scenarios)
    senders = [f"bench-long-{uuid.uuid4().hex[:12]}" for _ in range(chain + 1)]
    samples = []
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)) as session:
        for conversation, position in _paired_schedule(messages, chain):
            kind, text = played[position - 1]
            latency_ms, problem = await send(session, f"{rasa_url}/webhooks/rest/webhook", senders[conversation], text)
            samples.append(Sample(kind, position, latency_ms, problem, text, conversation))
    return samples


def percentile(values: Sequence[float], fraction: float) -> float:
    """Percentile `fraction` (0–1) de `values` par le rang le plus proche ; 0.0 pour une liste vide."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(max(1, math.ceil(fraction * len(ordered))), len(ordered)) - 1]


def latency_summary(samples: Sequence[Sample]) -> Dict[str, float]:
    """n, erreurs, p50, p95, p99 et max (ms) des messages réussis de `samples`."""
    ok = [sample.latency_ms for sample in samples if not sample.error]
    return {"n": len(samples), "errors": len(samples) - len(ok), "p50": percentile(ok, 0.50),
            "p95": percentile(ok, 0.95), "p99": percentile(ok, 0.99), "max": max(ok, default=0.0)}


def summary_by_kind(samples: Sequence[Sample]) -> Dict[str, Dict[str, float]]:
    """`latency_summary` pour tous les messages (« tous ») puis pour chaque sorte présente."""
    summary = {"tous": latency_summary(samples)}
    for kind in KINDS:
        of_kind = [sample for sample in samples if sample.kind == kind]
        if of_kind:
            summary[kind] = latency_summary(of_kind)
    return summary
