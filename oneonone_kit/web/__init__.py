"""The Voila server side: how the app is served, and workshop mode's per-participant stores.

Holds :mod:`.webapp` (configuration, render guard, workshop cookie; runs in the server),
:mod:`.room` (the room code and the workshop banner), :mod:`.guard` (kernel ownership) and
:mod:`.workshop` (the kernel side of workshop mode). Imports :mod:`oneonone_kit.log` and the
ground floor; tornado is imported only inside the server.
"""
