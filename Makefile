# Accord: `make run` serves the demo, `make test` runs every test. System packages (Pango for the letter's PDF,
# poppler-utils for its tests, Chromium and Dovecot for the browser and IMAP tests): see the README.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed

.PHONY: run test install lint demo clean messages

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# run_dev: the web server and one background worker (e-mail, reminders, mailbox polling), stopped together.
# The demo's accounts log in with their password alone (ACCORD_2FA_REQUIRED=0, refused when DEBUG is off);
# `ACCORD_2FA_REQUIRED=1 make run` shows the two-factor set-up as production asks it.
run: $(STAMP)
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} ACCORD_2FA_REQUIRED=$${ACCORD_2FA_REQUIRED:-0} $(PY) manage.py load_demo
	DEBUG=$${DEBUG:-1} ACCORD_2FA_REQUIRED=$${ACCORD_2FA_REQUIRED:-0} $(PY) manage.py run_dev 127.0.0.1:8000

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check accord config bench
	$(VENV)/bin/ruff format --check accord config bench

# Refresh the catalogues after changing user-facing text (needs gettext's tools): translate the new entries
# in locale/fr and locale/nl, then run it again to compile. msgen fills locale/en (msgstr = msgid). Tests
# only look strings up, so they are not extracted.
messages: $(STAMP)
	DEBUG=1 $(PY) manage.py makemessages -l fr -l nl -l en --no-obsolete --ignore=.venv --ignore=var --ignore=bench \
		--ignore=tests --ignore=testing --ignore=conftest.py
	msgen -o locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
