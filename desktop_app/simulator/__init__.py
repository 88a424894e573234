"""Practice mode: a local OpenAI-compatible service for files, fine-tuning jobs, models and chat.

Standard library only; it imports nothing from the rest of the app, so tests of the app's client
against it cannot confirm themselves.
"""

from desktop_app.simulator.config import SimulatorConfig
from desktop_app.simulator.faults import Fault, FaultList
from desktop_app.simulator.server import LoggedRequest, SimulatorServer

__all__ = ["Fault", "FaultList", "LoggedRequest", "SimulatorConfig", "SimulatorServer"]
