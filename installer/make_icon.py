"""Draw ParcDesk's icon with QPainter: resources/icons/parcdesk.png (256×256) and parcdesk.ico.

The generated files are committed; run this again only to change the drawing:
    QT_QPA_PLATFORM=offscreen .venv/bin/python installer/make_icon.py
The .ico (16…256 px, what Windows Explorer, the taskbar and Inno Setup use) is written by
Pillow, which reportlab already brings in; every size is drawn by Qt, not scaled down, so
the small ones stay sharp.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int):
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)  # drawn on a 256-unit grid

    # the tile: the deep red of an official seal
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#b3261e"))
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)

    # a sheet of paper with a folded corner
    sheet = QPainterPath()
    sheet.moveTo(64, 36)
    sheet.lineTo(160, 36)
    sheet.lineTo(196, 72)
    sheet.lineTo(196, 220)
    sheet.lineTo(64, 220)
    sheet.closeSubpath()
    p.setBrush(QColor("#ffffff"))
    p.drawPath(sheet)
    fold = QPainterPath()
    fold.moveTo(160, 36)
    fold.lineTo(160, 72)
    fold.lineTo(196, 72)
    fold.closeSubpath()
    p.setBrush(QColor("#f2c6c2"))
    p.drawPath(fold)

    # three lines of text (left out where they would be a blur)
    if size >= 32:
        p.setBrush(QColor("#8a8f98"))
        for y, width in ((86, 72), (110, 100), (134, 88)):
            p.drawRoundedRect(QRectF(84, y, width, 10), 5, 5)

    # a tick: the item done
    pen = QPen(QColor("#1e7d32"), 22 if size >= 32 else 30)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    tick = QPainterPath()
    tick.moveTo(QPointF(96, 176))
    tick.lineTo(QPointF(124, 202))
    tick.lineTo(QPointF(176, 150))
    p.drawPath(tick)

    # the star of the national emblem, small, on the tile's corner
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#ffd43b"))
    if size >= 32:
        from math import cos, pi, sin

        star = QPainterPath()
        cx, cy, outer, inner = 206, 206, 30, 12
        for i in range(10):
            radius = outer if i % 2 == 0 else inner
            angle = -pi / 2 + i * pi / 5
            point = QPointF(cx + radius * cos(angle), cy + radius * sin(angle))
            star.moveTo(point) if i == 0 else star.lineTo(point)
        star.closeSubpath()
        p.drawPath(star)
    p.end()
    return image


def png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs it
    ICONS.mkdir(parents=True, exist_ok=True)
    big = png_bytes(draw(256))
    (ICONS / "parcdesk.png").write_bytes(big)
    frames = [Image.open(io.BytesIO(png_bytes(draw(s)))).convert("RGBA") for s in ICO_SIZES]
    # Pillow takes the largest frame and the sizes wanted; it uses an exact frame when one is given
    frames[-1].save(ICONS / "parcdesk.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                    append_images=frames[:-1])
    print(f"{ICONS / 'parcdesk.png'}\n{ICONS / 'parcdesk.ico'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
