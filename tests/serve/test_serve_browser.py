"""`bigcert serve`'s page in a real browser (headless Chromium through Selenium): Example 1 and Example 2 of
the paper are built by clicks, drags and keys; the exact answer and the certificate read from the page equal
`bigcert solve --json` and `bigcert certify --json`; a polygon is kept convex; a large instance file is drawn
by the server; the screenshot is not blank. Skipped (exit 77) only when Chromium, its driver or Selenium is
missing; scripts/test.sh installs them."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_server import BIGCERT, SOURCE, Server, example  # noqa: E402

SKIP = 77
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    webdriver = None


def cli_json(command, instance_text, *args):
    r = subprocess.run([BIGCERT, command, "-", "--json", *args], input=instance_text, capture_output=True,
                       text=True, timeout=300)
    return json.loads(r.stdout)


def read(path):
    with open(path) as f:
        return f.read()


def vector_text(v):
    return v[0] if len(v) == 1 else "(" + ", ".join(v) + ")"


def png_is_not_blank(data):
    """Decodes the PNG's pixel bytes (zlib) and requires dark pixels and many distinct values."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat = 8, b""
    while position < len(data):
        length = int.from_bytes(data[position:position + 4], "big")
        kind = data[position + 4:position + 8]
        if kind == b"IDAT":
            idat += data[position + 8:position + 8 + length]
        position += 12 + length
    pixels = zlib.decompress(idat)
    dark = sum(1 for b in pixels[::7] if b < 128)
    return len(set(pixels)) > 50 and dark > len(pixels[::7]) * 0.003


class BrowserTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server()
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1100", "--force-device-scale-factor=1"):
            options.add_argument(flag)
        cls.driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
        cls.driver.set_page_load_timeout(60)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.server.stop()

    def setUp(self):
        self.driver.get(self.server.url)
        self.wait_ready(0)

    # ---- helpers ----
    def generation(self):
        return int(self.driver.execute_script("return document.body.dataset.generation || '0'"))

    def wait_ready(self, after=None):
        after = self.generation() if after is None else after
        WebDriverWait(self.driver, 120, poll_frequency=0.05).until(
            lambda d: d.execute_script("return document.body.dataset.state") == "ready"
            and self.generation() >= after)

    def act(self, action):
        """Runs an interaction and waits until the page has the server's answers to it."""
        before = self.generation()
        action()
        time.sleep(0.05)
        self.wait_ready(before + 1)

    def handle(self, kind, player, index=0):
        return self.driver.find_element(
            By.CSS_SELECTOR, f'[data-kind="{kind}"][data-player="{player}"][data-index="{index}"]')

    def drag(self, kind, player, index, x, y=0):
        node = self.handle(kind, player, index)
        lane = player if self.instance()["dimension"] == 1 else None
        to = self.driver.execute_script("return bigcert.worldToClient(arguments[0], arguments[1], arguments[2])",
                                        x, y, lane)
        box = self.driver.execute_script("const r = arguments[0].getBoundingClientRect();"
                                         "return {x: r.left + r.width / 2, y: r.top + r.height / 2};", node)
        # one move: the point jumps there (a refused position is not reached through allowed ones)
        self.act(lambda: ActionChains(self.driver).move_to_element(node).click_and_hold()
                 .move_by_offset(round(to["x"] - box["x"]), round(to["y"] - box["y"]))
                 .release().perform())

    def type_into(self, element_id, text):
        field = self.driver.find_element(By.ID, element_id)
        self.act(lambda: (field.clear(), field.send_keys(text + Keys.TAB)))

    def instance(self):
        return json.loads(self.driver.execute_script("return instanceJson()"))

    def page_answer(self):
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#equilibrium tbody tr")
        return {
            "actions": [r.find_element(By.CSS_SELECTOR, "td.action").text for r in rows],
            "receiver": self.driver.find_element(By.ID, "receiver").text,
            "count": self.driver.find_element(By.ID, "count").text,
            "certificate": self.driver.find_element(By.ID, "certificate-status").text,
        }

    def assert_page_matches_cli(self):
        """The page's numbers and verdict against the CLI on the instance the page built."""
        text = self.driver.execute_script("return instanceJson()")
        solution = cli_json("solve", text)
        certificate = cli_json("certify", text)
        answer = self.page_answer()
        self.assertEqual(answer["actions"], [vector_text(a) for a in solution["equilibrium"]["actions"]])
        self.assertEqual(answer["receiver"], vector_text(solution["equilibrium"]["receiver"]))
        self.assertEqual(answer["count"], solution["equilibria"]["count"])
        self.assertEqual(answer["certificate"], certificate["verdict"])
        return solution, answer

    # ---- the paper's examples, built by hand ----
    def test_example_1_by_drags_and_keys(self):
        self.drag("target", 0, 0, 1)
        self.drag("lo", 0, 0, 0)                                     # interval [-1, 1] -> [0, 1]
        self.act(lambda: self.handle("hi", 0, 1).click())
        for _ in range(5):                                           # Shift+Right: by 1, -> [0, 6]
            self.act(lambda: ActionChains(self.driver).key_down(Keys.SHIFT).send_keys(Keys.ARROW_RIGHT)
                     .key_up(Keys.SHIFT).perform())
        self.type_into("player-weight", "1/2")
        self.act(lambda: self.driver.find_element(By.ID, "add-player").click())
        self.drag("target", 1, 0, 4)
        self.type_into("player-weight", "0.5")
        built = self.instance()
        self.assertEqual([p["target"] for p in built["players"]], [["1"], ["4"]])
        self.assertEqual([p["action_set"]["interval"] for p in built["players"]], [["0", "6"], ["0", "6"]])
        solution, answer = self.assert_page_matches_cli()
        paper = cli_json("solve", read(example("paper-ex1a")))
        self.assertEqual(solution["equilibrium"]["actions"], paper["equilibrium"]["actions"])  # (0, 6)
        self.assertEqual(answer["receiver"], "3")
        self.assertEqual(answer["certificate"], "certified")
        exaggeration = self.driver.find_element(By.CSS_SELECTOR, '#check tr[data-property="exaggeration"]').text
        self.assertIn("holds", exaggeration)
        self.assertIn("approximate", self.driver.find_element(By.ID, "dynamics-approx").text)
        self.assertIn("Exact best-response dynamics (equilibrium)",
                      self.driver.find_element(By.ID, "dynamics-exact").text)
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, "#board .action")), 2)

    def test_example_2_by_drags_with_a_convex_polygon(self):
        self.act(lambda: Select(self.driver.find_element(By.ID, "dimension")).select_by_value("2"))
        self.drag("target", 0, 0, 1, 0)
        self.type_into("player-weight", "1/2")
        # a vertex dragged inside would make the square non-convex: refused, with a message
        self.drag("vertex", 0, 2, -0.5, -0.5)
        self.assertIn("convex", self.driver.find_element(By.ID, "message").text)
        self.assertEqual(self.instance()["players"][0]["action_set"]["vertices"][2], ["1", "1"])
        self.drag("vertex", 0, 2, 1.5, 1)
        self.assertEqual(self.instance()["players"][0]["action_set"]["vertices"][2], ["3/2", "1"])
        self.drag("vertex", 0, 2, 1, 1)
        self.act(lambda: self.driver.find_element(By.ID, "add-player").click())
        self.drag("target", 1, 0, -1, 0)
        self.type_into("player-weight", "1/2")
        built = self.instance()
        self.assertEqual([p["target"] for p in built["players"]], [["1", "0"], ["-1", "0"]])
        solution, answer = self.assert_page_matches_cli()
        paper = cli_json("solve", read(example("paper-ex2")))
        self.assertEqual(answer["receiver"], vector_text(paper["equilibrium"]["receiver"]))  # (0, 0)
        self.assertEqual(answer["count"], "infinite")
        self.assertEqual(answer["certificate"], "certified")
        faces = self.driver.find_elements(By.CSS_SELECTOR, "#board .face")
        self.assertEqual(len(faces), len(solution["equilibria"]["faces"]))
        self.assertGreater(len(faces), 0)
        shot = self.driver.get_screenshot_as_png()
        self.assertTrue(png_is_not_blank(shot))
        if os.environ.get("BIGCERT_SCREENSHOT"):
            with open(os.environ["BIGCERT_SCREENSHOT"], "wb") as f:
                f.write(shot)

    def test_keyboard_only(self):
        body = self.driver.find_element(By.TAG_NAME, "body")
        body.click()
        # Tab reaches a board point; arrows move it by 1/4
        for _ in range(40):
            ActionChains(self.driver).send_keys(Keys.TAB).perform()
            focused = self.driver.switch_to.active_element
            if focused.get_attribute("data-kind") == "target":
                break
        self.assertEqual(focused.get_attribute("data-kind"), "target")
        self.act(lambda: ActionChains(self.driver).send_keys(Keys.ARROW_RIGHT).perform())
        self.assertEqual(self.instance()["players"][0]["target"], ["1/4"])
        self.assertEqual(self.page_answer()["receiver"], "1/4")

    def test_large_instance_file_is_drawn_by_the_server(self):
        generator = os.path.join(SOURCE, "bench", "solve_bench_gen.py")
        text = subprocess.run([sys.executable, generator, "paper", "300"], capture_output=True, text=True,
                              check=True).stdout
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "large.json")
            with open(path, "w") as f:
                f.write(text)
            self.act(lambda: self.driver.find_element(By.ID, "load-file").send_keys(path))
        WebDriverWait(self.driver, 60).until(lambda d: d.execute_script(
            "const i = document.getElementById('server-figure'); return !i.hidden && i.naturalWidth > 0"))
        self.assertEqual(self.page_answer()["receiver"], vector_text(cli_json("solve", text)["equilibrium"]["receiver"]))

    def test_bad_weight_shows_the_cli_message(self):
        self.type_into("player-weight", "abc")
        message = self.driver.find_element(By.ID, "message").text
        self.assertIn("HTTP 400", message)
        self.assertIn("players[0].weight", message)


if __name__ == "__main__":
    missing = [name for name, found in (("chromium", CHROMIUM), ("chromedriver", DRIVER),
                                        ("python3-selenium", webdriver)) if not found]
    if missing:
        print("SKIPPED: the browser test needs " + ", ".join(missing) +
              " (Debian: apt-get install chromium chromium-driver python3-selenium; scripts/test.sh does)")
        sys.exit(SKIP)
    unittest.main()
