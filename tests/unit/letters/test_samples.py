"""The sample script writes one page image per kind (the images in docs/letters/)."""

from __future__ import annotations

from pathlib import Path

from backoffice.letters import KINDS
from backoffice.letters.samples import main


def test_sample_images_are_written_for_every_kind(tmp_path: Path) -> None:
    assert main([str(tmp_path)]) == 0
    written = {p.stem: p.read_bytes() for p in tmp_path.glob("*.png")}
    assert set(written) == set(KINDS)
    assert all(data.startswith(b"\x89PNG") and len(data) > 20_000 for data in written.values())
