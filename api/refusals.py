"""What the HTTP layer refuses before any route runs, each one kind of failure in the error
table (``api/errors.py``): a foreign ``Host`` (``api/hosts.py``), a body too large, too slow or
holding what no store takes (``api/body.py``), headers that never finish (``api/server.py``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")  # a Cypher parameter name
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


class HostNotAllowed(Exception):
    """A ``Host`` header naming a server other than this one (a DNS-rebinding page, say)."""


class BodyTooLarge(Exception):
    """A request body over ``ACTORGRAPH_MAX_BODY_BYTES``, declared or sent."""


class RequestTimedOut(Exception):
    """The client stopped sending its request (headers or body) for too long."""


class BodyInvalid(Exception):
    """A JSON body holding a value no store takes; ``loc`` is its path, from ``body``.

    A key in the path that is not text (a NUL, a lone surrogate) is shown escaped, so the
    answer is plain JSON text that any client decodes.
    """

    def __init__(self, loc: Sequence[str | int], message: str) -> None:
        self.loc = [_escaped(part) if isinstance(part, str) else part for part in loc]
        super().__init__(f"{_dotted(self.loc)}: {message}")


def _escaped(text: str) -> str:
    return _UNPRINTABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _dotted(loc: Sequence[str | int]) -> str:
    """``body.parameters.x[0]``; a key that is not a plain name in brackets: ``["a b"]``."""
    path = [str(loc[0])]
    for part in loc[1:]:
        if isinstance(part, int):
            path.append(f"[{part}]")
        elif PLAIN_NAME.fullmatch(part):
            path.append(f".{part}")
        else:
            path.append(f"[{json.dumps(part, ensure_ascii=False)}]")
    return "".join(path)
