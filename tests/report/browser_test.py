#!/usr/bin/env python3
"""Renders a report page in headless Chromium and checks what it drew.

browser_test.py CHROMIUM OUTDIR RENDER [ARGS...]

Runs `RENDER ARGS... OUTDIR/report.html OUTDIR/expected.txt`; expected.txt lists
"class count" lines, computed from the data by the program that wrote the page.
The screenshot is left in OUTDIR/report.png (docs/report.png is a copy). Checks: the DOM after load has those many elements of each
class, the SVG charts are there, no console error, no request left the file,
and the screenshot is a PNG of the asked size.
"""
import html.parser
import os
import pathlib
import shutil
import struct
import subprocess
import sys
import tempfile

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--mute-audio"]


class Counter(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.classes = {}
        self.svg_charts = 0
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for cls in (attrs.get("class") or "").split():
            self.classes[cls] = self.classes.get(cls, 0) + 1
        if tag == "svg" and attrs.get("role") == "img":
            self.svg_charts += 1
        if tag == "script":
            self.scripts += 1


def chromium(binary, args, profile):
    cmd = [binary, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
           *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def console_errors(stderr):
    bad = []
    for line in stderr.splitlines():
        if "Uncaught" in line or ("CONSOLE" in line and "ERROR" in line.upper()):
            bad.append(line)
        if "Failed to load resource" in line or "net::ERR_" in line:
            bad.append(line)
    return bad


def main():
    binary, outdir = sys.argv[1:3]
    os.makedirs(outdir, exist_ok=True)
    page = os.path.join(outdir, "report.html")
    expected_file = os.path.join(outdir, "expected.txt")
    screenshot = os.path.join(outdir, "report.png")
    for stale in (page, expected_file, screenshot):
        if os.path.exists(stale):
            os.remove(stale)
    render = subprocess.run([*sys.argv[3:], page, expected_file])
    if render.returncode != 0:
        print(f"FAIL: {' '.join(sys.argv[3:])} exited {render.returncode}")
        return 1
    url = pathlib.Path(page).resolve().as_uri()
    failures = []
    profile = tempfile.mkdtemp(prefix="stride-chromium-")
    try:
        dom = chromium(binary, ["--dump-dom", url], profile)
        if dom.returncode != 0:
            failures.append(f"chromium --dump-dom exited {dom.returncode}: {dom.stderr[-2000:]}")
        failures += [f"console: {line}" for line in console_errors(dom.stderr)]
        counter = Counter()
        counter.feed(dom.stdout)

        expected = {}
        for line in pathlib.Path(expected_file).read_text().splitlines():
            name, count = line.split()
            expected[name] = int(count)
        for name, count in expected.items():
            got = counter.svg_charts if name == "svg-charts" else counter.classes.get(name, 0)
            status = "ok" if got == count else "MISMATCH"
            print(f"{name}: expected {count}, drawn {got} {status}")
            if got != count:
                failures.append(f"{name}: expected {count}, the DOM has {got}")
        if counter.scripts:
            failures.append(f"{counter.scripts} <script> elements in the DOM")

        shot_dir = tempfile.mkdtemp(prefix="stride-shot-")
        shot = os.path.join(shot_dir, "report.png")
        result = chromium(binary, [f"--screenshot={shot}", "--window-size=900,2800", url], profile)
        failures += [f"console: {line}" for line in console_errors(result.stderr)]
        if not os.path.exists(shot):
            failures.append(f"no screenshot written: {result.stderr[-2000:]}")
        else:
            data = pathlib.Path(shot).read_bytes()
            if data[:8] != b"\x89PNG\r\n\x1a\n":
                failures.append("the screenshot is not a PNG")
            else:
                width, height = struct.unpack(">II", data[16:24])
                print(f"screenshot: {width}x{height}, {len(data)} bytes")
                if (width, height) != (900, 2800):
                    failures.append(f"screenshot is {width}x{height}, not 900x2800")
                if len(data) < 20000:
                    failures.append(f"screenshot of {len(data)} bytes: nothing drawn?")
            shutil.copyfile(shot, screenshot)
        shutil.rmtree(shot_dir, ignore_errors=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)

    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
