"""The two kinds of error (see engineering.md).

`UserError` is the environment's or the input's fault: its message is one plain
Vietnamese sentence meant for the officer. Anything else escaping the core is a bug.
"""


class UserError(Exception):
    """A problem the officer can understand and act on; `str(err)` is the Vietnamese sentence."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class Cancelled(Exception):
    """The officer cancelled a long task; whatever it had started is undone."""
