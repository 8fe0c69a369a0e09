"""Prometheus metrics. Labels carry verdicts, endpoints and model names — never text."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

__all__ = ["Metrics"]


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "hinagata_requests_total",
            "Requests by endpoint and verdict",
            ["endpoint", "verdict"],
            registry=self.registry,
        )
        self.errors = Counter(
            "hinagata_errors_total",
            "Refused or failed requests by reason code",
            ["endpoint", "code"],
            registry=self.registry,
        )
        self.upstream_errors = Counter(
            "hinagata_upstream_errors_total",
            "Upstream failures by model and kind",
            ["model", "kind"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "hinagata_request_seconds",
            "Whole request latency",
            ["endpoint"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
            registry=self.registry,
        )
        self.judgment = Histogram(
            "hinagata_judgment_seconds",
            "Detection, assessment and decision",
            buckets=(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5),
            registry=self.registry,
        )
