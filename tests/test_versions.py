"""One strict parser of semantic versions for banks, editions and releases (wijkcoop.versions)."""

from __future__ import annotations

import pytest

from wijkcoop.publish import catalogue, release
from wijkcoop.scan import bank
from wijkcoop.versions import parse_version, semver


@pytest.mark.parametrize(("text", "parsed"), [("0.0.0", (0, 0, 0)), ("1.10.3", (1, 10, 3))])
def test_a_plain_version_parses(text, parsed):
    assert parse_version(text) == parsed
    assert semver(text) == parsed


@pytest.mark.parametrize(
    "text", ["01.0.0", "1.02.0", "1.0.00", "v1.0.0", "1.0", "1.0.0-rc1", " 1.0.0", "1.0.0\n", 100]
)
def test_anything_else_is_refused_everywhere(text):
    assert parse_version(text) is None
    with pytest.raises(ValueError, match="not a semantic version"):
        semver(text)
    # the bank, the editions list and make release use this one parser
    assert bank.parse_version(text) is None
    with pytest.raises(ValueError, match="not a semantic version"):
        _ = catalogue.Edition(str(text), "2026-01-01", "a" * 40, {}, "Een samenvatting.").key
    with pytest.raises(ValueError, match="not a semantic version"):
        release.release(catalogue.ROOT, str(text), "Een samenvatting van tien.", "2026-01-01")
