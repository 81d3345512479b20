#!/usr/bin/env python3
"""Helpers of scripts/power-cut-test and scripts/fault-test: drop reports, note what a reader saw,
cut a file system, check the invariants of the spec's "Change log events" and "Folders".

  helper.py drop INBOX LIST PREFIX [--mix] [--seconds S] [--until-full]
      drop reports until killed (or for S seconds, or until the file system is full); each name goes
      to LIST once it is in the inbox for good
  helper.py watch CHANGELOG SEEN [--once]
      note in SEEN every complete change-log line a reader sees (polled until killed, or once)
  helper.py shutdown MOUNTPOINT...
      cut the file system as a power failure would
  helper.py check ROOT LIST [--seen FILE] [--log LOG]... [--drained] [--running] [--summary LABEL]
      check ROOT/{inbox,mirror,state}; prints what does not hold, or with --summary the figures
"""
import argparse
import errno
import fcntl
import hashlib
import json
import os
import re
import struct
import sys
import time
from collections import Counter
from pathlib import Path

# The template: a valid report whose agency and year are swapped for each drop.
TEMPLATE = (Path(__file__).resolve().parents[2] / "Tests/SyncEngineTests/Fixtures/sample-report.txt").read_text()
TEMPLATE_AGENCY = "青山区人民政府"
TEMPLATE_YEAR = "2024"
# One cell of table 2 (规章, 本年制发件数): a revision changes only this number.
TEMPLATE_CELL = "规章\t7001\t"

# EXT4_IOC_SHUTDOWN and XFS_IOC_GOINGDOWN share this number, and both take 2 for "do not flush the
# log": whatever is not on disk yet is lost, as at a power failure.
SHUTDOWN_IOCTL = 0x8004587D
NOLOGFLUSH = 2

# With --until-full the dropper stops after this many drops in a row were refused for want of space.
FULL_AFTER_REFUSALS = 20


def report(agency: str, year: int, cell: int = 7001) -> bytes:
    text = TEMPLATE.replace(TEMPLATE_CELL, f"规章\t{cell}\t")
    return text.replace(TEMPLATE_AGENCY, agency).replace(TEMPLATE_YEAR, str(year)).encode()


def new_report(prefix: str, number: int) -> bytes:
    return report(f"测试{prefix}号{number}镇人民政府", 2021 + number % 4)


def drop_item(prefix: str, number: int, mix: bool) -> tuple[str, bytes]:
    """The name and bytes of drop `number`. Without `mix`, a new report each time (new agency). With
    `mix`, of every ten: seven new reports, an exact copy of the bytes of the first of the ten, a
    revision of the first's agency and year (one number changed) and a file that is no report; the
    kind (new, dup, rev, junk) ends the name."""
    if not mix:
        return f"{prefix}-{number}.txt", new_report(prefix, number)
    base = number - number % 10
    kind = {3: "dup", 6: "rev", 9: "junk"}.get(number % 10, "new")
    if kind == "dup":
        content = new_report(prefix, base)
    elif kind == "rev":
        content = report(f"测试{prefix}号{base}镇人民政府", 2021 + base % 4, cell=7001 + number)
    elif kind == "junk":
        content = f"这不是政府信息公开工作年度报告，只是第{number}号测试文件。\n".encode() * 20
    else:
        content = new_report(prefix, number)
    return f"{prefix}-{number}-{kind}.txt", content


def fsync_path(path: str) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def drop(inbox: str, list_path: str, prefix: str, mix: bool, seconds: float | None, until_full: bool) -> None:
    """Drops as a careful sender does (dot-name, fsync, rename, fsync of the inbox), so that a name in
    LIST is durably in the inbox: from then on only the daemon can lose it.

    By default the first error ends the stream: that is the cut, and the name never became durable.
    With `until_full`, a drop refused for want of space (ENOSPC) before its rename is removed and does
    not count; once renamed it counts whatever comes after, as the daemon sees it. The stream ends once
    FULL_AFTER_REFUSALS drops in a row were refused."""
    deadline = None if seconds is None else time.monotonic() + seconds
    refusals = 0
    dropped = refused = 0
    with open(list_path, "a") as names:
        number = 0
        while deadline is None or time.monotonic() < deadline:
            name, content = drop_item(prefix, number, mix)
            number += 1
            hidden, visible = os.path.join(inbox, "." + name), os.path.join(inbox, name)
            renamed = False
            try:
                with open(hidden, "wb") as file:
                    file.write(content)
                    file.flush()
                    os.fsync(file.fileno())
                    os.rename(hidden, visible)
                    renamed = True
                    fsync_path(inbox)
                    # XFS answers a directory fsync with success when the shutdown has already thrown
                    # the rename away (xfs_dir_fsync does not check for it); a file fsync does check. So
                    # the name counts as durable only if the file system was still up after the fsync
                    # above. The file is fsynced through the descriptor that wrote it: by now the daemon
                    # may have moved it out of the inbox.
                    os.fsync(file.fileno())
            except OSError as error:
                if not until_full or (not renamed and error.errno not in (errno.ENOSPC, errno.EDQUOT)):
                    # The cut: the file system answers EIO from now on, and this name never became durable.
                    return
                if not renamed:
                    try:
                        os.unlink(hidden)
                    except FileNotFoundError:
                        pass
                    refusals += 1
                    refused += 1
                    if refusals >= FULL_AFTER_REFUSALS:
                        print(f"{dropped} dropped, {refused} refused for want of space")
                        return
                    time.sleep(0.01)
                    continue
            refusals = 0
            dropped += 1
            names.write(name + "\n")
            names.flush()
            time.sleep(0.005)
    if until_full:
        print(f"{dropped} dropped, {refused} refused for want of space (stopped by the clock)")


def complete_lines(path: str) -> list[str]:
    """The lines of a change log that end in a newline: those a reader sees acknowledged."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    return text.split("\n")[:-1]


def watch(changelog: str, seen_path: str, once: bool) -> None:
    """Notes in SEEN, as `index<TAB>line`, each complete line of the change log a reader saw, and again
    whenever the line at an index is seen changed (which must never happen)."""
    seen: set[tuple[int, str]] = set()
    if os.path.exists(seen_path):
        seen = {(int(index), line) for index, line in
                (entry.split("\t", 1) for entry in Path(seen_path).read_text().split("\n")[:-1])}
    with open(seen_path, "a") as out:
        while True:
            for index, line in enumerate(complete_lines(changelog)):
                if (index, line) not in seen:
                    seen.add((index, line))
                    out.write(f"{index}\t{line}\n")
            out.flush()
            if once:
                return
            time.sleep(0.2)


def shutdown(mountpoints: list[str]) -> None:
    """Cuts each file system in turn, as fast as one process can: descriptors first, then the ioctls."""
    descriptors = [os.open(mountpoint, os.O_RDONLY) for mountpoint in mountpoints]
    try:
        for descriptor in descriptors:
            fcntl.ioctl(descriptor, SHUTDOWN_IOCTL, struct.pack("I", NOLOGFLUSH))
    finally:
        for descriptor in descriptors:
            os.close(descriptor)


def sha256_of(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class Checker:
    """The invariants over ROOT/{inbox,mirror,state}; `problems` lists what does not hold."""

    def __init__(self, root: str, list_path: str):
        self.inbox, self.mirror, self.state = (os.path.join(root, name) for name in ("inbox", "mirror", "state"))
        self.problems: list[str] = []
        self.dropped = Path(list_path).read_text().split()
        # The inbox is read first: while the daemon runs, a file gone from it since has its event in
        # the change log read after.
        self.waiting = {os.path.relpath(os.path.join(folder, name), self.inbox)
                        for folder, _, files in os.walk(self.inbox) for name in files if not name.startswith(".")}
        self.waiting_sha256: set[str] = set()
        for name in self.waiting:
            try:
                self.waiting_sha256.add(sha256_of(os.path.join(self.inbox, name)))
            except FileNotFoundError:
                pass
        self.events: list[dict] = []
        self.lines: list[str] = []
        self.acknowledged: set[int] = set()
        self.errnos: Counter = Counter()
        self.lost: list[str] = []
        # The content last logged for each agency and year (added or revised).
        self.last_logged: dict[tuple, str] = {}

    def change_log(self, running: bool) -> None:
        """Seqs 1, 2, 3, … without gaps, each line JSON, and no torn line once the daemon has stopped
        (while it runs, a reader may catch an append half-way)."""
        path = os.path.join(self.mirror, "changes.jsonl")
        text = Path(path).read_text(encoding="utf-8", errors="replace") if os.path.exists(path) else ""
        if text and not text.endswith("\n") and not running:
            self.problems.append(f"torn last line in the change log: {text.rsplit(chr(10), 1)[-1][:120]}")
        self.lines = complete_lines(path)
        for number, line in enumerate(self.lines, 1):
            try:
                self.events.append(json.loads(line))
            except ValueError:
                self.problems.append(f"line {number} of the change log is not JSON: {line[:120]}")
        if [event.get("seq") for event in self.events] != list(range(1, len(self.events) + 1)):
            self.problems.append("seqs are not 1, 2, 3, … without gaps")

    def seen(self, seen_path: str) -> None:
        """Every line a reader saw must still stand, unchanged, at its place."""
        for entry in Path(seen_path).read_text(encoding="utf-8", errors="replace").split("\n")[:-1]:
            index, line = entry.split("\t", 1)
            index = int(index)
            self.acknowledged.add(index + 1)
            if index >= len(self.lines) or self.lines[index] != line:
                self.problems.append(f"acknowledged event lost or changed: {line[:120]}")

    def console(self, log_path: str) -> None:
        """The daemon's console log: each ingest line is an acknowledgement (it follows the fsync of
        its change-log line) and must match the event of its seq; a line that names an errno carries
        it as ERRNO= too; no crash."""
        for line in Path(log_path).read_text(encoding="utf-8", errors="replace").splitlines():
            if "Program crashed" in line:
                self.problems.append(f"the daemon crashed: {line[:160]}")
            if match := re.search(r" ERRNO=(\d+)", line):
                self.errnos[int(match[1])] += 1
            elif re.search(r"\(errno \d+\)", line):
                self.problems.append(f"an error logged without ERRNO=: {line[:240]}")
            fields = dict(re.findall(r" REPORTSYNC_(SEQ|EVENT|FILE|SHA256)=(\S+)", line))
            # Only an ingest line (it names its event) acknowledges; a start-up repair that names the
            # seq whose record it restores does not.
            if "SEQ" not in fields or "EVENT" not in fields:
                continue
            seq = int(fields["SEQ"])
            self.acknowledged.add(seq)
            event = self.events[seq - 1] if 0 < seq <= len(self.events) else None
            if event is None or (event["event"], event["source"]["name"], event["source"]["sha256"]) != (
                    fields.get("EVENT"), fields.get("FILE"), fields.get("SHA256")):
                self.problems.append(f"the daemon reported seq {seq} otherwise than the change log: {line[:160]}")

    def exactly_once(self, drained: bool) -> None:
        by_name: dict[str, list[dict]] = {}
        for event in self.events:
            by_name.setdefault(event["source"]["name"], []).append(event)
        self.lost = [name for name in self.dropped if name not in by_name and name not in self.waiting]
        self.problems += [f"left the inbox without a durable event: {name}" for name in self.lost]
        self.problems += [f"{name} has {len(found)} events" for name, found in by_name.items() if len(found) != 1]
        if drained:
            # Every drop was durable and complete: each name has its event and nothing else has one.
            self.problems += [f"still in the inbox: {name}" for name in sorted(self.waiting)]
            dropped = set(self.dropped)
            self.problems += [f"an event for a name never dropped: {name}" for name in by_name if name not in dropped]
            if len(self.events) != len(self.dropped):
                self.problems.append(f"{len(self.dropped)} files dropped, {len(self.events)} events")

    def kinds(self) -> None:
        """What each event says against what was dropped: a file that is no report is rejected, a
        report never is; each content is added or revised once, later copies are duplicates of an
        earlier event with that content; each agency and year is added once, before its revisions."""
        first_by_content: dict[str, int] = {}
        last_by_identity: dict[tuple, str] = {}
        for event in self.events:
            junk = event["source"]["name"].endswith("-junk.txt")
            if junk != (event["event"] == "rejected"):
                self.problems.append(f"seq {event['seq']} is {event['event']} for {event['source']['name']}")
            if event["event"] == "rejected":
                continue
            content, identity = event["contentHash"], (event["agency"], event["year"])
            if event["event"] == "duplicate":
                if first_by_content.get(content) != event.get("duplicateOf"):
                    self.problems.append(f"seq {event['seq']} is a duplicate of {event.get('duplicateOf')}, "
                                         f"but its content came first with seq {first_by_content.get(content)}")
                continue
            if content in first_by_content:
                self.problems.append(f"seq {event['seq']} {event['event']} content already logged at seq "
                                     f"{first_by_content[content]}")
            first_by_content.setdefault(content, event["seq"])
            if (identity in last_by_identity) != (event["event"] == "revised"):
                self.problems.append(f"seq {event['seq']} is {event['event']} for {identity}")
            last_by_identity[identity] = content
        self.last_logged = last_by_identity

    def records(self) -> None:
        """Each record holds the content last logged for its agency and year, or the bytes of a file
        still waiting in the inbox: a batch whose change-log append failed leaves its records ahead of
        the log until its retry. No record stands for nothing."""
        found: set[tuple] = set()
        for folder, _, files in os.walk(os.path.join(self.mirror, "records")):
            for name in files:
                if name.startswith("."):
                    continue
                path = os.path.join(folder, name)
                try:
                    record = json.loads(Path(path).read_bytes())
                except (OSError, ValueError) as error:
                    self.problems.append(f"torn record {path}: {error}")
                    continue
                identity = (record.get("agency"), record.get("year"))
                found.add(identity)
                if record.get("contentHash") != self.last_logged.get(identity) and \
                        record.get("source", {}).get("sha256") not in self.waiting_sha256:
                    self.problems.append(f"the record of {identity[0]} {identity[1]} is not the last one logged")
        self.problems += [f"the record of {agency} {year} is missing" for agency, year in self.last_logged
                          if (agency, year) not in found]

    def originals(self) -> None:
        """Each event's original sits in archive/ or rejected/ under its seq, with the bytes it names."""
        for event in self.events:
            folder = "rejected" if event["event"] == "rejected" else "archive"
            original = os.path.join(self.state, folder, f"{event['seq']}-{os.path.basename(event['source']['name'])}")
            if not os.path.exists(original):
                if event["source"]["name"] not in self.waiting:
                    self.problems.append(f"the original of seq {event['seq']} is not in {folder}/")
                continue
            if sha256_of(original) != event["source"]["sha256"]:
                self.problems.append(f"the original of seq {event['seq']} is not the bytes its event names")
            if folder == "rejected":
                try:
                    reason = json.loads(Path(original + ".reason.json").read_bytes())
                    if reason.get("seq") != event["seq"]:
                        self.problems.append(f"the reason of seq {event['seq']} names seq {reason.get('seq')}")
                except (OSError, ValueError) as error:
                    self.problems.append(f"the reason of seq {event['seq']} is missing or torn: {error}")

    def leftovers(self) -> None:
        """No temp file once the daemon has stopped; the mirror holds records/ and changes.jsonl only."""
        for folder in (self.mirror, self.state):
            for root, _, files in os.walk(folder):
                self.problems += [f"temp file left: {os.path.join(root, name)}" for name in files
                                  if name.startswith(".") and name.endswith(".tmp")]
        strays = set(os.listdir(self.mirror)) - {"records", "changes.jsonl"}
        self.problems += [f"stray entry in the mirror: {name}" for name in sorted(strays)]

    def summary(self) -> dict:
        return {"files": len(self.dropped), "events": len(self.events), "acknowledged": len(self.acknowledged),
                "kinds": dict(Counter(event["event"] for event in self.events)), "waiting": len(self.waiting),
                "errnoLines": sum(self.errnos.values()), "errnos": dict(sorted(self.errnos.items())),
                "lost": len(self.lost), "problems": self.problems[:20], "moreProblems": max(0, len(self.problems) - 20)}


def check(arguments: argparse.Namespace) -> int:
    checker = Checker(arguments.root, arguments.list)
    checker.change_log(arguments.running)
    for seen_path in arguments.seen:
        checker.seen(seen_path)
    for log_path in arguments.log:
        checker.console(log_path)
    checker.exactly_once(arguments.drained)
    checker.kinds()
    checker.originals()
    checker.records()
    if not arguments.running:
        checker.leftovers()
    summary = checker.summary()
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(summary["kinds"].items()))
    errnos = ", ".join(f"{number}: {count}" for number, count in summary["errnos"].items())
    figures = (f"{summary['files']} files, {summary['acknowledged']} acknowledged events, {summary['events']} events"
               f" ({kinds})" + (f", {summary['errnoLines']} lines with ERRNO= ({errnos})" if arguments.log else "")
               + f", {summary['waiting']} waiting in the inbox, lost = {summary['lost']}")
    if checker.problems:
        print(f"{arguments.summary or 'check'}: FAILED: {figures}", file=sys.stderr)
        for problem in summary["problems"]:
            print(f"  - {problem}", file=sys.stderr)
        if summary["moreProblems"]:
            print(f"  - and {summary['moreProblems']} more", file=sys.stderr)
    elif arguments.summary:
        print(f"{arguments.summary}: {figures}")
    return 1 if checker.problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    dropping = commands.add_parser("drop")
    dropping.add_argument("inbox")
    dropping.add_argument("list")
    dropping.add_argument("prefix")
    dropping.add_argument("--mix", action="store_true", help="duplicates, revisions and non-reports too")
    dropping.add_argument("--seconds", type=float, help="stop after this long")
    dropping.add_argument("--until-full", action="store_true", help="go on past ENOSPC until the disk is full")
    watching = commands.add_parser("watch")
    watching.add_argument("changelog")
    watching.add_argument("seen")
    watching.add_argument("--once", action="store_true")
    commands.add_parser("shutdown").add_argument("mountpoints", nargs="+")
    checking = commands.add_parser("check")
    checking.add_argument("root", help="the folder of inbox/, mirror/ and state/")
    checking.add_argument("list", help="the names dropped, one a line")
    checking.add_argument("--seen", action="append", default=[], help="lines a reader saw (from watch)")
    checking.add_argument("--log", action="append", default=[], help="a console log of the daemon")
    checking.add_argument("--drained", action="store_true", help="the inbox is empty: every name has its event")
    checking.add_argument("--running", action="store_true", help="the daemon runs: temp files may be in flight")
    checking.add_argument("--summary", metavar="LABEL", help="print the figures after LABEL also when all holds")
    arguments = parser.parse_args()
    if arguments.command == "drop":
        drop(arguments.inbox, arguments.list, arguments.prefix, arguments.mix, arguments.seconds,
             arguments.until_full)
    elif arguments.command == "watch":
        watch(arguments.changelog, arguments.seen, arguments.once)
    elif arguments.command == "shutdown":
        shutdown(arguments.mountpoints)
    else:
        return check(arguments)
    return 0


if __name__ == "__main__":
    sys.exit(main())
