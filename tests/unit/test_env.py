"""Where the kit runs, where its data lives and which day and language it uses."""

from __future__ import annotations

import datetime as dt
import stat
import sys
import types
from pathlib import Path

import pytest

from oneonone_kit import env
from oneonone_kit.errors import KitError, UnknownLanguageError


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ---- runtime detection ---------------------------------------------------------------------
def test_voila_detected_from_server_software(tmp_home, monkeypatch):
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    assert env.is_voila()
    assert env.runtime() == "voila"


def test_other_server_software_is_not_voila(tmp_home, monkeypatch):
    monkeypatch.setenv("SERVER_SOFTWARE", "TornadoServer/6.4")
    assert not env.is_voila()
    monkeypatch.delenv("SERVER_SOFTWARE")
    assert not env.is_voila()


def test_jupyterhub_detected_from_jupyterhub_user_and_wins_over_voila(tmp_home, monkeypatch):
    assert not env.is_jupyterhub()
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    monkeypatch.setenv("JUPYTERHUB_USER", "ann")
    assert env.is_jupyterhub()
    assert env.runtime() == "jupyterhub"


def test_empty_jupyterhub_user_is_not_jupyterhub(tmp_home, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "")
    assert not env.is_jupyterhub()


@pytest.mark.parametrize("value", ["workshop", "WORKSHOP", " Workshop "])
def test_workshop_mode_from_oneonone_mode_wins_over_everything(tmp_home, monkeypatch, value):
    monkeypatch.setenv("ONEONONE_MODE", value)
    monkeypatch.setenv("SERVER_SOFTWARE", "voila/0.5.13")
    monkeypatch.setenv("JUPYTERHUB_USER", "ann")
    assert env.is_workshop()
    assert env.runtime() == "workshop"


@pytest.mark.parametrize("value", ["", "local", "workshops"])
def test_other_oneonone_mode_values_are_not_workshop(tmp_home, monkeypatch, value):
    monkeypatch.setenv("ONEONONE_MODE", value)
    assert not env.is_workshop()


def test_runtime_is_jupyter_in_a_kernel_and_script_otherwise(tmp_home, monkeypatch):
    monkeypatch.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))
    assert env.runtime() == "jupyter"
    monkeypatch.delitem(sys.modules, "ipykernel")
    assert env.runtime() == "script"


# ---- data dir ------------------------------------------------------------------------------
def test_data_dir_from_oneonone_home_is_created_private(tmp_home):
    assert not tmp_home.exists()
    assert env.data_dir() == tmp_home
    assert tmp_home.is_dir()
    assert _mode(tmp_home) == 0o700


def test_data_dir_without_create_does_not_touch_disk(tmp_home):
    assert env.data_dir(create=False) == tmp_home
    assert not tmp_home.exists()


def test_existing_data_dir_keeps_its_permissions(tmp_home):
    tmp_home.mkdir(mode=0o755)
    tmp_home.chmod(0o755)
    env.data_dir()
    assert _mode(tmp_home) == 0o755


def test_oneonone_home_expands_user(tmp_home, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("ONEONONE_HOME", "~/oo-data")
    assert env.data_dir() == tmp_path / "oo-data"


def test_data_dir_defaults_to_xdg_user_data_dir(tmp_home, monkeypatch, tmp_path):
    monkeypatch.delenv("ONEONONE_HOME")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert env.data_dir() == tmp_path / "xdg" / "oneonone"
    assert _mode(tmp_path / "xdg" / "oneonone") == 0o700


def test_blank_oneonone_home_falls_back_to_user_data_dir(tmp_home, monkeypatch, tmp_path):
    monkeypatch.setenv("ONEONONE_HOME", "  ")
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert env.data_dir(create=False) == tmp_path / "xdg" / "oneonone"


def test_user_data_dir_follows_the_platform(monkeypatch, tmp_path):
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert env.user_data_dir() == tmp_path / ".local" / "share" / "oneonone"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert env.user_data_dir() == tmp_path / "Library" / "Application Support" / "oneonone"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    assert env.user_data_dir() == tmp_path / "Roaming" / "oneonone"


def test_store_path_is_inside_the_data_dir(tmp_home):
    assert env.store_path() == tmp_home / "oneonone.sqlite3"
    assert tmp_home.is_dir()


# ---- today ---------------------------------------------------------------------------------
def test_today_from_oneonone_today(tmp_home, monkeypatch):
    assert env.today() == dt.date(2026, 11, 22)
    monkeypatch.setenv("ONEONONE_TODAY", " 2024-02-29 ")
    assert env.today() == dt.date(2024, 2, 29)


def test_today_is_the_real_date_without_oneonone_today(tmp_home, monkeypatch):
    monkeypatch.delenv("ONEONONE_TODAY")
    before = dt.date.today()
    assert env.today() in (before, dt.date.today())


@pytest.mark.parametrize("value", ["22-11-2026", "2026-02-30", "tomorrow", "2026/11/22"])
def test_bad_oneonone_today_raises_a_clear_error(tmp_home, monkeypatch, value):
    monkeypatch.setenv("ONEONONE_TODAY", value)
    with pytest.raises(env.EnvironmentSettingError) as info:
        env.today()
    message = str(info.value)
    assert "ONEONONE_TODAY" in message
    assert value in message
    assert "YYYY-MM-DD" in message
    assert info.value.variable == "ONEONONE_TODAY"
    assert isinstance(info.value, ValueError)


# ---- query string and language -------------------------------------------------------------
def test_query_params_read_query_string(tmp_home, monkeypatch):
    assert env.query_params() == {}
    monkeypatch.setenv("QUERY_STRING", "lang=nl&page=2&lang=en")
    assert env.query_params() == {"lang": "en", "page": "2"}  # the last value wins


def test_query_params_tolerate_a_leading_question_mark(tmp_home, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "?lang=nl")
    assert env.query_params() == {"lang": "nl"}


def test_lang_from_query_string_wins(tmp_home, monkeypatch, tmp_path):
    folder = tmp_path / "en"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("ONEONONE_LANG", "en")
    monkeypatch.setenv("QUERY_STRING", "lang=NL")
    assert env.detect_lang() == "nl"


def test_unsupported_query_lang_is_refused_naming_the_choices(tmp_home, monkeypatch, tmp_path):
    # it used to fall through to the folder quietly; now every entry point refuses it alike
    folder = tmp_path / "nl"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("QUERY_STRING", "lang=fr")
    with pytest.raises(UnknownLanguageError) as info:
        env.detect_lang()
    assert info.value.message("en") == "Unknown language 'fr' (?lang=): choose one of en, nl."


def test_notebook_folder_name_beats_oneonone_lang(tmp_home, monkeypatch, tmp_path):
    folder = tmp_path / "notebooks" / "nl"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    monkeypatch.setenv("ONEONONE_LANG", "en")
    assert env.detect_lang() == "nl"


def test_oneonone_lang_used_outside_a_language_folder(tmp_home, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ONEONONE_LANG", " NL ")
    assert env.detect_lang() == "nl"


def test_english_is_the_default_language(tmp_home, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert env.detect_lang() == "en"


def test_an_unusable_oneonone_lang_is_passed_over_in_a_kernel(tmp_home, monkeypatch, tmp_path):
    # a Voila started directly (not by `oneonone app`, which refuses it) shows the page in the
    # folder's language or English, with a note (ui.session), never a traceback
    folder = tmp_path / "nl"
    folder.mkdir()
    monkeypatch.setenv("ONEONONE_LANG", "de")
    monkeypatch.chdir(folder)
    assert env.detect_lang() == "nl"
    monkeypatch.chdir(tmp_path)
    assert env.detect_lang() == "en"


def test_an_unusable_setting_is_said_in_both_languages(tmp_home, monkeypatch):
    monkeypatch.setenv("ONEONONE_TODAY", "tomorrow")
    with pytest.raises(env.EnvironmentSettingError) as info:
        env.today()
    assert isinstance(info.value, KitError) and info.value.exit_code == 2
    assert info.value.message("nl") == (
        "De omgevingsvariabele ONEONONE_TODAY staat op ‘tomorrow’ en dat kunnen we niet "
        "gebruiken. Verwacht: een datum als JJJJ-MM-DD, bijvoorbeeld 2026-03-03."
    )
