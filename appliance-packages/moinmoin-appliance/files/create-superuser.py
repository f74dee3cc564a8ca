"""Creates the wiki's superuser account, as `moin account-create` does, but reads the password
from standard input so that it never appears on a command line.

usage: create-superuser.py WIKICONFIG NAME EMAIL < password
An account that exists already is left as it is (configure runs again on every upgrade).
"""
import sys

from moin.app import before_wiki, create_app
from moin import user


def main():
    wikiconfig, name, email = sys.argv[1:4]
    password = sys.stdin.readline().rstrip("\n")
    app = create_app(wikiconfig)
    with app.app_context():
        before_wiki()
        if user.User(auth_username=name).exists():
            print("moinmoin-appliance: account %s exists; its password is kept" % name)
            return
        if not password:
            sys.exit("moinmoin-appliance: no password for the new superuser %s; answer"
                     " moinmoin-appliance/superuser-password" % name)
        message = user.create_user(username=name, password=password, email=email)
        if message:
            sys.exit("moinmoin-appliance: cannot create %s: %s" % (name, message))
        print("moinmoin-appliance: superuser account %s created" % name)


if __name__ == "__main__":
    main()
