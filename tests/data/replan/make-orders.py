#!/usr/bin/env python3
"""Writes orders.csv for the replan tests (deterministic): guest orders of
Alpha and Beta over the eight weeks, and the host's orders for model H2 (its
only volume: the host gives orders for H2 instead of a weekly demand)."""
import random

rng = random.Random(7)
weeks = [f"2026-W{w:02d}" for w in range(36, 44)]
rows = []
n = 0
def add(prefix, brand, model, colours, opts, per_week, lead):
    global n
    for wi, w in enumerate(weeks):
        for _ in range(per_week):
            n += 1
            o = [name for name, p in opts if rng.random() < p]
            due = weeks[min(wi + lead, len(weeks) - 1)]
            rows.append(f"{prefix}-{n:05d},{brand},{model},{rng.choice(colours)},{'|'.join(o)},{w},{due}")
add("A", "Alpha", "Alpha One", ["Alpha White", "Alpha Black"], [("ROOF", .3), ("TOW", .3)], 90, 1)
add("A", "Alpha", "Alpha Two", ["Alpha White"], [("ROOF", .2)], 50, 1)
add("B", "Beta", "Beta One", ["Beta Green", "Beta Silver"], [("TOW", .4)], 60, 2)
add("H", "Host", "H2", ["Host Red", "Host Grey"], [("ROOF", .2), ("TOW", .3)], 110, 0)
with open("orders.csv", "w") as f:
    f.write("order_id,brand,model,colour,options,earliest_week,due_week\n")
    f.write("\n".join(rows) + "\n")
