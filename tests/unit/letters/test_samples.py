"""The sample script writes an image of every page of every kind (the images in docs/letters/)."""

from __future__ import annotations

import re
from pathlib import Path

from backoffice.letters import KINDS
from backoffice.letters.samples import main


def test_sample_images_are_written_for_every_page_of_every_kind(tmp_path: Path) -> None:
    assert main([str(tmp_path)]) == 0
    written = {p.stem: p.read_bytes() for p in tmp_path.glob("*.png")}
    first_pages = {name for name in written if "-p" not in name}
    assert first_pages == set(KINDS)
    further = [name for name in written if "-p" in name]
    assert all(re.fullmatch(r"(.+)-p([2-9]|\d\d)", name) and name.rsplit("-p", 1)[0] in KINDS for name in further)
    assert "wbs_grant-p2" in written  # the WBS grant has its calculation sheet and certificate on pages of their own
    assert all(data.startswith(b"\x89PNG") and len(data) > 10_000 for data in written.values())
