"""Running the third-party validators: the Nu Html Checker (vnu.jar) and Lighthouse.

Both come from the npm packages pinned in package.json / package-lock.json, installed by
`make validators-deps` (`npm ci`, run by `make test`); vnu.jar runs on Debian's Java
(default-jre-headless), Lighthouse on Node against Debian's /usr/bin/chromium. A missing tool
fails the tests with the command that installs it; nothing here skips.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE_RUNNER = Path(__file__).with_name("lighthouse.mjs")
CHROMIUM = Path("/usr/bin/chromium")
HOW_TO_FIX = "Run `make validators-deps` (npm ci; Debian's default-jre-headless) and try again."


def require(path: Path | None, what: str) -> Path:
    if path is None or not path.exists():
        pytest.fail(f"{what} is missing ({path}). {HOW_TO_FIX}", pytrace=False)
    return path


# --- the Nu Html Checker ------------------------------------------------------------------------


@dataclass(frozen=True)
class VnuMessage:
    file: str
    line: int
    type: str  # "error", "info" (subType "warning"), or "non-document-error"
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.type}: {self.message}"


def run_vnu(files: list[Path]) -> list[VnuMessage]:
    """Every message of the Nu Html Checker about ``files`` (one Java process for all)."""
    java = require(Path(shutil.which("java") or "/usr/bin/java"), "java")
    jar = require(VNU_JAR, "vnu.jar")
    assert files, "no file to check"
    proc = subprocess.run(
        [str(java), "-jar", str(jar), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, f"vnu failed to run ({proc.returncode}):\n{proc.stderr[-2000:]}"
    report = json.loads(proc.stderr)  # vnu writes its JSON report to standard error
    return [
        VnuMessage(
            file=str(item.get("url", "")).removeprefix("file:"),
            line=int(item.get("lastLine", 0)),
            type=str(item["type"]),
            message=str(item.get("message", "")),
            extract=str(item.get("extract", "")),
        )
        for item in report["messages"]
    ]


def vnu_errors(messages: list[VnuMessage]) -> list[VnuMessage]:
    return [m for m in messages if m.type in ("error", "non-document-error")]


# --- Lighthouse ----------------------------------------------------------------------------------

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@dataclass(frozen=True)
class LighthouseRun:
    url: str
    scores: dict[str, int]
    """Category id -> score out of 100."""
    failing: dict[str, list[str]]
    """Category id -> the ids of its weighted audits that did not pass."""
    metrics: dict[str, float]
    transfer_bytes: int
    """What the page loaded over the network (compressed): Lighthouse's total-byte-weight."""
    runtime_error: str | None


def _summary(report: dict[str, Any]) -> LighthouseRun:
    scores: dict[str, int] = {}
    failing: dict[str, list[str]] = {}
    for category in CATEGORIES:
        data = report["categories"][category]
        scores[category] = round((data["score"] or 0) * 100)
        failing[category] = [
            ref["id"]
            for ref in data["auditRefs"]
            if ref["weight"] > 0
            and report["audits"][ref["id"]]["score"] is not None
            and report["audits"][ref["id"]]["score"] < 1
        ]
    audits = report["audits"]
    metrics = {
        name: float(audits[name].get("numericValue") or 0)
        for name in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
            "speed-index",
        )
    }
    error = report.get("runtimeError")
    return LighthouseRun(
        url=report["requestedUrl"],
        scores=scores,
        failing=failing,
        metrics=metrics,
        transfer_bytes=int(audits["total-byte-weight"].get("numericValue") or 0),
        runtime_error=(f"{error.get('code')}: {error.get('message')}" if error else None),
    )


def run_lighthouse(urls: list[str], out_dir: Path) -> list[LighthouseRun]:
    """Lighthouse's default (mobile) audit of each URL, one Chromium for all; the full JSON
    reports are kept in ``out_dir`` (``<n>.json``) for a reader who wants the details."""
    node = require(Path(shutil.which("node") or "/usr/bin/node"), "node")
    require(NODE_MODULES / "lighthouse" / "package.json", "lighthouse")
    require(CHROMIUM, "Debian's chromium (make browser-deps)")
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.json"):
        old.unlink()
    proc = subprocess.run(
        [str(node), str(LIGHTHOUSE_RUNNER), str(out_dir), *urls],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120 * len(urls) + 60,
        check=False,
    )
    assert proc.returncode == 0, f"lighthouse failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
    return [
        _summary(json.loads((out_dir / f"{index}.json").read_text(encoding="utf-8")))
        for index in range(len(urls))
    ]


# --- schema.org types (TypeScript's compiler over Google's schema-dts) --------------------------

TSC = NODE_MODULES / "typescript" / "bin" / "tsc"


@dataclass(frozen=True)
class TypedDocument:
    name: str
    schema_type: str
    """The schema-dts type the document must satisfy, e.g. ``NewsArticle``."""
    document: dict[str, Any]


def check_schema_org_types(documents: list[TypedDocument], work: Path) -> list[str]:
    """The TypeScript compiler's errors for ``documents`` as schema-dts' typed object literals.

    schema-dts is the schema.org vocabulary as TypeScript types (every type and property, made
    from schema.org's own data); an object literal must use only properties its type has, with
    values of their types, so a property NewsArticle lacks or a misspelt ``@type`` is an error.
    Returns ``file(line,col): error TS…`` lines; each document starts on line ``2 + its index``.
    """
    node = require(Path(shutil.which("node") or "/usr/bin/node"), "node")
    require(NODE_MODULES / "schema-dts" / "package.json", "schema-dts")
    work.mkdir(parents=True, exist_ok=True)
    link = work / "node_modules"
    if not link.exists():
        link.symlink_to(NODE_MODULES, target_is_directory=True)
    types = sorted({d.schema_type for d in documents})
    lines = [f'import type {{ WithContext, {", ".join(types)} }} from "schema-dts";']
    for index, item in enumerate(documents):
        lines.append(
            f"export const document{index}: WithContext<{item.schema_type}> = "
            f"{json.dumps(item.document, ensure_ascii=False)}; // {item.name}"
        )
    source = work / "documents.ts"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.run(
        [
            str(node),
            str(require(TSC, "typescript")),
            "--noEmit",
            "--strict",
            "--skipLibCheck",
            "--target",
            "es2020",
            "--module",
            "esnext",
            "--moduleResolution",
            "bundler",
            "--pretty",
            "false",
            source.name,
        ],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return [line for line in proc.stdout.splitlines() if ": error TS" in line]
