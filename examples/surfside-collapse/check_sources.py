"""Check the Surfside example's archive and fact extraction.

Run from anywhere: python3 examples/surfside-collapse/check_sources.py

1. Every archive/<id>.txt is its raw excerpt(s) with whole lines removed, nothing edited:
   its non-blank lines occur, in order, among the raw lines (stored " date ..." prefix stripped).
2. ap-ajc: the two stored excerpts overlap on identical paragraphs where they are joined.
3. Every passage cited in FACTS.md as [id] «passage» is in archive/<id>.txt, after normalising
   whitespace only.
Prints each problem and exits 1 if there is any.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RAW = {
    "businessinsider": ["businessinsider.excerpt.txt"],
    "news4jax": ["news4jax.excerpt.txt"],
    "ap-ajc": ["ap-ajc.excerpt-1.txt", "ap-ajc.excerpt-2.txt"],
    "nbc-losangeles": ["nbc-losangeles.excerpt.txt"],
    "ap-ksltv": ["ap-ksltv.excerpt.txt"],
    "miamiherald-timesunion": ["miamiherald-timesunion.excerpt.txt"],
    "sputnik": ["sputnik.excerpt.txt"],
}
DATE_PREFIX = re.compile(r"^ date \d{4}-\d{2}(?:-\d{2})? ")
CITATION = re.compile(r"\[([a-z0-9-]+)\] «(.+?)»", re.DOTALL)


def raw_lines(name: str) -> list[str]:
    text = (HERE / "raw" / name).read_text(encoding="utf-8").rstrip("\n")
    return DATE_PREFIX.sub("", text).split("\n")


def norm(text: str) -> str:
    return " ".join(text.split())


def check_subsequence(source_id: str, problems: list[str]) -> None:
    pool = [line for name in RAW[source_id] for line in raw_lines(name) if line.strip()]
    archive = (HERE / "archive" / f"{source_id}.txt").read_text(encoding="utf-8")
    pos = 0
    for n, line in enumerate(archive.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            pos = pool.index(line, pos) + 1
        except ValueError:
            problems.append(f"archive/{source_id}.txt:{n}: line not in raw excerpt (in order)")


def check_ajc_overlap(problems: list[str]) -> None:
    first = [line for line in raw_lines("ap-ajc.excerpt-1.txt") if line.strip()]
    second = [line for line in raw_lines("ap-ajc.excerpt-2.txt") if line.strip()]
    partial = first[-1]
    join = next((i for i, line in enumerate(second) if line.startswith(partial)), None)
    if join is None:
        problems.append("raw/ap-ajc: excerpt 2 has no paragraph completing excerpt 1's last line")
        return
    body = [line for line in first[:-1] if not line.startswith("Explore")]
    if second[:join] != body[len(body) - join :]:
        problems.append("raw/ap-ajc: the overlapping paragraphs of the two excerpts differ")


def check_citations(problems: list[str]) -> int:
    facts = (HERE / "FACTS.md").read_text(encoding="utf-8")
    archives = {
        sid: norm((HERE / "archive" / f"{sid}.txt").read_text(encoding="utf-8")) for sid in RAW
    }
    count = 0
    for match in CITATION.finditer(facts):
        count += 1
        sid, passage = match.group(1), match.group(2)
        line = facts.count("\n", 0, match.start()) + 1
        if sid not in archives:
            problems.append(f"FACTS.md:{line}: unknown source id {sid!r}")
        elif norm(passage) not in archives[sid]:
            problems.append(f"FACTS.md:{line}: [{sid}] passage not in archive: {passage[:60]!r}")
    return count


def main() -> int:
    problems: list[str] = []
    for source_id in RAW:
        check_subsequence(source_id, problems)
    check_ajc_overlap(problems)
    cited = check_citations(problems)
    for problem in problems:
        print(problem)
    print(f"{len(RAW)} archives, {cited} cited passages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
