"""All of actorgraph's settings, read once from ``ACTORGRAPH_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
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
    log_level: str = Field("INFO", description="Python logging level.")

    @field_validator("backend")
    @classmethod
    def _known_backend(cls, name: str) -> str:
        return get_backend(name).name

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
