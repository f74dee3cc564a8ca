# mod_wsgi entry point of moinmoin-appliance (the web server configuration points here).
from moin.app import create_app

application = create_app("/var/lib/moinmoin-appliance/wikiconfig.py")
