"""Where a user is in the first-run guide: plain Python, so the order of the steps is tested without Qt."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Step(enum.Enum):
    SERVICE = "service"  # Practice mode or a real service
    KEY = "key"  # a real service's key, entered and working (nothing to do in Practice mode)
    OPEN = "open"  # the sample dataset (or any) open in the Data tab
    CHECK = "check"  # checked, with no blocking errors
    JOB = "job"  # a training job started
    FOLLOW = "follow"  # it finished with a model
    CHAT = "chat"  # the model answered in the Chat tab


STEPS: tuple[Step, ...] = tuple(Step)


@dataclass
class GuideProgress:
    """Which steps are done. A step counts once the user has done it, in whatever order: someone who opened
    their own file before reading the guide has done "open"."""

    done: set[Step] = field(default_factory=set)
    practice: bool = True
    model: str = ""  # the model the finished job made, for the chat step

    def mark(self, step: Step) -> bool:
        """Record ``step`` as done; True when that changed anything."""
        if step in self.done:
            return False
        self.done.add(step)
        return True

    def unmark(self, step: Step) -> bool:
        if step not in self.done:
            return False
        self.done.discard(step)
        return True

    def is_done(self, step: Step) -> bool:
        return step in self.done or (step is Step.KEY and self.practice and Step.SERVICE in self.done)

    @property
    def current(self) -> Step | None:
        """The first step not done yet; None when all are."""
        return next((step for step in STEPS if not self.is_done(step)), None)

    @property
    def finished(self) -> bool:
        return self.current is None

    def count_done(self) -> int:
        return sum(1 for step in STEPS if self.is_done(step))
