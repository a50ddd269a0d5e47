"""What the log says: pure functions from records to small results, no widgets, no drawing.

Holds :mod:`.metrics` (cadence, needs, agenda, talk share; with :mod:`.selection` and
:mod:`.outcomes`), :mod:`.agenda` (the next agenda), :mod:`.scoring` (self-assessments),
:mod:`.summary` (a participant's anonymous summary) and :mod:`.cohort` (a group's summaries).
Imports :mod:`oneonone_kit.log` and the ground floor only.
"""
