"""The learner's log: records kept and moved, nothing computed.

Holds :mod:`.store` (SQLite file or memory, backups, migrations), :mod:`.transfer` (JSON and CSV
import and export), :mod:`.csvio` (the CSV format), :mod:`.demo` (the demo log) and
:mod:`.calendar` (.ics files). Imports only the ground floor (env, i18n, errors, model).
"""
