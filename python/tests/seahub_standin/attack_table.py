"""Every scenario of the stand-in Seahub, without and with GuardMiddleware, as a table.

Run from the repository root: ``.venv/bin/python python/tests/seahub_standin/attack_table.py``
(``make demo``). Exits 1 when a row is not as expected: an attack that does not work
without the guard or is not refused with it, or Document Server traffic that fails.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from seahub_standin import harness  # noqa: E402  (after the path is set)


def main() -> int:
    """Prints the table and a summary; 0 when every row is as expected."""
    rows = harness.play_all().rows
    print(harness.table(rows))
    wrong = [row for row in rows if not row.as_expected]
    attacks = sum(row.attack for row in rows)
    print(
        f"\n{len(rows)} rows ({attacks} attacks, {len(rows) - attacks} Document Server "
        f"exchanges): {len(rows) - len(wrong)} as expected, {len(wrong)} not"
    )
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
