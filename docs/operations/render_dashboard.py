#!/usr/bin/env python3
"""Renders the panels of dashboard.json from a Prometheus server's data into one PNG.

    python3 docs/operations/render_dashboard.py PROMETHEUS_URL START END OUT.png

START and END are Unix times. Each panel's queries are sent as they are to the HTTP API
(/api/v1/query_range, 5 s step), each series labelled with the panel's legend format, so the
picture shows what Grafana would draw from the same server. Needs python3-matplotlib.
"""
import json
import os
import re
import sys
import urllib.parse
import urllib.request

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from datetime import datetime, timezone  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def query_range(server, expr, start, end):
    url = server + "/api/v1/query_range?" + urllib.parse.urlencode(
        {"query": expr, "start": start, "end": end, "step": "5"})
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)["data"]["result"]


def legend(fmt, labels):
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), fmt).strip() or "value"


def main():
    server, start, end, out = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
    with open(os.path.join(HERE, "dashboard.json")) as f:
        panels = json.load(f)["panels"]
    rows = (len(panels) + 1) // 2
    fig, axes = plt.subplots(rows, 2, figsize=(16, 3.2 * rows), squeeze=False)
    for ax, panel in zip(axes.flat, panels):
        for target in panel["targets"]:
            for series in query_range(server, target["expr"], start, end):
                points = [(datetime.fromtimestamp(float(t), timezone.utc), float(v)) for t, v in series["values"]
                          if v not in ("NaN", "+Inf", "-Inf")]
                if points:
                    ax.plot([p[0] for p in points], [p[1] for p in points],
                            label=legend(target.get("legendFormat", ""), series["metric"]), linewidth=1.2)
        unit = panel["fieldConfig"]["defaults"].get("unit", "")
        ax.set_title(panel["title"] + {"s": " (s)", "ops": " (per s)", "reqps": " (per s)"}.get(unit, ""), fontsize=10)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M", tz=timezone.utc))
        ax.tick_params(labelsize=8)
        ax.grid(alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=7, loc="upper left")
    for ax in list(axes.flat)[len(panels):]:
        ax.axis("off")
    fig.suptitle("orderflow dashboard, from Prometheus data of a load run (UTC)", fontsize=12)
    fig.tight_layout(rect=(0, 0, 1, 0.98))
    fig.savefig(out, dpi=80)


if __name__ == "__main__":
    main()
