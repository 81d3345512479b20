#!/usr/bin/env python3
"""Helpers of scripts/power-cut-test: drop a steady stream of reports, cut a file system, check.

  helper.py drop INBOX LIST PREFIX   drop reports until killed; each name goes to LIST once durable
  helper.py shutdown MOUNTPOINT      cut the file system as a power failure would
  helper.py check MIRROR STATE INBOX LIST ACKED...   check the invariants; prints one JSON summary
"""
import fcntl
import json
import os
import struct
import sys
import time
from pathlib import Path

# The template: a valid report whose agency and year are swapped for each drop.
TEMPLATE = (Path(__file__).resolve().parents[2] / "Tests/SyncEngineTests/Fixtures/sample-report.txt").read_text()
TEMPLATE_AGENCY = "青山区人民政府"
TEMPLATE_YEAR = "2024"

# EXT4_IOC_SHUTDOWN and XFS_IOC_GOINGDOWN share this number, and both take 2 for "do not flush the
# log": whatever is not on disk yet is lost, as at a power failure.
SHUTDOWN_IOCTL = 0x8004587D
NOLOGFLUSH = 2


def report(agency: str, year: int) -> bytes:
    return TEMPLATE.replace(TEMPLATE_AGENCY, agency).replace(TEMPLATE_YEAR, str(year)).encode()


def fsync_path(path: str) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def drop(inbox: str, list_path: str, prefix: str) -> None:
    """Drops as a careful sender does (dot-name, fsync, rename, fsync of the inbox), so that a name in
    LIST is durably in the inbox: from then on only the daemon can lose it."""
    with open(list_path, "a") as names:
        number = 0
        while True:
            name = f"{prefix}-{number}.txt"
            hidden = os.path.join(inbox, "." + name)
            try:
                with open(hidden, "wb") as file:
                    file.write(report(f"断电{prefix}号{number}镇人民政府", 2021 + number % 4))
                    file.flush()
                    os.fsync(file.fileno())
                os.rename(hidden, os.path.join(inbox, name))
                fsync_path(inbox)
                # XFS answers a directory fsync with success when the shutdown has already thrown the
                # rename away (xfs_dir_fsync does not check for it); a file fsync does check. So the
                # name counts as durable only if the file system was still up after the fsync above.
                fsync_path(os.path.join(inbox, name))
            except OSError:
                # The cut: the file system answers EIO from now on, and this name never became durable.
                return
            names.write(name + "\n")
            names.flush()
            number += 1
            time.sleep(0.005)


def shutdown(mountpoint: str) -> None:
    descriptor = os.open(mountpoint, os.O_RDONLY)
    try:
        fcntl.ioctl(descriptor, SHUTDOWN_IOCTL, struct.pack("I", NOLOGFLUSH))
    finally:
        os.close(descriptor)


def complete_lines(path: str) -> list[str]:
    """The lines of a change-log copy that end in a newline: those a reader saw acknowledged."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    return text.split("\n")[:-1]


def check(mirror: str, state: str, inbox: str, list_path: str, acked_paths: list[str]) -> int:
    problems: list[str] = []
    log_lines = complete_lines(os.path.join(mirror, "changes.jsonl"))
    events = [json.loads(line) for line in log_lines]
    if [event["seq"] for event in events] != list(range(1, len(events) + 1)):
        problems.append("seqs are not 1, 2, 3, … without gaps")

    acknowledged = 0
    for acked_path in acked_paths:
        acked = complete_lines(acked_path)
        acknowledged = max(acknowledged, len(acked))
        for index, line in enumerate(acked):
            if index >= len(log_lines) or log_lines[index] != line:
                problems.append(f"acknowledged event lost or changed: {line[:120]}")
                break

    by_name: dict[str, list[dict]] = {}
    for event in events:
        by_name.setdefault(event["source"]["name"], []).append(event)
    dropped = Path(list_path).read_text().split()
    waiting = {entry for entry in os.listdir(inbox) if not entry.startswith(".")}
    lost = [name for name in dropped if name not in by_name and name not in waiting]
    problems += [f"left the inbox without a durable event: {name}" for name in lost]
    problems += [f"{name} has {len(found)} events" for name, found in by_name.items() if len(found) != 1]

    for event in events:
        folder = "rejected" if event["event"] == "rejected" else "archive"
        original = os.path.join(state, folder, f"{event['seq']}-{os.path.basename(event['source']['name'])}")
        if not os.path.exists(original):
            problems.append(f"the original of seq {event['seq']} is not in {folder}/")
        if event["event"] in ("added", "revised"):
            record = os.path.join(mirror, "records", str(event["year"]), event["agency"] + ".json")
            if not os.path.exists(record):
                problems.append(f"the record of seq {event['seq']} is missing: {record}")

    for root, _, files in os.walk(mirror):
        for name in files:
            path = os.path.join(root, name)
            if name.startswith(".") and name.endswith(".tmp"):
                problems.append(f"temp file left after restart: {path}")
            elif name.endswith(".json"):
                try:
                    json.loads(Path(path).read_bytes())
                except ValueError:
                    problems.append(f"torn record: {path}")
    for root, _, files in os.walk(state):
        problems += [f"temp file left after restart: {os.path.join(root, name)}" for name in files
                     if name.startswith(".") and name.endswith(".tmp")]

    print(json.dumps({"files": len(dropped), "events": len(events), "acknowledged": acknowledged,
                      "waiting": len(waiting), "lost": len(lost), "problems": problems[:20]}))
    return 1 if problems else 0


def main() -> int:
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == "drop":
        drop(*arguments)
    elif command == "shutdown":
        shutdown(*arguments)
    elif command == "check":
        return check(arguments[0], arguments[1], arguments[2], arguments[3], arguments[4:])
    else:
        sys.exit(f"unknown command {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
