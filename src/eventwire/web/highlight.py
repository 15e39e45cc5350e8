"""Article text as HTML with its actors, quotes, events, places and times marked; all text is escaped."""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from markupsafe import Markup, escape

# Which mark wins when two cover the same characters: the earlier one here encloses the later.
KINDS = ("quote", "event", "actor", "place", "time")


@dataclass
class Mark:
    start: int
    end: int
    kind: str
    tip: str
    href: str | None = None
    ref: str | None = None  # id of the coded item in the record (a1, q2, v3, ...)
    children: list[Mark] = field(default_factory=list)


def actor_href(name: str, country: str | None) -> str:
    return "/actor?" + urlencode({"name": name, "country": country or ""})


def _code(*parts) -> str:
    return " · ".join(str(p) for p in parts if p not in (None, ""))


def marks(record: dict) -> list[Mark]:
    """One mark per coded span of the record, with the coding shown on hover."""
    out: list[Mark] = []
    actors = {a["id"]: a for a in record.get("actors", [])}
    for a in actors.values():
        tip = _code(a["name"], a["kind"], " ".join(filter(None, (a.get("country"), a.get("sector")))), a.get("role"))
        for start, end in a.get("mentions") or []:
            out.append(Mark(start, end, "actor", tip, actor_href(a["name"], a.get("country")), a["id"]))
    for q in record.get("quotes", []):
        speaker = q.get("speaker") or {}
        who = actors.get(speaker.get("actor"), {}).get("name") or speaker.get("text") or "unattributed"
        tip = _code(f"quote ({q['kind']})", f"speaker: {who}", (q.get("cue") or {}).get("text"))
        out.append(Mark(q["content"]["start"], q["content"]["end"], "quote", tip, ref=q["id"]))
    places = {p["id"]: p for p in record.get("places", [])}
    for v in record.get("events", []):
        def side(span):
            return actors.get((span or {}).get("actor"), {}).get("name") or (span or {}).get("text") or "?"
        place = places.get(v.get("place"), {}).get("name")
        tip = _code(v["type"], v.get("mode"), f"CAMEO {v['cameo']}" if v.get("cameo") else None,
                    f"quad {v['quad']}" if v.get("quad") else None,
                    f"{side(v.get('actor'))} → {side(v.get('recipient'))}", v.get("date"), place, v.get("modality"))
        out.append(Mark(v["trigger"]["start"], v["trigger"]["end"], "event", tip, ref=v["id"]))
    for p in places.values():
        coords = f"{p['lat']:.2f}, {p['lon']:.2f}" if p.get("lat") is not None else None
        out.append(Mark(p["start"], p["end"], "place", _code(p["name"], p.get("country"), p.get("feature"), coords),
                        ref=p["id"]))
    for t in record.get("times", []):
        out.append(Mark(t["start"], t["end"], "time", _code(t["text"], t.get("value") or "unresolved"), ref=t["id"]))
    return out


def _nest(items: list[Mark], length: int) -> list[Mark]:
    """Arrange marks as a tree. A mark that crosses the end of an enclosing one is split there: its
    first part nests inside, the rest follows as a mark of its own."""
    order = itertools.count()
    heap = [(m.start, -m.end, KINDS.index(m.kind), next(order), m) for m in items
            if isinstance(m.start, int) and isinstance(m.end, int) and 0 <= m.start < m.end <= length]
    heapq.heapify(heap)
    roots: list[Mark] = []
    stack: list[Mark] = []
    while heap:
        m = heapq.heappop(heap)[-1]
        while stack and stack[-1].end <= m.start:
            stack.pop()
        if stack and m.end > stack[-1].end:
            rest = replace(m, start=stack[-1].end, children=[])
            heapq.heappush(heap, (rest.start, -rest.end, KINDS.index(rest.kind), next(order), rest))
            m.end = stack[-1].end
        (stack[-1].children if stack else roots).append(m)
        stack.append(m)
    return roots


def _render(text: str, start: int, end: int, items: list[Mark]) -> str:
    html, pos = [], start
    for m in items:
        html.append(str(escape(text[pos:m.start])))
        tag = "a" if m.href else "span"
        attrs = f' class="hl {m.kind}" data-kind="{m.kind}" data-tip="{escape(m.tip)}" title="{escape(m.tip)}"'
        if m.href:
            attrs += f' href="{escape(m.href)}"'
        if m.ref:
            attrs += f' data-ref="{escape(m.ref)}"'
        html.append(f"<{tag}{attrs}>{_render(text, m.start, m.end, m.children)}</{tag}>")
        pos = m.end
    html.append(str(escape(text[pos:end])))
    return "".join(html)


def highlighted(record: dict) -> Markup:
    """The record's text as escaped HTML with nested marks (line breaks kept by the page's CSS)."""
    text = record["text"]
    return Markup(_render(text, 0, len(text), _nest(marks(record), len(text))))
