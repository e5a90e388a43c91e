"""Events: typed, dated, placed facts with participants in roles, found by dependency-parse rules.

A trigger is a verb ("met", "was received by", "co-host") or a noun ("during their meeting", "at the signing
ceremony") listed in ``kg/knowledge/events.yaml``. Participants come from the parse around the trigger: subjects
(and the "by" agent of a passive) take the type's subject role, objects and "with/between/among" phrases its object
role, coordinated names share a role ("Pakistan and South Korea will co-host"), and "he"/"she" resolve to the
person named before. A definite event noun with no participants of its own ("The two-day event, scheduled for
15–16 April 2025") refers back to the latest event and adds its date and place.

The package, one job a module, each importing only the ones above it:

- :mod:`~kg.extract.events.triggers`: event types, the lexicon, the Event record and trigger words;
- :mod:`~kg.extract.events.mentions`: who a phrase names;
- :mod:`~kg.extract.events.time_place`: the date and places of an event, and the story's date;
- :mod:`~kg.extract.events.traits`: planned or held, venue, vote choice, quote, validity;
- :mod:`~kg.extract.events.arguments`: participants of a verb, noun or clause trigger in their roles;
- :mod:`~kg.extract.events.finder`: the article walk from triggers to events, with event coreference;
- :mod:`~kg.extract.events.facts`: votes, who-met-whom pairs and the EventFact records.
"""
from __future__ import annotations

from kg.extract.events.facts import _pairs, extract_events
from kg.extract.events.finder import find_events
from kg.extract.events.triggers import event_types

__all__ = ["event_types", "extract_events", "find_events"]
