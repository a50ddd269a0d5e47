"""A cheap, reliable page: a page whose kernel dies ends with a message; the kit's bytecode is
written once at start instead of compiled by every page's kernel; the app's kernels share style
widgets between widgets that look alike."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from kit_helpers import run_alone

from oneonone_kit.web import ending, webapp
from oneonone_kit.web import kernel as app_kernel


class FakeKernels:
    """The two things :mod:`ending` asks of Voila's kernel manager."""

    def __init__(self, *ids: str) -> None:
        self.ids = set(ids)
        self.stopped: list[tuple[str, bool]] = []

    def __contains__(self, kernel_id: str) -> bool:
        return kernel_id in self.ids

    async def shutdown_kernel(self, kernel_id: str, now: bool = False) -> None:
        self.stopped.append((kernel_id, now))
        self.ids.discard(kernel_id)


class FakeLog:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def exception(self, message: str, *args) -> None:
        self.errors.append(message % args)

    def warning(self, message: str, *args) -> None:
        self.errors.append(message % args)


def _renderer(query: str, path: str, kernels: FakeKernels):
    handler = SimpleNamespace(request=SimpleNamespace(query=query), kernel_manager=kernels)
    return SimpleNamespace(request_handler=handler, notebook_path=path, log=FakeLog())


async def _snippets(fail: bool):
    yield "<html><body>", {"r": 1}
    yield '<div id="loading">', {"r": 1}
    if fail:
        raise RuntimeError("Kernel died before replying to kernel_info")
    yield "</body></html>", {"r": 1}


def _collect(renderer, fail: bool, kernel_id: str = "k-1") -> list[tuple[str, object]]:
    async def run():
        pieces = ending.ending(renderer, _snippets(fail), kernel_id, webapp.page_lang)
        return [piece async for piece in pieces]

    return run_alone(run())


def test_a_page_that_renders_passes_through_untouched():
    kernels = FakeKernels("k-1")
    renderer = _renderer("", "notebooks/en/01_mindset.ipynb", kernels)
    got = _collect(renderer, fail=False)
    assert [html for html, _ in got] == ["<html><body>", '<div id="loading">', "</body></html>"]
    assert kernels.stopped == []
    assert renderer.log.errors == []


def test_a_page_whose_kernel_dies_ends_with_the_message_and_its_kernel_stopped():
    kernels = FakeKernels("k-1")
    renderer = _renderer("", "notebooks/nl/05_my_log.ipynb", kernels)
    got = _collect(renderer, fail=True)
    assert [html for html, _ in got[:2]] == ["<html><body>", '<div id="loading">']
    assert len(got) == 3
    last, resources = got[2]
    assert resources == {"r": 1}
    assert "<h1>Deze pagina kon niet starten</h1>" in last  # the folder nl/ decides
    assert last.rstrip().endswith("</html>")
    assert kernels.stopped == [("k-1", True)]
    assert renderer.log.errors == ["The page notebooks/nl/05_my_log.ipynb could not be rendered"]


def test_the_message_follows_the_address_language_over_the_folder():
    renderer = _renderer("lang=en", "notebooks/nl/05_my_log.ipynb", FakeKernels("k-1"))
    [*_, (last, _)] = _collect(renderer, fail=True)
    assert "<h1>This page could not start</h1>" in last


def test_an_unknown_language_or_a_gone_kernel_still_ends_the_page():
    kernels = FakeKernels()  # jupyter_client removed the dead kernel already
    renderer = _renderer("lang=xx", "notebooks/en/05_my_log.ipynb", kernels)
    [*_, (last, _)] = _collect(renderer, fail=True)
    assert "<h1>This page could not start</h1>" in last
    assert kernels.stopped == []


def test_the_failed_page_hides_the_loading_screen_and_escapes_its_text():
    page = ending.failed_page_html("en")
    assert "#loading { display: none !important; }" in page
    assert "#rendered_cells { display: block !important; }" in page
    assert 'role="alert" lang="en"' in page
    # "workbook's" in the catalogue: the apostrophe arrives escaped
    assert "the workbook&#x27;s server" in page


def test_install_wraps_voilas_page_generator_once():
    from voila.notebook_renderer import NotebookRenderer

    ending.install(webapp.page_lang)
    wrapped = NotebookRenderer.generate_content_generator
    ending.install(webapp.page_lang)
    assert NotebookRenderer.generate_content_generator is wrapped
    assert wrapped.always_ends is True


def test_compile_package_writes_bytecode_even_where_python_writes_none(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    (package / "inner").mkdir(parents=True)
    (package / "a.py").write_text("A = 1\n")
    (package / "inner" / "b.py").write_text("B = 2\n")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert webapp.compile_package(package) is True
    for source in (package / "a.py", package / "inner" / "b.py"):
        assert Path(importlib.util.cache_from_source(str(source))).is_file()


def test_compile_package_says_so_when_a_module_cannot_be_compiled(tmp_path):
    (tmp_path / "broken.py").write_text("def (:\n")
    assert webapp.compile_package(tmp_path) is False


@pytest.fixture
def restored_ipywidgets(monkeypatch):
    """share_styles() changes ipywidgets for the whole process: undone after the test."""
    from ipywidgets.widgets.trait_types import InstanceDict

    for name in ("validate", "make_dynamic_default"):
        monkeypatch.setattr(InstanceDict, name, getattr(InstanceDict, name))
    return monkeypatch


def test_outside_the_apps_kernels_every_widget_keeps_its_own_style(restored_ipywidgets):
    import ipywidgets as w

    restored_ipywidgets.delenv(app_kernel.APP_KERNEL_ENV, raising=False)
    assert app_kernel.share_styles() is False
    first, second = w.Button(description="a"), w.Button(description="b")
    assert first.style is not second.style


def test_in_the_apps_kernels_widgets_that_look_alike_share_one_style(restored_ipywidgets):
    import ipywidgets as w

    restored_ipywidgets.setenv(app_kernel.APP_KERNEL_ENV, "1")
    assert app_kernel.share_styles() is True
    assert app_kernel.share_styles() is True  # a second call changes nothing
    plain_a, plain_b = w.Button(description="a"), w.Button(description="b")
    wide_a = w.Text(style={"description_width": "initial"})
    wide_b = w.Text(style={"description_width": "initial"})
    narrow = w.Text(style={"description_width": "3em"})
    assert plain_a.style is plain_b.style
    assert wide_a.style is wide_b.style
    assert wide_a.style is not narrow.style
    assert narrow.style.description_width == "3em"
    assert plain_a.style is not wide_a.style  # a ButtonStyle is never a TextStyle
    # Layouts are changed per widget (hidden, widened), so each keeps its own.
    assert plain_a.layout is not plain_b.layout
    plain_a.style.close()  # a closed style is never handed out again
    assert w.Button().style is not plain_a.style
