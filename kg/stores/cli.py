"""The store commands (``load``, ``query``, ``export``), registered by ``kg.cli`` through this module."""

from __future__ import annotations

import argparse

from kg.stores import cli_export, cli_load, cli_query


def register(sub: argparse._SubParsersAction) -> None:
    for module in (cli_load, cli_query, cli_export):
        module.register(sub)
