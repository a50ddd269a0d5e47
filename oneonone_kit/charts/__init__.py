"""Figures and the printable report: records in, matplotlib figures or files out.

Holds :mod:`.specs` (one spec per chart of the log, in one registry), :mod:`.figures` (draw or
describe a chart by name), :mod:`.data` (the narrowed records and what each chart computes),
:mod:`.parts` (one drawer per chart), :mod:`.style`, :mod:`.alt` (alt text), :mod:`.experiment`,
:mod:`.assessment`, and the report (:mod:`.report_data`, :mod:`.report`, :mod:`.page`). Imports
insight, log and the ground floor; matplotlib is imported inside the functions that draw, never
at module import.
"""
