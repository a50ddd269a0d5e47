"""What the log says: pure functions from records to small results, no widgets, no drawing.

Holds :mod:`.metrics` (agenda, talk share, the summary, and the one face of :mod:`.cadence`,
:mod:`.needs`, :mod:`.outcomes` and :mod:`.selection`), :mod:`.agenda` (the next agenda),
:mod:`.scoring` (self-assessments), :mod:`.summary` (a participant's de-identified summary) and
:mod:`.cohort` (a group's summaries). Imports :mod:`oneonone_kit.log` and the ground floor only.
"""
