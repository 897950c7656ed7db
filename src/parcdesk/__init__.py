"""ParcDesk: the commune office's administrative-reform plan, its progress and its reports."""

__version__ = "0.1.0"
