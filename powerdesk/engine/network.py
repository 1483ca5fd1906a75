"""Moved: the model to ``powerdesk.engine.model.network``, reading NET.csv to
``powerdesk.engine.readwrite.network_csv``; these names still import from here."""

from powerdesk.engine.model.network import (
    CANDIDATE_KINDS,
    CUSTOMER,
    KIND_CODES,
    KIND_NAMES,
    Network,
)
from powerdesk.engine.readwrite.network_csv import load_network_csv

__all__ = ["CANDIDATE_KINDS", "CUSTOMER", "KIND_CODES", "KIND_NAMES", "Network", "load_network_csv"]
