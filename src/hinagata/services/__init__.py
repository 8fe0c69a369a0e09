"""AI services and their attributes (サービス台帳)."""

from hinagata.services._catalog import (
    Catalog,
    DataFileError,
    Provider,
    Service,
    ServiceCatalog,
    ServiceType,
    UnknownServiceError,
    load_catalog,
)

__all__ = [
    "Catalog",
    "DataFileError",
    "Provider",
    "Service",
    "ServiceCatalog",
    "ServiceType",
    "UnknownServiceError",
    "load_catalog",
]
