"""Embeds that survive a real course blog: oEmbed, WordPress's sandbox and a real WordPress.

On a course blog most people are Authors without ``unfiltered_html``: WordPress strips the iframe
of an embed code they paste, but embeds a map URL alone on a line through oEmbed, in an iframe
with ``sandbox="allow-scripts"``. These tests build the atlas with its public address (a loopback
server), then run Debian's WordPress (tests/wordpress/) and post as an Author and as an
administrator over the REST API, and look at the result in headless Chromium.
"""

from __future__ import annotations

import json
import re
from html import escape
from urllib.request import urlopen

import pytest

import wordpress
from conftest import Watched, serve, wait_ready
from magnitogorsk_atlas import oembed
from magnitogorsk_atlas.outputs import embed_snippet
from magnitogorsk_atlas.site import build_site

pytestmark = pytest.mark.browser

DRAWN = "document.querySelectorAll('.leaflet-overlay-pane path').length"
SECRET = "Ab3dE5gH7k"
NO_ICON = '<link rel="icon" href="data:,">'  # no favicon.ico 404 in the console


@pytest.fixture(scope="module")
def public_atlas(tmp_path_factory):
    """The site built with the address of the loopback server that serves it (oEmbed on)."""
    folder = tmp_path_factory.mktemp("public") / "site"
    server = serve(folder)  # the port is known before the site exists
    url = f"http://127.0.0.1:{server.server_port}/"
    build_site(folder, site_url=url)
    yield folder, url
    server.shutdown()


def watch(page) -> Watched:
    """Watched, plus the URL of every failed response (the console names only the status)."""
    watched = Watched(page)
    page.on("response", lambda r: watched.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return watched


def open_embed(browser, link):
    """A reader opens a WordPress post: the page (watched), WordPress's embed iframe, its secret and
    the map's frame once the atlas has drawn it."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    watched = watch(context.new_page())
    watched.page.goto(link)
    iframe = watched.page.locator("iframe.wp-embedded-content")
    secret = iframe.get_attribute("data-secret")
    frame = frame_of(watched.page, "iframe.wp-embedded-content")
    wait_ready(frame)
    return context, watched, iframe, secret, frame


def frame_of(page, selector):
    handle = page.locator(selector).element_handle()
    frame = handle.content_frame()
    frame.wait_for_load_state()
    return frame


# ---- the static side: discovery links and documents -------------------------------------------
def test_every_map_announces_its_oembed_document(public_atlas, atlas):
    site, url = public_atlas
    for spec in atlas.maps:
        page = (site / spec.url).read_bytes()[:150 * 1024].decode("utf-8", "ignore")  # what WordPress reads
        head = page[:page.index("</head>")]
        href = f"{url}{oembed.json_path(spec)}"
        assert f'<link rel="alternate" type="application/json+oembed" href="{href}"' in head, spec.id
        # the atlas page that shows the map announces the same document
        assert f'type="application/json+oembed" href="{href}"' in (site / f"{spec.page}.html").read_text()

        data = json.loads((site / oembed.json_path(spec)).read_text())
        assert data["version"] == "1.0" and data["type"] == "rich"
        assert data["provider_url"] == url and data["provider_name"] and data["title"] == spec.title
        assert isinstance(data["width"], int) and isinstance(data["height"], int)
        assert data["thumbnail_url"] == f"{url}maps/posters/{spec.id}.png"
        poster = (site / "maps" / "posters" / f"{spec.id}.png").read_bytes()
        assert (data["thumbnail_width"], data["thumbnail_height"]) == oembed.png_size(poster)
        iframe = re.search(r"<iframe [^>]*></iframe>", data["html"]).group(0)
        for attribute in (f'src="{url}{spec.url}"', 'width="100%"', f'height="{data["height"]}"',
                          f'title="{escape(spec.title)}"', 'frameborder="0"'):
            assert attribute in iframe, (spec.id, attribute)
        assert data["html"].startswith(f'<blockquote><a href="{url}{spec.url}">')
    assert "json+oembed" not in (site / "teachers.html").read_text()  # shows no map of its own


def test_russian_pages_announce_the_russian_map(public_atlas, atlas):
    site, url = public_atlas
    spec = atlas.map("berezka")
    href = f"{url}{oembed.json_path(spec, 'ru')}"
    assert f'type="application/json+oembed" href="{href}"' in (site / "ru" / f"{spec.page}.html").read_text()
    data = json.loads((site / oembed.json_path(spec, "ru")).read_text())
    assert f'src="{url}{spec.url}?lang=ru"' in data["html"]
    assert data["title"] == oembed.title(spec, "ru") != spec.title


def test_embed_box_leads_with_the_url_when_the_address_is_known(public_atlas):
    site, url = public_atlas
    html = (site / "berezka.html").read_text()
    box = html[html.index('id="embed-berezka"'):]
    assert box.index("embed-url-berezka") < box.index("embed-code-berezka")
    assert f'readonly rows="1">{url}maps/berezka.html</textarea>' in box
    assert escape(f'<iframe src="{url}maps/berezka.html"') in box
    assert "clipboard-write" in box


def test_without_an_address_oembed_is_off_and_says_so(site, tmp_path, capsys, monkeypatch):
    assert not list(site.rglob("*.oembed.json"))
    assert not [p.name for p in site.rglob("*.html") if "json+oembed" in p.read_text()]
    import build_maps
    monkeypatch.delenv(oembed.ENV, raising=False)
    assert build_maps.main(["maps", "--out", str(tmp_path), "--no-posters"]) == 0
    err = capsys.readouterr().err
    assert err.count("oEmbed is off") == 1 and "site_url" in err and oembed.ENV in err
    assert not list(tmp_path.rglob("*.oembed.json"))


# ---- the browser side: WordPress's sandbox, without WordPress -----------------------------------
@pytest.fixture(scope="module")
def sandbox_host(tmp_path_factory, site_url, atlas):
    """Pages on another loopback origin that frame maps the way WordPress does."""
    folder = tmp_path_factory.mktemp("sandbox")
    frames = "\n".join(f'<iframe src="{site_url}{spec.url}" title="{spec.id}" sandbox="allow-scripts" '
                       f'width="560" height="400"></iframe>' for spec in atlas.maps)
    (folder / "all.html").write_text(f"<!doctype html><title>sandbox</title>{NO_ICON}{frames}")
    # A stand-in for WordPress's wp-embed.js: records messages, says "ready", follows nothing.
    (folder / "secret.html").write_text(f"""<!doctype html><title>secret</title>{NO_ICON}
<script>window.received = []; addEventListener("message", function (e) {{ received.push(e.data); }});</script>
<iframe src="{site_url}maps/berezka.html#?secret={SECRET}" sandbox="allow-scripts" width="600" height="300"></iframe>
""")
    server = serve(folder)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def test_every_map_draws_in_a_sandboxed_frame(page, sandbox_host, atlas):
    page.page.set_viewport_size({"width": 1200, "height": 3600})
    page.page.goto(f"{sandbox_host}all.html")
    for spec in atlas.maps:
        frame = frame_of(page.page, f'iframe[title="{spec.id}"]')
        wait_ready(frame)
        assert frame.evaluate(DRAWN) > 0, spec.id
        assert frame.evaluate("window.origin") == "null"  # really sandboxed
    assert page.errors == []
    assert page.outside == []


def test_the_map_speaks_wordpress_embed_messages(page, sandbox_host, site_url, atlas):
    p = page.page
    p.goto(f"{sandbox_host}secret.html")
    frame = frame_of(p, "iframe")
    wait_ready(frame)
    assert frame.evaluate("location.search + location.hash") == f"?year={atlas.map('berezka').year}#?secret={SECRET}"  # state + hash kept
    heights = "received.filter(m => m.message === 'height' && m.secret === '%s')" % SECRET
    p.wait_for_function(f"{heights}.length >= 1")
    p.evaluate("s => document.querySelector('iframe').contentWindow.postMessage({message: 'ready', secret: s}, '*')",
               SECRET)
    p.wait_for_function(f"{heights}.length >= 2")
    assert 320 <= p.evaluate(f"{heights}[0].value") <= 640
    frame.locator("a.atlas-open").click()
    p.wait_for_function("received.some(m => m.message === 'link')")
    link = p.evaluate("received.find(m => m.message === 'link')")
    assert link == {"message": "link", "value": f"{site_url}berezka.html", "secret": SECRET}
    assert p.url == f"{sandbox_host}secret.html"  # the stand-in follows nothing
    assert page.errors == []


# ---- a real WordPress ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def blog(public_atlas, atlas, tmp_path_factory):
    """Debian's WordPress with every post the tests look at, made in one go."""
    reason = wordpress.missing()
    if reason:
        pytest.skip(f"no WordPress to test against: {reason}; .ci/run installs it")
    _, url = public_atlas
    wp = wordpress.WordPress(tmp_path_factory.mktemp("wordpress")).start()
    try:
        # A student (Author) pastes each map's URL alone on a line; the same student, and the
        # teacher (administrator), paste the atlas's embed codes.
        posts = {spec.id: wp.publish("student", spec.title, f"Before the seminar, explore this map:\n\n"
                                     f"{url}{spec.url}\n\nWhat changed between 1931 and 1936?")
                 for spec in atlas.maps}
        codes = "\n\n".join(embed_snippet(spec, url + spec.url) for spec in atlas.maps)
        posts["author code"] = wp.publish("student", "Embed codes by an Author", codes)
        posts["ru"] = wp.publish("student", "Берёзка", f"Посмотрите карту:\n\n{url}ru/berezka.html\n")
        posts["admin code"] = wp.publish("teacher", "Embed codes by the administrator", codes)
        yield wp, posts, url
    finally:
        wp.stop()


def test_the_blog_is_a_real_wordpress_with_a_real_author(blog):
    wp, posts, _ = blog
    assert re.fullmatch(r"\d+\.\d+(\.\d+)?", wp.version)
    assert wp.users["student"]["roles"] == ["author"] and not wp.users["student"]["unfiltered_html"]
    assert wp.users["teacher"]["roles"] == ["administrator"] and wp.users["teacher"]["unfiltered_html"]
    # WordPress's filter took the Author's iframes out, and left the administrator's
    assert "<iframe" not in posts["author code"]["content"]["raw"]
    assert "<iframe" in posts["admin code"]["content"]["raw"]


@pytest.mark.parametrize("map_id", ["overview", "temporary-city", "socialist-city", "berezka",
                                    "special-settlement", "labor-colony", "banks", "compare-banks"])
def test_an_authors_map_url_shows_the_live_map(blog, browser, atlas, map_id):
    wp, posts, url = blog
    context, watched, iframe, secret, frame = open_embed(browser, posts[map_id]["link"])
    p = watched.page
    assert iframe.count() == 1
    assert iframe.get_attribute("sandbox") == "allow-scripts"
    assert re.fullmatch(r"[A-Za-z0-9]{10}", secret)
    assert iframe.get_attribute("src") == f"{url}maps/{map_id}.html#?secret={secret}"
    assert frame.evaluate(DRAWN) > 0
    assert int(frame.get_attribute(".folium-map", "data-features-shown")) > 0
    # WordPress heard the height: it shows the iframe (no clip style) and hides the fallback quote
    p.wait_for_function("!document.querySelector('iframe.wp-embedded-content').hasAttribute('style')")
    assert iframe.bounding_box()["height"] >= 300
    assert p.locator("blockquote.wp-embedded-content").is_hidden()
    # the year control works inside WordPress's sandbox
    slider = frame.locator(".atlas-year input[type=range]")
    slider.fill("1934")
    assert frame.get_attribute(".folium-map", "data-year") == "1934"
    assert "1934" in slider.get_attribute("aria-valuetext")
    assert watched.errors == []
    context.close()


def test_an_authors_russian_page_url_shows_the_russian_map(blog, browser):
    wp, posts, url = blog
    context, watched, iframe, secret, frame = open_embed(browser, posts["ru"]["link"])
    assert iframe.get_attribute("src") == f"{url}maps/berezka.html?lang=ru#?secret={secret}"
    assert frame.evaluate("document.documentElement.lang") == "ru"
    assert frame.locator(".atlas-year label").inner_text().startswith("Год")
    assert watched.errors == []
    context.close()


def test_open_in_the_atlas_leaves_wordpress_for_the_atlas(blog, browser):
    wp, posts, url = blog
    context, watched, _, _, frame = open_embed(browser, posts["berezka"]["link"])
    p = watched.page
    assert watched.errors == []
    link = frame.locator("a.atlas-open")
    assert link.inner_text().startswith("Open in the atlas")
    link.click()
    p.wait_for_url(f"{url}berezka.html", timeout=15000)  # the top window, not a blocked popup
    assert p.title().startswith("Berezka")
    context.close()


def test_an_authors_embed_code_becomes_a_working_link(blog, browser, atlas):
    wp, posts, url = blog
    context = browser.new_context()
    p = context.new_page()
    p.goto(posts["author code"]["link"])
    assert p.locator("iframe").count() == 0
    for spec in atlas.maps:
        assert p.locator(f'a[href="{url}{spec.url}"]').inner_text() == spec.title
    p.locator(f'a[href="{url}maps/berezka.html"]').click()
    p.wait_for_url(f"{url}maps/berezka.html")
    wait_ready(p)
    assert p.evaluate(DRAWN) > 0
    context.close()


def test_an_administrators_embed_code_shows_the_maps(blog, browser, atlas):
    wp, posts, url = blog
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    watched = watch(context.new_page())
    p = watched.page
    p.goto(posts["admin code"]["link"])
    for spec in atlas.maps:
        selector = f'iframe[src="{url}{spec.url}"]'
        assert p.locator(selector).get_attribute("sandbox") is None
        assert "clipboard-write" in p.locator(selector).get_attribute("allow")  # WordPress kept it
        p.locator(selector).scroll_into_view_if_needed()
        frame = frame_of(p, selector)
        wait_ready(frame)
        assert frame.evaluate(DRAWN) > 0, spec.id
    # "Copy link" works from a plain cross-origin frame
    frame = frame_of(p, f'iframe[src="{url}maps/overview.html"]')
    frame.locator("details.atlas-share summary").click()
    frame.locator("details.atlas-share button", has_text="Copy link").click()
    frame.wait_for_function("[...document.querySelectorAll('details.atlas-share button')]"
                            ".some(b => b.textContent === 'Copied')")
    assert p.evaluate("navigator.clipboard.readText()").startswith(f"{url}maps/overview.html?year=")
    assert watched.errors == []
    context.close()


def test_the_block_editor_can_embed_a_map_url_for_an_author(blog):
    """Pasting a URL in the block editor asks WordPress's oEmbed proxy first; an Author may ask."""
    wp, _, url = blog
    answer = wp.rest("student", "/oembed/1.0/proxy", query=f"&url={url}maps/overview.html")
    assert answer["type"] == "rich" and answer["provider_name"]
    assert 'sandbox="allow-scripts"' in answer["html"] and f'src="{url}maps/overview.html#?secret=' in answer["html"]


def test_the_oembed_document_is_served_whatever_the_query(public_atlas):
    _, url = public_atlas
    with urlopen(f"{url}overview.oembed.json?maxwidth=600&maxheight=750&format=json") as response:
        assert json.loads(response.read())["type"] == "rich"
