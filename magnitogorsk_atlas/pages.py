"""The ``{{ directive }}`` blocks of the Markdown pages, expanded from the data at build time.

A line such as ``{{ map overview }}`` or ``{{ events superblocks }}`` in ``docs/*.md`` is replaced
by HTML generated from the validated atlas, so nothing the data says is typed twice. Every piece
of text from the data goes through ``html.escape``. URLs are relative to the page, so the site
works under any sub-path.
"""

from __future__ import annotations

import json
import re
import dataclasses
from html import escape

from . import i18n
from .atlas import WORKS, Atlas
from .chronology import Event
from .downloads import LICENSES
from .errors import DataError
from .mapspec import MapSpec
from .outputs import embed_snippet
from .position_review import EVIDENCE, evidence_counts, grade_counts
from .posters import alt_text, shown_at
from .render import citation
from .styles import CERTAINTY, LAYERS

DIRECTIVE = re.compile(r"^\{\{\s*([a-z_]+)((?:\s+[a-z0-9_,-]+)*)\s*\}\}[ \t]*$", re.MULTILINE)
TABLE5_WHAT = "Table 5"


class DirectiveError(Exception):
    pass


def _pages(pages) -> str:
    return "; ".join(("pp. " if re.search(r"[-–]", p) else "p. ") + p for p in pages)


class Page:
    """Expands the directives of one page; ``prefix`` leads from the page back to the site root."""

    def __init__(self, atlas: Atlas, generated: dict[str, bytes], prefix: str, base: str | None = None,
                 lang: str = "en"):
        self.atlas = atlas
        self.generated = generated
        self.prefix = prefix
        self.base = base  # the site's public address when oEmbed is on (oembed.base_url)
        self.lang = lang  # the page's language: its map links carry ?lang= and its words are translated
        # Text from the data is English: on a page in another language it carries lang="en".
        self.en = "" if lang == "en" else ' lang="en"'

    def say(self, text: str) -> str:
        try:
            return i18n.say(self.lang, text)
        except KeyError:
            raise DirectiveError(f"no {self.lang} words for '{text}' in magnitogorsk_atlas/i18n.py") from None

    def page_url(self, page: str) -> str:
        """A docs page in the page language where the Russian edition has it, else the English one."""
        return f"{self.prefix}{i18n.edition_page(self.atlas.root, page, self.lang) or page}.html"

    def map_title(self, spec: MapSpec) -> str:
        """The map's title in the page language (the map pages' own strings), else the English one."""
        return i18n.ui_strings(self.lang).get(f"map.{spec.id}", spec.title)

    def _title_html(self, spec: MapSpec) -> str:
        title = self.map_title(spec)
        return escape(title) if title != spec.title or not self.en else f'<span{self.en}>{escape(title)}</span>'

    def _spec(self, map_id: str) -> MapSpec:
        try:
            return self.atlas.map(map_id)
        except KeyError:
            raise DirectiveError(f"no map '{map_id}' in geodata/maps.yml") from None

    def map_link(self, spec: MapSpec, year: int | None = None, feature: str | None = None) -> str:
        lang = self.lang if self.lang != "en" else None
        query = "&".join(f"{k}={v}" for k, v in (("lang", lang), ("year", year), ("feature", feature))
                         if v is not None)
        return f"{self.prefix}{spec.url}" + (f"?{query}" if query else "")

    def event_map_link(self, event: Event) -> str:
        spec = self.atlas.map_for_event(event)
        layers = set(spec.layers)
        feature = next((f for f in event.features if self.atlas.feature_layer[f] in layers), None)
        return self.map_link(spec, year=self.map_year(spec, event.year), feature=feature)

    @staticmethod
    def map_year(spec: MapSpec, year: int) -> int:
        """The year a map can show: its control covers spec.years only."""
        return min(max(year, spec.years[0]), spec.years[1])

    # ---- directives ---------------------------------------------------------------------
    def map(self, map_id: str, height: str = "520") -> str:
        spec = self._spec(map_id)
        url = self.map_link(spec)
        title = escape(self.map_title(spec))
        return (f'<figure class="atlas-figure">\n'
                f'<iframe src="{escape(url)}" title="{title}" width="100%" height="{int(height)}" '
                f'loading="lazy" allow="fullscreen"><a href="{escape(url)}">{title}</a></iframe>\n'
                f'<figcaption><span{self.en}>{escape(spec.description)}</span> '
                f'<a href="{escape(url)}">{self.say("Open the full map")}</a> · '
                f'<a href="#embed-{spec.id}">{self.say("Embed, cite or print it")}</a></figcaption>\n</figure>')

    def embed(self, map_id: str) -> str:
        """The embed kit. With the site's public address known (oEmbed on), WordPress authors get the
        map's URL first, the one route that survives WordPress's HTML filter; the iframe code follows for
        platforms that take HTML. URLs are absolute then; otherwise the browser makes them absolute."""
        spec = self._spec(map_id)
        relative = self.map_link(spec)
        url = self.base + relative[len(self.prefix):] if self.base else relative
        code_id = f"embed-code-{spec.id}"
        url_route = ""
        if self.base:
            url_id = f"embed-url-{spec.id}"
            paste = self.say("<strong>WordPress</strong> (any author, students included): paste the map's "
                             "address alone on a line of a post.")
            copy = self.say("Copy the map's address")
            url_route = (f'<p><label for="{url_id}">{paste}</label></p>\n'
                         f'<textarea id="{url_id}" class="atlas-code" readonly rows="1">{escape(url)}</textarea>\n'
                         f'<p><button type="button" class="md-button atlas-copy" data-copy="{url_id}">{copy}'
                         f'</button></p>\n')
            code_label = self.say("<strong>Platforms that accept HTML</strong> (Moodle, Canvas, a WordPress "
                                  "site's administrator): paste this embed code into an HTML block.")
        else:
            code_label = self.say("Embed code: paste it into a WordPress, Moodle or Canvas page (an HTML block).")
        return (f'<div class="atlas-embed" id="embed-{spec.id}">\n'
                f'<p><img src="{self.prefix}maps/posters/{spec.id}.png" '
                f'alt="{escape(alt_text(self.atlas, spec))}"{self.en} '
                f'width="400" height="300" loading="lazy"></p>\n'
                f'{url_route}<p><label for="{code_id}">{code_label}</label></p>\n'
                f'<textarea id="{code_id}" class="atlas-code" readonly rows="4" data-map-url="{escape(url)}">'
                f'{escape(embed_snippet(dataclasses.replace(spec, title=self.map_title(spec)), url))}</textarea>\n'
                f'<p><button type="button" class="md-button atlas-copy" data-copy="{code_id}">'
                f'{self.say("Copy embed code")}</button> '
                f'<a href="{escape(relative)}">{self.say("Full-window map")}</a> · '
                f'<a href="{self.prefix}maps/posters/{spec.id}.png">'
                f'{self.say("Poster (PNG, for print or platforms without iframes)")}</a></p>\n'
                f'<p class="atlas-cite"><strong>{self.say("Cite this map:")}</strong> '
                f'<span data-citation="{escape(url)}"{self.en}>{escape(citation(self.atlas, spec, url))}</span></p>\n'
                f'</div>')

    def _event_item(self, event: Event, *, tag: str = "li") -> str:
        layers = " ".join(event.layers) or "city"
        conflict = (f'\n<p class="atlas-conflict"><strong>Sources disagree:</strong> {escape(event.conflict)}</p>'
                    if event.conflict else "")
        return (f'<{tag} class="atlas-entry" id="e-{event.id}" data-layers="{layers}">\n'
                f'<p class="atlas-entry-date"><time datetime="{event.date.iso()}">{escape(event.date_label())}'
                f'</time></p>\n'
                f'<p class="atlas-entry-title"><strong>{escape(event.title)}</strong></p>\n'
                f'<p>{escape(event.summary)}</p>\n'
                f'<p class="atlas-entry-meta">Kotkin 1995, {escape(_pages(event.pages))} · '
                f'<a href="{escape(self.event_map_link(event))}">See it on the map '
                f'({self.map_year(self.atlas.map_for_event(event), event.year)})</a></p>'
                f'{conflict}\n</{tag}>')

    def events(self, layer_list: str) -> str:
        layers = layer_list.split(",")
        unknown = [layer for layer in layers if layer not in LAYERS]
        if unknown:
            raise DirectiveError(f"unknown layer '{unknown[0]}' in {{{{ events }}}}")
        events = self.atlas.events_for_layers(layers)
        if not events:
            raise DirectiveError(f"no chronology entries for {layer_list}")
        items = "\n".join(self._event_item(e) for e in events)
        return f'<ol class="atlas-events">\n{items}\n</ol>'

    def chronology(self) -> str:
        boxes = "\n".join(
            f'<label><input type="checkbox" name="layer" value="{layer}" checked> {escape(meta["title"])}</label>'
            for layer, meta in LAYERS.items())
        form = (f'<form class="atlas-filter" hidden aria-label="Filter the chronology by layer">\n'
                f'<fieldset><legend>Show entries about</legend>\n{boxes}\n'
                f'<label><input type="checkbox" name="layer" value="city" checked> The city as a whole '
                f'and the country</label>\n</fieldset>\n<p class="atlas-filter-count" aria-live="polite"></p>\n'
                f'</form>')
        parts = [form]
        for year in sorted({e.year for e in self.atlas.events}):
            entries = [e for e in self.atlas.events if e.year == year]
            items = "\n".join(self._event_item(e, tag="article") for e in entries)
            parts.append(f"## {year}\n\n<div class=\"atlas-year-entries\">\n{items}\n</div>")
        return "\n\n".join(parts)

    def _table5(self) -> list[tuple[dict, dict]]:
        rows = []
        for feature in self.atlas.features():
            for record in feature["properties"].get("population", []):
                if record.get("what") == TABLE5_WHAT:
                    rows.append((feature["properties"], record))
        return sorted(rows, key=lambda r: -r[1]["value"])

    def population_table(self) -> str:
        rows = self._table5()
        if not rows:
            raise DirectiveError("no Table 5 figures in the geodata")
        body = []
        for props, record in rows:
            spec = self.atlas.map_for_layers([props["layer"]])
            link = self.map_link(spec, year=1939, feature=props["id"])
            body.append(f'<tr><td><a href="{escape(link)}">{escape(props["name"])}</a></td>'
                        f'<td class="num">{record["value"]:,}</td>'
                        f'<td>{escape(LAYERS[props["layer"]]["title"])}</td>'
                        f'<td>{escape(_pages([record["source"]["pages"]]))}</td></tr>')
        total = sum(r[1]["value"] for r in rows)
        return ('<div class="atlas-table"><table>\n<caption>Population by selected area, 1939 (Kotkin, Table 5, '
                'p. 130), from the atlas geodata</caption>\n<thead><tr><th scope="col">Area</th>'
                '<th scope="col">Population, 1939</th><th scope="col">Layer</th><th scope="col">Source</th>'
                '</tr></thead>\n<tbody>\n' + "\n".join(body) + '\n</tbody>\n'
                f'<tfoot><tr><th scope="row">Total of the {len(rows)} areas</th><td class="num">{total:,}</td>'
                '<td colspan="2"></td></tr></tfoot>\n</table></div>')

    def population_chart(self) -> str:
        rows = self._table5()
        width, bar_h, gap, label_w = 760, 20, 6, 300
        top = max(r[1]["value"] for r in rows)
        height = len(rows) * (bar_h + gap) + 10
        bars = []
        for i, (props, record) in enumerate(rows):
            y = 5 + i * (bar_h + gap)
            w = (width - label_w - 70) * record["value"] / top
            color = LAYERS[props["layer"]]["color"]
            bars.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(props["name"])}</text>'
                        f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{color}"/>'
                        f'<text x="{label_w + w + 4:.1f}" y="{y + 15}">{record["value"]:,}</text>')
        return (f'<figure class="atlas-chart"><svg viewBox="0 0 {width} {height}" role="img" '
                f'aria-labelledby="t5-title" xmlns="http://www.w3.org/2000/svg" font-size="14" '
                f'font-family="system-ui, sans-serif" fill="currentColor">'
                f'<title id="t5-title">Bar chart of the 1939 population of the {len(rows)} areas of Table 5; '
                f'the same figures are in the table above.</title>' + "".join(bars) +
                '</svg><figcaption>Bars coloured by atlas layer. Source: Kotkin, Table 5, p. 130.</figcaption>'
                '</figure>')

    def downloads(self) -> str:
        package = json.loads(self.generated["data/datapackage.json"])
        rows = []
        for resource in package["resources"]:
            path = f"data/{resource['path']}"
            size = len(self.generated[path])
            licence = "CC BY 4.0; ODbL for OpenStreetMap-derived geometry" if path.endswith(("geojson", "csv")) \
                and "chronology" not in path else "CC BY 4.0"
            rows.append(f'<tr><td><a href="{self.prefix}{path}" download>{resource["path"]}</a></td>'
                        f'<td>{escape(resource["title"])}</td><td>{resource["format"].upper()}</td>'
                        f'<td class="num">{size / 1024:,.1f} KiB</td><td>{licence}</td></tr>')
        return ('<div class="atlas-table"><table>\n<thead><tr><th scope="col">File</th><th scope="col">What</th>'
                '<th scope="col">Format</th><th scope="col">Size</th><th scope="col">Licence</th></tr></thead>\n'
                '<tbody>\n' + "\n".join(rows) + '\n</tbody>\n</table></div>\n\n'
                f'<p>The whole set is described by <a href="{self.prefix}data/datapackage.json">datapackage.json</a>'
                f' (Frictionless Data), with the field schemas <a href="{self.prefix}data/schema/feature.schema.json">'
                f'feature.schema.json</a> and <a href="{self.prefix}data/schema/chronology.schema.json">'
                f'chronology.schema.json</a>. Licences: ' +
                "; ".join(escape(lic["title"]) for lic in LICENSES) + '.</p>')

    def schema(self, name: str) -> str:
        schema = json.loads(self.generated[f"data/schema/{name}.schema.json"])
        required = set(schema.get("required", []))
        rows = []
        for field, spec in schema["properties"].items():
            kind = spec.get("type") or ("one of: " + ", ".join(map(str, spec["enum"])) if "enum" in spec else "")
            if isinstance(kind, list):
                kind = " or ".join(kind)
            rows.append(f'<tr><td><code>{field}</code></td><td>{"yes" if field in required else "no"}</td>'
                        f'<td>{escape(str(kind))}</td><td>{escape(spec.get("description", ""))}</td></tr>')
        return ('<div class="atlas-table"><table>\n<thead><tr><th scope="col">Field</th><th scope="col">Required</th>'
                '<th scope="col">Type</th><th scope="col">Meaning</th></tr></thead>\n<tbody>\n' +
                "\n".join(rows) + '\n</tbody>\n</table></div>')

    def layer_summary(self) -> str:
        rows = []
        for layer in self.atlas.layers.values():
            grades = [f["properties"]["certainty"] for f in layer.features]
            counts = " · ".join(f"{g}: {grades.count(g)}" for g in CERTAINTY)
            rows.append(f'<tr><td>{escape(layer.title)}</td><td class="num">{len(layer.features)}</td>'
                        f'<td>{counts}</td><td><a href="{self.prefix}data/{layer.id}.geojson">GeoJSON</a> · '
                        f'<a href="{self.prefix}data/{layer.id}.csv">CSV</a></td></tr>')
        total = sum(len(layer.features) for layer in self.atlas.layers.values())
        return ('<div class="atlas-table"><table>\n<thead><tr><th scope="col">Layer</th><th scope="col">Features</th>'
                '<th scope="col">Certainty grades</th><th scope="col">Data</th></tr></thead>\n<tbody>\n' +
                "\n".join(rows) + f'\n</tbody>\n<tfoot><tr><th scope="row">All layers</th>'
                f'<td class="num">{total}</td><td colspan="2">{len(self.atlas.events)} chronology entries</td>'
                '</tr></tfoot>\n</table></div>')

    def conflicts(self) -> str:
        items = []
        for feature in self.atlas.features():
            props = feature["properties"]
            if props.get("conflicts"):
                link = self.feature_link(self.atlas.map_for_layers([props["layer"]]), props)
                items.append(f'<li><a href="{escape(link)}">'
                             f'{escape(props["name"])}</a>: {escape(props["conflicts"])}</li>')
        for event in self.atlas.events:
            if event.conflict:
                items.append(f'<li><a href="{self.prefix}chronology.html#e-{event.id}">'
                             f'{escape(event.date_label())}, {escape(event.title)}</a>: {escape(event.conflict)}</li>')
        return '<ul class="atlas-conflicts">\n' + "\n".join(items) + "\n</ul>"

    def position_review(self) -> str:
        """What the positions rest on, before and after the search outside the book, counted from the data
        (certainty grades and geodata/position_review.yml), with each C/D feature's outcome."""
        features = list(self.atlas.features())
        reviews = self.atlas.review

        def table(head: str, rows: list[tuple[str, int, int]]) -> str:
            body = "\n".join(f'<tr><th scope="row">{escape(label)}</th><td class="num">{before}</td>'
                             f'<td class="num">{after}</td></tr>' for label, before, after in rows)
            return (f'<div class="atlas-table"><table>\n<thead><tr><th scope="col">{head}</th>'
                    '<th scope="col">Before the review</th><th scope="col">After</th></tr></thead>\n'
                    f'<tbody>\n{body}\n</tbody>\n</table></div>')

        grades = grade_counts(features, reviews)
        kinds = evidence_counts(features, reviews)
        outcomes = {"used": "found and used", "rejected": "found, not used", "nothing_found": "nothing found"}
        items = []
        for feature in features:
            props = feature["properties"]
            review = reviews.get(props["id"])
            if review is None:
                continue
            link = self.feature_link(self.atlas.map_for_layers([props["layer"]]), props)
            change = (f"{review.grade_before} {review.uncertainty_before:,} m → {props['certainty']} "
                      f"{props['uncertainty_m']:,} m")
            items.append(f'<li><a href="{escape(link)}">{escape(props["name"])}'
                         f'</a> ({change}), {outcomes[review.outcome]}: {escape(review.why)}</li>')
        counted = {key: sum(r.outcome == key for r in reviews.values()) for key in outcomes}
        summary = "; ".join(f"{label}: {counted[key]}" for key, label in outcomes.items())
        return (table("Certainty grade", [(CERTAINTY[g]["label"], grades[0][g], grades[1][g]) for g in CERTAINTY]) +
                "\n" + table("Strongest evidence outside the book", [(label, kinds[0][k], kinds[1][k])
                                                                  for k, label in EVIDENCE.items()]) +
                f'\n<details class="atlas-review"><summary>The {len(items)} positions graded C or D before the '
                f'review, one by one ({summary})</summary>\n<ul>\n' + "\n".join(items) + "\n</ul>\n</details>")

    def works(self) -> str:
        return "<ul>\n" + "\n".join(f"<li>{escape(w['reference'])}</li>" for w in WORKS.values()) + "\n</ul>"

    def map_list(self) -> str:
        rows = []
        for spec in self.atlas.maps:
            page = self.page_url(spec.page)
            rows.append(f'<tr><td><a href="{page}#embed-{spec.id}">{self._title_html(spec)}</a></td>'
                        f'<td{self.en}>{escape(spec.description)}</td><td><a href="{escape(self.map_link(spec))}">'
                        f'maps/{spec.id}.html</a></td></tr>')
        head = (self.say("Map"), self.say("Shows"), self.say("Standalone page"))
        return ('<div class="atlas-table"><table>\n<thead><tr>' +
                "".join(f'<th scope="col">{h}</th>' for h in head) + '</tr></thead>\n<tbody>\n' +
                "\n".join(rows) + '\n</tbody>\n</table></div>')

    def tours(self) -> str:
        """The built-in tours as text: what a reader without JavaScript, or on paper, gets of the tour
        player; each step links to the map opened at that step."""
        events = {e.id: e for e in self.atlas.events}
        parts = []
        for tour in self.atlas.tours:
            first = self.atlas.map(tour.steps[0].map)
            relative = f"{self.prefix}{first.url}?tour={tour.id}"
            url = f"{self.base}{first.url}?tour={tour.id}" if self.base else relative
            code_id = f"tour-code-{tour.id}"
            steps = []
            for n, step in enumerate(tour.steps):
                spec = self.atlas.map(step.map)
                link = self.prefix + tour.link(n)
                chronology = "".join(
                    f'<li><a href="{self.prefix}chronology.html#e-{eid}">{escape(events[eid].date_label())}, '
                    f'{escape(events[eid].title)}</a></li>' for eid in step.chronology)
                steps.append(
                    f'<li class="atlas-tour-step" id="{tour.id}-{n + 1}">\n'
                    f'<h3>{escape(step.title)}</h3>\n'
                    f'<p class="atlas-entry-date">Step {n + 1} of {len(tour.steps)} · {step.year} · '
                    f'{escape(spec.title)}</p>\n'
                    f'<p>{escape(step.text)}</p>\n'
                    f'<p class="atlas-entry-meta">Kotkin 1995, {escape(_pages(step.pages))} · '
                    f'<a href="{escape(link)}">Open this step on the map</a></p>\n'
                    + (f'<details><summary>Chronology</summary><ul>{chronology}</ul></details>\n' if chronology else "")
                    + f'<figure class="atlas-tour-poster"><img src="{self.prefix}maps/posters/{spec.id}.png" '
                    f'alt="{escape(alt_text(self.atlas, spec))}" width="400" height="300" loading="lazy" '
                    f'style="max-width:100%;height:auto">'
                    f'<figcaption>The map as drawn for {spec.year}; the live map opens at {step.year}.'
                    f'</figcaption></figure>\n</li>')
            parts.append(
                f'<section class="atlas-tour" id="tour-{tour.id}">\n<h2>{escape(tour.title)}</h2>\n'
                f'<p>{escape(tour.summary)}</p>\n'
                f'<p><a class="md-button md-button--primary" href="{escape(relative)}">Start the tour on the map'
                f'</a></p>\n'
                f'<div class="atlas-embed"><p><label for="{code_id}">Embed code for the whole tour: paste it '
                f'into an HTML block of a WordPress, Moodle or Canvas page.</label></p>\n'
                f'<textarea id="{code_id}" class="atlas-code" readonly rows="3" data-map-url="{escape(url)}">'
                f'{escape(embed_snippet(tour, url))}</textarea>\n'
                f'<p><button type="button" class="md-button atlas-copy" data-copy="{code_id}">Copy embed code'
                f'</button></p></div>\n'
                f'<ol class="atlas-tour-steps">\n' + "\n".join(steps) + '\n</ol>\n</section>')
        return "\n\n".join(parts)

    def feature_link(self, spec: MapSpec, props: dict) -> str:
        """``spec`` opened with the place selected: at the map's own year when the place stands then,
        else at the place's first year on it (a selected place must be drawn)."""
        year = None
        if not shown_at(props, spec.year, props["layer"] in spec.timeless):
            first = props["start"] or props["end"]
            year = self.map_year(spec, int(first[:4]))
        return self.map_link(spec, year=year, feature=props["id"])

    def place_map_link(self, props: dict) -> tuple[MapSpec, str]:
        """The map the index of places opens a place on: the first map (the overview first) that
        shows its layer, so that every place opens on the whole city."""
        layer = props["layer"]
        maps = [s for s in self.atlas.maps if layer in s.sides[0].layers]
        spec = next((s for s in maps if layer not in s.sides[0].hidden), maps[0] if maps else self.atlas.maps[0])
        return spec, self.feature_link(spec, props)

    def places(self) -> str:
        """The gazetteer: one section per place with every form of its name (English, Cyrillic with ё
        and with е, the book's transliteration), so the site search finds it in either script, and a
        link that opens its map with the place selected."""
        try:
            others = i18n.other_names(self.atlas.root, self.atlas.feature_by_id)
        except DataError as exc:
            raise DirectiveError(f"bad data: {exc}") from None
        parts = []
        for layer in self.atlas.layers.values():
            layer_title = i18n.ui_strings(self.lang).get(f"layer.{layer.id}", layer.title)
            parts.append(f"## {escape(layer_title)} {{#layer-{layer.id}}}")
            for feature in layer.features:
                props = feature["properties"]
                spec, link = self.place_map_link(props)
                ru = i18n.cyrillic_name(props)
                if self.lang == "ru" and ru:
                    heading = f'{escape(ru)} <span lang="en">({escape(props["name"])})</span>'
                elif self.lang == "ru":
                    heading = f'<span lang="en">{escape(props["name"])}</span>'
                else:
                    heading = escape(props["name"]) + (f' <span lang="ru">({escape(ru)})</span>' if ru else "")
                forms = " · ".join(f'<span lang="{lang}">{escape(form)}</span>'
                                   for form, lang in i18n.name_forms(props, others.get(props["id"], ())))
                parts.append(
                    f"### {heading} {{#{props['id']}}}\n\n"
                    f'<p class="atlas-place-names">{self.say("Names")}: {forms}</p>\n'
                    f'<p class="atlas-place-meta">{self.say("Years")}: {escape(i18n.years_label(self.lang, props))}'
                    f' · {self.say("Certainty")}: {props["certainty"]} · <a href="{escape(link)}">'
                    f'{self.say("On the map")}: {self._title_html(spec)}</a></p>')
        return "\n\n".join(parts)

    def expand(self, markdown: str) -> str:
        def replace(match: re.Match) -> str:
            name, args = match.group(1), match.group(2).split()
            handler = getattr(self, name, None) if not name.startswith("_") and name in DIRECTIVES else None
            if handler is None:
                raise DirectiveError(f"unknown directive {{{{ {name} }}}}; known: {', '.join(sorted(DIRECTIVES))}")
            try:
                return "\n" + handler(*args) + "\n"
            except TypeError as exc:
                raise DirectiveError(f"{{{{ {name} }}}}: {exc}") from None
        return DIRECTIVE.sub(replace, markdown)


DIRECTIVES = {"map", "embed", "events", "chronology", "population_table", "population_chart", "downloads",
              "schema", "layer_summary", "conflicts", "works", "map_list", "places", "tours", "position_review"}


def expand(markdown: str, src_uri: str, atlas: Atlas, generated: dict[str, bytes], base: str | None = None) -> str:
    prefix = "../" * src_uri.count("/")
    return Page(atlas, generated, prefix, base, i18n.language(src_uri)).expand(markdown)


def maps_shown(markdown: str) -> list[str]:
    """The ids of the maps a page shows with ``{{ map id }}``, in order."""
    return [args.split()[0] for name, args in DIRECTIVE.findall(markdown) if name == "map" and args.split()]
