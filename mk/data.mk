# Protection des données : conservation des conversations et audit des dépendances (docs/securite.md).
AUDIT_VENV := .venv-audit
STORE ?= sqlite

.PHONY: purge audit

# Profil embarqué : la base SQLite (TRACKER_DB) ; STORE=postgresql : celle du profil de production (CECAZ_PG_*).
purge: install ## Supprime les conversations plus anciennes que CECAZ_RETENTION_DAYS (STORE=postgresql : production)
	@$(BIN)/python -m ops.purge --store $(STORE)

# pip-audit exige des versions de packaging et CacheControl plus récentes que celles de Rasa : environnement à part.
$(AUDIT_VENV)/.installed: requirements/audit.txt
	@test -x $(AUDIT_VENV)/bin/python || $(PYTHON) -m venv $(AUDIT_VENV)
	@$(AUDIT_VENV)/bin/python -m pip install -q --disable-pip-version-check --no-deps -r requirements/audit.txt
	@touch $@

# --strict : une dépendance que le service de PyPI ne sait pas auditer fait échouer l'audit (jamais un faux « rien »).
audit: install $(AUDIT_VENV)/.installed ## Audit des dépendances épinglées (pip-audit) et recherche de secrets dans le dépôt
	@$(AUDIT_VENV)/bin/pip-audit --strict --disable-pip --no-deps --vulnerability-service pypi --progress-spinner off \
	  -r requirements/runtime.txt -r requirements/dev.txt \
	  || { echo "Erreur : vulnérabilités connues ci-dessus, ou dépendance non auditée (service de PyPI injoignable ?) ; voir docs/securite.md." >&2; exit 1; }
	@$(BIN)/python -m ops.secret_scan
