"""Run small torch training loops on one thread.

Tiny tensors gain nothing from intra-op threads; on a busy 2-core runner two threads
oversubscribe the CPU (measured: the CNN training test took about 1 s idle, 5 s with one thread
under load, 30 s with two threads under load).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import torch


@contextlib.contextmanager
def single_thread() -> Iterator[None]:
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)
