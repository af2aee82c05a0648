"""Starting and stopping `bigcert serve` for the tests (any free port; the URL is read from its first line)."""
import http.client
import json
import os
import signal
import subprocess
import urllib.parse

BIGCERT = os.environ.get("BIGCERT", "build/bigcert")
SOURCE = os.environ.get("BIGCERT_SOURCE_DIR", ".")


def example(name):
    return os.path.join(SOURCE, "examples", name + ".json")


class Server:
    def __init__(self, *flags):
        self.process = subprocess.Popen([BIGCERT, "serve", "--port", "0", *flags], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("bigcert serve: http://"):
            self.process.kill()
            raise RuntimeError("serve did not start: " + line + self.process.stderr.read())
        self.url = line.split()[2]
        parsed = urllib.parse.urlparse(self.url)
        self.host, self.port = parsed.hostname, parsed.port

    def request(self, method, path, body=None, headers=None, timeout=300):
        """(status, headers dict, body bytes) of one request on a new connection."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def post(self, command, body, query=""):
        if isinstance(body, str):
            body = body.encode()
        status, headers, data = self.request("POST", "/api/" + command + ("?" + query if query else ""), body,
                                             {"Content-Type": "application/json"})
        return status, headers, data

    def post_json(self, command, body, query=""):
        status, headers, data = self.post(command, body, query)
        return status, json.loads(data)

    def stop(self, sig=signal.SIGTERM, timeout=20):
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self.process.stdout.close()
            self.process.stderr.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.stop()
