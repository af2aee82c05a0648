"""Every example in README.md and docs/*.md is run, so the manual cannot drift from the tool.

Convention (docs/cli.md, "How the examples are tested"):
- A fenced block opened with ```console is a session. A line starting with "$ " is a command (run by bash from
  a scratch directory holding `build`, `examples` and `proofs`; a line ending in a backslash continues it); the
  lines after it, up to the next command or the end of the block, are its expected standard output followed by
  its standard error. A last line "[exit N]" expects exit status N; otherwise the status must be 0.
- Expected lines match exactly, except that "…" inside a line stands for any text (timings, hashes) and a line
  that is only "…" stands for any number of lines (a long output cut short); trailing empty lines are ignored.
- Sessions of one file share their scratch directory, in order: a later command can read what an earlier wrote.
- The ```pycon session of docs/cli.md (Python) is run by doctest in tests/python/test_bigcert.py.
"""
import glob
import os
import re
import shutil
import subprocess
import tempfile
import unittest

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
ELLIPSIS = "…"
EXIT_LINE = re.compile(r"^\[exit (\d+)\]$")
FENCE = re.compile(r"^```(\w*)\s*$")
TIMEOUT_SECONDS = 300


def documents():
    paths = [os.path.join(SOURCE, "README.md")] + sorted(glob.glob(os.path.join(SOURCE, "docs", "*.md")))
    return [p for p in paths if os.path.isfile(p)]


def fenced_blocks(text, language):
    """(first line number, lines) of every block opened with ```language."""
    blocks, inside, start, lines = [], None, 0, []
    for number, line in enumerate(text.splitlines(), 1):
        fence = FENCE.match(line)
        if inside is None and fence:
            inside, start, lines = fence.group(1), number + 1, []
        elif inside is not None and line.startswith("```"):
            if inside == language:
                blocks.append((start, lines))
            inside = None
        elif inside is not None:
            lines.append(line)
    return blocks


class Example:
    def __init__(self, where, command):
        self.where, self.command, self.expected, self.status = where, command, [], 0


def console_examples(path):
    """Every "$ " command of the file's console blocks, in document order."""
    examples = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for start, lines in fenced_blocks(text, "console"):
        current, continuing = None, False
        for offset, line in enumerate(lines):
            if continuing:
                current.command += "\n" + line
                continuing = line.endswith("\\")
            elif line.startswith("$ "):
                current = Example(f"{os.path.relpath(path, SOURCE)}:{start + offset}", line[2:])
                examples.append(current)
                continuing = line.endswith("\\")
            elif current is None:
                raise AssertionError(f"{path}:{start + offset}: output before any command in a console block")
            elif EXIT_LINE.match(line):
                current.status = int(EXIT_LINE.match(line).group(1))
            else:
                current.expected.append(line)
    return examples


def line_pattern(line):
    return ".*?".join(re.escape(part) for part in line.split(ELLIPSIS))


def output_matches(expected, actual):
    """Expected lines against actual ones: "…" in a line is any text, a line "…" any number of lines."""
    pattern = "".join(r"(?:.*\n)*?" if line == ELLIPSIS else line_pattern(line) + r"\n" for line in expected)
    return re.fullmatch(pattern, normalised(actual)) is not None


def normalised(output):
    """Trailing empty lines and a missing last newline do not count: a code block cannot show them."""
    output = output.rstrip("\n")
    return output + "\n" if output else ""


def heading_anchors(text):
    """GitHub's anchors of a file's headings: lower case, punctuation dropped, spaces as hyphens."""
    anchors = set()
    for line in text.splitlines():
        heading = re.match(r"^#+ (.*)$", line)
        if heading:
            slug = re.sub(r"[^\w\- ]", "", heading.group(1).strip().lower()).replace(" ", "-")
            anchors.add(slug)
    return anchors


def relative_links(text):
    """(file, anchor) of every markdown link that is not a URL; file "" means the same file."""
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if not re.match(r"^[a-z]+:", target):
            file, _, anchor = target.partition("#")
            yield file, anchor


def scratch_directory():
    """A working directory where the documented relative paths (build/bigcert, examples/...) resolve."""
    scratch = tempfile.mkdtemp(prefix="bigcert-docs-")
    os.symlink(os.path.dirname(os.path.abspath(BIGCERT)), os.path.join(scratch, "build"))
    for name in ["examples", "proofs"]:
        os.symlink(os.path.abspath(os.path.join(SOURCE, name)), os.path.join(scratch, name))
    return scratch


def run(command, cwd):
    r = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=cwd, capture_output=True, text=True,
                       timeout=TIMEOUT_SECONDS, env=dict(os.environ, COLUMNS="120", LC_ALL="C.UTF-8"))
    return r.returncode, r.stdout + r.stderr


class ConventionItself(unittest.TestCase):
    def test_matching(self):
        self.assertTrue(output_matches(["a 1", "b"], "a 1\nb\n"))
        self.assertFalse(output_matches(["a 1", "b"], "a 2\nb\n"))
        self.assertFalse(output_matches(["a 1"], "a 1\nb\n"))  # an extra line is a change
        self.assertTrue(output_matches(["took … s", "x"], "took 0.25 s\nx\n"))
        self.assertTrue(output_matches(["{", ELLIPSIS, "}"], "{\n 1\n 2\n}\n"))
        self.assertTrue(output_matches([], ""))
        self.assertFalse(output_matches([], "text\n"))
        self.assertTrue(output_matches(["a"], "a"))
        self.assertTrue(output_matches(["a"], "a\n\n"))
        self.assertFalse(output_matches(["a", "", "b"], "a\nb\n"))

    def test_parsing(self):
        path = os.path.join(tempfile.mkdtemp(), "doc.md")
        with open(path, "w", encoding="utf-8") as f:
            f.write("```console\n$ echo a \\\n  b\na b\n$ false\n[exit 1]\n```\n```sh\n$ not run\n```\n")
        examples = console_examples(path)
        self.assertEqual([e.command for e in examples], ["echo a \\\n  b", "false"])
        self.assertEqual([(e.expected, e.status) for e in examples], [(["a b"], 0), ([], 1)])
        self.assertEqual(heading_anchors("## `bigcert solve`\n### Z3 4.8.12, §3g (x)\n"),
                         {"bigcert-solve", "z3-4812-3g-x"})
        shutil.rmtree(os.path.dirname(path))


class DocumentedExamples(unittest.TestCase):
    def test_every_console_example_gives_its_documented_output(self):
        total = 0
        for path in documents():
            scratch = scratch_directory()
            try:
                for example in console_examples(path):
                    total += 1
                    with self.subTest(example.where, command=example.command):
                        status, output = run(example.command, scratch)
                        self.assertEqual(status, example.status, f"{example.where}: $ {example.command}\n{output}")
                        self.assertTrue(output_matches(example.expected, output),
                                        f"{example.where}: $ {example.command}\nexpected:\n"
                                        + "\n".join(example.expected) + "\nactual:\n" + output)
            finally:
                shutil.rmtree(scratch)
        self.assertGreater(total, 20, "the examples were not found")

    def test_every_link_between_the_documents_resolves(self):
        for path in documents():
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for file, anchor in relative_links(text):
                target = os.path.normpath(os.path.join(os.path.dirname(path), file)) if file else path
                self.assertTrue(os.path.exists(target), f"{path}: link to missing {file}")
                if anchor:
                    with open(target, encoding="utf-8") as f:
                        self.assertIn(anchor, heading_anchors(f.read()), f"{path}: no heading #{anchor} in {target}")

    def test_the_readme_session_goes_solve_certify_replay_check(self):
        commands = [e.command for e in console_examples(os.path.join(SOURCE, "README.md"))]
        order = [next((k for k, c in enumerate(commands) if re.search(rf"bigcert {word}\b", c)), None)
                 for word in ["solve", "certify", "replay", "check"]]
        self.assertNotIn(None, order, commands)
        self.assertEqual(order, sorted(order), commands)
        self.assertTrue(any("--proof-log" in c for c in commands if "certify" in c))

    def test_every_subcommand_section_of_the_manual_has_an_example(self):
        with open(os.path.join(SOURCE, "docs", "cli.md"), encoding="utf-8") as f:
            text = f.read()
        sections = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
        subcommands = {}
        for section in sections:
            heading = section.splitlines()[0]
            named = re.match(r"`bigcert ([a-z-]+)", heading)
            if named:
                subcommands[named.group(1)] = section
        for name in ["solve", "demo", "enumerate", "export-nfg", "dynamics", "plot", "batch", "merge",
                     "certify", "check", "replay", "align"]:
            self.assertIn(name, subcommands, f"docs/cli.md has no section `bigcert {name}`")
            blocks = [line for _, lines in fenced_blocks(subcommands[name], "console") for line in lines]
            self.assertTrue(any(re.match(rf"\$ .*bigcert {name}\b", line) for line in blocks),
                            f"docs/cli.md: the section `bigcert {name}` runs no `bigcert {name}` example")


if __name__ == "__main__":
    unittest.main()
