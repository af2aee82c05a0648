"""`--proof-log DIR` never deletes or overwrites what bigcert did not write (docs/cli.md "certify"): DIR must be new,
empty, or an earlier bigcert bundle; an old bundle is replaced whole by the new one (written beside it, then
renamed), and every command that writes a bundle goes through the same rule."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

BIGCERT = os.path.abspath(os.environ.get("BIGCERT", "build/bigcert"))
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")


def example(name):
    return os.path.abspath(os.path.join(SOURCE, "examples", name + ".json"))


def run(*args, cwd=None):
    return subprocess.run([BIGCERT, *args], capture_output=True, text=True, timeout=300, cwd=cwd)


def snapshot(directory):
    """Every file under `directory` with its bytes (symbolic links as their target)."""
    out = {}
    for root, dirs, files in os.walk(directory):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, directory)
            out[rel] = ("link", os.readlink(path)) if os.path.islink(path) else open(path, "rb").read()
    return out


class ProofLogDirectory(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)

    def user_folder(self):
        folder = os.path.join(self.tmp, "work")
        os.mkdir(folder)
        shutil.copy(example("paper-ex1a"), os.path.join(folder, "mygame.json"))
        with open(os.path.join(folder, "paper.tex"), "w") as f:
            f.write("\\documentclass{article}\n")
        return folder

    def assert_refused(self, result, before, folder):
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertIn("--proof-log", result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertEqual(snapshot(folder), before)

    def test_a_folder_of_user_files_is_refused_and_left_alone(self):
        folder = self.user_folder()
        before = snapshot(folder)
        self.assert_refused(run("certify", "mygame.json", "--proof-log", ".", cwd=folder), before, folder)
        self.assert_refused(run("check", "mygame.json", "--proof-log", folder, cwd=folder), before, folder)
        self.assert_refused(run("certify", "mygame.json", "--proof-log", folder + "/", cwd=folder), before, folder)

    def test_every_command_writing_a_bundle_refuses(self):
        folder = self.user_folder()
        before = snapshot(folder)
        for args in (["solve", example("disc-two/disc-two"), "--algebraic"],
                     ["certify", example("paper-ex4-inner")],
                     ["check", example("paper-ex1a"), "--property", "count"]):
            with self.subTest(args=args):
                self.assert_refused(run(*args, "--proof-log", folder), before, folder)

    def test_a_bundle_with_a_foreign_file_is_refused(self):
        bundle = os.path.join(self.tmp, "bundle")
        self.assertEqual(run("certify", example("paper-ex1a"), "--proof-log", bundle).returncode, 0)
        with open(os.path.join(bundle, "notes.txt"), "w") as f:
            f.write("mine\n")
        before = snapshot(bundle)
        self.assert_refused(run("certify", example("paper-ex1a"), "--proof-log", bundle), before, bundle)

    def test_files_symbolic_links_and_the_root_are_refused(self):
        folder = self.user_folder()
        bundle = os.path.join(self.tmp, "bundle")
        self.assertEqual(run("certify", example("paper-ex1a"), "--proof-log", bundle).returncode, 0)
        os.symlink(bundle, os.path.join(folder, "link"))
        os.symlink(os.path.join(folder, "paper.tex"), os.path.join(folder, "tex-link"))
        before, bundle_before = snapshot(folder), snapshot(bundle)
        for target in ("paper.tex", "link", "tex-link"):
            with self.subTest(target=target):
                self.assert_refused(run("certify", "mygame.json", "--proof-log", target, cwd=folder), before,
                                    folder)
        self.assertEqual(snapshot(bundle), bundle_before)
        r = run("check", example("paper-ex1a"), "--proof-log", "/")
        self.assertEqual(r.returncode, 2, r.stderr)

    def test_an_old_bundle_is_replaced_whole(self):
        parent = os.path.join(self.tmp, "logs")
        bundle = os.path.join(parent, "bundle")
        self.assertEqual(run("certify", example("paper-ex1a"), "--proof-log", bundle).returncode, 0)
        certify_files = set(os.listdir(bundle))
        r = run("check", example("paper-ex2"), "--proof-log", bundle)
        self.assertEqual(r.returncode, 0, r.stderr)
        manifest = json.load(open(os.path.join(bundle, "manifest.json")))
        listed = {"manifest.json", manifest["instance"]["file"]}
        listed |= {q["file"] for q in manifest["queries"]} | {q["proof_file"] for q in manifest["queries"]
                                                             if "proof_file" in q}
        listed |= {a["file"] for a in manifest.get("artifacts", [])}
        self.assertEqual(set(os.listdir(bundle)), listed)
        self.assertFalse(certify_files - {"manifest.json", "instance.json"} & listed)
        self.assertEqual(os.listdir(parent), ["bundle"])  # no staging or old directory left beside it
        self.assertEqual(run("replay", bundle).returncode, 0)

    def test_an_empty_or_new_directory_is_fine(self):
        empty = os.path.join(self.tmp, "empty")
        os.mkdir(empty)
        for target in (empty, os.path.join(self.tmp, "new", "deeper")):
            with self.subTest(target=target):
                r = run("certify", example("paper-ex1a"), "--proof-log", target)
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertTrue(os.path.isfile(os.path.join(target, "manifest.json")))
                self.assertEqual(run("replay", target).returncode, 0)

    def test_the_weak_dominance_bundle_is_replaced_too(self):
        bundle = os.path.join(self.tmp, "dominance")
        for _ in range(2):
            r = run("certify", example("paper-ex4-inner"), "--proof-log", bundle)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("manifest.json", os.listdir(bundle))
            self.assertEqual(run("replay", bundle).returncode, 0)
        self.assertEqual(os.listdir(self.tmp), ["dominance"])


if __name__ == "__main__":
    unittest.main()
