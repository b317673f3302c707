"""Profil de production (`make cluster`, `ops/cluster.py`) sur les vrais serveurs : deux serveurs Rasa, un
serveur d'actions, le PostgreSQL et le Redis de la machine, HAProxy lancé par le test.

Un seul profil pour tout le module (démarrer deux serveurs Rasa prend une minute) ; les tests passent dans
l'ordre du fichier, les pannes à la fin. Les événements de chaque conversation sont comptés dans PostgreSQL ;
les comptes des tests « messages simultanés » et « serveurs alternés » sont écrits dans
`results/cluster/event-counts.txt`.

Pannes provoquées sans toucher aux services de la machine, partagés avec d'autres :
- PostgreSQL arrêté : les serveurs Rasa parlent à PostgreSQL à travers un relais TCP du test
  (`tests/support/relays.py`) que le test coupe puis rouvre — ils voient ce qu'ils verraient d'un serveur
  arrêté puis relancé (connexions rompues, nouvelles connexions refusées, puis acceptées). Arrêter le
  service de la machine couperait les autres utilisateurs ; un second PostgreSQL (`initdb` dans un dossier
  temporaire) refuse de tourner sous root, l'utilisateur des tests ici.
- Action lente : les serveurs Rasa appellent le serveur d'actions à travers un relais HTTP du test qui
  retarde les conversations `slow-…` ; aucune action de test n'existe dans le code servi.

Sans PostgreSQL ou Redis joignables, le module est passé avec la raison (pas en silence)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import aiohttp
import psycopg2
import pytest
import socketio
from yarl import URL

from addons.channels import conversation_key
from cecaz import settings
from cecaz.degraded import STORE_UNAVAILABLE
from ops.cluster import STICKY_COOKIE, Cluster, drop_database, postgres_problem, redis_problem, replica_name
from ops.serve import ROOT, ask, free_port
from tests.e2e.conftest import FIXED_NOW, MODEL, log_alarms, plain_spaces, read_log, wait_until
from tests.e2e.microsoft_standin import MicrosoftStandIn
from tests.e2e.test_teams import APP_ID, APP_PASSWORD, TENANT_ID, activity, post, processed, said
from tests.support.relays import ActionRelay, TcpRelay

SITE_Q = "a-t-il déjà un site e-commerce ?"
PAYPLUG_Q = "la solution clé en main Payplug lui convient-elle ?"
MOYENS_Q = "Veut-il accepter d’autres moyens de paiement"
QUESTION, ANSWER = "numéro de l'assistance SP+", "09 69 37 80 30"
# Diagnostic answers typed in words that are no button title (a typed title is stored as its payload).
HAS_SITE = "oui il a déjà un site sous wordpress"
NOT_PAYPLUG = "non, il veut quelque chose de plus modulable"
NO_OTHER_CARDS = "non, pas d'autres moyens de paiement"
LOCK_LIFETIME_S = 1.0  # short, so that the slow action below outlives it
SLOW_S = 2.5  # slow action: longer than the lock lifetime, shorter than the action timeout (5 s)
COUNTS = ROOT / "results" / "cluster" / "event-counts.txt"
ENGINEIO_PING_NOISE = re.compile(r"^.*ERROR +asyncio +- Task was destroyed but it is pending!\n"
                                 r"task: <Task pending [^\n]*AsyncSocket\._send_ping\(\)[^\n]*$", re.MULTILINE)
PARALLEL = ["numéro assistance SP+", "horaires support payplug", "quel simulateur pour les cartes chinoises",
            "c'est quoi le schéma délégataire ?", "tel payplug", "comment ouvrir les services ?",
            "mon client veut accepter l'amex", "quels contrats pour SP+ ?", "email du support payplug",
            "qui négocie les tarifs de SP+ ?"]


def missing_services() -> str:
    """La raison de passer le module, ou "" si PostgreSQL, Redis et HAProxy sont là."""
    config = settings.load()
    return postgres_problem(config) or redis_problem(config) or ""


@dataclass
class Running:
    cluster: Cluster
    postgres: TcpRelay
    actions: ActionRelay
    microsoft: MicrosoftStandIn
    database: str
    log_offsets: Dict[Path, int]

    def url(self, replica: int) -> str:
        return self.cluster.replicas[replica].rasa_url

    def rows(self, conversation: str) -> List[Tuple[str, Optional[str], float, dict]]:
        """(type, action, horodatage, données) des événements de `conversation`, dans l'ordre de la base."""
        config = settings.load()
        with psycopg2.connect(host=config.pg_host, port=config.pg_port, user=config.pg_user,
                              password=config.pg_password, dbname=self.database) as db, db.cursor() as cursor:
            cursor.execute("SELECT type_name, action_name, timestamp, data FROM events WHERE sender_id = %s "
                           "ORDER BY id", (conversation,))
            return [(kind, action, stamp, json.loads(data)) for kind, action, stamp, data in cursor.fetchall()]

    def new_log_alarms(self) -> List[str]:
        """Les lignes ERROR ou traces écrites par les services depuis le dernier appel."""
        alarms = []
        for path in sorted(self.cluster.var_dir.glob("*/log/*.log")):
            with open(path, "rb") as log:
                log.seek(self.log_offsets.get(path, 0))
                text = log.read().decode(errors="replace")
                self.log_offsets[path] = log.tell()
            # python-engineio drops the ping task of a closed Socket.IO session (asyncio reports it, ERROR):
            # noise of the library at each page that leaves, not a fault of the profile.
            text = ENGINEIO_PING_NOISE.sub("", text)
            alarms += log_alarms(text)
        return alarms


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    reason = missing_services()
    if reason:
        pytest.skip(f"profil de production non testé : {reason}")
    if not MODEL.exists():
        pytest.fail(f"modèle absent ({MODEL}) : lancez `make train` avant les tests de bout en bout")
    config = settings.load()
    database = f"cecaz_test_{uuid.uuid4().hex[:10]}"  # created by the tracker store, dropped at the end
    postgres = TcpRelay((config.pg_host, config.pg_port)).start()
    action_port = free_port()
    actions = ActionRelay(action_port, conversation_key("rest", "slow-"), SLOW_S).start()
    microsoft = MicrosoftStandIn(tenant_id=TENANT_ID)
    microsoft.start()
    env = {"CECAZ_NOW": FIXED_NOW, "CECAZ_PG_HOST": "127.0.0.1", "CECAZ_PG_PORT": str(postgres.port),
           "RASA_AUTH_TOKEN": secrets.token_urlsafe(24),  # Rasa's HTTP API open, behind its token
           "CECAZ_PG_DATABASE": database, "CECAZ_LOCK_LIFETIME": str(LOCK_LIFETIME_S),
           # Teams open, Microsoft simulated here: its webhook is reachable through the proxy, a re-send is
           # answered once whichever replica gets it.
           "MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_PASSWORD": APP_PASSWORD, "MICROSOFT_APP_TENANT_ID": TENANT_ID,
           "CECAZ_TEAMS_TEST_LOOPBACK": "1", "BOTFRAMEWORK_OPENID_METADATA_URL": microsoft.openid_metadata_url,
           "BOTFRAMEWORK_TOKEN_URL": microsoft.token_url}
    cluster = Cluster(model=MODEL, rasa_ports=[free_port(), free_port()], action_ports=[action_port],
                      proxy_port=free_port(), var_dir=tmp_path_factory.mktemp("cluster"), env_extra=env,
                      replica_action_ports=[actions.port, actions.port])
    try:
        cluster.start()
        yield Running(cluster, postgres, actions, microsoft, database, {})
    finally:
        cluster.stop()
        actions.stop()
        microsoft.stop()
        postgres.cut()
        drop_database(config, database)


def texts(replies: List[dict]) -> str:
    return plain_spaces("\n".join(reply.get("text") or "" for reply in replies))


def say(running: Running, replica: int, sender: str, text: str, expected: str = "") -> str:
    """`text` envoyé au serveur Rasa n° `replica` (canal REST, local) ; les réponses, qui contiennent `expected`."""
    reply = texts(ask(running.url(replica), text, sender=sender, timeout=60))
    assert expected in reply, f"attendu « {expected} » après « {text} » (serveur {replica + 1}) :\n{reply}"
    return reply


def user_texts(rows: List[Tuple[str, Optional[str], float, dict]]) -> List[str]:
    return [data.get("text") for kind, _, _, data in rows if kind == "user"]


def interleaving(rows: List[Tuple[str, Optional[str], float, dict]]) -> List[str]:
    """Ce qui montre deux messages traités en même temps : un message arrivé avant que le tour précédent ne
    se termine (`action_listen`), un tour sans réponse, un événement enregistré deux fois."""
    problems, open_turn, answered = [], False, True
    for index, (kind, action, _, data) in enumerate(rows):
        if kind == "user":
            if open_turn:
                problems.append(f"événement {index} : « {data.get('text')} » avant la fin du tour précédent")
            if not answered:
                problems.append(f"événement {index} : tour précédent sans réponse")
            open_turn, answered = True, False
        elif kind == "bot":
            answered = True
        elif kind == "action" and action == "action_listen" and open_turn:
            open_turn = False
    if open_turn:
        problems.append("dernier tour inachevé")
    seen: Dict[str, int] = {}
    for index, (_, _, _, data) in enumerate(rows):
        key = json.dumps(data, sort_keys=True)
        if key in seen:
            problems.append(f"événement {index} enregistré deux fois (déjà en {seen[key]}) : {key[:120]}")
        seen[key] = index
    return problems


def record_counts(name: str, rows: List[Tuple[str, Optional[str], float, dict]]) -> str:
    kinds: Dict[str, int] = {}
    for kind, _, _, _ in rows:
        kinds[kind] = kinds.get(kind, 0) + 1
    line = (f"{name} : {len(rows)} événements ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}), "
            f"{len(user_texts(rows))} messages, 0 en double, 0 entrelacé")
    COUNTS.parent.mkdir(parents=True, exist_ok=True)
    previous = [old for old in (COUNTS.read_text(encoding="utf-8").splitlines() if COUNTS.exists() else [])
                if not old.startswith(f"{name} :")]
    COUNTS.write_text("\n".join([*previous, line]) + "\n", encoding="utf-8")
    print(line)
    return line


# --- navigateur vu du serveur : Socket.IO à travers le proxy, cookies gardés ----------------------------


class ProxyChat:
    """Un navigateur derrière le proxy : Socket.IO en long-polling, qui garde ses cookies (dont celui qui
    le colle à un serveur Rasa)."""

    def __init__(self, url: str, jar: Optional[aiohttp.CookieJar] = None) -> None:
        """`jar` : les cookies d'une page précédente (la même page qui se reconnecte)."""
        self.url = url
        self.jar = jar or aiohttp.CookieJar(unsafe=True)  # 127.0.0.1: cookies of an IP address are kept too
        self.http = aiohttp.ClientSession(cookie_jar=self.jar)
        self.sio = socketio.AsyncClient(reconnection=False, http_session=self.http)
        self.events: asyncio.Queue[Tuple[str, Any]] = asyncio.Queue()
        self.session_id: Optional[str] = None
        for event in ("session_confirm", "bot_uttered"):
            self.sio.on(event, self._recorder(event))

    def _recorder(self, event: str) -> Any:
        async def record(data: Any) -> None:
            await self.events.put((event, data))
        return record

    @property
    def replica(self) -> Optional[str]:
        cookie = self.jar.filter_cookies(URL(self.url)).get(STICKY_COOKIE)
        return cookie.value if cookie else None

    async def connect(self) -> None:
        await self.sio.connect(self.url, transports=["polling"], socketio_path="/socket.io", wait_timeout=10)

    async def next(self, event: str, timeout: float = 30) -> Any:
        while True:
            name, data = await asyncio.wait_for(self.events.get(), timeout)
            if name == event:
                return data

    async def start_session(self, session_id: Optional[str] = None) -> str:
        await self.sio.emit("session_request", {"session_id": session_id})
        self.session_id = await self.next("session_confirm")
        return self.session_id

    async def until(self, expected: str, timeout: float = 30) -> str:
        received: List[str] = []
        try:
            async with asyncio.timeout(timeout):
                while not received or expected not in received[-1]:
                    received.append(plain_spaces((await self.next("bot_uttered", timeout)).get("text") or ""))
        except TimeoutError:
            raise AssertionError(f"pas de « {expected} » en {timeout:.0f} s : {received}") from None
        return "\n".join(received)

    async def say(self, text: str, expected: str) -> str:
        await self.sio.emit("user_uttered", {"message": text, "session_id": self.session_id})
        return await self.until(expected)

    async def close(self) -> None:
        try:
            await self.sio.disconnect()
        finally:
            await self.http.close()


def http(url: str, data: Optional[bytes] = None, headers: Optional[Dict[str, str]] = None) -> Tuple[int, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


# --- tests ---------------------------------------------------------------------------------------


def test_the_proxy_publishes_page_teams_and_api_never_actions_nor_rest(running: Running) -> None:
    proxy = running.cluster.url
    status, page = http(f"{proxy}/webhooks/webchat/")
    assert status == 200 and "<html" in page.lower()
    # Teams reaches Rasa's channel, which refuses an activity without Microsoft's signature.
    activity = json.dumps({"type": "message", "serviceUrl": "https://smba.trafficmanager.net/emea/",
                           "conversation": {"id": "a"}, "from": {"id": "b"}, "text": "bonjour"}).encode()
    assert http(f"{proxy}/webhooks/teams/webhook", activity, {"Content-Type": "application/json"}) == \
        (401, "Non autorisé.")
    # The action server's paths (webhook, health, actions) and the REST channel: not published.
    rest = json.dumps({"sender": "x", "message": QUESTION}).encode()
    for path, body in [("/webhook", b"{}"), ("/health", None), ("/actions", None), ("/webhooks/rest/webhook", rest)]:
        assert http(f"{proxy}{path}", body, {"Content-Type": "application/json"}) == (404, "Introuvable."), path
    # Rasa's HTTP API (enabled here): published, and a tracker is read only with the token.
    sender = f"api-{uuid.uuid4().hex[:8]}"
    say(running, 0, sender, QUESTION, ANSWER)
    assert running.new_log_alarms() == []
    tracker = f"{proxy}/conversations/{conversation_key('rest', sender)}/tracker"
    status, body = http(tracker)
    assert status == 401 and ANSWER not in body
    token = running.cluster.settings().rasa_auth_token
    assert http(f"{tracker}?token=wrong{token}")[0] == 401
    # Rasa logs each refusal as an ERROR (an operator wants to know): those two, nothing else.
    refusals = running.new_log_alarms()
    assert len(refusals) == 2 and all("User is not authenticated." in line for line in refusals), refusals
    status, body = http(f"{tracker}?token={token}")
    assert status == 200
    said = " ".join(event.get("text") or "" for event in json.loads(body)["events"] if event["event"] == "bot")
    assert ANSWER in plain_spaces(said)
    assert running.new_log_alarms() == []


def test_socketio_through_the_proxy_sticks_each_page_to_one_replica(running: Running) -> None:
    """Long-polling: every request of a Socket.IO session must reach the replica that holds it. Without the
    proxy's cookie, the second request of a session lands on the other replica, which does not know it."""

    async def one_page() -> Tuple[Optional[str], str, str]:
        page = ProxyChat(running.cluster.url)
        try:
            await page.connect()
            await page.start_session()
            await page.until("Bonjour")
            answer = await page.say(QUESTION, ANSWER)
            follow_up = await page.say("tel payplug ?", "+33 1 76 34 01 55")
            return page.replica, answer, follow_up
        finally:
            await page.close()

    async def pages() -> List[Tuple[Optional[str], str, str]]:
        return list(await asyncio.gather(*(one_page() for _ in range(4))))

    results = asyncio.run(pages())
    assert {replica for replica, _, _ in results} == {replica_name(0), replica_name(1)}  # spread over both
    assert running.new_log_alarms() == []


def test_ten_parallel_messages_for_one_sender_on_two_replicas(running: Running) -> None:
    """Rasa Open Source's RedisLockStore let two replicas in at once (upstream issue 9213): here every event
    is stored once, each message's turn whole before the next one."""
    sender = f"parallel-{uuid.uuid4().hex[:8]}"
    start = threading.Barrier(len(PARALLEL))

    def send(index: int) -> str:
        start.wait()
        return texts(ask(running.url(index % 2), PARALLEL[index], sender=sender, timeout=120))

    with ThreadPoolExecutor(len(PARALLEL)) as pool:
        replies = list(pool.map(send, range(len(PARALLEL))))
    assert all(replies), replies
    rows = running.rows(conversation_key("rest", sender))
    assert sorted(user_texts(rows)) == sorted(PARALLEL)
    assert interleaving(rows) == []
    assert [kind for kind, _, _, _ in rows].count("session_started") == 1
    record_counts("10 messages simultanés, 2 serveurs", rows)
    assert running.new_log_alarms() == []


def test_a_full_diagnostic_alternating_between_the_two_replicas(running: Running) -> None:
    sender = f"alternating-{uuid.uuid4().hex[:8]}"
    turns = [
        ("aide-moi à choisir une solution pour mon client", SITE_Q),
        (HAS_SITE, PAYPLUG_Q),
        ("numéro du support payplug ?", "+33 1 76 34 01 55"),
        ("oui le clé en main lui convient", MOYENS_Q),
        (NO_OTHER_CARDS, "Recommandation : Payplug"),
        ("tel payplug", "+33 1 76 34 01 55"),
    ]
    replies = [say(running, index % 2, sender, text, expected) for index, (text, expected) in enumerate(turns)]
    assert "Offre recommandée : Payplug." in replies[4] and "Lead Monexpert" in replies[4]
    rows = running.rows(conversation_key("rest", sender))
    assert user_texts(rows) == [text for text, _ in turns]
    assert interleaving(rows) == []
    assert [kind for kind, _, _, _ in rows].count("session_started") == 1
    record_counts("diagnostic complet, serveurs alternés", rows)
    assert running.new_log_alarms() == []


def test_a_teams_activity_resent_to_the_other_replica_is_answered_once(running: Running) -> None:
    """Teams renvoie une activité sans réponse en 15 s ; le proxy peut donner le renvoi à l'autre serveur Rasa.
    Avant, chaque serveur gardait sa propre mémoire des activités reçues : deux traitements, deux réponses."""
    first, second = running.cluster.replicas
    microsoft = running.microsoft
    conversation_id = f"a:{uuid.uuid4().hex}"
    body = activity(microsoft, conversation_id, text=QUESTION)
    assert post(first, body, microsoft.token(APP_ID)) == 200
    assert post(second, body, microsoft.token(APP_ID)) == 200  # the re-send, on the other replica: dropped
    wait_until(lambda: processed(first, body["id"]), 60, "activité traitée par le premier serveur")
    wait_until(lambda: f"event=teams_activity_duplicate id={body['id']}" in read_log(second, "rasa"), 10,
               "renvoi écarté par le second serveur")
    replies = microsoft.replies_to(conversation_id)
    assert [reply.body["replyToId"] for reply in replies] == [body["id"]], [r.body for r in replies]
    assert ANSWER in said(replies[0])
    assert not processed(second, body["id"])
    assert running.new_log_alarms() == []


def test_a_slow_action_keeps_the_lock_beyond_its_lifetime(running: Running) -> None:
    """The first message's action takes 2.5 s, the lock lives 1 s: the holder renews it, so the second
    message (other replica, same sender) waits for the whole turn instead of slipping in after 1 s."""
    sender = f"slow-{uuid.uuid4().hex[:8]}"
    running.actions.slowed.clear()
    first: List[str] = []
    worker = threading.Thread(target=lambda: first.append(say(running, 0, sender, QUESTION, ANSWER)))
    worker.start()
    wait_until(lambda: running.actions.started_slow(sender), 30, "l'action lente commencée")
    second = say(running, 1, sender, "horaires support payplug")
    worker.join(60)
    assert first and second
    rows = running.rows(conversation_key("rest", sender))
    assert user_texts(rows) == [QUESTION, "horaires support payplug"]
    assert interleaving(rows) == []
    slowest = max(end - begin for _, begin, end in running.actions.slowed)
    assert slowest >= SLOW_S > LOCK_LIFETIME_S
    assert running.new_log_alarms() == []


@pytest.mark.outage
def test_postgresql_down_then_back(running: Running, tmp_path: Path) -> None:
    """Stock Rasa falls back to an in-memory tracker store (upstream issue 3243): the conversation would
    restart from nothing on each replica. Here: a clear French message, nothing kept, and the conversation
    goes on where it was once PostgreSQL is back, without restarting anything."""
    sender = f"pgdown-{uuid.uuid4().hex[:8]}"
    say(running, 0, sender, "diagnostic", SITE_Q)
    running.postgres.cut()
    try:
        for replica in (1, 0):
            reply = say(running, replica, sender, HAS_SITE)
            assert STORE_UNAVAILABLE in reply and PAYPLUG_Q not in reply, reply
        refused = subprocess.run([sys.executable, "-m", "ops.cluster", "--model", str(MODEL)], cwd=ROOT,
                                 env={**os.environ, **running.cluster.env_extra, "CECAZ_VAR_DIR": str(tmp_path),
                                      "RASA_PORT": str(free_port()), "ACTION_PORT": str(free_port()),
                                      "CLUSTER_PORT": str(free_port())},
                                 capture_output=True, text=True, timeout=60)
        assert refused.returncode == 1 and "PostgreSQL injoignable" in refused.stderr, refused.stderr
        assert "ne démarre pas sans sa base des conversations" in refused.stderr
        assert not list(tmp_path.glob("cluster/*/log/*.log"))  # refused before starting any process
    finally:
        running.postgres.restore()
    say(running, 1, sender, HAS_SITE, PAYPLUG_Q)  # the diagnostic goes on where it was, nothing restarted
    say(running, 0, sender, NOT_PAYPLUG, MOYENS_Q)
    rows = running.rows(conversation_key("rest", sender))
    assert user_texts(rows) == ["diagnostic", HAS_SITE, NOT_PAYPLUG]  # nothing kept from the outage
    assert [kind for kind, _, _, _ in rows].count("session_started") == 1  # no split
    assert interleaving(rows) == []
    running.new_log_alarms()  # the outage's ERROR lines are expected


@pytest.mark.outage
def test_a_replica_killed_mid_conversation_the_page_goes_on_with_the_other(running: Running) -> None:
    conversation = ""

    async def scenario() -> str:
        nonlocal conversation
        page = ProxyChat(running.cluster.url)
        await page.connect()
        session_id = await page.start_session()
        conversation = conversation_key("web", session_id.split(".")[0])
        await page.until("Bonjour")
        await page.say("diagnostic", SITE_Q)
        stuck_to = page.replica
        index = [replica_name(i) for i in range(2)].index(stuck_to)
        process = running.cluster.replicas[index].processes.pop("rasa")
        os.killpg(process.pid, signal.SIGKILL)  # a crash: nothing is finished properly
        process.wait()
        await page.close()
        # The page reconnects (same cookie) and asks for its session again: the proxy sends it to the other.
        again = ProxyChat(running.cluster.url, jar=page.jar)
        try:
            await again.connect()
            assert await again.start_session(session_id) == session_id
            await again.say(HAS_SITE, PAYPLUG_Q)
            assert again.replica != stuck_to
            return stuck_to
        finally:
            await again.close()

    asyncio.run(scenario())
    wait_until(lambda: user_texts(running.rows(conversation)) == ["/greet", "diagnostic", HAS_SITE], 30,
               "les trois messages de la page enregistrés, une fois chacun")
    assert interleaving(running.rows(conversation)) == []
    running.new_log_alarms()


@pytest.mark.outage
def test_a_diagnostic_survives_a_restart_of_every_process(running: Running) -> None:
    """Every process killed mid-form (proxy, both replicas, action server), then everything started again."""
    sender = f"restart-{uuid.uuid4().hex[:8]}"
    alive = next(i for i, replica in enumerate(running.cluster.replicas) if "rasa" in replica.processes)
    say(running, alive, sender, "diagnostic", SITE_Q)
    say(running, alive, sender, HAS_SITE, PAYPLUG_Q)
    running.cluster.kill()
    running.cluster.start()
    say(running, 1, sender, NOT_PAYPLUG, MOYENS_Q)
    say(running, 0, sender, NO_OTHER_CARDS, "Recommandation : SP+")
    rows = running.rows(conversation_key("rest", sender))
    assert user_texts(rows) == ["diagnostic", HAS_SITE, NOT_PAYPLUG, NO_OTHER_CARDS]
    assert interleaving(rows) == []
    running.new_log_alarms()
