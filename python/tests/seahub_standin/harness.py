"""Runs the stand-in Seahub in child processes, with and without GuardMiddleware.

Each configuration gets a seahub_settings.py written into a private temporary directory
(Seahub's central config dir) — with ``EXTRA_MIDDLEWARE = [GUARD]`` for the guarded
run — and a child process (``seahub_standin.child``). The secrets are random, strong,
made anew for each run and never printed.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import scenarios

TESTS_DIR = Path(__file__).resolve().parents[1]
CHILD_TIMEOUT = 300


@dataclass(frozen=True)
class Row:
    """One scenario in one configuration: its outcomes without and with the guard."""

    scenario: str
    variant: str
    attack: bool
    without_guard: scenarios.Outcome
    with_guard: scenarios.Outcome

    @property
    def as_expected(self) -> bool:
        """An attack works without the guard and is refused with it; DS traffic works
        both ways."""
        if self.attack:
            return (
                self.without_guard.effect
                and not self.with_guard.effect
                and self.with_guard.refused
            )
        return self.without_guard.effect and self.with_guard.effect


@dataclass(frozen=True)
class Run:
    """The rows of every configuration, the guard's log lines and the secrets used."""

    rows: list[Row]
    log: list[str]
    secrets: tuple[str, ...]


def run_child(settings: dict, *args: str) -> dict:
    """Runs ``seahub_standin.child`` with these seahub_settings.py values; its JSON answer."""
    with tempfile.TemporaryDirectory(prefix="seahub-conf-") as conf_dir:
        text = "".join(f"{name} = {value!r}\n" for name, value in settings.items())
        Path(conf_dir, "seahub_settings.py").write_text(text, encoding="utf-8")
        python_path = [str(TESTS_DIR), os.environ.get("PYTHONPATH", "")]
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, python_path)),
            "SEAFILE_CENTRAL_CONF_DIR": conf_dir,
        }
        done = subprocess.run(
            [sys.executable, "-m", "seahub_standin.child", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT,
        )
    if done.returncode != 0:
        raise RuntimeError(f"the stand-in failed ({' '.join(args)}):\n{done.stderr}")
    return json.loads(done.stdout)


def _play(variant: str, guard: bool, secret: str, stale_secret: str) -> dict:
    """Plays one configuration; checks that EXTRA_MIDDLEWARE put the guard last, or not at all."""
    settings = scenarios.variant_settings(variant, secret, stale_secret)
    if guard:
        settings["EXTRA_MIDDLEWARE"] = [scenarios.GUARD]
    answer = run_child(settings, "play", variant)
    middleware, name = answer["middleware"], scenarios.GUARD
    if guard:
        as_seahub_loads_it = middleware.count(name) == 1 and middleware[-1] == name
    else:
        as_seahub_loads_it = name not in middleware
    if not as_seahub_loads_it:
        raise RuntimeError(f"EXTRA_MIDDLEWARE was not loaded as Seahub loads it: {middleware}")
    return answer


def play_all() -> Run:
    """Every scenario in every configuration, without and with the guard."""
    secret, stale_secret = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    jobs = [(variant, guard) for variant in scenarios.VARIANTS for guard in (False, True)]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        answers = dict(zip(jobs, pool.map(lambda job: _play(*job, secret, stale_secret), jobs)))
    rows, log = [], []
    for variant in scenarios.VARIANTS:
        without, guarded = answers[(variant, False)], answers[(variant, True)]
        log += without["log"] + guarded["log"]
        for plain, protected in zip(without["results"], guarded["results"]):
            item = next(s for s in scenarios.SCENARIOS if s.name == plain["name"])
            rows.append(
                Row(
                    scenario=item.name,
                    variant=variant,
                    attack=item.attack,
                    without_guard=_outcome(plain),
                    with_guard=_outcome(protected),
                )
            )
    return Run(rows, log, (secret, stale_secret))


def _outcome(result: dict) -> scenarios.Outcome:
    """An Outcome from the JSON of a child."""
    return scenarios.Outcome(result["effect"], result["refused"], result["text"])


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table: scenario | without guard | with guard."""
    lines = [("scenario", "without guard", "with guard")]
    for row in rows:
        where = scenarios.VARIANTS[row.variant]
        name = f"{row.scenario} [{where}]" if where else row.scenario
        mark = "" if row.as_expected else "NOT AS EXPECTED: "
        lines.append((mark + name, row.without_guard.text, row.with_guard.text))
    widths = [max(len(line[i]) for line in lines) for i in range(3)]
    rendered = ["| " + " | ".join(map(str.ljust, line, widths)) + " |" for line in lines]
    rendered.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(rendered)
