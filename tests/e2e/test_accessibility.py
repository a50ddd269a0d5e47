"""Accessibility in a real browser, on every page the app serves: axe-core audits, accessible
names, page language, keyboard; and on the same visit, the page's requests and console.

axe-core comes from npm (``package.json``; ``make test`` installs it into ``node_modules``) and
is injected into each page after Voila has rendered it. Every page of both languages is opened
once, with the demo log loaded (and the group view fed three summaries) so charts and lists
show; that one visit is looked at for everything below. A violation of impact "moderate",
"serious" or "critical" fails, unless its rule and element are on :data:`FRAMEWORK_FLOOR`
(markup of Voila, ipywidgets or JupyterLab that we cannot change); "minor" ones are printed.
Voila's page scrolls inside ``#rendered_cells``, and axe skips the contrast of what lies outside
the viewport, so each page is audited with the viewport enlarged to the whole content.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, PageWatch, wait_rendered

pytestmark = pytest.mark.e2e

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ("moderate", "serious", "critical")
LANGS = ("en", "nl")

# Findings in markup that Voila, ipywidgets or JupyterLab write and we cannot change: axe rule
# id, a pattern for the element (its CSS path as axe gives it), and why it is not ours.
# Anything else fails; a finding in our own markup is fixed, never added here.
FRAMEWORK_FLOOR: tuple[tuple[str, str, str], ...] = ()

GROUP_VIEW = "notebooks/facilitator/cohort.ipynb"
# Pages without a form field: the text pages made from docs/ by tools/doc_pages.py, and the
# group view (its one control is a file upload button).
NO_FIELD_PAGES = ("facilitator_guide", "references", "group_view")


def audited_pages() -> dict[str, tuple[str, str]]:
    """Every page the app serves, per language: name -> (notebook, query). Found in the trees,
    so a new chapter or exercise is audited without editing this test."""
    pages: dict[str, tuple[str, str]] = {}
    for lang in LANGS:
        pages[f"{lang}/start"] = ("notebooks/start.ipynb", f"lang={lang}")
        for tree in ("notebooks", "exercises"):
            for notebook in sorted((ROOT / tree / lang).glob("*.ipynb")):
                pages[f"{lang}/{tree}/{notebook.stem}"] = (f"{tree}/{lang}/{notebook.name}", "")
        pages[f"{lang}/group_view"] = (GROUP_VIEW, f"lang={lang}")
    return pages


PAGES = audited_pages()

# Every form field that is shown, with its accessible name and whether a label you can see
# gives it that name (a placeholder or a title alone is not a label).
FIELDS_JS = """() => {
  axe.setup(document);
  const shown = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
    && getComputedStyle(el).visibility !== 'hidden';
  const out = [];
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.type === 'hidden' || !shown(el)) continue;
    const labels = Array.from(el.labels || []);
    const byId = (el.getAttribute('aria-labelledby') || '').split(/\\s+/)
      .map((id) => id && document.getElementById(id)).filter(Boolean);
    const visible = [...labels, ...byId].some((l) => shown(l) && l.innerText.trim());
    const where = el.closest('[class*="oo-"]');
    out.push({
      field: el.tagName.toLowerCase() + (el.type ? `[type=${el.type}]` : ''),
      where: where ? Array.from(where.classList).filter((c) => c.startsWith('oo-')).join('.') : '',
      name: axe.commons.text.accessibleText(el).trim(),
      visibleLabel: visible,
    });
  }
  axe.teardown();
  return out;
}"""


@pytest.fixture(scope="module")
def axe_script() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `make test` (it runs npm ci).")
    return str(AXE)


def open_page(
    browser, server, notebook: str, query: str = "", check: bool = True
) -> tuple[object, PageWatch]:
    """A new browser context with ``notebook`` rendered in it; ``check`` fails at once on what
    the watcher saw while it loaded (the audit's own visit looks at it later instead)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    watch = PageWatch(page)
    if check:
        watch.open(server.render_url(notebook, query))
    else:
        page.goto(server.render_url(notebook, query), wait_until="domcontentloaded", timeout=90_000)
        wait_rendered(page)
    return context, watch


NEXT_FRAMES_JS = (
    "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
)


def show_everything(page) -> None:
    """Make the viewport as tall as the content, so axe checks the contrast of all of it."""
    hidden_js = (
        "() => { const r = document.querySelector('#rendered_cells');"
        " return Math.max(r.scrollHeight - r.clientHeight,"
        " document.documentElement.scrollHeight - window.innerHeight); }"
    )
    for _ in range(8):  # the layout may grow once more at the new size
        hidden = page.evaluate(hidden_js)
        if hidden <= 1:
            return
        size = page.viewport_size
        page.set_viewport_size({"width": size["width"], "height": size["height"] + hidden + 50})
        page.evaluate(NEXT_FRAMES_JS)  # the browser lays the page out at the new size first
    raise AssertionError(f"{hidden}px of the page still scroll out of the viewport")


def audit(page, axe_script: str) -> list[dict]:
    """axe's violations on the page as it is now (axe is injected once per page)."""
    show_everything(page)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=axe_script)
    return page.evaluate(
        """async () => {
          const result = await axe.run(document, {resultTypes: ['violations']});
          return result.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
            nodes: v.nodes.map((n) => n.target.join(' ') + '  ' + n.html.slice(0, 160)),
          }));
        }"""
    )


def on_the_floor(rule: str, node: str) -> bool:
    """True when the finding ``rule`` on element ``node`` is framework markup we cannot change."""
    return any(rule == id_ and re.search(where, node) for id_, where, _ in FRAMEWORK_FLOOR)


def assert_no_violations_beyond_the_floor(violations: list[dict], where: str) -> None:
    """Fail on moderate, serious and critical violations outside the framework floor; print
    every violation either way."""
    failing = []
    for v in violations:
        print(f"{where}: [{v['impact']}] {v['id']}: {v['help']} ({v['url']})")
        ours = [node for node in v["nodes"] if not on_the_floor(v["id"], node)]
        for node in v["nodes"][:10]:
            print(f"    {'ours ' if node in ours else 'floor'} {node}")
        if v["impact"] in FAILING_IMPACTS and ours:
            failing.append(f"[{v['impact']}] {v['id']}: {v['help']} at {' | '.join(ours[:5])}")
    assert not failing, f"{where}: " + "; ".join(failing)


def show_group_results(page, tmp_path) -> None:
    """Feed the group view three summaries, so its tables and lists are audited too."""
    from test_webapp import choose_files, write_summaries

    choose_files(page, ".oo-cohort-upload", write_summaries(tmp_path, 3))
    page.locator(".oo-cohort-show").click()
    page.locator(".oo-cohort-result table.oo-cohort-needs").wait_for()


# ---- each page as it opens: one visit per page and language ---------------------------------
@pytest.fixture(scope="module")
def page_report(browser, demo_voila, axe_script, tmp_path_factory):
    """What each page shows as it opens, looked at once per page: axe's violations, every form
    field with its name and label, the page's language and main landmark, every request it
    made and every error the watcher saw (console, page errors, words of a failure)."""
    seen: dict[str, dict] = {}

    def report(page_name: str) -> dict:
        if page_name not in seen:
            notebook, query = PAGES[page_name]
            context, watch = open_page(browser, demo_voila, notebook, query, check=False)
            try:
                page = watch.page
                if notebook == GROUP_VIEW:
                    show_group_results(page, tmp_path_factory.mktemp("summaries"))
                found = {
                    "violations": audit(page, axe_script),
                    "fields": page.evaluate(FIELDS_JS),
                    "lang": page.evaluate("document.documentElement.lang"),
                    "mains": page.locator("main, [role=main]").count(),
                    "h1_in_main": page.locator("main h1, [role=main] h1").count(),
                }
                try:
                    watch.errors, errors = [], watch.errors
                    watch.assert_clean()  # the words on the page
                    found["shows"] = ""
                except AssertionError as failure:
                    found["shows"] = str(failure)
                found["errors"] = [e for e in errors if not e.startswith("outside request:")]
                found["requests"] = list(watch.requests)
                found["outside"] = watch.outside_requests()
                seen[page_name] = found
            finally:
                context.close()
        return seen[page_name]

    return report


def test_every_served_page_is_audited():
    """The audit's page list covers what the app serves: both start pages, chapters 00-06, the
    exercises, the group view and the text pages, in both languages."""
    names = set(PAGES)
    for lang in LANGS:
        chapters = {n for n in names if re.fullmatch(f"{lang}/notebooks/0[0-6]_.*", n)}
        assert len(chapters) == 7, chapters
        assert len({n for n in names if n.startswith(f"{lang}/exercises/")}) >= 3
        for page in ("start", "group_view", "notebooks/references", "notebooks/facilitator_guide"):
            assert f"{lang}/{page}" in names
    assert len(names) >= 28


@pytest.mark.parametrize("page_name", list(PAGES))
def test_page_has_no_accessibility_violations_beyond_the_framework_floor(page_report, page_name):
    assert_no_violations_beyond_the_floor(page_report(page_name)["violations"], page_name)


@pytest.mark.parametrize("page_name", list(PAGES))
def test_page_asks_nothing_of_another_host(page_report, page_name):
    """Every request the page made is to this server (the harness blocks the rest; this names
    them)."""
    report = page_report(page_name)
    assert report["requests"], f"{page_name}: no request seen; the watcher is not listening"
    assert report["outside"] == [], f"{page_name} asked other hosts for {report['outside']}"


@pytest.mark.parametrize("page_name", list(PAGES))
def test_page_shows_and_logs_no_error(page_report, page_name):
    report = page_report(page_name)
    assert report["shows"] == "", f"{page_name}: {report['shows']}"
    assert report["errors"] == [], f"{page_name}: {report['errors']}"


@pytest.mark.parametrize("page_name", list(PAGES))
def test_every_field_has_a_visible_label_and_an_accessible_name(page_report, page_name):
    fields = page_report(page_name)["fields"]
    if page_name.rsplit("/", 1)[-1] in NO_FIELD_PAGES:
        assert fields == [], f"{page_name} has no form, yet shows form fields"
    else:
        assert fields, f"{page_name}: no form field found; the page did not render its widgets"
    unnamed = [f for f in fields if not f["name"] or not f["visibleLabel"]]
    assert not unnamed, f"{page_name}: fields without a visible label or name: {unnamed}"


@pytest.mark.parametrize("page_name", list(PAGES))
def test_page_tells_its_language_and_has_a_main_landmark(page_report, page_name):
    """A Dutch page marked lang="en" is read aloud with English pronunciation."""
    report = page_report(page_name)
    assert report["lang"] == page_name.split("/", 1)[0]
    assert report["mains"] == 1
    assert report["h1_in_main"] >= 1, "the page's content sits inside the main landmark"


# ---- axe after the interactions that change what is shown ------------------------------------
def test_log_form_errors_and_a_saved_meeting_stay_accessible(browser, demo_voila, axe_script):
    context, watch = open_page(browser, demo_voila, "en/05_my_log.ipynb")
    page = watch.page
    try:
        page.locator(".oo-log-person input").fill("")
        page.locator(".oo-log-save").click()
        page.locator(".oo-log-message [role=alert]").wait_for()
        assert_no_violations_beyond_the_floor(audit(page, axe_script), "log form with errors")
        page.locator(".oo-log-person input").fill("Robin")
        page.locator(".oo-log-save").click()
        page.locator(".oo-log-message").get_by_text("Saved").wait_for()
        assert_no_violations_beyond_the_floor(audit(page, axe_script), "log form after saving")
        watch.assert_clean()
    finally:
        context.close()


def test_observer_panel_while_counting_stays_accessible(browser, demo_voila, axe_script):
    context, watch = open_page(browser, demo_voila, "exercises/en/02_role_play_trio.ipynb")
    page = watch.page
    try:
        page.locator(".oo-obs-leader-speaking").click()
        page.wait_for_function(
            "() => document.querySelector('.oo-obs-leader-speaking').classList.contains('mod-info')"
        )
        page.locator(".oo-obs-count-open").click()
        page.locator(".oo-obs-summarise").click()
        page.locator(".oo-obs-summary pre").wait_for()
        assert_no_violations_beyond_the_floor(
            audit(page, axe_script), "observer panel while counting"
        )
        page.locator(".oo-obs-pause").click()
        watch.assert_clean()
    finally:
        context.close()


# ---- the keyboard ----------------------------------------------------------------------------
def focus_by_tab(page, css: str, limit: int = 80) -> int:
    """Press Tab until the element matching ``css`` (or a part of it) has the focus."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(css) => !!document.activeElement && !!document.activeElement.closest(css)", css
        ):
            return presses
    raise AssertionError(f"{limit} presses of Tab never reached {css}")


def test_log_form_works_from_the_keyboard(browser, demo_voila):
    context, watch = open_page(browser, demo_voila, "en/05_my_log.ipynb")
    page = watch.page
    message = page.locator(".oo-log-message")
    try:
        page.locator(".oo-log-person input").focus()
        page.keyboard.press("Control+A")
        page.keyboard.type("Kim")
        focus_by_tab(page, ".oo-log-need-growth")
        page.keyboard.press("Space")
        assert page.locator(".oo-log-need-growth input").is_checked()
        focus_by_tab(page, ".oo-log-save")
        outline = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return s.outlineStyle !== 'none' || s.boxShadow !== 'none'; }"
        )
        assert outline, "the focused save button shows no focus ring"
        page.keyboard.press("Enter")
        message.get_by_text("Saved: Kim").wait_for()
        first = message.inner_text()
        assert first.startswith("Saved: Kim")
        # The button keeps the focus; the form kept only the date, so a second press asks for
        # the person instead of logging Kim twice (issue 13).
        page.keyboard.press("Space")
        page.locator(".oo-log-error-person").get_by_text("This field is needed.").wait_for()
        watch.assert_clean()
    finally:
        context.close()
