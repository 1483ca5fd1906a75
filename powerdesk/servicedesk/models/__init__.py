"""The service desk's models: calls and work orders (core), and their follow-up."""

from powerdesk.servicedesk.models.calls import Call, Callback, CategoryCorrection
from powerdesk.servicedesk.models.commitments import CommitmentChange, CommitmentPolicy
from powerdesk.servicedesk.models.core import (
    OPEN_STATUSES,
    Category,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderPhoto,
    WorkOrderStatus,
)
from powerdesk.servicedesk.models.followup import (
    Feedback,
    Notification,
    NotificationsRead,
    Promise,
)
from powerdesk.servicedesk.models.hard_problems import HardProblem, HardProblemStep
from powerdesk.servicedesk.models.idempotency import FormSubmission, IdempotencyKey
from powerdesk.servicedesk.models.numbering import WorkOrderCounter
from powerdesk.servicedesk.models.owners import OwnerChange
from powerdesk.servicedesk.models.satisfaction import CounterKiosk, CounterRating

__all__ = [
    "OPEN_STATUSES",
    "Call",
    "Callback",
    "Category",
    "CategoryCorrection",
    "CommitmentChange",
    "CommitmentPolicy",
    "CounterKiosk",
    "CounterRating",
    "Feedback",
    "FormSubmission",
    "HardProblem",
    "HardProblemStep",
    "IdempotencyKey",
    "Notification",
    "NotificationsRead",
    "OwnerChange",
    "Promise",
    "WorkOrder",
    "WorkOrderCounter",
    "WorkOrderEvent",
    "WorkOrderPhoto",
    "WorkOrderStatus",
]
