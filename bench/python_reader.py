#!/usr/bin/env python3
"""Baseline reader for `make bench`: the plain way a script reads every PrivX role.

Standard library only (urllib + json), one page at a time, `offset += len(items)` until `count` is
reached, the way the PrivX Python examples and SDK read a list (their default page is 50). The
benchmark times this whole process against `privx-roles roles list --json`.

    python3 bench/python_reader.py --page-size 1000 [--print]

Settings come from the same environment as privx-roles: PRIVX_API_BASE_URL, PRIVX_API_CLIENT_ID,
PRIVX_API_CLIENT_SECRET, PRIVX_API_OAUTH_CLIENT_ID, PRIVX_API_OAUTH_CLIENT_SECRET and
PRIVX_API_CA_CERT_FILE (for https). Prints `roles=N requests=M` on stderr; with --print, also the
roles as one JSON array on stdout (as `roles list --json` does).
"""
import argparse
import base64
import json
import os
import ssl
import sys
import urllib.parse
import urllib.request


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page-size", type=int, default=1000, help="roles per request (the server allows 1..1000)")
    parser.add_argument("--print", action="store_true", help="write the roles as one JSON array on stdout")
    args = parser.parse_args()

    env = os.environ
    base = env["PRIVX_API_BASE_URL"].rstrip("/")
    context = None
    if base.startswith("https://"):
        context = ssl.create_default_context(cafile=env.get("PRIVX_API_CA_CERT_FILE"))

    basic = base64.b64encode(f'{env["PRIVX_API_OAUTH_CLIENT_ID"]}:{env["PRIVX_API_OAUTH_CLIENT_SECRET"]}'.encode()).decode()
    form = urllib.parse.urlencode({"grant_type": "password", "username": env["PRIVX_API_CLIENT_ID"],
                                   "password": env["PRIVX_API_CLIENT_SECRET"]}).encode()
    login = urllib.request.Request(base + "/auth/api/v1/oauth/token", data=form, method="POST",
                                   headers={"Authorization": "Basic " + basic,
                                            "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(login, context=context) as answer:
        token = json.load(answer)["access_token"]

    roles, offset, requests = [], 0, 0
    while True:
        url = f"{base}/role-store/api/v1/roles?offset={offset}&limit={args.page_size}"
        request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token, "Accept": "application/json"})
        with urllib.request.urlopen(request, context=context) as answer:
            page = json.load(answer)
        requests += 1
        items = page.get("items") or []
        roles.extend(items)
        offset += len(items)
        if not items or offset >= page.get("count", 0):
            break

    if args.print:
        json.dump(roles, sys.stdout)
        sys.stdout.write("\n")
    print(f"roles={len(roles)} requests={requests}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
