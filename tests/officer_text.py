"""What an officer's sentence must be: one line, Vietnamese, no English from a library, no traceback."""

from __future__ import annotations

import re

# Words a library's own message brings in ("(Invalid argument)", "disk I/O error", "No such
# file", "Bad magic number", "Error -3 while decompressing data: invalid block type").
ENGLISH = {
    "argument", "invalid", "error", "errors", "file", "files", "directory", "such", "denied", "permission",
    "the", "not", "no", "is", "of", "while", "data", "bad", "magic", "number", "found", "unexpected",
    "expected", "zip", "archive", "failed", "unsupported", "cannot", "could", "value", "none", "true", "false",
    "traceback", "exception", "decompressing", "block", "type", "header", "truncated", "line", "column",
    "token", "element", "syntax", "malformed", "encoding", "codec", "decode", "position", "range",
    "overflow", "too", "large", "int", "float", "keyerror", "indexerror", "valueerror", "struct", "unpack",
    "requires", "buffer", "length", "member", "there", "item", "named", "compression", "method", "crc",
}
_QUOTED = re.compile(r"“[^”]*”")
_VIETNAMESE = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.I)


def english_words(message: str) -> list[str]:
    """English words outside the quoted parts (a file's or a sheet's name may be anything)."""
    outside = re.sub(r"--[\w-]+", " ", _QUOTED.sub(" ", message))  # option names are the command's own
    return [w for w in re.findall(r"[A-Za-z]+", outside) if w.lower() in ENGLISH]


def assert_officer_sentence(message: str) -> None:
    message = message.rstrip("\n")
    assert message, "no message at all"
    assert "\n" not in message, f"more than one line: {message!r}"
    assert "Traceback" not in message and "Lỗi không mong muốn" not in message, message
    assert message.endswith("."), f"not a sentence: {message!r}"
    assert _VIETNAMESE.search(_QUOTED.sub(" ", message)), f"not Vietnamese: {message!r}"
    assert not english_words(message), f"English in the sentence: {english_words(message)} in {message!r}"
