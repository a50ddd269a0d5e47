"""The Voila server side: how the app is served, and workshop mode's per-participant stores.

Holds :mod:`.webapp` (configuration, render guard, workshop cookie; runs in the server) and
:mod:`.workshop` (the kernel side of workshop mode). Imports :mod:`oneonone_kit.log` and the
ground floor; tornado is imported only inside the server.
"""
