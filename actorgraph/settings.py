"""All of actorgraph's settings, read once from ``ACTORGRAPH_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from actorgraph.backends import BACKENDS, DEFAULT_BACKEND, get_backend

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every setting of actorgraph; each field is the variable ``ACTORGRAPH_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="ACTORGRAPH_", env_file=None, extra="ignore")

    backend: str = Field(
        DEFAULT_BACKEND,
        description="Graph store: "
        + "; ".join(f"{b.name}, {b.summary}" for b in BACKENDS.values())
        + ".",
    )
    db_path: Path = Field(
        REPO_ROOT / "var" / "actorgraph.db",
        description="File of the embedded FalkorDB store; its append-only log sits beside it.",
    )
    graph_name: str = Field("actorgraph", description="Name of the graph inside the store.")
    neo4j_uri: str = Field(
        "bolt://127.0.0.1:7687",
        description="bolt:// or neo4j:// URI of a Neo4j server (neo4j:// routes a cluster).",
    )
    neo4j_user: str = Field("neo4j", description="Neo4j user name.")
    neo4j_password: SecretStr = Field(
        SecretStr(""), description="Neo4j password (empty: read ACTORGRAPH_NEO4J_PASSWORD_FILE)."
    )
    neo4j_password_file: Path = Field(
        REPO_ROOT / "var" / "neo4j" / "password",
        description="File holding the Neo4j password, used when ACTORGRAPH_NEO4J_PASSWORD is "
        "empty; scripts/neo4j-local.sh writes it.",
    )
    neo4j_database: str = Field("neo4j", description="Neo4j database name.")
    data_dir: Path = Field(REPO_ROOT / "data", description="Folder of the curated fact files.")
    sources_dir: Path = Field(
        REPO_ROOT.parent / "shared" / "sources",
        description="Folder of the source documents that quotes are checked against.",
    )
    releases_dir: Path = Field(
        REPO_ROOT / "releases",
        description="Folder of the citable releases (`actorgraph release` writes "
        "<version>/release.json and facts.json there); /version and the RDF export name the "
        "release whose content hash matches.",
    )
    host: str = Field("127.0.0.1", description="Address the API listens on.")
    port: int = Field(8000, description="Port the API listens on.")
    query_timeout_ms: int = Field(
        5000, ge=1, description="Time limit the store enforces on each read query."
    )
    row_cap: int = Field(1000, ge=1, description="Most rows the raw Cypher endpoint returns.")
    view_node_limit: int = Field(
        1500, ge=1, description="Most nodes the network view draws before it truncates."
    )
    sparql_timeout_s: float = Field(10.0, gt=0, description="Time limit on a SPARQL query.")
    sparql_dir: Path = Field(
        REPO_ROOT / "var" / "sparql",
        description="Folder of the SPARQL datasets `actorgraph load` writes beside the graph: "
        "one on-disk store per graph generation, in a subfolder per graph store "
        "(services/sparql/dataset.py); /sparql opens the current one instead of building it. "
        "Unset: `sparql` in the folder of ACTORGRAPH_DB_PATH (var/sparql by default).",
    )
    query_memory_mb: int = Field(
        1024,
        ge=16,
        description="Most memory one raw Cypher query may use (embedded: its query sandbox's "
        "QUERY_MEM_CAPACITY; Neo4j: set db.memory.transaction.max on the server).",
    )
    max_answer_bytes: int = Field(
        16 * 2**20,
        ge=1024,
        description="Largest answer of a raw Cypher or SPARQL query, in bytes (larger: 422).",
    )
    log_level: str = Field("INFO", description="Python logging level.")
    max_body_bytes: int = Field(
        2**20,
        ge=1024,
        description="Largest request body the API reads; a larger one answers 413 before it "
        "is read.",
    )
    allowed_hosts: str = Field(
        "",
        description="Comma-separated names the API answers to in the Host header, besides "
        "localhost, 127.0.0.1, ::1 and ACTORGRAPH_HOST; any other Host answers 400 (DNS "
        "rebinding protection).",
    )
    request_timeout_s: float = Field(
        5.0,
        gt=0,
        description="Most seconds a client may take to send a request's headers, and again "
        "its body; a slower one answers 408 or is disconnected.",
    )
    slow_query_slots: int = Field(
        2,
        ge=1,
        description="Raw Cypher and SPARQL queries run at once, each endpoint; more answer 503 "
        "with Retry-After.",
    )
    answer_cache_entries: int = Field(
        2048,
        ge=0,
        description="Answers of the research routes kept, keyed on the graph's generation and "
        "the request (api/answer_cache.py); 0 turns the cache off.",
    )
    answer_cache_entry_bytes: int = Field(
        32 * 1024 * 1024,
        ge=0,
        description="Largest answer the cache keeps; larger ones are computed every time (a "
        "depth-2 neighbourhood at 100k claims is 5 MiB and takes half a second to compute).",
    )
    answer_cache_bytes: int = Field(
        512 * 1024 * 1024,
        ge=0,
        description="The cached answers' bodies together, at most; the least recently used go "
        "first.",
    )

    @field_validator("backend")
    @classmethod
    def _known_backend(cls, name: str) -> str:
        return get_backend(name).name

    @field_validator("db_path", mode="before")
    @classmethod
    def _db_path_given(cls, value: object) -> object:
        # An empty ACTORGRAPH_DB_PATH reads as Path("."): the store would land beside the
        # working directory. Seen before the Path conversion, while it is still "".
        if isinstance(value, str) and not value.strip():
            default = cls.model_fields["db_path"].default
            raise ValueError(f"empty; unset it to use {default}, or set it to the store's file")
        return value

    @model_validator(mode="before")
    @classmethod
    def _sparql_dir_beside_the_store(cls, data: Any) -> Any:
        # unset, the datasets follow the store's file: a store elsewhere (a test's, a bench's)
        # keeps its datasets beside it, not in this checkout's var/
        if isinstance(data, dict) and "sparql_dir" not in data and data.get("db_path"):
            data = {**data, "sparql_dir": Path(str(data["db_path"])).parent / "sparql"}
        return data

    @field_validator("sparql_dir", mode="before")
    @classmethod
    def _sparql_dir_given(cls, value: object) -> object:
        # as for the store's file: an empty value would put the datasets in the working directory
        if isinstance(value, str) and not value.strip():
            default = cls.model_fields["sparql_dir"].default
            raise ValueError(
                f"empty; unset it to keep the datasets beside the store (default {default}), "
                "or set it to a folder"
            )
        return value

    def neo4j_password_value(self) -> str:
        """The Neo4j password: the setting, else the local server's password file, else empty."""
        password = self.neo4j_password.get_secret_value()
        if not password and self.neo4j_password_file.is_file():
            return self.neo4j_password_file.read_text(encoding="utf-8").strip()
        return password


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment on first use."""
    return Settings()
