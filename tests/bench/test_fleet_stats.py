"""The fleet benchmark's pure helpers: percentiles, the provider-call floor, ratios and which
part of the stack a process is."""

from __future__ import annotations

from bench.fleet_stats import calls_floor_per_hour, part_of, percentile, ratio_line


def test_percentile_is_nearest_rank():
    values = [5.0, 1.0, 3.0, 2.0, 4.0]
    assert percentile(values, 0.5) == 3.0
    assert percentile(values, 0.99) == 5.0
    assert percentile(values, 0.2) == 1.0
    assert percentile([], 0.5) is None


def test_floor_is_one_call_per_model_per_pass():
    assert calls_floor_per_hour(15, 15) == 60.0
    assert calls_floor_per_hour(15, 60) == 15.0


def test_ratio_line_against_the_first_count():
    assert ratio_line("r", {1: 100.0, 2: 170.0, 4: 190.0}) == "r: 1 → 1.00×, 2 → 1.70×, 4 → 1.90×"


def test_parts_by_command_line():
    assert part_of("postgres: postgres ll_fleet_bench 127.0.0.1(5) idle", "ll_fleet_bench")
    assert part_of("postgres: postgres other 127.0.0.1(5) idle", "ll_fleet_bench") is None
    assert part_of("python -m celery -A gateway worker -Q q", "db") == "celery workers"
    assert part_of("python -m sandbox.xero --port 0", "db") == "xero sandbox"
    assert part_of("python -m sandbox.quickbooks --port 0", "db") == "quickbooks sandbox"
