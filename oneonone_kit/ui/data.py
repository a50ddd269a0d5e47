"""The data panel: where the data lives, demo log, export, import, forget, delete everything.

In workshop mode the same panel speaks of "my workbook file": the participant downloads it
before leaving and continues from it next time. Everywhere it also offers the de-identified summary
for a facilitator (:mod:`oneonone_kit.insight.summary`).
"""

from __future__ import annotations

import base64

import ipywidgets as w

from .. import env
from ..errors import ImportProblem
from ..i18n import t
from ..log import transfer
from ..log.demo import load_demo, remove_demo
from ..log.setting_rules import bad_settings_text
from ..web import workshop
from . import session
from .cadence_view import CadenceControl
from .common import FIELD_STYLE, Message, esc, field_layout, safe_callback, style_widget


def download_link(payload: bytes, filename: str, label: str, mime: str) -> str:
    """An HTML link that saves ``payload`` as ``filename`` in the browser (works in Voila)."""
    data = base64.b64encode(payload).decode("ascii")
    return (
        f'<a download="{esc(filename)}" href="data:{mime};base64,{data}" '
        f'class="oo-download">{esc(label)}</a>'
    )


# Labels that say something else on a workshop server, where nothing stays on the server.
WORKSHOP_VARIANT = {
    "data.export": "workshop.data.export",
    "data.export_heading": "workshop.data.export_heading",
    "data.import_heading": "workshop.data.import_heading",
    "data.download_json": "workshop.data.download_json",
    "data.export_ready": "workshop.data.export_ready",
}
# Where a workshop server keeps the learner's data (web.workshop.location()).
WHERE_KEY = {"participant": "workshop.where.participant", "page": "workshop.where.page"}


def _label(key: str, lang: str) -> str:
    """``key`` in the learner's language; its workshop variant in workshop mode."""
    return t(WORKSHOP_VARIANT[key] if env.is_workshop() else key, lang)


def _auto_width() -> w.Layout:
    """A button's layout: long labels (Dutch ones especially) must not be cut."""
    return w.Layout(width="auto")


def _wrapping() -> w.Layout:
    """A row's layout: on a phone, buttons move to the next line."""
    return w.Layout(flex_flow="row wrap")


class DataPanel(w.VBox):
    """Everything about the learner's data in one place. Parts are attributes (see __init__)."""

    def __init__(self, lang: str | None = None):
        self.lang = L = lang or session.lang()
        self.last_error: Exception | None = None
        self.message = Message("oo-data-message")
        self.where = w.HTML("", _dom_classes=("oo-data-where",))
        self.demo_load = w.Button(
            description=t("demo.load", L), layout=_auto_width(), _dom_classes=("oo-demo-load",)
        )
        self.demo_remove = w.Button(
            description=t("demo.remove", L), layout=_auto_width(), _dom_classes=("oo-demo-remove",)
        )
        self.demo_state = w.HTML("", _dom_classes=("oo-demo-state",))
        self.cadence = CadenceControl(L)
        self.export = w.Button(
            description=_label("data.export", L),
            button_style="primary",
            layout=_auto_width(),
            _dom_classes=("oo-data-export",),
        )
        self.downloads = w.HTML("", _dom_classes=("oo-data-downloads",))
        self.upload = w.FileUpload(
            accept=".json,.csv",
            multiple=False,
            description=t("data.upload", L),
            layout=_auto_width(),
            _dom_classes=("oo-data-upload",),
        )
        self.import_button = w.Button(
            description=t("data.import", L), layout=_auto_width(), _dom_classes=("oo-data-import",)
        )
        self.existing = w.RadioButtons(
            options=[
                (t("data.existing_keep", L), "keep"),
                (t("data.existing_replace", L), "replace"),
            ],
            value="keep",
            description=t("data.existing_choice", L),
            style=FIELD_STYLE,
            layout=field_layout(),
            _dom_classes=("oo-data-existing",),
        )
        self.settings_warning = w.HTML("", _dom_classes=("oo-data-settings-warning",))
        self.repair = w.Button(
            description=t("data.repair_settings", L),
            button_style="warning",
            layout=_auto_width(),
            _dom_classes=("oo-data-repair",),
        )
        self.summary = w.Button(
            description=t("summary.prepare", L),
            layout=w.Layout(width="auto"),
            _dom_classes=("oo-data-summary",),
        )
        self.summary_link = w.HTML("", _dom_classes=("oo-data-summary-link",))
        self.forget_person = w.Dropdown(
            options=[],
            description=t("data.forget_person", L),
            style=FIELD_STYLE,
            layout=field_layout(),
            _dom_classes=("oo-data-forget-person",),
        )
        self.forget = w.Button(
            description=t("data.forget", L),
            button_style="warning",
            layout=_auto_width(),
            _dom_classes=("oo-data-forget",),
        )
        self.forget_state = w.HTML("", _dom_classes=("oo-data-forget-state",))
        self.forget_row = w.HBox([self.forget_person, self.forget], layout=_wrapping())
        self.confirm_delete = w.Checkbox(
            value=False,
            description=t("data.confirm_delete", L),
            indent=False,
            _dom_classes=("oo-data-confirm-delete",),
        )
        self.delete_all = w.Button(
            description=t("data.delete_all", L),
            button_style="danger",
            layout=_auto_width(),
            _dom_classes=("oo-data-delete-all",),
        )
        self.delete_row = w.HBox([self.confirm_delete, self.delete_all], layout=_wrapping())
        super().__init__(
            [
                style_widget(),
                self.where,
                self.settings_warning,
                self.repair,
                w.HTML(f"<h3>{esc(_label('data.export_heading', L))}</h3>"),
                w.HBox([self.export], layout=_wrapping()),
                self.downloads,
                w.HTML(f"<h3>{esc(_label('data.import_heading', L))}</h3>"),
                w.HTML(
                    f"<p>{esc(t('workshop.data.import_hint', L))}</p>" if env.is_workshop() else ""
                ),
                w.HBox([self.upload, self.import_button], layout=_wrapping()),
                self.existing,
                w.HTML(
                    f"<h3>{esc(t('summary.heading', L))}</h3><p>{esc(t('summary.what', L))}</p>"
                ),
                w.HBox([self.summary], layout=_wrapping()),
                self.summary_link,
                w.HTML(f"<h3>{esc(t('cadence.heading', L))}</h3>"),
                self.cadence,
                w.HTML(f"<h3>{esc(t('data.demo_heading', L))}</h3>"),
                self.demo_state,
                w.HBox([self.demo_load, self.demo_remove], layout=_wrapping()),
                w.HTML(f"<h3>{esc(t('data.delete_heading', L))}</h3>"),
                self.forget_state,
                self.forget_row,
                self.delete_row,
                self.message,
            ],
            _dom_classes=("oo-data-panel",),
        )
        self.demo_load.on_click(self._on_demo_load)
        self.demo_remove.on_click(self._on_demo_remove)
        self.export.on_click(self._on_export)
        self.summary.on_click(self._on_summary)
        self.import_button.on_click(self._on_import)
        self.repair.on_click(self._on_repair)
        self.forget.on_click(self._on_forget)
        self.delete_all.on_click(self._on_delete_all)
        self.refresh()
        session.on_change(self.refresh)

    @safe_callback()
    def refresh(self) -> None:
        L = self.lang
        if env.is_workshop():
            detail = t(WHERE_KEY[workshop.location()], L)
            self.where.value = (
                f'<div class="oo-workshop-where" role="note" style="background:#fff4cc;'
                f'border-left:4px solid #b58900;padding:6px 10px">'
                f"<strong>{esc(t('where.workshop', L))}</strong> {esc(detail)}</div>"
            )
        else:
            text = t("where.local", L, path=str(env.store_path()))
            self.where.value = f"<p>{esc(text)}</p>"
        store = session.store()
        people = store.people()
        self.forget_person.options = people
        # A control that cannot work yet is not shown; a line says why and what to do first.
        self.forget_row.layout.display = None if people else "none"
        self.forget_state.value = "" if people else f"<p>{esc(t('data.forget_nobody', L))}</p>"
        self.delete_row.layout.display = None if any(store.counts().values()) else "none"
        loaded = store.has_demo()
        self.demo_load.layout.display = "none" if loaded else None
        self.demo_remove.layout.display = None if loaded else "none"
        self.demo_remove.disabled = not loaded
        state = t("data.demo_is_loaded" if loaded else "data.demo_what", L)
        self.demo_state.value = f"<p>{esc(state)}</p>"
        warning = bad_settings_text(store.bad_settings(), L)
        self.repair.layout.display = "" if warning else "none"
        self.settings_warning.value = (
            f'<p class="oo-warning" role="alert">{esc(warning)}</p>' if warning else ""
        )

    @safe_callback()
    def _on_repair(self, _b=None) -> None:
        removed = session.store().repair_settings()
        self.message.show_ok(t("settings.repaired", self.lang, count=len(removed)))
        session.changed()
        self.refresh()

    @safe_callback()
    def _on_demo_load(self, _b=None) -> None:
        if session.store().has_demo():  # loading it twice would only replace it: say so instead
            self.message.show_info(t("data.demo_is_loaded", self.lang))
            return
        count = load_demo(session.store(), env.today(), self.lang)
        self.message.show_ok(t("demo.loaded", self.lang, count=count))
        session.changed()

    @safe_callback()
    def _on_demo_remove(self, _b=None) -> None:
        count = remove_demo(session.store())
        self.message.show_ok(t("demo.removed", self.lang, count=count))
        session.changed()

    @safe_callback()
    def _on_export(self, _b=None) -> None:
        store = session.store()
        stamp = env.today().isoformat()
        self.downloads.value = " · ".join(
            [
                download_link(
                    transfer.export_json(store),
                    f"oneonone-{stamp}.json",
                    _label("data.download_json", self.lang),
                    "application/json",
                ),
                download_link(
                    transfer.export_csv(store),
                    f"oneonone-meetings-{stamp}.csv",
                    t("data.download_csv", self.lang),
                    "text/csv",
                ),
            ]
        )
        self.message.show_ok(_label("data.export_ready", self.lang))

    @safe_callback()
    def _on_summary(self, _b=None) -> None:
        from ..insight.summary import TOKEN_SETTING, build_summary, new_token, summary_json

        store = session.store()
        token = store.get_setting(TOKEN_SETTING)
        if not token:
            token = new_token()
            store.set_setting(TOKEN_SETTING, token)
        summary = build_summary(
            store.meetings(),
            store.commitments(),
            store.experiments(),
            store.assessments(),
            today=env.today(),
            token=token,
        )
        self.summary_link.value = download_link(
            summary_json(summary),
            f"oneonone-summary-{env.today().isoformat()}.json",
            t("summary.download", self.lang),
            "application/json",
        )
        ready = t("summary.ready", self.lang)
        if store.has_demo():
            ready += " " + t("summary.demo_left_out", self.lang)
        self.message.show_ok(ready)

    @safe_callback()
    def _on_import(self, _b=None) -> None:
        files = list(self.upload.value)
        if not files:
            self.message.show_error(t("data.choose_file", self.lang))
            return
        item = files[0]
        name = str(item["name"])
        payload = bytes(item["content"])
        if not name.lower().endswith((".json", ".csv")):
            self.message.show_error(t("data.wrong_type", self.lang, name=name))
            return
        store = session.store()
        try:
            parsed = transfer.read_file(name, payload, today=env.today())
            counts = transfer.write(store, parsed, replace=self.existing.value == "replace")
        except ImportProblem as problem:
            self.message.show_error(problem.message(self.lang), problem.row_messages(self.lang))
            return
        self.message.show_ok(transfer.summary(counts, self.lang))
        session.changed()

    @safe_callback()
    def _on_forget(self, _b=None) -> None:
        person = self.forget_person.value
        if not person:
            self.message.show_error(t("data.choose_person", self.lang))
            return
        count = session.store().forget_person(person)
        self.message.show_ok(t("data.forgotten", self.lang, person=person, count=count))
        session.changed()

    @safe_callback()
    def _on_delete_all(self, _b=None) -> None:
        if not self.confirm_delete.value:
            self.message.show_error(t("data.confirm_first", self.lang))
            return
        count = session.store().delete_everything()
        self.confirm_delete.value = False
        self.downloads.value = ""
        self.message.show_ok(t("data.deleted_all", self.lang, count=count))
        session.changed()


def data_panel(lang: str | None = None) -> DataPanel:
    """The data panel for this page's language."""
    return DataPanel(lang)


__all__ = ["DataPanel", "data_panel", "download_link"]
