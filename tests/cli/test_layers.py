"""The layers of docs/internals.md, checked on every include of the tree: a file may include public headers of
its own layer and of the layers below it (include/bigcert/<layer>/), and private headers (src/<layer>/) of its
own layer only. The build enforces the same (each layer's include root shows only what it may see, see
CMakeLists.txt); this test names the offending line."""
import os
import re
import unittest

SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")
# Bottom to top; each layer may use the ones listed (docs/internals.md, "Layers").
MAY_USE = {
    "core": {"core"},
    "io": {"core", "io"},
    "solver": {"core", "io", "solver"},
    "certify": {"core", "io", "solver", "certify"},
    "align": {"core", "io", "solver", "align"},
    "mechanism": {"core", "io", "solver", "certify", "mechanism"},
    "batch": {"core", "io", "solver", "certify", "batch"},
    # The tool: the command line and `bigcert serve`, over every library layer and the facade.
    "cli": {"core", "io", "solver", "certify", "align", "mechanism", "batch", "cli", "serve", "facade"},
    "serve": {"core", "io", "solver", "certify", "align", "mechanism", "batch", "cli", "serve", "facade"},
}
TOOL = {"cli", "serve"}  # one layer in two folders: they share their private headers
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)


def layer_of_header(include):
    """The layer a quoted include names, and whether it is public: bigcert/<layer>/x.hpp, bigcert/bigcert.hpp
    (the facade over all layers), <layer>/x.hpp (a private header), or None for anything else."""
    parts = include.split("/")
    if include == "bigcert/bigcert.hpp":
        return "facade", True
    if len(parts) == 3 and parts[0] == "bigcert":
        return parts[1], True
    if len(parts) == 2 and parts[0] in MAY_USE:
        return parts[0], False
    return None, None


def layered_files():
    """(file, its layer) for every header and source of a layer."""
    for top, layer_at in (("include/bigcert", 0), ("src", 0)):
        base = os.path.join(SOURCE, top)
        for root, _, files in os.walk(base):
            rel = os.path.relpath(root, base)
            if rel == ".":
                continue
            layer = rel.split(os.sep)[layer_at]
            for name in files:
                if name.endswith((".hpp", ".cpp")):
                    yield os.path.join(root, name), layer


def violations():
    found = []
    for path, layer in layered_files():
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for include in INCLUDE.findall(text):
            target, public = layer_of_header(include)
            rel = os.path.relpath(path, SOURCE)
            if target is None:
                continue  # a generated file or a system-style header in quotes
            if layer not in MAY_USE:
                found.append(f"{rel}: folder {layer} is not a layer of docs/internals.md")
            elif target not in MAY_USE[layer]:
                found.append(f'{rel}: #include "{include}" reaches up from {layer} to {target}')
            elif not public and target != layer and not {target, layer} <= TOOL:
                found.append(f'{rel}: #include "{include}" is a private header of {target}')
    return found


class Layers(unittest.TestCase):
    def test_every_public_header_is_in_a_layer(self):
        base = os.path.join(SOURCE, "include", "bigcert")
        stray = [n for n in os.listdir(base) if n.endswith(".hpp") and n != "bigcert.hpp"]
        self.assertEqual(stray, [], "public headers belong in include/bigcert/<layer>/")
        folders = sorted(n for n in os.listdir(base) if os.path.isdir(os.path.join(base, n)))
        self.assertEqual([f for f in folders if f not in MAY_USE], [])

    def test_no_include_reaches_up_or_across(self):
        found = violations()
        self.assertEqual(found, [], "\n".join(found))

    def test_the_check_sees_an_upward_include(self):
        self.assertEqual(layer_of_header("bigcert/certify/proof_log.hpp"), ("certify", True))
        self.assertNotIn("certify", MAY_USE["solver"])
        self.assertEqual(layer_of_header("solver/parallel.hpp"), ("solver", False))


if __name__ == "__main__":
    unittest.main()
