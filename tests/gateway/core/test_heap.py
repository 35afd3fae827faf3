"""The garbage collector is settled in every long-lived process: Celery workers (solo and
prefork) and gunicorn workers."""

from __future__ import annotations

import gc
import importlib.util
import weakref
from pathlib import Path

import pytest
from celery.signals import worker_process_init, worker_ready

from gateway.core import heap

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def restored_collector():
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_settle_freezes_what_is_alive_and_raises_the_thresholds(restored_collector):
    heap.settle()
    assert gc.get_freeze_count() > 10_000  # the loaded code and its objects
    assert gc.get_threshold() == heap.THRESHOLDS
    assert heap.THRESHOLDS[0] > 700  # rarer young collections than CPython's default


def test_cycles_are_still_collected_once_settled(restored_collector):
    heap.settle()

    class Node:
        pass

    collected = []
    node = Node()
    node.self = node
    weakref.finalize(node, collected.append, True)
    del node
    gc.collect()
    assert collected == [True]


def _receivers(signal) -> list:
    return [ref() for _, ref in signal.receivers]


def test_celery_workers_settle_the_heap_in_the_worker_and_in_each_prefork_child():
    from gateway.celery import settle_heap

    assert settle_heap in _receivers(worker_ready)
    assert settle_heap in _receivers(worker_process_init)


def test_gunicorn_workers_settle_the_heap_once_the_gateway_is_loaded(
    restored_collector, monkeypatch
):
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    settled = []
    monkeypatch.setattr(heap, "settle", lambda: settled.append(True))
    conf.post_worker_init(worker=None)
    assert settled == [True]
