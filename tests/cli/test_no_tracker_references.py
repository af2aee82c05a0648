"""The tree cites what a reference means (a docs/ section, a paper result), never a number of an issue tracker the
repository does not contain: a comment like "(issue 6)" tells a reader nothing. Fails on any new one."""
import os
import re
import unittest

SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
FOLDERS = ["src", "include", "tests", "python", "bench", "scripts", "proofs", "fuzz", "cmake", "docs", "examples"]
TOP_FILES = ["CMakeLists.txt", "README.md", "CMakePresets.json"]
TEXT_SUFFIXES = (".cpp", ".hpp", ".h", ".py", ".sh", ".cmake", ".txt", ".md", ".json", ".smt2", ".in")
# "issue 6", "Issue #6", "issues 2 and 8": a tracker number, whatever the spacing.
TRACKER_REFERENCE = re.compile(r"\bissues?\s*#?\s*[0-9]", re.IGNORECASE)


def source_files():
    for name in TOP_FILES:
        path = os.path.join(SOURCE, name)
        if os.path.isfile(path):
            yield path
    for folder in FOLDERS:
        for root, dirs, files in os.walk(os.path.join(SOURCE, folder)):
            dirs[:] = [d for d in dirs if not d.startswith((".", "build"))]
            for name in files:
                path = os.path.join(root, name)
                if (name.endswith(TEXT_SUFFIXES) or name == "CMakeLists.txt") and not same_file(path, __file__):
                    yield path


def same_file(a, b):  # this test's own examples of the pattern
    return os.path.realpath(a) == os.path.realpath(b)


def tracker_references(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            if TRACKER_REFERENCE.search(line):
                yield f"{os.path.relpath(path, SOURCE)}:{number}: {line.strip()}"


class NoTrackerReferences(unittest.TestCase):
    def test_the_pattern_finds_what_it_must(self):
        for text in ["// balls (issue 6)", "# Issue #12: x", "(issues 2 and 8)", "issue 3, item 7"]:
            self.assertRegex(text, TRACKER_REFERENCE)
        for text in ["// balls (docs/model.md §3g)", "a known issue of Z3", "tissue 5"]:
            self.assertNotRegex(text, TRACKER_REFERENCE)

    def test_the_walk_reaches_the_sources(self):
        files = set(os.path.relpath(p, SOURCE) for p in source_files())
        for expected in ["src/solver/solve.cpp", "include/bigcert/core/rational.hpp", "README.md", "docs/model.md"]:
            self.assertIn(expected, files)

    def test_no_source_file_cites_a_tracker_number(self):
        found = [hit for path in source_files() for hit in tracker_references(path)]
        self.assertEqual(found, [], "say what the reference means (a docs/ section, a paper result):\n"
                         + "\n".join(found))


if __name__ == "__main__":
    unittest.main()
