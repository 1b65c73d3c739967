#!/usr/bin/python3
# test-rollup.py — the roll-up numbers printed by `trellis-cli goals` must
# match a recomputation from the exported JSON.
#
# Usage: test-rollup.py PATH/TO/trellis-cli
#
# Generates a demo, exports it, asks trellis-cli for the goal tree of one
# quarter, and recomputes every number here from the export alone, from the
# rules as docs/file-format.md and CONVENTIONS.md state them. Nothing is
# shared with the C code: if the two disagree, one of them is wrong.
#
# Copyright 2026 The Trellis authors
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import json
import math
import os
import subprocess
import sys
import tempfile

TODAY = datetime.date(2026, 11, 22)
CYCLE = "2026-Q4"
EMPLOYEES = 600
TOLERANCE = 1e-9

# CONVENTIONS.md: gap = expected − actual progress, in points; < 16.5 on
# track, 16.5–33 behind, > 33 at risk, actual ≥ 100 % achieved.
BEHIND_GAP = 16.5
AT_RISK_GAP = 33.0
# Lagging: no check-in for more than 7 days while the cycle runs; abnormal:
# the last check-in moved progress back, or forward by more than 30 points
# (a milestone only counts when it goes back: completing it is the point).
LAGGING_DAYS = 7
ABNORMAL_JUMP = 0.3
SEVERITY = ["achieved", "on-track", "behind", "at-risk"]

failures = []


def fail(message):
    failures.append(message)
    if len(failures) <= 30:
        print("FAIL: " + message, file=sys.stderr)


def run(cli, *args):
    result = subprocess.run([cli, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if result.returncode != 0:
        sys.exit("trellis-cli %s failed (%d): %s" % (" ".join(args), result.returncode,
                                                     result.stderr.decode()))
    return result.stdout


def day(text):
    return datetime.date.fromisoformat(text[:10])


def round_half_away(x):
    return math.copysign(math.floor(abs(x) + 0.5), x)


def kr_progress(kr):
    if kr["measure"] == "milestone":
        return 1.0 if kr["current"] >= 1.0 else 0.0
    if kr["target"] == kr["baseline"]:
        return 0.0
    return (kr["current"] - kr["baseline"]) / (kr["target"] - kr["baseline"])


def progress_of(measure, baseline, target, value):
    return kr_progress({"measure": measure, "baseline": baseline, "target": target, "current": value})


def weighted_mean(values, weights):
    if not values:
        return 0.0
    total = sum(weights)
    if total <= 0.0:
        return sum(values) / len(values)
    return sum(v * w for v, w in zip(values, weights)) / total


def score(progress):
    """0.0–1.0, half up at one decimal; a half that floating point put a
    hair below (0.35 as 0.34999…) still rounds up."""
    clamped = min(max(progress, 0.0), 1.0)
    return math.floor(clamped * 10.0 + 0.5 + 1e-9) / 10.0


def status(progress, expected):
    if progress >= 1.0 - 1e-9:
        return "achieved"
    gap = round_half_away((expected - progress) * 1000.0) / 10.0
    if gap < BEHIND_GAP:
        return "on-track"
    if gap <= AT_RISK_GAP:
        return "behind"
    return "at-risk"


def expected_progress(cycle):
    start, end = day(cycle["start"]), day(cycle["end"])
    elapsed = (TODAY - start).days + 1
    length = (end - start).days + 1
    return min(max(elapsed / length, 0.0), 1.0)


def scope(cycles, cycle_id):
    """The cycle, its ancestors and its descendants; weeks are never in a tree."""
    parent = {c["id"]: c["parent"] for c in cycles}
    result = set()
    for c in cycles:
        if c["kind"] == "week":
            continue
        walk = cycle_id
        while walk is not None and c["id"] not in result:
            if walk == c["id"]:
                result.add(c["id"])
            walk = parent.get(walk)
        walk = c["id"]
        while walk is not None and c["id"] not in result:
            if walk == cycle_id:
                result.add(c["id"])
            walk = parent.get(walk)
    return result


def close(a, b):
    return abs(a - b) <= TOLERANCE


def main():
    cli = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="trellis-rollup-") as tmp:
        workspace = os.path.join(tmp, "demo.trellis")
        exported = os.path.join(tmp, "demo.json")
        run(cli, "demo", "--employees", str(EMPLOYEES), "--today", TODAY.isoformat(), "--out", workspace)
        run(cli, "export", workspace, "--out", exported)
        printed = json.loads(run(cli, "goals", workspace, "--cycle", CYCLE, "--json",
                                 "--today", TODAY.isoformat()))
        with open(exported, encoding="utf-8") as f:
            data = json.load(f)

    cycles = {c["id"]: c for c in data["cycles"]}
    in_scope = scope(data["cycles"], CYCLE)
    goals = {g["id"]: g for g in data["goals"] if g["cycle"] in in_scope}
    krs_of = {gid: [] for gid in goals}
    goal_of_kr = {}
    for kr in sorted(data["key_results"], key=lambda k: (k["position"], k["id"])):
        goal_of_kr[kr["id"]] = kr["goal"]
        if kr["goal"] in krs_of:
            krs_of[kr["goal"]].append(kr)
    names = {e["id"]: e["name"] for e in data["employees"]}
    names.update({d["id"]: d["name"] for d in data["departments"]})

    # Each goal's own numbers, from its key results.
    mine = {}
    for gid, goal in goals.items():
        expected = expected_progress(cycles[goal["cycle"]])
        krs = []
        for kr in krs_of[gid]:
            p = kr_progress(kr)
            abnormal = False
            if kr["previous_value"] is not None:
                before = progress_of(kr["measure"], kr["baseline"], kr["target"], kr["previous_value"])
                delta = p - before
                if kr["measure"] == "milestone":
                    abnormal = delta < -1e-9
                else:
                    abnormal = delta < -1e-9 or delta > ABNORMAL_JUMP + 1e-9
            krs.append({"id": kr["id"], "weight": kr["weight"], "baseline": kr["baseline"],
                        "target": kr["target"], "current": kr["current"], "progress": p,
                        "score": score(p), "status": status(p, expected), "abnormal": abnormal})
        progress = weighted_mean([k["progress"] for k in krs], [k["weight"] for k in krs])
        if krs:
            worst = max(SEVERITY.index(k["status"]) for k in krs)
            goal_status = SEVERITY[worst]
        else:
            goal_status = status(progress, expected)

        cycle = cycles[goal["cycle"]]
        start, end = day(cycle["start"]), day(cycle["end"])
        last = [k["last_checkin_at"] for k in krs_of[gid] if k["last_checkin_at"]]
        since = day(max(last)) if last else start
        # A draft or returned goal cannot take check-ins yet, so it is never lagging.
        lagging = (goal["state"] not in ("draft", "returned")
                   and start <= TODAY <= end and (TODAY - since).days > LAGGING_DAYS)

        mine[gid] = {"progress": progress, "score": score(progress), "status": goal_status,
                     "krs": krs, "lagging": lagging, "abnormal": any(k["abnormal"] for k in krs)}

    # Aligned progress: the weighted mean of the own progress of the goals in
    # scope aligned to the goal or to one of its key results.
    children = {gid: [] for gid in goals}
    for gid, goal in goals.items():
        parent = goal["parent_goal"]
        if parent is None and goal["parent_kr"] is not None:
            parent = goal_of_kr.get(goal["parent_kr"])
        if parent in children and parent != gid:
            children[parent].append(gid)
    for gid in goals:
        kids = children[gid]
        mine[gid]["aligned"] = weighted_mean([mine[k]["progress"] for k in kids],
                                             [goals[k]["weight"] for k in kids])

    # Compare.
    printed_ids = [g["id"] for g in printed]
    if len(printed_ids) != len(set(printed_ids)):
        fail("trellis-cli printed a goal twice")
    if set(printed_ids) != set(goals):
        fail("trellis-cli printed %d goals for %s, the export has %d in scope (%s)"
             % (len(printed_ids), CYCLE, len(goals),
                sorted(set(printed_ids) ^ set(goals))[:5]))

    checked = 0
    for g in printed:
        gid = g["id"]
        if gid not in goals:
            continue
        goal, want = goals[gid], mine[gid]
        owner = goal["employee"] or goal["department"]
        for key, expect in (("owner_kind", goal["owner_kind"]), ("owner_id", owner),
                            ("owner_name", names.get(owner)), ("cycle", goal["cycle"]),
                            ("parent_goal", goal["parent_goal"]), ("parent_kr", goal["parent_kr"]),
                            ("state", goal["state"]), ("status", want["status"]),
                            ("lagging", want["lagging"]), ("abnormal", want["abnormal"])):
            if g[key] != expect:
                fail("%s: %s is %r, recomputed %r" % (gid, key, g[key], expect))
        for key, expect in (("weight", goal["weight"]), ("progress", want["progress"]),
                            ("aligned_progress", want["aligned"]), ("score", want["score"])):
            if not close(g[key], expect):
                fail("%s: %s is %.12g, recomputed %.12g" % (gid, key, g[key], expect))
        if g["n_children"] != len(children[gid]):
            fail("%s: %d aligned goals, recomputed %d" % (gid, g["n_children"], len(children[gid])))

        if [k["id"] for k in g["key_results"]] != [k["id"] for k in want["krs"]]:
            fail("%s: key results %s, the export has %s"
                 % (gid, [k["id"] for k in g["key_results"]], [k["id"] for k in want["krs"]]))
            continue
        for got, kr in zip(g["key_results"], want["krs"]):
            for key in ("weight", "baseline", "target", "current", "progress", "score"):
                if not close(got[key], kr[key]):
                    fail("%s: %s is %.12g, recomputed %.12g" % (got["id"], key, got[key], kr[key]))
            for key in ("status", "abnormal"):
                if got[key] != kr[key]:
                    fail("%s: %s is %r, recomputed %r" % (got["id"], key, got[key], kr[key]))
        checked += 1

    # The demo should exercise every branch of the rules, or this test
    # proves little.
    statuses = {g["status"] for g in printed}
    for wanted in ("achieved", "on-track", "behind", "at-risk"):
        if wanted not in statuses:
            fail("no goal of %s is %s" % (CYCLE, wanted))
    if not any(g["lagging"] for g in printed) or not any(g["abnormal"] for g in printed):
        fail("the demo has no lagging or no abnormal goal")
    if not any(g["n_children"] > 0 for g in printed):
        fail("no goal has aligned goals to roll up")

    print("%d goals of %s checked against %s; %d problems" % (checked, CYCLE, "the export", len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
