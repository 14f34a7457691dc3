"""The drawing of imports: no module of glossaire reaches back to one that reaches it.

The layers themselves (cli > services > catalog, export, citation, writing > loading >
model) are import-linter contracts in pyproject.toml, checked by .ci/run; this test adds
what layers alone do not say: no cycle, even between siblings of one package, and counting
the imports made inside functions (grimp sees those too).
"""

from __future__ import annotations

import grimp


def test_no_module_imports_back_a_module_that_imports_it() -> None:
    graph = grimp.build_graph("glossaire")
    cycles = sorted(
        {
            tuple(sorted((module, imported)))
            for module in graph.modules
            for imported in graph.find_modules_directly_imported_by(module)
            if graph.chain_exists(importer=imported, imported=module)
        }
    )
    assert cycles == []


def test_below_the_cli_nothing_imports_the_cli_or_the_services() -> None:
    """The same promise as the first import-linter contract, kept visible in the suite."""
    graph = grimp.build_graph("glossaire")
    lower = ("catalog", "export", "citation", "writing", "loading", "model")
    offenders = sorted(
        f"{module} -> {imported}"
        for module in graph.modules
        if module.split(".")[1:2] and module.split(".")[1] in lower
        for imported in graph.find_modules_directly_imported_by(module)
        if imported.startswith(("glossaire.cli", "glossaire.services"))
    )
    assert offenders == []
