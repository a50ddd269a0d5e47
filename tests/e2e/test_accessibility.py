"""Accessibility in a real browser: axe-core audits, accessible names, page language, keyboard.

axe-core comes from npm (``package.json``; ``make test`` installs it into ``node_modules``) and
is injected into each page after Voila has rendered it. A violation of impact "serious" or
"critical" fails the test; "moderate" and "minor" ones are printed. Voila's page scrolls inside
``#rendered_cells``, and axe skips the contrast of what lies outside the viewport, so each page
is audited with the viewport enlarged to the whole content.
"""

from __future__ import annotations

import pytest
from conftest import ROOT, PageWatch

pytestmark = pytest.mark.e2e

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")

# The pages of the audit: start page, a chapter, the observer panel, the log, a Dutch page.
PAGES = {
    "start": ("start.ipynb", ""),
    "chapter": ("en/03_seven_needs.ipynb", ""),
    "observer": ("exercises/en/02_role_play_trio.ipynb", ""),
    "log": ("en/05_my_log.ipynb", ""),
    "dutch-log": ("nl/05_my_log.ipynb", ""),
    "dutch-start": ("start.ipynb", "lang=nl"),
}

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


def open_page(browser, server, notebook: str, query: str = "") -> tuple[object, PageWatch]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    watch = PageWatch(page)
    watch.open(server.render_url(notebook, query))
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
            nodes: v.nodes.map((n) => n.target.join(' ')),
          }));
        }"""
    )


def assert_no_serious_violations(violations: list[dict], where: str) -> None:
    """Fail on serious and critical violations; print every violation either way."""
    for v in violations:
        print(f"{where}: [{v['impact']}] {v['id']}: {v['help']} ({v['url']})")
        for target in v["nodes"][:10]:
            print(f"    {target}")
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert not failing, f"{where}: " + "; ".join(
        f"[{v['impact']}] {v['id']}: {v['help']} at {', '.join(v['nodes'][:5])}" for v in failing
    )


# ---- each page as it opens ------------------------------------------------------------------
@pytest.fixture(scope="module")
def page_report(browser, demo_voila, axe_script):
    """What each page shows as it opens, looked at once per page: axe's violations, every form
    field with its name and label, the page's language and its main landmarks."""
    seen: dict[str, dict] = {}

    def report(page_name: str) -> dict:
        if page_name not in seen:
            context, watch = open_page(browser, demo_voila, *PAGES[page_name])
            try:
                page = watch.page
                seen[page_name] = {
                    "violations": audit(page, axe_script),
                    "fields": page.evaluate(FIELDS_JS),
                    "lang": page.evaluate("document.documentElement.lang"),
                    "mains": page.locator("main, [role=main]").count(),
                    "h1_in_main": page.locator("main h1, [role=main] h1").count(),
                }
                watch.assert_clean()
            finally:
                context.close()
        return seen[page_name]

    return report


@pytest.mark.parametrize("page_name", list(PAGES))
def test_page_has_no_serious_accessibility_violations(page_report, page_name):
    assert_no_serious_violations(page_report(page_name)["violations"], page_name)


@pytest.mark.parametrize("page_name", list(PAGES))
def test_every_field_has_a_visible_label_and_an_accessible_name(page_report, page_name):
    fields = page_report(page_name)["fields"]
    assert fields, f"{page_name}: no form field found; the page did not render its widgets"
    unnamed = [f for f in fields if not f["name"] or not f["visibleLabel"]]
    assert not unnamed, f"{page_name}: fields without a visible label or name: {unnamed}"


@pytest.mark.parametrize("page_name", list(PAGES))
def test_page_tells_its_language_and_has_a_main_landmark(page_report, page_name):
    """A Dutch page marked lang="en" is read aloud with English pronunciation."""
    report = page_report(page_name)
    notebook, query = PAGES[page_name]
    expected = "nl" if "/nl/" in f"/{notebook}" or "lang=nl" in query else "en"
    assert report["lang"] == expected
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
        assert_no_serious_violations(audit(page, axe_script), "log form with errors")
        page.locator(".oo-log-person input").fill("Robin")
        page.locator(".oo-log-save").click()
        page.locator(".oo-log-message").get_by_text("Saved").wait_for()
        assert_no_serious_violations(audit(page, axe_script), "log form after saving")
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
        assert_no_serious_violations(audit(page, axe_script), "observer panel while counting")
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
