"""The data files newskg reads at run time: the ontology, the SHACL shapes and the named SPARQL queries.

Git keeps one copy of each file, in the top-level folders ``ontology/``, ``shapes/`` and ``queries/`` of the
repository, where a reader looks for them. ``kg/resources/ontology``, ``shapes`` and ``queries`` are relative
symlinks to those folders, so:

- in a checkout (editable install, tests, ``tools/``) the files are read through the links;
- building a wheel follows the links and copies the files themselves into ``kg/resources/``, so an installed
  ``kg`` reads its own copy and needs no checkout (``tests/test_package.py`` proves it).

Either way they are found with :mod:`importlib.resources`, relative to wherever ``kg`` was imported from.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["resource_path"]


def resource_path(*parts: str) -> Path:
    """The file-system path of the packaged file or folder ``parts``, e.g. ``resource_path("shapes", "x.ttl")``.

    A path, not a ``Traversable``, because rdflib, pySHACL and the query library open files by name. newskg is
    installed as files on disk (wheels are unpacked), where ``importlib.resources.files`` returns a path; an
    import from a zip archive is refused with a message rather than half-working.
    """
    resource = files(__name__).joinpath(*parts)
    if not isinstance(resource, Path):
        raise RuntimeError(
            f"newskg's data file {'/'.join(parts)} is inside an archive ({resource!r}); "
            "install newskg as files on disk (pip install) to use it."
        )
    return resource
