"""The service catalog: types from attributes, unknown means worst case, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from hinagata import check, load_catalog
from hinagata._yaml import DataFileError
from hinagata.services import ServiceType, UnknownServiceError


def test_example_services_have_the_three_types() -> None:
    c = load_catalog()
    assert {s.id: s.service_type for s in c.services} == {
        "example-domestic-lgwan": ServiceType.WG_COMPLIANT,
        "example-foreign-japan-region": ServiceType.CONTRACTED_JAPAN,
        "example-consumer-chat": ServiceType.STANDARD_OR_UNKNOWN,
    }


def _catalog(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "catalog.yaml"
    p.write_text(body, encoding="utf-8")
    return p


def test_unknown_attributes_are_the_worst_case(tmp_path: Path) -> None:
    c = load_catalog(
        _catalog(
            tmp_path,
            "services:\n  - id: vague\n    name: 詳細不明\n    provider: {name: X社, domicile: JP}\n",
        )
    )
    assert c.get("vague").service_type is ServiceType.STANDARD_OR_UNKNOWN
    c = load_catalog(
        _catalog(
            tmp_path,
            "services:\n  - id: almost\n    name: 学習設定不明\n    provider: {name: X社, domicile: JP}\n"
            "    processing_regions: [JP]\n    contract: negotiated\n    training_on_input: unknown\n",
        )
    )
    assert c.get("almost").service_type is ServiceType.STANDARD_OR_UNKNOWN


def test_errors_name_file_line_and_field(tmp_path: Path) -> None:
    p = _catalog(
        tmp_path,
        "services:\n  - id: ok\n    name: A\n    provider: {name: A, domicile: JP}\n"
        "  - id: bad\n    name: B\n    provider: {name: B, domicile: JP}\n    training_on_input: maybe\n",
    )
    with pytest.raises(DataFileError) as info:
        load_catalog(p)
    line, field, _ = info.value.problems[0]
    assert line == 8 and field.startswith("services[1].training_on_input")
    assert "catalog.yaml:8" in str(info.value)


def test_duplicate_ids_and_bad_country(tmp_path: Path) -> None:
    body = "services:\n  - id: a\n    name: A\n    provider: {name: A, domicile: Japan}\n"
    with pytest.raises(DataFileError, match="domicile"):
        load_catalog(_catalog(tmp_path, body))
    body = "services:\n" + "  - id: a\n    name: A\n    provider: {name: A}\n" * 2
    with pytest.raises(DataFileError, match="duplicate"):
        load_catalog(_catalog(tmp_path, body))


def test_unknown_service_lists_the_known_ones() -> None:
    with pytest.raises(UnknownServiceError) as info:
        check("こんにちは", "no-such-service")
    assert "example-domestic-lgwan" in str(info.value) and "no-such-service" in str(info.value)
