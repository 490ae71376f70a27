"""Magnitogorsk atlas: geodata -> validated layers -> Folium maps -> MkDocs pages.

Modules, in the order data flows through them:

- ``errors``      the one error type a user sees for bad input
- ``dates``       ISO dates with their precision
- ``layers``      load and validate ``geodata/<layer>.geojson``
- ``chronology``  load and validate ``geodata/chronology.yml``
- ``mapspec``     load and validate ``geodata/maps.yml`` (which map shows what)
- ``styles``      layer colours and certainty styles (the legend is drawn from these)
- ``atlas``       the loaded, cross-checked bundle of all of the above
- ``render``      one Folium map page per map spec (with the ``plugins`` it uses)
- ``posters``, ``downloads``  static PNGs, CSV/GeoJSON/JSON and datapackage.json
- ``outputs``     every generated file of the site, as a dict of path -> bytes
- ``pages``       the ``{{ directive }}`` blocks the Markdown pages use
- ``mkdocs_hook`` wires all of it into ``mkdocs build`` / ``mkdocs serve``
- ``site``        atomic build of ``site/`` and the post-build link check
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"
STATIC = Path(__file__).resolve().parent / "static"
ATLAS_TITLE = "Magnitogorsk 1929–1939: an atlas of the city of fragments"
