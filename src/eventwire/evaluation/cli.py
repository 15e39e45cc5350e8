"""`eventwire eval ...`: the command group. Every module of this package that defines commands
registers them on `app` when imported; `load_commands` imports them all."""

from __future__ import annotations

import importlib
import pkgutil

import typer

app = typer.Typer(no_args_is_help=True, help="Measure accuracy on gold data sets (see README: Results).")


def load_commands() -> typer.Typer:
    for module in pkgutil.iter_modules(importlib.import_module(__package__).__path__):
        if module.name not in ("cli", "metrics"):
            importlib.import_module(f"{__package__}.{module.name}")
    return app
