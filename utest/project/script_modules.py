"""Import the project's scripts/ files (which are not a package) as modules for the tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"
VENV_BIN = Path(sys.executable).parent


def load_script(name: str) -> ModuleType:
    """The module scripts/<name>.py, imported once under the name ``scoregate_scripts.<name>``."""
    module_name = f"scoregate_scripts.{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, SCRIPTS / f"{name}.py")
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import scripts/{name}.py: expected a Python file at {SCRIPTS / f'{name}.py'}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module
