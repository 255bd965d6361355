"""`vericode doctor`'s look at the configured model: is there a key, does the server
answer? Only a configured model is checked; none configured is not a failure."""

from __future__ import annotations

import urllib.error
import urllib.request

from vericode.api import model_config
from vericode.dafny.run.doctor import DoctorCheck
from vericode.errors import BadInput
from vericode.llm.model import no_key_error
from vericode.settings import Settings


def model_checks(settings: Settings) -> list[DoctorCheck]:
    if settings.model is None:
        return [DoctorCheck("model", True, "none configured (--model, VERICODE_MODEL or "
                            "vericode.toml; needed by solve, bench, draft)", optional=True)]
    try:
        config = model_config(settings)
    except BadInput as exc:
        return [DoctorCheck("model", False, exc.message, "fix the model settings")]
    missing = no_key_error(config)
    if missing is not None:
        return [DoctorCheck("model", False, missing.message, "set the key named above")]
    key = "given" if config.api_key else "from the environment, or none needed"
    found = [DoctorCheck("model", True, f"{config.model} (key: {key})")]
    if config.api_base is not None:
        found.append(_server_check(config.api_base))
    return found


def _server_check(base: str) -> DoctorCheck:
    """Whether anything answers HTTP at ``base`` (any status: an answer is an answer)."""
    try:
        urllib.request.urlopen(base.rstrip("/") + "/models", timeout=5).close()
    except urllib.error.HTTPError:
        pass  # the server answered, with an error status: it is up
    except (urllib.error.URLError, OSError) as exc:
        return DoctorCheck("model server", False, f"{base}: no answer ({exc})",
                           f"start the server at {base}, or fix --api-base")
    return DoctorCheck("model server", True, f"{base} answers")
