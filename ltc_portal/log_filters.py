"""Keeps secrets that travel in URLs out of the logs.

A password-reset link carries a one-use token in its path, and private calendar addresses
carry a token too; request logs (runserver's, and Django's warnings about failed requests)
would otherwise write them down. The filter rewrites each record's message and arguments.
"""

import logging
import re

#: (pattern, replacement) pairs applied to every logged string.
REDACTIONS = [
    # /account/password-reset/<uidb64>/<token>/ (but not .../set-password/, which holds none)
    (
        re.compile(r"(/account/password-reset/[0-9A-Za-z_\-]+/)(?!set-password/)[0-9A-Za-z\-]+"),
        r"\1[redacted]",
    ),
    # Any token=... in a query string.
    (re.compile(r"([?&]token=)[^&\s\"']+"), r"\1[redacted]"),
    # Private calendar feeds: /…/feed/<token>… or /…/private/<token>…
    (re.compile(r"(/(?:feeds?|private)/)[0-9A-Za-z_\-]{16,}"), r"\1[redacted]"),
]


def redact(text):
    for pattern, replacement in REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecrets(logging.Filter):
    def filter(self, record):
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {
                k: redact(v) if isinstance(v, str) else v for k, v in record.args.items()
            }
        return True
