"""The runs' kernel client: ready as soon as the kernel answers, without Jupyter's fixed waits.

jupyter_client's client, once a new kernel has answered, waits for its broadcast channel to stay
silent for 0.2 s, and its manager checks every 0.1 s whether a stopped kernel is gone: with a
warm kernel ready in a few hundredths of a second, these waits were a third of a run's
overhead. Here the same steps run with waits of a hundredth of a second. Nothing is lost: a
message that arrives after the wait belongs to no cell, and a run reads only its cells' replies.
"""

from __future__ import annotations

import time
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient

# Seconds to wait for the broadcast channel's first message (it proves the channel connected,
# else the kernel is asked again) and for its next one while draining what start-up sent.
CONNECTED_WAIT = 0.2
DRAIN_WAIT = 0.01


class RunKernelClient(AsyncKernelClient):
    """An asynchronous kernel client whose :meth:`wait_for_ready` returns without idling."""

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Return once the kernel answers on both channels; raise if it dies or times out.

        Parameters
        ----------
        timeout
            Seconds to wait at most; None waits as long as the kernel lives.

        Raises
        ------
        RuntimeError
            When the kernel died before answering, or did not answer within ``timeout``.
        """
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                msg = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                msg = None
            if msg is not None and msg["msg_type"] == "kernel_info_reply":
                try:
                    await self.iopub_channel.get_msg(timeout=CONNECTED_WAIT)
                except Empty:
                    pass  # not connected yet: ask again
                else:
                    self._handle_kernel_info_reply(msg)
                    break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
        while True:  # drain what start-up sent
            try:
                await self.iopub_channel.get_msg(timeout=DRAIN_WAIT)
            except Empty:
                break
