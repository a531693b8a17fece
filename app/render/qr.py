"""QR codes for printed sheets, generated offline with segno.

The code is inline SVG (no data: URI: the pages' Content-Security-Policy allows images only from
'self'). It has a viewBox and no width/height, so the stylesheet sizes it in millimetres.
"""

from __future__ import annotations

import segno


def qr_svg(url: str, title: str = "") -> str:
    """An inline ``<svg class="qr-code">`` that encodes ``url``.

    Error correction level M survives a smudged print; the four-module quiet zone scanners need
    is part of the image.
    """
    code = segno.make(url, error="m", micro=False)
    svg: str = code.svg_inline(
        border=4, omitsize=True, svgclass="qr-code", lineclass=None, title=title or None
    )
    return svg
