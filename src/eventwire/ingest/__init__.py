"""Readers of the input formats (.txt .jsonl .json .csv .html .htm, stdin): one Article per record.

    for item in read_inputs(["articles/", "extra.jsonl", "-"], default_published="2023-10-12"):
        if isinstance(item, RecordError):
            print(f"{item.origin}: {item.message}")
        else:
            process(item)
"""

from eventwire.ingest.files import read_inputs
from eventwire.ingest.records import RecordError

__all__ = ["RecordError", "read_inputs"]
