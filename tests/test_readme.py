"""The README cannot drift from the code: its settings, endpoints, commands, error table, files,
named queries and code names all exist as it says."""

from __future__ import annotations

import ast
import fnmatch
import os
import re
from functools import cache
from pathlib import Path

from actorgraph.settings import Settings
from api.app import create_app
from api.errors import FAILURES
from cli.main import COMMANDS
from queries.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
PROSE = _FENCE.sub("", README)  # the README without its code blocks
CODE_BLOCKS = "\n".join(_FENCE.findall(README))
SPANS = re.findall(r"`([^`\n]+)`", PROSE)  # every `code span` of the prose

# read by the setup and local-Neo4j scripts (scripts/find-python.sh, scripts/neo4j-local.sh,
# scripts/test.sh), not by the app
SETUP_ONLY = {
    "ACTORGRAPH_PYTHON",
    "ACTORGRAPH_NEO4J_HEAP",
    "ACTORGRAPH_NEO4J_PAGECACHE",
    "ACTORGRAPH_NEO4J_BOLT_PORT",
    "ACTORGRAPH_NEO4J_HOME",
    "ACTORGRAPH_TEST_NEO4J_PORT",
}
# folders that runs write (the store, the venv, screenshots, bench results), not in the tree
GENERATED = ("var/", ".venv/", "test-output/", "bench/results/")
_NOT_SOURCE = {".git", ".venv", "var", "test-output", "node_modules", "__pycache__"}
_FILE_TYPES = {"py", "cypher", "rq", "ttl", "yaml", "yml", "sh", "conf", "xml", "md", "toml"}
_FILE_TYPES |= {"lock", "js", "html", "json", "txt", "db"}
_MEDIA_TYPE = re.compile(r"^(application|text|image)/")


def test_every_setting_is_documented_and_every_documented_setting_exists() -> None:
    documented = set(re.findall(r"`(ACTORGRAPH_[A-Z0-9_]+)`", README)) - SETUP_ONLY
    in_code = {f"ACTORGRAPH_{name.upper()}" for name in Settings.model_fields}
    assert in_code - documented == set(), "settings missing from the README"
    assert documented - in_code == set(), "README names settings the code does not read"


def test_every_endpoint_the_readme_names_exists() -> None:
    app = create_app()
    paths = {_shape(p) for p in app.openapi()["paths"]} | {"/", app.docs_url or "/docs"}
    named = set(re.findall(r"(?:GET|POST) (/[a-z_/{}]*)", README))
    named |= set(re.findall(r"127\.0\.0\.1:8000(/[a-z_/{}]*)", README))
    assert named, "the README names no endpoint"
    for path in named:
        base = _shape(path.rstrip("/") or "/")
        assert base in paths or any(p.startswith(base + "/") for p in paths), path


def _shape(path: str) -> str:
    """A path with its parameters' names dropped: /actors/{id} and /actors/{actor_id} agree."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def test_every_subcommand_is_documented() -> None:
    for command in COMMANDS:
        assert f"actorgraph {command}" in README, command


def _section(title: str) -> str:
    """The README's text under the heading ``title``, up to the next heading."""
    found = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#+ |\Z)", PROSE, re.MULTILINE | re.DOTALL)
    assert found, f"the README has no section {title!r}"
    return found.group(1)


def test_the_error_table_is_the_apis() -> None:
    quoted = re.findall(r"^\| (.+) \| `(\w+)` \| (\d{3}) \|$", _section("Errors"), re.MULTILINE)
    in_code = [(f.meaning, f.kind.__name__, str(f.status)) for f in FAILURES]
    assert quoted == in_code, "the README's error table differs from api/errors.py FAILURES"


@cache
def _tree() -> tuple[str, ...]:
    """Every file and folder of the repository, relative and in POSIX form."""
    found: list[str] = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in _NOT_SOURCE and not d.endswith("_cache")]
        base = Path(folder).relative_to(ROOT)
        found += [(base / name).as_posix() for name in dirs + files]
    return tuple(found)


def _path_words() -> set[str]:
    """The words of the README that name a file or folder: in code spans and code blocks."""
    words: list[str] = []
    for text in (*SPANS, *CODE_BLOCKS.splitlines()):
        parts = re.split(r"[\s@=]+", text.split(" # ")[0])
        # what a command writes (`-o FILE`, `--out FILE`) need not exist beforehand
        words += [w for i, w in enumerate(parts) if i == 0 or parts[i - 1] not in ("-o", "--out")]
    return {w for w in words if _names_a_path(w)}


def _names_a_path(word: str) -> bool:
    if "://" in word or word.startswith(("/", "..", "-")) or _MEDIA_TYPE.match(word):
        return False
    if "/" in word:
        return True
    name, dot, suffix = word.rpartition(".")
    return bool(name) and dot == "." and suffix in _FILE_TYPES


def test_every_file_the_readme_names_exists() -> None:
    """A path from the root, or a name relative to its folder (`test.sh`, `claims/*.yaml`).

    Placeholders (`<source-id>`, `NAME`) and globs (`load_*.cypher`) match any name.
    """
    missing = []
    for word in sorted(_path_words()):
        if word.startswith(GENERATED):
            continue
        pattern = re.sub(r"<[^>]+>|\b[A-Z]{3,}\b", "*", word).rstrip("/")
        if not any(
            fnmatch.fnmatchcase(p, pattern) or fnmatch.fnmatchcase(p, f"*/{pattern}")
            for p in _tree()
        ):
            missing.append(word)
    assert missing == [], "the README names files that do not exist"


def test_the_readme_lists_exactly_the_research_queries() -> None:
    bullet = re.search(r"^- `GET /research`:.*?(?=^- |\n\n)", PROSE, re.MULTILINE | re.DOTALL)
    assert bullet, "the README has no `GET /research` bullet"
    listed = set(re.findall(r"`([a-z][a-z0-9_]*)`", bullet.group(0)))
    assert listed == {name for name, q in load_catalog().items() if q.research}


@cache
def _code_text() -> str:
    """What the code says, without its comments and docstrings: Python names and strings, named
    queries without their headers, and the text of the other files (scripts, RDF, config)."""
    chunks: list[str] = []
    for relative in _tree():
        path = ROOT / relative
        if path.is_dir() or path == Path(__file__).resolve():
            continue
        if path.suffix == ".py":
            chunks += _python_words(path)
        elif path.suffix in (".cypher", ".rq"):
            text = path.read_text(encoding="utf-8")
            chunks.append(re.sub(r"(?m)(^|\s)(//|#).*$", "", text))
        elif path.suffix.lstrip(".") in _FILE_TYPES - {"md", "lock", "db"} or path.name in (
            "Makefile",
            "Dockerfile",
        ):
            chunks.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(chunks)


def _python_words(path: Path) -> list[str]:
    """The names and string values of a Python module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    words: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings:
                words.append(node.value)
        elif isinstance(node, ast.Name):
            words.append(node.id)
        elif isinstance(node, ast.Attribute):
            words.append(node.attr)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            words.append(node.name)
        elif isinstance(node, ast.arg):
            words.append(node.arg)
    return words


def _names_code(span: str) -> bool:
    """A code span that names a thing in code: a procedure (`algo.x`), a class or label
    (`GraphStore`), a property or fixture (`claim_ids`); not a plain word, file or constant."""
    if not re.fullmatch(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*", span):
        return False
    if re.fullmatch(r"[A-Z0-9_]+", span) or _names_a_path(span):
        return False  # settings and relation types have tests of their own; files, above
    return "_" in span or "." in span or re.search(r"[a-z][A-Z]", span) is not None


def test_every_code_name_the_readme_uses_is_in_the_code() -> None:
    """Names of queries, procedures, classes, properties and fixtures, found in code that runs
    (a name left only in a comment or docstring counts as gone)."""
    queries = set(load_catalog())
    code = _code_text()
    missing = [
        span
        for span in sorted({s for s in SPANS if _names_code(s)})
        if span not in queries
        and not (ROOT / f"{span.replace('.', '/')}.py").exists()
        and not re.search(rf"(?<![\w.]){re.escape(span)}(?!\w)", code)
    ]
    assert missing == [], "the README names things the code does not have"
