"""Operations: the one way anything changes the office's data (see base.py).

Each module holds the operations of one part of the data; each operation is a function of
the store returning an `OpResult`. The window (ui/) and the command line (cli/) call these
and nothing else that writes. A new feature that changes data adds its operation here.
"""

from parcdesk.ops.base import OpChanges, OpResult

__all__ = ["OpChanges", "OpResult"]
