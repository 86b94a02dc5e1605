"""Cached pages and feeds are kept gzip-compressed and answered so to every client that accepts
it (every browser and calendar app does): compressed once when stored, never per request.

A page or feed is a tenth of the bytes on a phone's connection and through the proxy, and the
shared cache holds a tenth as much. Only what is stored for everyone is compressed this way:
anonymous pages and public feeds, which hold no secret a reflected input could be measured
against (BREACH); a client that does not accept gzip gets the same bytes decompressed.
"""

import gzip

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers


def compress(body: bytes) -> bytes:
    """`body` as stored: gzip, without a timestamp, so the same body always gives the same bytes."""
    return gzip.compress(body, compresslevel=6, mtime=0)


def vary(response: HttpResponse) -> None:
    """Say that the bytes depend on Accept-Encoding: on stored and rendered answers alike."""
    patch_vary_headers(response, ("Accept-Encoding",))


def accepts_gzip(request: HttpRequest) -> bool:
    """Whether Accept-Encoding allows gzip (RFC 9110 12.5.3): named, or `*`, with a q above 0.
    `gzip;q=0` refuses it, as does a header that names neither."""
    named = anything = None
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        coding, _, parameters = part.partition(";")
        weight = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        coding = coding.strip().lower()
        if coding in ("gzip", "x-gzip"):
            named = weight
        elif coding == "*":
            anything = weight
    chosen = named if named is not None else anything
    return chosen is not None and chosen > 0


def answer(request: HttpRequest, response: HttpResponse, stored: bytes) -> None:
    """Give `response` the stored (compressed) body, in the encoding this client accepts."""
    if accepts_gzip(request):
        response.content = stored
        response["Content-Encoding"] = "gzip"
    else:
        response.content = gzip.decompress(stored)
    response["Content-Length"] = str(len(response.content))
    label(request, response)


def label(request: HttpRequest, response: HttpResponse) -> None:
    """Vary and ETag of an answer from the compressed copy: a 200, or a 304 that stands for it.

    Gzip is another encoding of the same content, so its ETag is weak (RFC 9110 8.8.1); it
    still matches If-None-Match, which compares weakly.
    """
    vary(response)
    etag = response.get("ETag")
    if accepts_gzip(request) and etag and etag.startswith('"'):
        response["ETag"] = "W/" + etag
