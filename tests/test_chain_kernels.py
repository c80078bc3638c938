"""The kernels the chain starts: over IPC sockets in their own folder, and never left running."""

from __future__ import annotations

import queue

import pytest

from regional_ties.chain import start_warm_kernel
from regional_ties.run import kernel_name


def test_a_warm_kernel_uses_ipc_sockets_in_its_folder_and_has_the_modules_loaded(tmp_path):
    km = start_warm_kernel(kernel_name(), ["json"], tmp_path)
    try:
        assert km.transport == "ipc"
        assert any(p.name.startswith("kernel-") for p in tmp_path.iterdir())
        out: list[dict] = []
        kc = km.client()
        kc.start_channels()
        reply = kc.execute_interactive("import sys; print('json' in sys.modules, 'json' in dir())",
                                       output_hook=out.append, timeout=60)
        kc.stop_channels()
        assert reply["content"]["status"] == "ok"
        printed = "".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream")
        assert printed.split() == ["True", "False"]  # loaded, but no name bound in the notebook's namespace
    finally:
        km.shutdown_kernel(now=True)
    assert not km.is_alive()


def test_a_kernel_that_is_not_ready_in_time_is_killed_not_left_behind(tmp_path, monkeypatch):
    started = []
    from jupyter_client.manager import KernelManager

    real_start = KernelManager.start_kernel

    def start_and_remember(self, **kw):
        real_start(self, **kw)
        started.append(self)

    monkeypatch.setattr(KernelManager, "start_kernel", start_and_remember)
    with pytest.raises((RuntimeError, queue.Empty)):  # not ready, or no reply, within no time at all
        start_warm_kernel(kernel_name(), ["json"], tmp_path, timeout=0)
    assert len(started) == 1 and not started[0].is_alive()
