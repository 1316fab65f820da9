"""One listing of an input folder, shared by the digest of the inputs and the search for articles.

A build looks at every file of ``content/articles/`` twice: to hash its inputs
(``buildstate.fingerprint_inputs``) and to find the articles (``content.find_articles``).
On 100,000 articles a walk of the folder costs more than either use of it, so it is walked
once (:func:`walk`) and both read the same entries. Paths stay strings: a ``pathlib.Path``
per file costs more than the walk itself, and is made only for a file that needs one (a
diagnostic, a parse).
"""

from __future__ import annotations

import os

# What an entry is, as the folder's listing tells it (no stat for a plain file or folder):
FILE = 0  # a plain file (not a link)
LINK = 1  # a link to anything but a folder, or a broken link
OTHER = 2  # a FIFO, a socket, a device
FOLDER_LINK = 3  # a link to a folder: never followed

Entry = tuple  # (path relative to the walked folder, "/" between its parts; os.DirEntry; kind)


def walk(folder: str) -> list[Entry]:
    """Every entry under ``folder`` but its plain folders, in ``os.walk``'s order: a folder's
    links to folders (by name), then its other entries by name, then its subfolders, each in
    the same way. An unreadable folder is left out (as ``os.walk`` does)."""
    found: list[Entry] = []
    _walk(folder, "", found)
    return found


def _walk(directory: str, prefix: str, found: list[Entry]) -> None:
    """A plain function, not a closure calling itself: that would be a reference cycle per
    call (``sitegen.collector``)."""
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=_name)
    except OSError:
        return
    folders, links, others = [], [], []
    for entry in entries:
        try:
            if entry.is_file(follow_symlinks=False):  # (the listing says so: no stat)
                others.append((prefix + entry.name, entry, FILE))
                continue
            is_link = entry.is_symlink()
        except OSError:  # gone since the listing
            others.append((prefix + entry.name, entry, OTHER))
            continue
        if _is_dir(entry):
            if is_link:
                links.append((prefix + entry.name, entry, FOLDER_LINK))
            else:
                folders.append(entry)
        else:
            others.append((prefix + entry.name, entry, LINK if is_link else OTHER))
    found += links
    found += others
    for entry in folders:
        _walk(entry.path, prefix + entry.name + "/", found)


def _name(entry: os.DirEntry) -> str:
    return entry.name


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
