"""Accuracy measurement against gold data sets: one module per capability, each adding its
`eventwire eval <name>` command to `evaluation.cli.app`."""
