#!/usr/bin/env python3
"""Writes orders.csv for the demo scenario beside this script: the Chery
orders of 2026, one row per car. Illustrative: weekly volumes per model
(varied by up to 10%), due weeks W02 to W52, released two to four weeks
before their due week, options and colours drawn from the take rates and
shares of scenario.json. A fixed linear congruential generator makes the
file the same on every run."""
import json, os

here = os.path.dirname(os.path.abspath(__file__))
sc = json.load(open(os.path.join(here, "scenario.json")))
models = {m["name"]: m for m in sc["models"]}
weekly = {"Tiggo 7": 430, "Tiggo 8": 380, "Jaecoo 7": 520}

state = 20260101
def rnd():
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return (state >> 11) / float(1 << 53)

rows, n = [], 0
for due in range(2, 53):
    for name, per in weekly.items():
        m = models[name]
        count = int(per * (0.9 + 0.2 * rnd()))
        for _ in range(count):
            n += 1
            earliest = max(1, due - 2 - int(rnd() * 3))
            cols = list(m["colours"].items())
            r, acc, colour = rnd() * sum(v for _, v in cols), 0.0, cols[-1][0]
            for c, v in cols:
                acc += v
                if r < acc:
                    colour = c
                    break
            opts = [o for o, t in m["options"].items() if rnd() < t]
            rows.append("CH26-%06d,Chery,%s,%s,%s,2026-W%02d,2026-W%02d" %
                        (n, name, colour, "|".join(opts), earliest, due))

with open(os.path.join(here, "orders.csv"), "w") as f:
    f.write("order_id,brand,model,colour,options,earliest_week,due_week\n")
    f.write("\n".join(rows) + "\n")
print("orders.csv: %d orders" % n)
