# Profil de production : plusieurs serveurs Rasa derrière HAProxy, PostgreSQL et Redis (ops/cluster.py,
# docs/deploiement.md). Le profil embarqué (`make run`) reste celui par défaut.
HAPROXY_BIN := /usr/sbin/haproxy

.PHONY: cluster haproxy

# HAProxy du paquet Debian : lancé par ops/cluster.py avec sa propre configuration, jamais comme service système.
haproxy: $(HAPROXY_BIN) ## Installe HAProxy (paquet Debian) pour `make cluster`

$(HAPROXY_BIN):
	@mkdir -p var/log
	@echo "Installation de HAProxy (paquet Debian) pour le profil de production…"
	@$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq haproxy > var/log/apt.log 2>&1 \
	  || { tail -n 20 var/log/apt.log; echo "Erreur : installation de HAProxy impossible (var/log/apt.log)." >&2; exit 1; }

cluster: install webchat haproxy ## Profil de production : CLUSTER_REPLICAS serveurs Rasa, PostgreSQL, Redis, HAProxy
	@$(BIN)/python -m ops.preflight --model $(MODEL)
	@$(MAKE) --no-print-directory $(MODEL)
	@$(BIN)/python -m ops.cluster

# Les tests du profil (tests/e2e/test_cluster.py) lancent le proxy eux-mêmes.
test-e2e: haproxy
