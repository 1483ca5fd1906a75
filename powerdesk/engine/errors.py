"""The engine's exceptions."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "EngineError",
    "EventError",
    "InputProblem",
    "InterruptionsError",
    "NetworkError",
    "PredictError",
    "UnknownElement",
]


class EngineError(Exception):
    """Base of every error the engine raises.

    >>> issubclass(NetworkError, EngineError) and issubclass(UnknownElement, EngineError)
    True
    """


@dataclass(frozen=True)
class InputProblem:
    """One thing wrong with an input file, located by file, line and column."""

    file: str
    line: int
    message: str
    column: str = ""
    # What the problem is, for a caller that says it in another language: a short code and
    # the values the message names (``message`` is the English sentence).
    code: str = field(default="", compare=False)
    params: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class NetworkError(EngineError):
    """A network file that is not a valid radial network; ``problems`` says where."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:20])
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(shown + more)


class InterruptionsError(EngineError):
    """An interruptions file with bad rows; ``problems`` names each by line."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:50])
        more = f"\n... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(shown + more)


class EventError(EngineError):
    """A line of an event stream that is not a valid event; ``problem`` says where."""

    def __init__(self, problem: InputProblem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class UnknownElement(EngineError):
    """An event names an element that is not in the network (or of the wrong kind)."""


class PredictError(EngineError):
    """Bad input to ``predict``; ``problem`` names the file and line."""

    def __init__(self, problem: InputProblem | str) -> None:
        self.problem = problem
        super().__init__(str(problem))
