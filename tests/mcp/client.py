"""`python -m vericode mcp` as a subprocess, driven by the MCP SDK's own stdio client.

``McpServer`` starts the server and holds one ``ClientSession`` open on a thread of its
own (the SDK is async; the tests are not), so a test calls ``server.call(name, args)``
and gets the SDK's ``CallToolResult`` back, and a whole module can share one server
and its warm verifier. Leaving the ``with`` block closes stdin as a client does.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import sys
import threading
from collections.abc import Coroutine
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.types import CallToolResult, ListToolsResult

T = TypeVar("T")
CALL_SECONDS = 240.0
"""The longest any test waits for one answer (a cold pool on a busy machine included)."""


class McpServer:
    def __init__(self, *args: str, cache: Path, cwd: Path, env: dict[str, str] | None = None,
                 errlog: Path | None = None) -> None:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("VERICODE_")}
        environment.update({"VERICODE_CACHE_DIR": str(cache), **(env or {})})
        self.params = StdioServerParameters(command=sys.executable,
                                            args=["-m", "vericode", "mcp", *args],
                                            env=environment, cwd=str(cwd))
        self.errlog = errlog or cwd.parent / "mcp-stderr.log"
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._ready: concurrent.futures.Future[ClientSession] = concurrent.futures.Future()
        self._holder: concurrent.futures.Future[None] | None = None
        self._stop: asyncio.Event | None = None

    def __enter__(self) -> McpServer:
        self._thread.start()
        self._holder = asyncio.run_coroutine_threadsafe(self._hold(), self._loop)
        self._ready.result(timeout=CALL_SECONDS)
        return self

    async def _hold(self) -> None:
        """Open the transport and the session, and keep them open until ``close``."""
        self._stop = asyncio.Event()
        try:
            with self.errlog.open("a", encoding="utf-8") as errlog:
                async with stdio_client(self.params, errlog=errlog) as (read, write), \
                        ClientSession(read, write) as session:
                    await session.initialize()
                    self._ready.set_result(session)
                    await self._stop.wait()
        except BaseException as exc:
            if not self._ready.done():
                self._ready.set_exception(exc)
            raise

    def _run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(CALL_SECONDS)

    def call(self, name: str, arguments: dict[str, Any]) -> CallToolResult:
        result = self.start_call(name, arguments).result(CALL_SECONDS)
        assert isinstance(result, CallToolResult)
        return result

    def start_call(self, name: str, arguments: dict[str, Any]) -> concurrent.futures.Future[Any]:
        """A call sent, its answer not awaited (to close the client while it runs)."""
        session = self._ready.result()
        return asyncio.run_coroutine_threadsafe(session.call_tool(name, arguments), self._loop)

    def list_tools(self) -> ListToolsResult:
        return self._run(self._ready.result().list_tools())

    def close(self) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self._holder is not None:
            self._holder.result(timeout=CALL_SECONDS)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


def text_of(result: CallToolResult) -> str:
    """The text content of a result (what a client without structured output shows)."""
    return "".join(getattr(block, "text", "") for block in result.content)
