"""The service catalog: what each AI service does with the text it receives (サービス台帳).

Every attribute that matters for the judgment is explicit, and anything not stated is
``unknown``, which the judgment treats as the worst case (POLICY_DEFAULTS.md §2): a
foreign provider, processing abroad, training on input.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hinagata._yaml import DataFileError, load_yaml, validate

__all__ = [
    "Catalog",
    "Provider",
    "Service",
    "ServiceCatalog",
    "ServiceType",
    "UnknownServiceError",
    "load_catalog",
]

Unknown = Literal["unknown"]


class ServiceType(StrEnum):
    """The three kinds of service the national template distinguishes (§2)."""

    WG_COMPLIANT = "wg_compliant"
    CONTRACTED_JAPAN = "contracted_japan"
    STANDARD_OR_UNKNOWN = "standard_or_unknown"

    @property
    def label(self) -> str:
        return _TYPE_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _TYPE_LABELS[self][1]


_TYPE_LABELS = {
    ServiceType.WG_COMPLIANT: (
        "WG基準適合（国内事業者・国内処理・入力を学習しない）",
        "WG-compliant (domestic provider, Japan-only processing, no training)",
    ),
    ServiceType.CONTRACTED_JAPAN: (
        "個別契約・国内リージョン（国外事業者）",
        "negotiated contract, Japan region (foreign provider)",
    ),
    ServiceType.STANDARD_OR_UNKNOWN: (
        "約款型または条件不明",
        "standard terms or unknown",
    ),
}


class Provider(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    #: ISO 3166-1 alpha-2 country of the provider's domicile, or "unknown".
    domicile: str = "unknown"

    @field_validator("domicile")
    @classmethod
    def _country(cls, v: str) -> str:
        if v != "unknown" and not (len(v) == 2 and v.isalpha() and v.isupper()):
            raise ValueError(
                "国コード（JP, US など）または unknown / an ISO country code or 'unknown'"
            )
        return v


class Service(BaseModel):
    """One AI service and the attributes the judgment weighs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$")
    name: str = Field(min_length=1)
    provider: Provider
    #: Where input is processed and stored: ISO country codes, or "unknown".
    processing_regions: list[str] | Unknown = "unknown"
    training_on_input: bool | Unknown = "unknown"
    contract: Literal["negotiated", "standard_terms", "unknown"] = "unknown"
    ismap: Literal["registered", "liu", "none", "unknown"] = "unknown"
    lgwan: bool | Unknown = "unknown"
    retention_days: int | Unknown | None = "unknown"
    admin_logging: bool | Unknown = "unknown"
    description: str = ""

    @field_validator("processing_regions")
    @classmethod
    def _regions(cls, v: list[str] | str) -> list[str] | str:
        if isinstance(v, list):
            if not v:
                raise ValueError("空にはできません（不明なら unknown） / empty; use 'unknown'")
            for r in v:
                if not (len(r) == 2 and r.isalpha() and r.isupper()):
                    raise ValueError(f"国コードではありません / not a country code: {r!r}")
        return v

    @property
    def domestic_provider(self) -> bool:
        return self.provider.domicile == "JP"

    @property
    def japan_only(self) -> bool:
        return isinstance(self.processing_regions, list) and set(self.processing_regions) == {"JP"}

    @property
    def no_training(self) -> bool:
        return self.training_on_input is False

    @property
    def service_type(self) -> ServiceType:
        """§2: standard terms or anything unknown is the worst case."""
        if self.contract != "negotiated" or not self.japan_only or not self.no_training:
            return ServiceType.STANDARD_OR_UNKNOWN
        if self.domestic_provider:
            return ServiceType.WG_COMPLIANT
        if self.provider.domicile == "unknown":
            return ServiceType.STANDARD_OR_UNKNOWN
        return ServiceType.CONTRACTED_JAPAN


class UnknownServiceError(KeyError):
    """A service id that is not in the catalog; the message lists the known ids."""

    def __init__(self, service_id: str, known: list[str]) -> None:
        self.service_id = service_id
        self.known = known
        super().__init__(service_id)

    def __str__(self) -> str:
        return (
            f"サービス「{self.service_id}」は台帳にありません。登録済み: {', '.join(self.known)} / "
            f"unknown service {self.service_id!r}; known: {', '.join(self.known)}"
        )


class ServiceCatalog(BaseModel):
    """The AI services a municipality may send text to (サービス台帳), by id; not the
    catalog of published use cases (:class:`hinagata.store.CaseCatalog`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    services: list[Service] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> ServiceCatalog:
        seen: set[str] = set()
        for s in self.services:
            if s.id in seen:
                raise ValueError(f"サービス id が重複しています / duplicate service id: {s.id}")
            seen.add(s.id)
        return self

    @cached_property
    def _by_id(self) -> dict[str, Service]:
        return {s.id: s for s in self.services}

    def get(self, service_id: str) -> Service:
        try:
            return self._by_id[service_id]
        except KeyError:
            raise UnknownServiceError(service_id, sorted(self._by_id)) from None

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.services]


#: The name :class:`ServiceCatalog` had before the case catalog came (kept for imports).
Catalog = ServiceCatalog


def load_catalog(path: Path | str | None = None) -> ServiceCatalog:
    """The catalog at ``path``, or the bundled example catalog.

    Raises :class:`~hinagata._yaml.DataFileError` naming the file, line and field.
    """
    if path is None:
        text = resources.files("hinagata.services").joinpath("data/catalog.yaml").read_text("utf-8")
        located = load_yaml("catalog.yaml (bundled)", text=text)
    else:
        located = load_yaml(path)
    return validate(ServiceCatalog, located)


__all__ += ["DataFileError"]
