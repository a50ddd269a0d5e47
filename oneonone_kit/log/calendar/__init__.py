"""One-on-ones from a calendar file (.ics): read it, expand its series, guess who each is with.

:mod:`.read` is the entry point (``parse_ics``, ``event_to_meeting``); :mod:`.expand` expands
recurring series; :mod:`.guess` reads titles and attendees; :mod:`.events` holds what both share.
Imports the ground floor and :mod:`oneonone_kit.log.store`; icalendar loads only to read a file.
"""
