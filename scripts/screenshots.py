#!/usr/bin/env python3
"""Screenshots of the real privx-roles console for the README.

Drives `privx-roles --demo` in a private tmux server, captures panes with `capture-pane -e -p`
(text plus SGR colors), renders them with pyte (a VT100 emulator) and Pillow into PNGs under
screenshots/. Needs: tmux, python3 with pyte and Pillow, and the DejaVu Sans Mono font
(Debian: fonts-dejavu-core). `make screenshots` installs what is missing and runs this.
"""
import os
import subprocess
import sys
import time
import uuid

import pyte
from PIL import Image, ImageDraw, ImageFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("PRIVX_ROLES_BIN", os.path.join(ROOT, ".build", "debug", "privx-roles"))
OUT = os.path.join(ROOT, "screenshots")
FONT_DIR = "/usr/share/fonts/truetype/dejavu"
SOCKET = "privx-shots-%s" % uuid.uuid4().hex[:8]

PALETTE16 = ["000000", "cd3131", "0dbc79", "e5e510", "2472c8", "bc3fbc", "11a8cd", "e5e5e5",
             "666666", "f14c4c", "23d18b", "f5f543", "3b8eea", "d670d6", "29b8db", "ffffff"]
BACKGROUND, FOREGROUND = "1e1e1e", "d4d4d4"


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET] + list(args), check=True, capture_output=True, text=True).stdout


def wait_for(text, timeout=40):
    deadline = time.time() + timeout
    while time.time() < deadline:
        screen = tmux("capture-pane", "-p", "-t", "app")
        if text in screen:
            return
        time.sleep(0.1)
    raise SystemExit("timed out waiting for %r; last screen:\n%s" % (text, screen))


def keys(*names):
    """Sends keys one at a time; a pause after Esc keeps the next key from reading as Alt+key."""
    for name in names:
        tmux("send-keys", "-t", "app", name)
        time.sleep(0.3 if name == "Escape" else 0.05)


def literal(text):
    tmux("send-keys", "-t", "app", "-l", text)


def color(value, default):
    if value == "default":
        return default
    names = ["black", "red", "green", "brown", "blue", "magenta", "cyan", "white"]
    if value in names:
        return PALETTE16[names.index(value)]
    if value.startswith("bright") and value[6:] in names:
        return PALETTE16[8 + names.index(value[6:])]
    if len(value) == 6:
        return value
    return default


def render(name, width, height):
    """Captures the pane with escapes and draws it cell by cell."""
    ansi = tmux("capture-pane", "-e", "-p", "-t", "app")
    screen = pyte.Screen(width, height)
    stream = pyte.Stream(screen)
    lines = ansi.split("\n")[:height]
    stream.feed("\r\n".join(lines))
    regular = ImageFont.truetype(os.path.join(FONT_DIR, "DejaVuSansMono.ttf"), 15)
    bold = ImageFont.truetype(os.path.join(FONT_DIR, "DejaVuSansMono-Bold.ttf"), 15)
    cell_w, cell_h = 9, 19
    image = Image.new("RGB", (width * cell_w + 16, height * cell_h + 16), "#" + BACKGROUND)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        line = screen.buffer[y]
        for x in range(width):
            char = line[x]
            fg, bg = color(char.fg, FOREGROUND), color(char.bg, BACKGROUND)
            if char.reverse:
                fg, bg = bg, fg
            left, top = 8 + x * cell_w, 8 + y * cell_h
            if bg != BACKGROUND:
                draw.rectangle([left, top, left + cell_w - 1, top + cell_h - 1], fill="#" + bg)
            if char.data.strip():
                draw.text((left, top + 1), char.data, font=bold if char.bold else regular, fill="#" + fg)
            if char.underscore:
                draw.line([left, top + cell_h - 2, left + cell_w - 1, top + cell_h - 2], fill="#" + fg)
    path = os.path.join(OUT, name + ".png")
    image.save(path)
    print("wrote", os.path.relpath(path, ROOT))


def main():
    if not os.access(BINARY, os.X_OK):
        raise SystemExit("build first: swift build --product privx-roles (%s is missing)" % BINARY)
    os.makedirs(OUT, exist_ok=True)
    width, height = 120, 34
    state = os.path.join("/tmp", SOCKET + "-state")
    command = "env LANG=C.UTF-8 XDG_STATE_HOME=%s %s --demo" % (state, BINARY)
    tmux("-f", "/dev/null", "new-session", "-d", "-s", "app", "-x", str(width), "-y", str(height), command)
    tmux("set", "-g", "status", "off")
    try:
        wait_for("Roles (60 of 60)")
        keys("Down", "Down")
        time.sleep(0.5)
        render("roles-detail", width, height)

        keys("2")
        wait_for("AWS roles (")
        literal("/")
        literal("prod-")
        keys("Enter", "m")
        wait_for("PrivX roles that grant")
        keys("Down", "Space", "Down", "Down", "Space")
        time.sleep(0.5)
        render("aws-mapping-checklist", width, height)
        keys("Escape")

        keys("?")
        wait_for("Keys on AWS roles")
        time.sleep(0.3)
        render("help", width, height)
        keys("Escape", "1")
        time.sleep(4.5)

        literal("/")
        literal("linux-admins")
        keys("Enter", "e")
        wait_for("Edit role linux-admins")
        time.sleep(0.3)
        render("editor-form", width, height)
        for _ in range(11):
            keys("Tab")
        wait_for("Tab completes from the system")
        time.sleep(0.3)
        render("editor-context", width, height)

        keys("F3")
        wait_for("Mapping rules ·")
        keys("Home", "a")
        wait_for("Directory of the new rule")
        keys("End", "Up", "Enter")
        literal("(&(department=Engineering)(title=Senior*)")
        wait_for("(title=Senior*)")
        wait_for("unbalanced parentheses")
        time.sleep(0.3)
        render("editor-rules", width, height)
        literal(")")
        keys("Enter")
        time.sleep(4)
        keys("F5")
        wait_for("would match")
        time.sleep(3.2)
        render("evaluate-inspector", width, height)
        keys("Escape")
        wait_for("Mapping rules ·")
        keys("Escape")
        keys("Escape")
        wait_for("Edits discarded")
        # On a list, Esc first dismisses the messages shown, then clears the filter.
        keys("Escape")
        wait_for("filter linux-admins: 1")
        keys("Escape")
        wait_for("Roles (60 of 60)")
        time.sleep(6.5)

        tmux("resize-window", "-t", "app", "-x", "60", "-y", "16")
        wait_for("Roles (60 of 60)")
        time.sleep(0.5)
        render("narrow-60x16", 60, 16)
        keys("q")
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)


if __name__ == "__main__":
    sys.exit(main())
