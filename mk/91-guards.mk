# The guards against today's connectors (issue "protected by configuration"): the same
# attacks and the same legitimate Document Server traffic against stand-ins shaped like
# today's onlyoffice-nextcloud and Seahub, without and with the guard. PHPUnit and pytest
# run them in make test (NextcloudGuardTest, test_seahub_guard.py); make demo prints the
# before/after tables.
.PHONY: guards-demo

## make guards-demo — the before/after tables of the Nextcloud guard app and the Seahub middleware.
guards-demo: $(PHP_TEST_INI) install-python
	PHP_INI_SCAN_DIR=$(PHP_TEST_INI) $(PHP) php/tests/nextcloud/attack_table.php
	cd $(ROOT) && $(PYTHON) python/tests/seahub_standin/attack_table.py

DEMO_TARGETS += guards-demo
