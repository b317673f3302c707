"""Les serveurs de Microsoft, simulés sur 127.0.0.1 pour les tests du canal Teams : document OpenID et
clés de signature (une clé RSA générée ici), point de terminaison du jeton, et `serviceUrl` du
Bot Connector qui enregistre les réponses du bot. Seuls ces serveurs sont simulés."""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional
from urllib.parse import parse_qs, unquote

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

ISSUER = "https://api.botframework.com"
ACCESS_TOKEN = "jeton-local-" + uuid.uuid4().hex
ENDORSED_CHANNELS = ("msteams", "webchat", "directline", "emulator")


@dataclass
class Capture:
    """Une requête reçue par un faux serveur de Microsoft."""

    path: str
    headers: Dict[str, str]
    body: Any


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class MicrosoftStandIn:
    tenant_id: str
    key: rsa.RSAPrivateKey = field(default_factory=new_key)
    kid: str = "cle-locale"
    token_requests: List[Capture] = field(default_factory=list)
    replies: List[Capture] = field(default_factory=list)
    reply_delay_s: float = 0.0  # a slow Microsoft: seconds before each reply is accepted

    def __post_init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    @property
    def openid_metadata_url(self) -> str:
        return f"{self.url}/v1/.well-known/openidconfiguration"

    @property
    def token_url(self) -> str:
        return f"{self.url}/{self.tenant_id}/oauth2/v2.0/token"

    @property
    def service_url(self) -> str:
        return f"{self.url}/teams/"

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def jwks(self) -> Dict[str, Any]:
        key = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        # Like Microsoft's keys, endorsed for several Bot Framework channels, not only Teams.
        key.update({"kid": self.kid, "use": "sig", "endorsements": list(ENDORSED_CHANNELS)})
        return {"keys": [key]}

    def token(self, audience: str, *, issuer: str = ISSUER, expires_in: int = 3600,
              service_url: Optional[str] = None, key: Optional[rsa.RSAPrivateKey] = None) -> str:
        """Un jeton comme celui que le Bot Connector joint à chaque activité."""
        now = int(time.time())
        claims = {"iss": issuer, "aud": audience, "iat": now - 60, "nbf": now - 60, "exp": now + expires_in,
                  "serviceUrl": service_url or self.service_url}
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": self.kid})

    def replies_to(self, conversation_id: str) -> List[Capture]:
        return [reply for reply in self.replies if unquote(reply.path.split("/")[4]) == conversation_id]

    def _handler(self) -> type:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _reply(self, payload: Dict[str, Any], status: int = 200) -> None:
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path == "/v1/.well-known/openidconfiguration":
                    self._reply({"issuer": ISSUER, "jwks_uri": f"{standin.url}/v1/.well-known/keys",
                                 "id_token_signing_alg_values_supported": ["RS256"]})
                elif self.path == "/v1/.well-known/keys":
                    self._reply(standin.jwks())
                else:
                    self._reply({"error": "introuvable"}, 404)

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                headers = dict(self.headers.items())
                if self.path == f"/{standin.tenant_id}/oauth2/v2.0/token":
                    form = {name: values[0] for name, values in parse_qs(raw).items()}
                    standin.token_requests.append(Capture(self.path, headers, form))
                    self._reply({"token_type": "Bearer", "expires_in": 3600, "access_token": ACCESS_TOKEN})
                elif self.path.startswith("/teams/v3/conversations/"):
                    time.sleep(standin.reply_delay_s)
                    standin.replies.append(Capture(self.path, headers, json.loads(raw)))
                    self._reply({"id": uuid.uuid4().hex})
                else:
                    self._reply({"error": "introuvable"}, 404)

        return Handler
