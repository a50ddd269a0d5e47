"""Every page at phone and desktop width, in both languages: no control whose text is cut off,
no page that scrolls sideways, and a way back to the start page.

One Voila server (with the demo log, so charts and tables have content) serves every page; each
page renders once and is measured at 1280 px and at 390 px.
"""

from __future__ import annotations

import pytest
from conftest import every_page

pytestmark = pytest.mark.e2e

WIDTHS = (1280, 390)

# Text of a control is clipped when it needs more room than the box gives it (an ellipsis, a
# hidden overflow, or text running out of its box); hidden and empty elements do not count.
CLIPPED = """() => {
  const found = [];
  const selector = 'button, .jupyter-button, .widget-label, .widget-label-basic span, label';
  for (const el of document.querySelectorAll(selector)) {
    const text = (el.innerText || '').trim();
    if (!text || el.getClientRects().length === 0) continue;
    if (el.scrollWidth > el.clientWidth + 1) {
      found.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: "${text}"`
        + ` needs ${el.scrollWidth}px, has ${el.clientWidth}px`);
    }
  }
  // A dropdown shows its choice in a box that cannot wrap: every option's text must fit in it,
  // since the learner may pick any of them (measured in the select's own font).
  const ruler = document.createElement('canvas').getContext('2d');
  for (const el of document.querySelectorAll('select')) {
    if (el.getClientRects().length === 0 || el.multiple || el.size > 1) continue;
    const css = getComputedStyle(el);
    ruler.font = `${css.fontStyle} ${css.fontWeight} ${css.fontSize} ${css.fontFamily}`;
    const arrow = css.appearance === 'none' ? 0 : 20;  // the native arrow sits in the box
    const room = el.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight) - arrow;
    for (const option of el.options) {
      const text = option.text.trim();
      const need = Math.ceil(ruler.measureText(text).width);
      if (text && need > room + 1) {
        const owner = el.closest('[class*="oo-"]');
        const name = owner ? [...owner.classList].filter((c) => c.startsWith('oo-')).join('.') : '';
        found.push(`select in .${name}: "${text}" needs ${need}px, has ${room}px`);
      }
    }
  }
  return found;
}"""

SIDEWAYS = """() => {
  const cells = document.querySelector('#rendered_cells');
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) out.push(`page ${root.scrollWidth}px wide`);
  if (cells && cells.scrollWidth > cells.clientWidth + 1) {
    out.push(`content ${cells.scrollWidth}px in ${cells.clientWidth}px`);
    for (const el of cells.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > cells.clientWidth + 1 && el.children.length === 0) {
        out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ends at ${Math.round(box.right)}px`);
        if (out.length > 6) break;
      }
    }
  }
  // A box that scrolls sideways inside the page is a scroll nobody sees (a wide table).
  for (const el of document.querySelectorAll('#rendered_cells *')) {
    const overflow = getComputedStyle(el).overflowX;
    if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1
        && el.getClientRects().length > 0) {
      out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} scrolls sideways`
        + ` (${el.scrollWidth}px in ${el.clientWidth}px)`);
    }
  }
  return out;
}"""


def _id(page: tuple[str, str]) -> str:
    notebook, query = page
    return notebook.removesuffix(".ipynb") + (f"?{query}" if query else "")


@pytest.fixture(scope="module")
def layout_page(browser):
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.mark.parametrize("target", every_page(), ids=_id)
def test_no_clipped_text_and_no_sideways_scroll_at_phone_and_desktop_width(
    demo_voila, layout_page, target
):
    from conftest import wait_rendered

    notebook, query = target
    page = layout_page
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    page.goto(demo_voila.render_url(notebook, query), wait_until="domcontentloaded")
    wait_rendered(page)
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(200)  # let the layout settle after the resize
        problems += [f"{width}px clipped {p}" for p in page.evaluate(CLIPPED)]
        problems += [f"{width}px sideways: {p}" for p in page.evaluate(SIDEWAYS)]
    if not notebook.endswith("start.ipynb"):
        links = page.locator('a[href*="start.ipynb"]')
        assert links.count() >= 1, f"{_id(target)} has no link to the start page"
    else:  # the "Run all" note is for JupyterLab only
        assert not page.get_by_text("Run All Cells").first.is_visible()
    assert problems == [], f"{_id(target)}:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("lang", "name", "preparing"),
    [
        ("en", "One-on-one workbook", "Preparing your page…"),
        ("nl", "Werkboek één-op-ééngesprekken", "Je pagina wordt klaargezet…"),
    ],
)
def test_the_loading_screen_is_the_workbooks_own_in_the_pages_language(
    voila, browser, lang, name, preparing
):
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    try:
        page.goto(voila.render_url(f"{lang}/05_my_log.ipynb"), wait_until="commit")
        page.wait_for_selector("#oo-loading-name", timeout=60_000)
        assert page.inner_text("#oo-loading-name") == name
        assert page.inner_text("#loading_text") == preparing
        assert page.get_attribute("#loading", "role") == "status"
        from conftest import wait_rendered

        wait_rendered(page)
    finally:
        context.close()


def test_an_invalid_field_is_marked_for_screen_readers_and_gets_the_focus(voila, watch):
    page = watch.page
    watch.open(voila.render_url("en/05_my_log.ipynb"))
    page.locator(".oo-log-person input").fill("Kim")
    minutes = page.locator(".oo-log-planned-minutes input")
    minutes.fill("0")
    minutes.press("Tab")
    page.locator(".oo-log-save").click()
    page.locator(".oo-log-message").get_by_text("fix what is marked above").wait_for()
    page.wait_for_function(
        "() => document.querySelector('.oo-log-planned-minutes input')"
        "?.getAttribute('aria-invalid') === 'true'"
    )
    page.wait_for_function(
        "() => document.activeElement === document.querySelector('.oo-log-planned-minutes input')"
    )
    assert page.locator(".oo-log-person input").get_attribute("aria-invalid") is None
    watch.assert_clean()
