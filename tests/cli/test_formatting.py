"""The tree is formatted by .clang-format (Google style, 4-space indent, 110 columns); this test fails on any C++
file that clang-format would change, and names the file and the first line it would rewrite."""
import os
import shutil
import subprocess
import unittest

SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
FOLDERS = ["src", "include", "tests", "python", "bench", "proofs", "fuzz", "examples"]
SUFFIXES = (".cpp", ".hpp", ".h")


def cxx_files():
    for folder in FOLDERS:
        for root, dirs, files in os.walk(os.path.join(SOURCE, folder)):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "build")))
            for name in sorted(files):
                if name.endswith(SUFFIXES):
                    yield os.path.join(root, name)


class Formatting(unittest.TestCase):
    def test_clang_format_changes_nothing(self):
        # scripts/test.sh installs clang-format; a missing one is a failure, not a skip.
        clang_format = shutil.which("clang-format")
        self.assertIsNotNone(clang_format, "clang-format is not installed (scripts/test.sh installs it)")
        files = list(cxx_files())
        self.assertGreater(len(files), 100, "the walk found too few C++ files: wrong BIGCERT_SOURCE_DIR?")
        unformatted = []
        for path in files:
            run = subprocess.run([clang_format, "--dry-run", "--Werror", f"--style=file", path],
                                 capture_output=True, text=True, cwd=SOURCE)
            if run.returncode != 0:
                first = next((l for l in run.stderr.splitlines() if "error:" in l), run.stderr.strip()[:200])
                unformatted.append(first)
        self.assertEqual(unformatted, [], "clang-format would change these files (run clang-format -i):\n" +
                         "\n".join(unformatted))

    def test_detects_an_unformatted_file(self):
        # The check itself can fail: a badly indented snippet is reported.
        clang_format = shutil.which("clang-format")
        self.assertIsNotNone(clang_format)
        run = subprocess.run([clang_format, "--dry-run", "--Werror", "--style=file",
                              "--assume-filename=" + os.path.join(SOURCE, "src", "x.cpp")],
                             input="int  f( ){return 1;}\n", capture_output=True, text=True)
        self.assertNotEqual(run.returncode, 0)


if __name__ == "__main__":
    unittest.main()
