"""Voila's page templates, compiled once per server instead of once per page.

Voila renders every page through a new nbconvert exporter, and each exporter makes a new Jinja
environment that compiles the page's templates again (about fourteen): profiled, that was the
largest share of the CPU Voila's one process spends on a page, and a room's pages wait for that
process in turn (benchmarks/bench_room.py). :func:`install` gives every nbconvert environment
in the server one bytecode cache in memory. Jinja checks each template's source against its
checksum before it uses the cached code, so an edited template is compiled afresh.

Runs inside the Voila server process (:func:`oneonone_kit.web.webapp.configure` calls it).
"""

from __future__ import annotations

from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates in this process's memory, apart per kind of environment."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def get_bucket(self, environment: Any, name: str, filename: str | None, source: str) -> Bucket:
        # Code compiled for one set of options (async, extensions, delimiters) never serves
        # an environment with other options.
        kind = repr(_options(environment))
        return super().get_bucket(environment, f"{kind}\0{name}", filename, source)

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def _options(environment: Any) -> tuple:
    return (
        environment.is_async,
        environment.autoescape if not callable(environment.autoescape) else "callable",
        tuple(sorted(environment.extensions)),
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        environment.finalize is not None,
    )


SHARED = MemoryBytecodeCache()


def install() -> None:
    """Make every nbconvert template environment of this process use :data:`SHARED`."""
    from nbconvert.exporters.templateexporter import TemplateExporter

    create = TemplateExporter._create_environment
    if getattr(create, "uses_shared_cache", False):
        return

    def create_with_cache(self: Any) -> Any:
        environment = create(self)
        environment.bytecode_cache = SHARED
        return environment

    create_with_cache.uses_shared_cache = True  # type: ignore[attr-defined]
    TemplateExporter._create_environment = create_with_cache


__all__ = ["SHARED", "MemoryBytecodeCache", "install"]
