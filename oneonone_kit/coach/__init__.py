"""Practice without a log: the question coach and the role-play trio, no widgets.

Holds :mod:`.questions` (``classify``: how a coach hears a question), its data :mod:`.rules`
and :mod:`.words`, and :mod:`.trio` (scenarios, roles, timer and observer tally).
Imports the ground floor only.
"""
