"""Adapts the wikiconfig.py that `moin create-instance` copied for moinmoin-appliance.

usage: configure-wiki.py WIKICONFIG SITENAME SUPERUSER

Sets the wiki's name (sitename, and interwikiname derived from it), makes SUPERUSER the
superuser and the editor with every right where the release's template names placeholder
users, and replaces the template's SECRET_KEY with a random one. Each replaced line must be
found exactly once, so a MoinMoin release with another template fails loudly, not silently.
"""
import os
import re
import secrets
import sys


def replace(text, pattern, replacement, what):
    new, count = re.subn(pattern, lambda m: replacement, text, flags=re.MULTILINE)
    if count == 0:
        sys.exit("moinmoin-appliance: %s not found in wikiconfig.py; this MoinMoin release has another"
                 " template" % what)
    return new


def main():
    path, sitename, superuser = sys.argv[1:4]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    interwikiname = re.sub(r"[^A-Za-z0-9]", "", sitename.title()) or "ApplianceWiki"
    text = replace(text, r'^    sitename = .*$', "    sitename = %r" % sitename, "sitename")
    text = replace(text, r'^    interwikiname = .*$', "    interwikiname = %r" % interwikiname, "interwikiname")
    text = replace(text, r'^    acl_functions = .*$', "    acl_functions = %r" % (superuser + ":superuser"),
                   "acl_functions")
    text = replace(text, r'YOUR-SUPER-EDITOR', superuser, "YOUR-SUPER-EDITOR")
    text = replace(text, r'^SECRET_KEY = .*$', "SECRET_KEY = %r" % secrets.token_hex(32), "SECRET_KEY")
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


if __name__ == "__main__":
    main()
