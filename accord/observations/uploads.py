"""What an uploaded file really is, from its first bytes: a name ending in .pdf proves nothing,
so evidence and import files are accepted only when their content matches their extension."""

import io
import zipfile
from typing import IO

# Extension → what the page calls it.
EVIDENCE_TYPES = {
    "pdf": "PDF",
    "docx": "Word document (.docx)",
    "xlsx": "Excel spreadsheet (.xlsx)",
    "csv": "CSV file",
    "png": "PNG image",
    "jpg": "JPEG image",
    "jpeg": "JPEG image",
}
ZIP_MAGIC = b"PK\x03\x04"
# Office Open XML files are zip archives; these parts say which kind.
_OOXML_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
SNIFF_BYTES = 8192


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def looks_like_text(head: bytes) -> bool:
    """Plain text in UTF-8 or Windows-1252: no NUL bytes (which binary formats are full of)."""
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut off at the end of the sample is still UTF-8.
        if error.start < len(head) - 3:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def _ooxml_kind(file: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    for kind, part in _OOXML_PART.items():
        if part in names:
            return kind
    return None


def sniff(file: IO[bytes], name: str) -> str | None:
    """The file's kind (one of EVIDENCE_TYPES' extensions) when its content matches its name's
    extension; None when it does not or the extension is not accepted. Leaves the file at its
    start."""
    ext = extension(name)
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    kind: str | None = None
    if ext == "pdf":
        kind = "pdf" if head.startswith(b"%PDF-") else None
    elif ext == "png":
        kind = "png" if head.startswith(b"\x89PNG\r\n\x1a\n") else None
    elif ext in ("jpg", "jpeg"):
        kind = ext if head.startswith(b"\xff\xd8\xff") else None
    elif ext in _OOXML_PART:
        if head.startswith(ZIP_MAGIC):
            kind = ext if _ooxml_kind(file) == ext else None
            file.seek(0)
    elif ext == "csv":
        kind = "csv" if head and not head.startswith(ZIP_MAGIC) and looks_like_text(head) else None
    return kind


def sniff_bytes(data: bytes, name: str) -> str | None:
    return sniff(io.BytesIO(data), name)
