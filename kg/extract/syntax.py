"""Small readings of the dependency parse that several extractors share."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

#: Relative pronouns that open a clause about the noun before them ("X, who is the ...", "the Council, which ...").
RELATIVE_PRONOUNS = frozenset({"which", "who", "that"})

#: Dependencies through which a clause without a subject of its own shares its head's ("hopes to enter",
#: "... and offered", "by entering", "with 181 making ...", "a meeting that discussed ...").
INHERITING_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "acl", "prep", "relcl"})


def subject_chain(verb: Token, deps: frozenset[str] = INHERITING_DEPS) -> Iterator[Token]:
    """``verb``, then each head it inherits its subject from, while it hangs from that head by one of ``deps``."""
    yield verb
    while verb.dep_ in deps and verb.head.i != verb.i:
        verb = verb.head
        yield verb
