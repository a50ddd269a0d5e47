"""The ui builders' HTML, written out by hand: the behaviours `make mutate` found unpinned."""

from __future__ import annotations

from oneonone_kit.ui.common import Message, table_html


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
