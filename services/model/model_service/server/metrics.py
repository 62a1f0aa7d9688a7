"""GET /metrics (Prometheus text): analyses by answer and their duration, and the pool's load.
Counts only; no names, no paths."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, CONTENT_TYPE_LATEST
from prometheus_client.core import GaugeMetricFamily


class _PoolCollector:
    def __init__(self, pool):
        self.pool = pool

    def collect(self):
        stats = self.pool.stats()
        for key, help_text in (("inflight", "Analyses running or queued."),
                               ("limit", "Analyses admitted at most at once.")):
            yield _gauge(key, help_text, stats[key])


def _gauge(key: str, help_text: str, value: float) -> GaugeMetricFamily:
    family = GaugeMetricFamily(f"model_pool_{key}", help_text, labels=["service"])
    family.add_metric(["model"], value)
    return family


class ModelMetrics:
    def __init__(self, pool):
        self.registry = CollectorRegistry()
        self.analyses = Counter("model_analyses_total", "Analysis requests answered, by HTTP status.",
                                ["service", "status"], registry=self.registry)
        self.duration = Histogram("model_analysis_duration_seconds", "Time to answer an analysis request.",
                                  ["service"], registry=self.registry,
                                  buckets=(0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300))
        self.registry.register(_PoolCollector(pool))

    def observe(self, status: int, seconds: float) -> None:
        self.analyses.labels("model", str(status)).inc()
        self.duration.labels("model").observe(seconds)

    def exposition(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
