"""Relais placés par les tests du profil de production entre les serveurs Rasa et ce qu'ils appellent, pour
provoquer une panne sans toucher aux services de la machine ni ajouter de crochet de test au code servi.

- `TcpRelay` : relais TCP vers un serveur (PostgreSQL). `cut()` ferme l'écoute et coupe chaque connexion,
  comme l'arrêt du serveur vu par ses clients (connexions rompues, nouvelles connexions refusées) ;
  `restore()` rouvre le même port, comme son redémarrage.
- `ActionRelay` : relais HTTP vers le serveur d'actions, qui retarde de `delay_s` les appels d'action des
  conversations dont l'identifiant commence par `slow_prefix` : une action lente, sans action de test dans
  le code servi."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
import urllib.error
import urllib.request
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import List, Optional, Set, Tuple


class TcpRelay:
    """127.0.0.1:`port` → `target` ; `port` est tiré au premier démarrage puis gardé."""

    def __init__(self, target: Tuple[str, int]) -> None:
        self.target = target
        self.port = 0
        self._listener: Optional[socket.socket] = None
        self._open: Set[socket.socket] = set()
        self._lock = threading.Lock()

    def start(self) -> TcpRelay:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    restore = start

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed by cut()
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for one in (source, sink):
                self._drop(one)

    def _drop(self, one: socket.socket) -> None:
        with self._lock:
            self._open.discard(one)
        with contextlib.suppress(OSError):
            one.shutdown(socket.SHUT_RDWR)
        one.close()

    def cut(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() of the other thread (Linux)
            self._listener.close()
            self._listener = None
        with self._lock:
            connections = list(self._open)
        for one in connections:
            self._drop(one)


class ActionRelay:
    """127.0.0.1:`port` → le serveur d'actions `target_port` ; appels des conversations `slow_prefix…`
    retardés de `delay_s` secondes (sauf le début de session), chacun noté dans `slowed` (début, fin)."""

    def __init__(self, target_port: int, slow_prefix: str, delay_s: float) -> None:
        self.target = f"http://127.0.0.1:{target_port}"
        self.slow_prefix, self.delay_s = slow_prefix, delay_s
        self.slowed: List[Tuple[str, float, float]] = []
        self.slowing: List[str] = []  # conversations whose action is being slowed down now or was
        relay = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: object) -> None:
                return None

            def do_GET(self) -> None:
                self._forward(None)

            def do_POST(self) -> None:
                self._forward(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

            def _forward(self, body: Optional[bytes]) -> None:
                action, sender = relay.describe(body, self.headers.get("Content-Encoding"))
                started = time.monotonic()
                if sender.startswith(relay.slow_prefix) and action != "action_session_start":
                    relay.slowing.append(sender)
                    time.sleep(relay.delay_s)
                    relay.slowed.append((action, started, time.monotonic()))
                headers = {name: value for name, value in self.headers.items()
                           if name.lower() not in ("host", "content-length", "connection")}
                request = urllib.request.Request(relay.target + self.path, data=body, headers=headers,
                                                 method=self.command)
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        status, payload, kind = response.status, response.read(), response.headers.get("Content-Type")
                except urllib.error.HTTPError as error:
                    status, payload, kind = error.code, error.read(), error.headers.get("Content-Type")
                self.send_response(status)
                self.send_header("Content-Type", kind or "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]

    def started_slow(self, sender: str) -> bool:
        """Vrai dès qu'une action de la conversation `sender` (`rest:slow-…`, ou sans préfixe de canal) est
        retardée."""
        return any(one == sender or one.endswith(f":{sender}") for one in self.slowing)

    @staticmethod
    def describe(body: Optional[bytes], encoding: Optional[str]) -> Tuple[str, str]:
        """(action demandée, identifiant de la conversation) d'un appel du serveur Rasa."""
        if not body:
            return "", ""
        try:
            data = json.loads(zlib.decompress(body) if encoding == "deflate" else body)
        except (ValueError, zlib.error):
            return "", ""
        return str(data.get("next_action") or ""), str((data.get("tracker") or {}).get("sender_id") or "")

    def start(self) -> ActionRelay:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
