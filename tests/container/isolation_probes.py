"""What the container and sandbox tests share: program folders and a network probe."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

PROGRAMS = Path(__file__).parent / "programs"
SHARED_PROGRAMS = Path(__file__).parent.parent / "fixtures" / "programs"
COMPARED = [*sorted(SHARED_PROGRAMS.glob("*.dfy")), PROGRAMS / "max.dfy",
            PROGRAMS / "wrong_max.dfy"]
"""Programs each backend must judge exactly as the plain local backend does."""


def time_limit(program: Path) -> int:
    """Dafny's per-proof limit for comparing backends: short only where a time-out is meant."""
    return 2 if "timeout" in program.name else 20


class Listener:
    """A TCP server outside every sandbox that counts the connections it accepts."""

    def __init__(self) -> None:
        self.server = socket.create_server(("0.0.0.0", 0))
        self.port: int = self.server.getsockname()[1]
        self.accepted = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def accepted_within(self, seconds: float = 5.0) -> int:
        """The count once it stops growing (the accepting thread lags the client a little)."""
        deadline, seen = time.monotonic() + seconds, -1
        while seen != self.accepted and time.monotonic() < deadline:
            seen = self.accepted
            time.sleep(0.2)
        return self.accepted

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            self.accepted += 1
            conn.close()


def host_address() -> str:
    """This machine's address on its default route (not loopback), or 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"
