"""PDFs in the tests: WeasyPrint renders them (it needs Debian's Pango), poppler's `pdftotext` reads them back.

Without either (`apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils`) the
tests that print a letter are skipped with the reason shown, unless ACCORD_REQUIRE_PDF=1 (CI), where that
is a failure.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def _missing() -> str | None:
    if shutil.which("pdftotext") is None:
        return "pdftotext is missing (apt-get install poppler-utils)"
    try:
        import weasyprint  # noqa: F401  (loads Pango through cffi)
    except OSError as error:
        return f"WeasyPrint cannot load Pango ({error}): apt-get install libpango-1.0-0 libpangoft2-1.0-0"
    return None


def require_pdf() -> None:
    """Skip (or fail, under ACCORD_REQUIRE_PDF=1) a test that prints or reads a PDF on a machine without the tools."""
    reason = _missing()
    if reason is None:
        return
    if os.environ.get("ACCORD_REQUIRE_PDF") == "1":
        pytest.fail(f"{reason} (ACCORD_REQUIRE_PDF=1)", pytrace=False)
    pytest.skip(reason)


def pdf_text(pdf: bytes) -> str:
    """The PDF's text as poppler reads it (reading order, `-layout` off), checking it is a PDF first."""
    assert pdf.startswith(b"%PDF-"), pdf[:40]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "letter.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True, timeout=60
        ).stdout


def pdf_pages_png(pdf: bytes, folder: Path, *, prefix: str = "page", dpi: int = 60) -> list[Path]:
    """The PDF's pages as PNG pictures (`pdftoppm -png`), to look at."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{prefix}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(path), str(folder / prefix)], check=True, timeout=60)
    return sorted(folder.glob(f"{prefix}*.png"))
