"""The ui builders' HTML, written out by hand: the behaviours `make mutate` found unpinned."""

from __future__ import annotations

import base64
import re
import struct

import ipywidgets as w
import matplotlib
import pytest
from matplotlib.figure import Figure

from oneonone_kit.ui.common import Message, copy_button, esc, figure_html, table_html


def test_a_table_is_exactly_its_escaped_cells_with_their_column_names():
    html = table_html(["Name", "Note"], [["<b>Ann</b>", "a & b"], ["Bo", ""]], "oo-extra")
    assert html == (
        '<div class="oo-table-wrap"><table class="oo-table oo-list-on-phone oo-extra">'
        "<thead><tr><th scope='col'>Name</th><th scope='col'>Note</th></tr></thead><tbody>"
        '<tr><td data-label="Name">&lt;b&gt;Ann&lt;/b&gt;</td><td data-label="Note">a &amp; b</td></tr>'
        '<tr><td data-label="Name">Bo</td><td data-label="Note"></td></tr>'
        "</tbody></table></div>"
    )


def test_an_info_message_is_an_escaped_status_line():
    message = Message("oo-test")
    message.show_info("Saved <3")
    assert message.value == '<div class="oo-info" role="status">Saved &lt;3</div>'
    assert message.kind == "info"


def test_a_new_message_is_empty_and_of_no_kind():
    message = Message("oo-test")
    assert message.value == ""
    assert message.kind == ""
    assert message.text == ""
    assert message._dom_classes == ("oo-message", "oo-test")


def test_a_message_passes_its_other_settings_to_the_widget():
    message = Message("oo-test", layout=w.Layout(width="12em"))
    assert message.layout.width == "12em"


def test_a_message_cannot_be_made_with_unescaped_html_it_only_shows_through_show():
    with pytest.raises(TypeError):
        Message("oo-test", value="<script>alert(1)</script>")


def test_an_error_with_detail_lines_is_an_alert_with_an_escaped_list():
    message = Message("oo-test")
    message.show_error("Not saved: 2 problems", ["Date <empty>", "Mood & energy"])
    assert message.value == (
        '<div class="oo-error" role="alert">Not saved: 2 problems'
        "<ul><li>Date &lt;empty&gt;</li><li>Mood &amp; energy</li></ul></div>"
    )
    assert message.kind == "error"
    assert message.text == "Not saved: 2 problems  Date <empty>  Mood & energy"


def test_a_cleared_message_hides_its_box_and_has_no_kind():
    message = Message("oo-test")
    message.show_error("Not saved", ["Date is empty"])
    message.clear()
    assert message.value == ""
    assert message.kind == ""
    assert message.text == ""


def test_esc_escapes_both_quotes_so_text_cannot_leave_an_attribute():
    assert esc("""a "b" 'c' <d> & e""") == "a &quot;b&quot; &#x27;c&#x27; &lt;d&gt; &amp; e"
    assert esc(42) == "42"


def test_the_copy_button_is_exactly_a_button_whose_click_copies_the_source_and_says_done():
    button = copy_button("Copy <all>", "#oo-agenda textarea", 'Copied "it"')
    assert button.value == (
        '<button type="button" class="jupyter-button widget-button oo-copy-button" onclick="'
        "var box=this.closest(&#x27;.oo-copy-scope&#x27;)||document;"
        "var el=box.querySelector(&quot;#oo-agenda textarea&quot;);if(!el){return;}"
        "el.select();var ok=false;try{ok=document.execCommand(&#x27;copy&#x27;);}catch(e){}"
        "if(navigator.clipboard){navigator.clipboard.writeText(el.value).catch(function(){});}"
        "this.textContent=&quot;Copied \\&quot;it\\&quot;&quot;;"
        '">Copy &lt;all&gt;</button>'
    )
    assert button._dom_classes == ("oo-copy",)


def _box_figure(dpi: int) -> Figure:
    """A 4 x 2 inch figure whose only content is a bare 2 x 1 inch box in its middle."""
    fig = Figure(figsize=(4, 2), dpi=dpi)
    fig.add_axes((0.25, 0.25, 0.5, 0.5)).set_axis_off()
    return fig


def _png_in(img: str) -> bytes:
    match = re.fullmatch(
        r'<img class="[^"]*" src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="[^"]*" '
        r'style="max-width:100%;height:auto">',
        img,
    )
    assert match, img
    return base64.b64decode(match.group(1))


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def test_a_figure_is_a_png_cut_to_its_content_at_100_dpi_whatever_the_figure_says():
    # the box is 2 x 1 inches; cut tight with matplotlib's 0.1 inch pad: 2.2 x 1.2 inches
    img = figure_html(_box_figure(dpi=72), "Mood over time")
    assert img.startswith('<img class="oo-chart" src="data:image/png;base64,')
    assert _png_size(_png_in(img)) == (220, 120)


def test_a_figure_asked_for_at_200_dpi_is_twice_as_many_pixels():
    assert _png_size(_png_in(figure_html(_box_figure(dpi=72), "x", dpi=200))) == (440, 240)


def test_a_figure_is_a_png_even_where_matplotlib_saves_svg_by_default():
    with matplotlib.rc_context({"savefig.format": "svg"}):
        img = figure_html(_box_figure(dpi=72), "x")
    assert _png_size(_png_in(img)) == (220, 120)


def test_a_figures_alt_text_and_class_are_escaped_and_present():
    img = figure_html(_box_figure(dpi=72), 'Ann\'s "mood" <5 & rising', css_class='oo-a"b')
    assert img.startswith('<img class="oo-a&quot;b" src="data:image/png;base64,')
    assert img.endswith(
        '" alt="Ann&#x27;s &quot;mood&quot; &lt;5 &amp; rising" style="max-width:100%;height:auto">'
    )
