"""Building the Debian verifier image from nothing but Debian's packages.

No registry is needed: the base image is a ``debootstrap --variant=minbase`` root
filesystem imported into the engine, and ``docker/Dockerfile.debian`` installs
Debian's Dafny on it. Both images stay in the engine's storage, so a second build
finds them and skips its steps; only a missing image is built, or one built from
other files than those now in ``docker/`` (a label records their digest).

``python -m vericode.dafny.run.images [--engine podman|docker]`` builds what is missing.
The same steps work with podman and with docker (whose daemon must be running).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vericode.errors import ToolMissing, VericodeError

DEFAULT_IMAGE = "vericode-dafny:debian"
"""The image the container backend uses unless told otherwise."""
BASE_IMAGE = "vericode-base:bookworm"
SUITE = "bookworm"
DOCKER_DIR = Path(__file__).resolve().parents[3] / "docker"
"""The build context (``docker/`` at the top of the source tree)."""
FALLBACK_MIRROR = "http://deb.debian.org/debian"
FALLBACK_SECURITY = "http://deb.debian.org/debian-security"

ENGINES = ("podman", "docker")
"""Tried in this order when no engine is named: podman needs no daemon."""

_URI = re.compile(r"(https?://\S+?/debian(?:-security)?)/?(?:\s|$)")
_MISSING_IMAGE = ("image not known", "no such image", "not found")
_BUILD_SECONDS = 1800


def find_engine(engine: str | None = None) -> str:
    """The container engine to use: ``engine`` (a name or path), else podman, else docker."""
    for name in (engine,) if engine else ENGINES:
        if path := shutil.which(name):
            return path
    wanted = engine or " or ".join(ENGINES)
    raise ToolMissing(f"no container engine ({wanted}) on PATH: install one, e.g. "
                      f"`{install_hint(engine)}`, or use the local verifier")


def install_hint(engine: str | None) -> str:
    """The command that installs ``engine`` (podman when None)."""
    if engine and "docker" in Path(engine).name:
        return "apt-get install -y docker.io && (dockerd > /tmp/dockerd.log 2>&1 &)"
    return "apt-get install -y podman runc"


def engine_answers(engine: str) -> str:
    """The engine's server version; ``ToolMissing`` if it does not answer (docker with no
    running dockerd, say), naming the command that starts it."""
    done = _call([engine, "version", "--format", "{{.Server.Version}}"]
                 if not is_podman(engine) else [engine, "version", "--format", "{{.Version}}"],
                 timeout=60)
    if done.returncode == 0 and done.stdout.strip():
        return done.stdout.strip()
    start = ("start the daemon as root: `dockerd > /tmp/dockerd.log 2>&1 &`"
             if not is_podman(engine) else "check `podman info`")
    raise ToolMissing(f"{engine} does not answer ({done.stderr.strip()[:200] or 'no output'}): "
                      f"{start}")


def is_podman(engine: str) -> bool:
    return "podman" in Path(engine).name


def default_runtime(engine: str) -> str | None:
    """podman as root needs runc here (Debian's podman may not bring crun); docker: its own."""
    return "runc" if is_podman(engine) else None


def build_hint(image: str) -> str:
    """The command that makes ``image`` exist."""
    if image == DEFAULT_IMAGE:
        return ("build it with `python -m vericode.dafny.run.images [--engine docker]` "
                "(needs root, debootstrap and podman or docker)")
    return f"build or pull {image} (e.g. `docker build -t {image} docker/`)"


def image_id(engine: str, image: str) -> str | None:
    """The id of ``image`` in the engine's storage; None if it is not there.

    Raises ``ToolMissing`` when the engine itself does not answer (a docker client
    without a daemon, say), so that this is not mistaken for a missing image.
    """
    done = _call([engine, "image", "inspect", "--format", "{{.Id}}", image], timeout=60)
    if done.returncode == 0:
        return done.stdout.strip().splitlines()[0]
    if any(words in done.stderr.lower() for words in _MISSING_IMAGE):
        return None
    engine_answers(engine)
    raise ToolMissing(f"{engine} cannot inspect {image}: {done.stderr.strip()[:300]}")


def apt_mirrors(apt_dir: Path = Path("/etc/apt")) -> tuple[str, str]:
    """The Debian mirror and security mirror this machine's apt uses (or the defaults)."""
    files = [apt_dir / "sources.list", *sorted((apt_dir / "sources.list.d").glob("*.sources")),
             *sorted((apt_dir / "sources.list.d").glob("*.list"))]
    uris: list[str] = []
    for path in files:
        if path.is_file():
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                if not line.lstrip().startswith("#"):
                    uris += _URI.findall(line)
    main = next((u for u in uris if u.endswith("/debian")), FALLBACK_MIRROR)
    security = next((u for u in uris if u.endswith("/debian-security")), FALLBACK_SECURITY)
    return main, security


@dataclass(frozen=True)
class BuildStep:
    name: str
    seconds: float
    skipped: bool


def ensure_debian_image(engine: str | None = None, image: str = DEFAULT_IMAGE,
                        base: str = BASE_IMAGE, context: Path = DOCKER_DIR,
                        log: Callable[[str], None] = lambda _: None) -> list[BuildStep]:
    """Build whatever of ``base`` and ``image`` is missing; report each step's time."""
    engine_path = find_engine(engine)
    if image_id(engine_path, image) and built_from(engine_path, image) == context_digest(context):
        log(f"{image} exists")
        return [BuildStep("image", 0.0, True)]
    mirror, security = apt_mirrors()
    if image_id(engine_path, base):
        steps = [BuildStep("base", 0.0, True)]
    else:
        steps = [_timed("base", lambda: bootstrap_base(engine_path, base, mirror, log))]
    steps.append(_timed("image", lambda: build_image(engine_path, image, base, context,
                                                     security, log)))
    return steps


def context_digest(context: Path) -> str:
    """A digest of the build context: an image built from other files is built again."""
    digest = hashlib.sha256()
    for path in sorted(p for p in context.iterdir() if p.is_file()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def built_from(engine: str, image: str) -> str:
    """The context digest ``image`` was built from (its ``vericode.context`` label)."""
    done = _call([engine, "image", "inspect", "--format",
                  '{{index .Config.Labels "vericode.context"}}', image], timeout=60)
    return done.stdout.strip() if done.returncode == 0 else ""


def _timed(name: str, step: Callable[[], None]) -> BuildStep:
    started = time.monotonic()
    step()
    return BuildStep(name, round(time.monotonic() - started, 1), False)


def bootstrap_base(engine: str, tag: str, mirror: str, log: Callable[[str], None]) -> None:
    """debootstrap a minimal Debian into a temporary folder and import it as ``tag``."""
    debootstrap = shutil.which("debootstrap")
    if debootstrap is None or os.geteuid() != 0:
        raise ToolMissing(f"building {tag} needs root and debootstrap: "
                          "run as root after `apt-get install -y debootstrap`")
    with tempfile.TemporaryDirectory(prefix="vericode-rootfs-", dir="/var/tmp") as tmp:
        rootfs = Path(tmp) / "rootfs"
        log(f"debootstrap --variant=minbase {SUITE} from {mirror}")
        _check([debootstrap, "--variant=minbase", SUITE, str(rootfs), mirror], "debootstrap")
        log(f"importing the root filesystem as {tag}")
        import_rootfs(engine, rootfs, tag)


def import_rootfs(engine: str, rootfs: Path, tag: str) -> None:
    """``tar -C ROOTFS -c . | ENGINE import - TAG``."""
    tar = subprocess.Popen(["tar", "-C", str(rootfs), "-c", "."], stdout=subprocess.PIPE)
    try:
        done = subprocess.run([engine, "import", "-", tag], stdin=tar.stdout, capture_output=True,
                              text=True, timeout=_BUILD_SECONDS, check=False)
    finally:
        if tar.stdout:
            tar.stdout.close()
        tar.wait()
    if done.returncode != 0 or tar.returncode != 0:
        raise ToolMissing(f"importing {rootfs} as {tag} failed: {done.stderr.strip()[-300:]}")


def build_image(engine: str, image: str, base: str, context: Path, security: str,
                log: Callable[[str], None]) -> None:
    """Build ``Dockerfile.debian`` on ``base`` as ``image``."""
    dockerfile = context / "Dockerfile.debian"
    if not dockerfile.is_file():
        raise ToolMissing(f"{dockerfile} not found: run from a vericode source checkout")
    runtime = default_runtime(engine)
    log(f"building {image} from {dockerfile}")
    _check([engine, "build", *(["--runtime", runtime] if runtime else []),
            "--build-arg", f"BASE={base}", "--build-arg", f"SECURITY={security}",
            "--label", f"vericode.context={context_digest(context)}",
            "-f", str(dockerfile), "-t", image, str(context)], f"building {image}")


def _check(argv: list[str], what: str) -> None:
    done = _call(argv, timeout=_BUILD_SECONDS)
    if done.returncode != 0:
        tail = (done.stdout + done.stderr).strip()[-600:]
        raise ToolMissing(f"{what} failed (exit code {done.returncode}): {tail}")


def _call(argv: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ToolMissing(f"cannot run {argv[0]}: {exc}") from exc


def main(argv: list[str] | None = None) -> int:
    """Build the Debian verifier image if it is missing (for CI and first use)."""
    parser = argparse.ArgumentParser(prog="python -m vericode.dafny.run.images",
                                     description=main.__doc__)
    parser.add_argument("--engine", help="podman or docker (default: whichever is on PATH)")
    parser.add_argument("--image", default=DEFAULT_IMAGE)
    args = parser.parse_args(argv)
    try:
        steps = ensure_debian_image(args.engine, args.image, log=print)
    except VericodeError as exc:
        print(f"error: {exc.message}")
        return int(exc.exit_code)
    for step in steps:
        print(f"{step.name}: {'present' if step.skipped else f'built in {step.seconds:g} s'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
