"""Fuzz ``explainer check`` with seeded mutations of the shipped ``site_data/``.

One folder holds a copy of the project's ``site_data/`` and ``content/``; each case mutates one
or two data files (text edits, hostile values and tags, a key of a record or nested model left
out, numbers far beyond their range, whole-file bombs, or the file replaced by a named pipe, a
folder, a link ...), runs the function ``explainer check`` runs (in-process, output captured),
then puts the files back. Asserted for every case: the exit code is 0 or 1, no
exception escapes, the run ends within ``HANG_SECONDS``, every error line starts with
``site_data/<file>.yaml:<line>:<col>: `` at a line the file has, no line is longer than
``MAX_LINE``, and the count line is right. A case that passes is also loaded and rendered like
``mkdocs build`` does (pages, open data, feed), and must give pages or located problems. A few
cases run as real ``explainer`` processes too, with the same output.

``FUZZ_CASES`` (default 400) and ``FUZZ_SEED`` (default 18) choose the run, ``FUZZ_CASE=N`` runs
case N alone. The same mutations run on the story with every field of every model
(``tests/fixtures/every-field``), ``FUZZ_FIXTURE_CASES`` cases (default half of FUZZ_CASES). A
long run by hand, with a summary: ``FUZZ_CASES=10000 .venv/bin/pytest -q -s tests/test_fuzz.py
-k fuzz_check``.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import pytest
import yaml
from support import REPO, key_span

from generator.cli import main
from generator.pipeline import StoryBuild
from generator.schema.kinds import FILE_MODELS

CASES = int(os.environ.get("FUZZ_CASES", "400"))
SEED = int(os.environ.get("FUZZ_SEED", "18"))
ONLY = os.environ.get("FUZZ_CASE")
FIXTURE_CASES = int(os.environ.get("FUZZ_FIXTURE_CASES", str(CASES // 2)))
"""Cases on the story with every field (tests/fixtures/every-field), besides the shipped one's."""
EVERY_FIELD = REPO / "tests" / "fixtures" / "every-field"
HANG_SECONDS = 10.0
"""A case that takes longer is a hang (a real run takes well under a second)."""
MEMORY_HEADROOM = 2 * 1024**3
"""Address space a case may add (a 2 MiB file needs well under a tenth of it)."""
MAX_LINE = 1_500
"""No output line may be longer (a message is cut at 1,000 characters, plus its place)."""
KINDS = list(FILE_MODELS)

ERROR_LINE = re.compile(r"^site_data/([a-z]+)\.yaml:([1-9][0-9]*):([1-9][0-9]*): .")
CONTENT_LINE = re.compile(r"^content/[^:]+\.md:[1-9][0-9]*:[1-9][0-9]*: .")
COUNT_LINE = re.compile(r"^([0-9]+) problems? found$")

HOSTILE = (
    "!!bool maybe", "!!timestamp nope", "!!int x", "!!float", "!!float ._", "!!null x",
    "!!binary aGk=", "!!str [a]", "!!python/object:os.system ls", "!foo bar", "! x", "!!int 0b_",
    "&a x", "*a", "*nope", "&a [*a]", "<<: {a: 1}", "~", "null", "yes", "no", "on", ".nan",
    "-.inf", "1e999", "0x" + "f" * 400, "9" * 5000, "1:30", "0001-01-01", "0001-01-02",
    "9999-12-31", "2015-02-30", "2020-01-01 10:00:00 +99", "2020-03-05", "2020-03-05T10:00:00Z",
    '"\\u202e"', '"\\0"', '"\\x85"', '"a\\nb"', '"\\ud800"', '"\\U0010ffff"', "'it''s'",
    "a" * 100_000, "[", "{", "]", "}", ": ", "- ", "? ", "|", ">", '"', "'", "#", "%YAML 1.1",
    "@", "`", "é", "\u200b", "\u200d", "\u200c", "\u202e", "\ufeff", "\u2028", "\u00ad",
    "👩\u200d💻", "می\u200cخواهم", "שלום\u200f", "[[quote:x]]", "<script>alert(1)</script>",
    "{{ config }}", "monday", "previous", "next", "same", "weekday", "publication", "day-month",
    "stated", "correction", "[]", "{}", "[a, b]", "{a: 1}", "- x", "\t", "\r", "\x00",
    "---", "...", "ines-lima", "ex-vote",
)  # fmt: skip
ALPHABET = ":-?[]{},#&*!|>'\"%@`\t\r\n \u00a0é\x00\x85\u2028\u202e\u200bäß中0129aZ_."


# --- mutations ---------------------------------------------------------------------------------

Mutation = Callable[[random.Random, str, list[str]], str]
"""(rng, the file's text, every value of the story) -> the mutated text."""


def _span(rng: random.Random, text: str, longest: int) -> tuple[int, int]:
    start = rng.randrange(len(text) + 1)
    return start, min(len(text), start + rng.randint(1, longest))


def delete_span(rng: random.Random, text: str, values: list[str]) -> str:
    start, end = _span(rng, text, 40)
    return text[:start] + text[end:]


def duplicate_span(rng: random.Random, text: str, values: list[str]) -> str:
    start, end = _span(rng, text, 200)
    return text[:end] + text[start:end] + text[end:]


def insert_chars(rng: random.Random, text: str, values: list[str]) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + "".join(rng.choices(ALPHABET, k=rng.randint(1, 6))) + text[at:]


def insert_token(rng: random.Random, text: str, values: list[str]) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(HOSTILE) + text[at:]


VALUE_LINE = re.compile(r"^(\s*(?:- )?[A-Za-z_]+:)( .*)?$", re.MULTILINE)


def replace_value(rng: random.Random, text: str, values: list[str]) -> str:
    """A ``key: value`` line gets a hostile value, or another value of the story."""
    lines = list(VALUE_LINE.finditer(text))
    if not lines:
        return insert_token(rng, text, values)
    line = rng.choice(lines)
    new = rng.choice(HOSTILE) if rng.random() < 0.6 else rng.choice(values)
    return text[: line.end(1)] + " " + new + text[line.end() :]


def line_edit(rng: random.Random, text: str, values: list[str]) -> str:
    lines = text.splitlines(keepends=True)
    if len(lines) < 2:
        return text + rng.choice(HOSTILE)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    edit = rng.randrange(5)
    if edit == 0:
        del lines[a]
    elif edit == 1:
        lines.insert(b, lines[a])
    elif edit == 2:
        lines[a], lines[b] = lines[b], lines[a]
    elif edit == 3:
        lines[a] = " " * rng.randint(1, 3) + lines[a]
    else:
        lines[a] = lines[a][rng.randint(1, 3) :]
    return "".join(lines)


def _mappings(node: yaml.Node) -> Iterator[yaml.MappingNode]:
    """Every mapping under a composed document's root mapping (the records and their nested
    models, at any depth), in document order."""
    children = node.value if isinstance(node, yaml.SequenceNode) else []
    if isinstance(node, yaml.MappingNode):
        children = [value for _, value in node.value]
    for child in children:
        if isinstance(child, yaml.MappingNode):
            yield child
        if isinstance(child, (yaml.MappingNode, yaml.SequenceNode)):
            yield from _mappings(child)


def remove_key(rng: random.Random, text: str, values: list[str]) -> str:
    """A key of a record or of a model nested in one left out, with its value: a required
    field, or one a rule needs in that place (a reason for rule inferred, by for a dispute)."""
    try:
        root = yaml.compose(text)
        mappings = [m for m in _mappings(root) if m.value] if root is not None else []
    except (yaml.YAMLError, RecursionError):  # an earlier mutation broke the file, or nested
        return insert_token(rng, text, values)  # it deeper than PyYAML recurses: another way
    if not mappings:
        return insert_token(rng, text, values)
    mapping = rng.choice(mappings)
    start, end = key_span(text, mapping.value, rng.randrange(len(mapping.value)))
    return text[:start] + text[end:]


BIG_NUMBERS = (
    str(2**1023), str(-(2**1023)), "1.7e+308", "-1.7e+308", "1.0e+16", "-1.0e+16",
    "1000000000000001", "1000000000000000", "-1000000000000000", "1.0e+15", "4.9e-324",
    "99999999999999999999", "0.000000000000001", "1_000_000_000_000_000", "0b" + "1" * 60,
)  # fmt: skip
"""Numbers at, near and far beyond the range a figure's numbers may take (within 10^15)."""
NUMBER_LINE = re.compile(r"^(\s*(?:- )?[a-z_]+: )(-?[0-9][0-9_.e+-]*)$", re.MULTILINE)


def big_number(rng: random.Random, text: str, values: list[str]) -> str:
    """A number of the file (a figure's value, low or high, a basis' days), else any value,
    replaced by one of BIG_NUMBERS."""
    lines = list(NUMBER_LINE.finditer(text)) or list(VALUE_LINE.finditer(text))
    if not lines:
        return insert_token(rng, text, values)
    line = rng.choice(lines)
    head = line.group(1) if line.re is NUMBER_LINE else line.group(1) + " "
    return text[: line.start()] + head + rng.choice(BIG_NUMBERS) + text[line.end() :]


def whole_file(rng: random.Random, text: str, values: list[str]) -> str:
    """The file replaced by one of the classic bombs and oddities (keeping its schema line)."""
    head = text.split("\n", 1)[0] + "\n"
    bombs = [
        "",
        head,
        head + "[" * 5000,
        head + "- " * 3000 + "x\n",
        head
        + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 9)),
        head + f"big: &s {'x' * 200_000}\nmany: [{', '.join(['*s'] * 5000)}]\n",
        head + "key: " + "v" * 1_048_576 + "\n",
        head + "\n".join(f"k{n}: \u202e{n}" for n in range(20_000)) + "\n",
        text + "---\n" + text,
        "\ufeff" + text,
        text.replace("\n", "\r\n"),
        text.replace("\n", "\r"),
        text + "#" + "x" * (2 * 1024 * 1024),  # over the size limit
    ]
    return rng.choice(bombs)


TEXT_MUTATIONS: list[tuple[Mutation, int]] = [
    (replace_value, 8),
    (insert_token, 3),
    (insert_chars, 3),
    (delete_span, 3),
    (duplicate_span, 2),
    (line_edit, 4),
    (remove_key, 4),
    (big_number, 2),
    (whole_file, 1),
]


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


def _zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _dangling(path: Path) -> None:
    path.symlink_to("nowhere.yaml")


def _other_kind(path: Path) -> None:
    path.symlink_to("story.yaml" if path.name != "story.yaml" else "updates.yaml")


def _invalid_utf8(path: Path) -> None:
    raw = path.read_bytes()
    at = len(raw) // 2
    path.write_bytes(raw[:at] + b"\xff\xc3" + raw[at:])


FILE_MUTATIONS: list[Callable[[Path], None]] = [
    _fifo, Path.mkdir, _loop, _zero, _dangling, _other_kind, _invalid_utf8,
]  # fmt: skip


# --- one case ----------------------------------------------------------------------------------


@dataclass
class Outcome:
    case: int
    what: str
    code: int | None
    stdout: str
    stderr: str
    seconds: float
    problem: str | None = None
    rendered: bool = False


class _Hang(Exception):
    pass


@contextlib.contextmanager
def memory_cap(extra: int = MEMORY_HEADROOM) -> Iterator[None]:
    """Cap this process's address space at its current size plus ``extra`` while the block runs,
    so a runaway read or expansion is a MemoryError (a finding), not a machine out of memory."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm", encoding="ascii") as statm:
        size = int(statm.read().split()[0]) * resource.getpagesize()
    cap = size + extra if hard == resource.RLIM_INFINITY else min(hard, size + extra)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextlib.contextmanager
def hang_guard(seconds: float) -> Iterator[None]:
    """Raise _Hang in the main thread if the block runs longer than ``seconds``."""

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Corpus:
    """The project copy the cases mutate, and what each data file holds when intact."""

    def __init__(self, root: Path, data: Path = REPO / "site_data", name: str = "") -> None:
        self.root = root
        self.name = name
        """'' for the shipped story; a fixture's cases are seeded with its name too."""
        self.data = root / "site_data"
        shutil.copytree(data, self.data)
        if name:  # a fixture's content: one page that names no record
            (root / "content").mkdir()
            (root / "content" / "index.md").write_text("# The story\n\nIts lede.\n", "utf-8")
        else:
            shutil.copytree(REPO / "content", root / "content")
        self.originals = {kind: (self.data / f"{kind}.yaml").read_bytes() for kind in KINDS}
        found = (VALUE_LINE.findall(raw.decode()) for raw in self.originals.values())
        self.values = sorted({value.strip() for lines in found for _, value in lines if value})

    def mutate(self, case: int) -> tuple[str, dict[str, str | None]]:
        """Apply case ``case``'s mutations; return what was done and each changed file's text."""
        rng = random.Random(f"{SEED}-{self.name}-{case}" if self.name else f"{SEED}-{case}")
        texts: dict[str, str | None] = {}
        done = []
        for kind in rng.sample(KINDS, 2 if rng.random() < 0.15 else 1):
            path = self.data / f"{kind}.yaml"
            if rng.random() < 0.05:
                change = rng.choice(FILE_MUTATIONS)
                if change is not _invalid_utf8:
                    path.unlink()
                change(path)
                texts[kind] = None
                done.append(f"{kind}: {change.__name__}")
                continue
            text = self.originals[kind].decode("utf-8")
            names = []
            for _ in range(rng.choice((1, 1, 2, 3))):
                mutation = rng.choices(
                    [m for m, _ in TEXT_MUTATIONS], [w for _, w in TEXT_MUTATIONS]
                )[0]
                text = mutation(rng, text, self.values)
                names.append(mutation.__name__)
            path.write_text(text, encoding="utf-8")
            texts[kind] = text
            done.append(f"{kind}: {'+'.join(names)}")
        return "; ".join(done), texts

    def restore(self) -> None:
        for kind, raw in self.originals.items():
            path = self.data / f"{kind}.yaml"
            if path.is_symlink() or path.is_file():
                if path.is_symlink() or path.read_bytes() != raw:
                    path.unlink()
            elif path.is_dir():
                shutil.rmtree(path)
            elif os.path.lexists(path):  # a named pipe
                path.unlink()
            if not path.exists():
                path.write_bytes(raw)


def check_in_process(data: str) -> tuple[int, str, str]:
    """``explainer check DATA``, in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", data])
    return code, out.getvalue(), err.getvalue()


def output_problem(code: int, stdout: str, stderr: str, texts: dict[str, str | None]) -> str | None:
    """What is wrong with one run's output, or None."""
    if code not in (0, 1):
        return f"exit code {code}"
    if "Traceback" in stdout + stderr:
        return "a traceback"
    lines = (stdout + stderr).splitlines()
    if any(len(line) > MAX_LINE for line in lines):
        return f"a line of {max(len(line) for line in lines):,} characters"
    if code == 0:
        warned = all(": warning: " in line for line in stderr.splitlines())
        return None if warned and stdout.startswith("site_data: ok (") else "odd ok output"
    if stdout != "":
        return "output on stdout with exit 1"
    *errors, count = stderr.splitlines() or [""]
    counted = COUNT_LINE.match(count)
    if counted is None or int(counted.group(1)) != len(errors):
        return f"bad count line {count!r}"
    # str.splitlines breaks at every line break YAML knows (and more): an upper bound
    lines_in = {kind: len(t.splitlines()) + 1 for kind, t in texts.items() if t is not None}
    for line in errors:
        located = ERROR_LINE.match(line)
        if located is None and CONTENT_LINE.match(line):
            continue  # check reads content/ too: a fact a page names may be the one mutated
        if located is None:
            return f"an error line that names no file and line: {line[:200]!r}"
        if int(located.group(2)) > lines_in.get(located.group(1), sys.maxsize):
            return f"a line past the end of the file: {line[:200]!r}"
    return None


def run_case(corpus: Corpus, case: int) -> Outcome:
    what, texts = corpus.mutate(case)
    start = time.perf_counter()
    outcome = Outcome(case, what, None, "", "", 0.0)
    try:
        with memory_cap(), hang_guard(HANG_SECONDS):
            code, stdout, stderr = check_in_process("site_data")
            outcome.code, outcome.stdout, outcome.stderr = code, stdout, stderr
            outcome.problem = output_problem(code, stdout, stderr, texts)
            if code == 0 and outcome.problem is None:
                outcome.problem = render_problem(corpus.root)
                outcome.rendered = True
    except _Hang:
        outcome.problem = f"still running after {HANG_SECONDS:g} s"
    except Exception as error:  # the point of the test: any escape is a finding
        outcome.problem = f"{type(error).__name__}: {str(error)[:200]}"
    finally:
        outcome.seconds = time.perf_counter() - start
        corpus.restore()
    return outcome


def render_problem(root: Path) -> str | None:
    """Load and render like the plugin does; None if that gave pages or located problems."""
    result = StoryBuild(root / "site_data", root / "content", root).run()
    if result.ok:
        return None if result.pages and result.files else "rendered no pages"
    for diagnostic in result.diagnostics:
        line = str(diagnostic)
        if not (ERROR_LINE.match(line) or CONTENT_LINE.match(line)):
            return f"a render problem that names no file and line: {line[:200]!r}"
    return None


def message_class(line: str) -> str:
    """An error line without its place, values and numbers: what kind of problem it is."""
    message = re.sub(r"^[^:]+:\d+:\d+: (?:[^ ]+: )?", "", line)
    message = re.sub(r"'(?:[^']|'')*'( \([0-9,]+ characters\))?", "'…'", message)
    return re.sub(r"[0-9][0-9,.:-]*", "N", message)[:90]


# --- the tests ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return Corpus(tmp_path_factory.mktemp("fuzz"))


@pytest.fixture
def in_corpus(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> Corpus:
    monkeypatch.chdir(corpus.root)
    return corpus


def test_the_corpus_starts_valid(in_corpus: Corpus) -> None:
    code, stdout, stderr = check_in_process("site_data")
    assert code == 0, stderr
    # the shipped story names no byline or publisher (its source gives none): said, not refused
    assert [line.split(": warning: ")[1][:30] for line in stderr.splitlines()] == [
        "story: no authors: the structu",
        "story: no publisher: the struc",
    ]
    assert stdout.startswith("site_data: ok (")


def test_mutations_are_seeded(in_corpus: Corpus) -> None:
    """The same case makes the same files, so a finding can be replayed with FUZZ_CASE=N."""
    first = in_corpus.mutate(7)
    in_corpus.restore()
    assert in_corpus.mutate(7) == first
    in_corpus.restore()
    assert first != in_corpus.mutate(8)
    in_corpus.restore()


def fuzz(corpus: Corpus, count: int) -> None:
    """Run ``count`` cases (or FUZZ_CASE alone) on ``corpus``, print a summary, fail on any
    finding."""
    cases = [int(ONLY)] if ONLY else range(count)
    outcomes = [run_case(corpus, case) for case in cases]
    failures = [o for o in outcomes if o.problem is not None]
    codes = Counter(o.code for o in outcomes)
    slowest = max(outcomes, key=lambda o: o.seconds)
    messages = Counter(
        kind for o in outcomes for kind in {message_class(x) for x in o.stderr.splitlines()[:-1]}
    )
    print(
        f"\nfuzz {corpus.name or 'site_data'}: {len(outcomes)} cases (seed {SEED}): {codes[0]} "
        f"passed check ({sum(o.rendered for o in outcomes)} rendered), {codes[1]} refused, "
        f"{len(failures)} findings; slowest case {slowest.case} ({slowest.what}) "
        f"{slowest.seconds:.2f} s; {len(messages)} kinds of message, the most frequent (cases):\n"
        + "\n".join(f"{n:6} {kind}" for kind, n in messages.most_common(25))
    )
    report = "\n".join(f"case {f.case} ({f.what}): {f.problem}" for f in failures[:20])
    assert not failures, f"{len(failures)} findings (replay one with FUZZ_CASE=N):\n{report}"
    if len(outcomes) >= 100:
        assert codes[0] > 0 and codes[1] > 0, "the mutations should both pass and fail"


def test_fuzz_check(in_corpus: Corpus) -> None:
    fuzz(in_corpus, CASES)


@pytest.fixture(scope="module")
def every_field(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return Corpus(tmp_path_factory.mktemp("fuzz-every-field"), EVERY_FIELD, "every-field")


def test_fuzz_check_every_field(every_field: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """The story with every field of every model (tests/test_missing_keys.py): what the shipped
    story lacks (an inferred publication date, a status history, a range, times of day, a
    byline) is mutated too."""
    monkeypatch.chdir(every_field.root)
    fuzz(every_field, FIXTURE_CASES)


SUBPROCESS_CASES = ("fifo", "zero", "loop", 0, 1, 2, 3)


@pytest.mark.parametrize("case", SUBPROCESS_CASES)
def test_fuzz_as_a_real_process(in_corpus: Corpus, case: str | int) -> None:
    """A few cases as a real ``explainer check``: the same output as in-process, in time."""
    texts: dict[str, str | None]
    if isinstance(case, int):
        _, texts = in_corpus.mutate(case)
    else:
        path = in_corpus.data / "figures.yaml"
        path.unlink()
        {"fifo": _fifo, "zero": _zero, "loop": _loop}[case](path)
        texts = {"figures": None}
    try:
        expected = check_in_process("site_data")
        proc = subprocess.run(
            [sys.executable, "-m", "generator.cli", "check", "site_data"],
            cwd=in_corpus.root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=HANG_SECONDS * 3,
            check=False,
        )
    finally:
        in_corpus.restore()
    assert output_problem(proc.returncode, proc.stdout, proc.stderr, texts) is None
    assert (proc.returncode, proc.stdout, proc.stderr) == expected
