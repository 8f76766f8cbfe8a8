"""What a paper's uploaded file really is. Papers accept what evidence files accept (see
accord.observations.uploads) and also OpenDocument text and plain text, each only when its
content matches its name: the file is then stored under a generated name and only ever served
as an attachment."""

import zipfile
from typing import IO

from accord.observations import uploads

PAPER_TYPES = {
    **uploads.EVIDENCE_TYPES,
    "odt": "OpenDocument text (.odt)",
    "txt": "plain text file",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "csv": "text/csv",
    "txt": "text/plain",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _is_odt(file: IO[bytes]) -> bool:
    # An OpenDocument file is a zip whose first entry, "mimetype", names its kind.
    try:
        with zipfile.ZipFile(file) as archive:
            return archive.read("mimetype").strip() == ODT_MIMETYPE
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False
    finally:
        file.seek(0)


def sniff(file: IO[bytes], name: str) -> str | None:
    """The file's kind (a key of PAPER_TYPES) when its content matches its name's extension;
    None otherwise. Leaves the file at its start."""
    ext = uploads.extension(name)
    if ext == "odt":
        file.seek(0)
        head = file.read(uploads.SNIFF_BYTES)
        file.seek(0)
        return "odt" if head.startswith(uploads.ZIP_MAGIC) and _is_odt(file) else None
    if ext == "txt":
        file.seek(0)
        head = file.read(uploads.SNIFF_BYTES)
        file.seek(0)
        ok = head and not head.startswith(uploads.ZIP_MAGIC) and uploads.looks_like_text(head)
        return "txt" if ok else None
    return uploads.sniff(file, name)


def accepted_types_sentence() -> str:
    """The accepted kinds, as the error message lists them."""
    names = list(dict.fromkeys(PAPER_TYPES.values()))
    return ", ".join(names[:-1]) + " or " + names[-1]
