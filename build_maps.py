#!/usr/bin/env python3
"""Build the Magnitogorsk atlas: geodata -> validated layers -> Folium maps -> MkDocs site.

  python build_maps.py check            validate geodata/ and stop
  python build_maps.py maps --out DIR   write the standalone map pages (maps/<id>.html, index.json,
                                        posters, assets, data downloads) into DIR
  python build_maps.py site             build the whole site into site/ (atomically)

MkDocs also runs this pipeline through magnitogorsk_atlas.mkdocs_hook, so `mkdocs build` and
`mkdocs serve` regenerate the maps too.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

from magnitogorsk_atlas import atlas, oembed, outputs
from magnitogorsk_atlas.errors import DataError
from magnitogorsk_atlas.site import BuildFailed, build_site

# mkdocs.yml registers this file under `hooks:`, so `mkdocs build` and `mkdocs serve` run the
# same pipeline (validate -> render maps -> expand the pages' directives).
from magnitogorsk_atlas.mkdocs_hook import (on_config, on_env, on_files, on_page_context,  # noqa: F401,E402
                                           on_page_markdown, on_post_page, on_serve)


# The project this script belongs to (a copy of the project builds its own data and site).
HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split("\n\n", 1)[1])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the geodata, chronology and map definitions")
    maps = sub.add_parser("maps", help="write the standalone map pages")
    maps.add_argument("--out", type=Path, required=True, help="output folder")
    maps.add_argument("--no-posters", action="store_true", help="skip the PNG posters (faster)")
    maps.add_argument("--site-url", default=os.environ.get(oembed.ENV),
                      help=f"the public address of the site, for oEmbed (default: ${oembed.ENV})")
    site = sub.add_parser("site", help="build the MkDocs site")
    site.add_argument("--site-dir", type=Path, default=HERE / "site", help="where to put the site")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    try:
        if args.command == "check":
            loaded = atlas.load(HERE)
            print(f"ok: {sum(len(layer.features) for layer in loaded.layers.values())} features in "
                  f"{len(loaded.layers)} layers, {len(loaded.events)} chronology entries, {len(loaded.maps)} maps")
        elif args.command == "maps":
            if not args.site_url:
                print(f"note: {oembed.OFF_NOTE}", file=sys.stderr)
            files = outputs.generate(atlas.load(HERE), posters=not args.no_posters, site_url=args.site_url)
            for path, content in files.items():
                target = args.out / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            print(f"wrote {len(files)} files to {args.out}")
        else:
            _show_notes()
            out = build_site(args.site_dir, HERE / "mkdocs.yml")
            print(f"built {out} in {time.perf_counter() - started:.1f} s")
    except DataError as exc:
        print(f"error: bad data: {exc}", file=sys.stderr)
        return 1
    except BuildFailed as exc:
        print(f"error: build failed, site left as it was: {exc}", file=sys.stderr)
        return 1
    return 0


def _show_notes() -> None:
    """The hook's one-line notes (such as "oEmbed is off") reach the terminal as under `mkdocs build`."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("note: %(message)s"))
    hook_log = logging.getLogger("mkdocs.hooks.magnitogorsk_atlas")
    hook_log.addHandler(handler)
    hook_log.setLevel(logging.INFO)


if __name__ == "__main__":
    sys.exit(main())
