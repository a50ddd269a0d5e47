"""Two processes writing to one store file at the same time lose nothing."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from oneonone_kit.log.store import Store

PER_PROCESS = 1_000

# Each writer opens the store only after the parent says "go", so creating the file, migrating
# the schema and the 1,000 one-meeting transactions of both processes all overlap.
WRITER = """
import sys, time
from pathlib import Path
from oneonone_kit.model import Meeting
from oneonone_kit.log.store import Store

path, tag, go, count = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
print("ready", flush=True)
while not go.exists():
    time.sleep(0.005)
store = Store.open(path)
for i in range(count):
    store.add_meeting(Meeting.create(
        date="2026-03-03", person=f"{tag} {i % 7}", planned_minutes=30, notes=f"{tag}-{i}"))
store.close()
print("done", flush=True)
"""


def _start_writer(path: Path, tag: str, go: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), tag, str(go), str(PER_PROCESS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_writing_1000_meetings_each_lose_nothing(tmp_home):
    path = tmp_home / "oneonone.sqlite3"
    tmp_home.mkdir(mode=0o700)
    go = tmp_home.parent / "go"
    writers = [_start_writer(path, tag, go) for tag in ("A", "B")]
    try:
        for writer in writers:
            assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
        started = time.monotonic()
        go.touch()
        results = [writer.communicate(timeout=120) for writer in writers]
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
    for writer, (out, err) in zip(writers, results):
        assert writer.returncode == 0, err
        assert out.strip() == "done"
    assert time.monotonic() - started < 60

    with Store.open(path) as store:
        meetings = store.meetings()
        assert len(meetings) == 2 * PER_PROCESS
        assert {m.notes for m in meetings} == {
            f"{tag}-{i}" for tag in ("A", "B") for i in range(PER_PROCESS)
        }
        assert len({m.uid for m in meetings}) == 2 * PER_PROCESS
