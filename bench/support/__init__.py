"""What tests and benchmarks share and the package does not ship: real servers next to them
and scratch databases. bench/ is on the tests' path (pyproject's pytest `pythonpath`)."""

from support.database import copied_database, scratch_database
from support.server import Nginx, ServerProcess, ServerThread, free_port

__all__ = [
    "Nginx",
    "ServerProcess",
    "ServerThread",
    "copied_database",
    "free_port",
    "scratch_database",
]
