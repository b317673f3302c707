# Rapport d'usage pour les personnes qui tiennent l'assistant à jour (issue 17, ops/report.py) :
# PERIOD=7j (derniers jours), 2026-11-30 (un jour) ou 2026-11-01..2026-11-30 ; STORE=postgresql : la base du
# profil de production (CECAZ_PG_*) au lieu de SQLite (TRACKER_DB) ; REPORT_DIR : où écrire le rapport.
PERIOD ?= 7j
STORE ?= sqlite
REPORT_DIR ?= results/rapport

.PHONY: report

report: install ## Rapport d'usage HTML et Markdown d'une période (PERIOD=7j, STORE=postgresql : production)
	@$(QUIET_PYTHON) -m ops.report --period "$(PERIOD)" --store $(STORE) --out $(REPORT_DIR)
