"""Operator monitoring: `GET /metrics` in Prometheus' text format (behind METRICS_TOKEN)."""
