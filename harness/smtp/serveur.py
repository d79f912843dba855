"""A real SMTP server for the tests (aiosmtpd, from PyPI), as a ministry's relay is set up: on one port
STARTTLS is required before anything else, on another TLS starts with the connection; on both a login is
required. Its certificate is issued for 127.0.0.1 by a test authority (trustme) whose PEM is written for the
client to trust. Each accepted message is written to DOSSIER as n.eml, after a first line saying who logged
in and whether the conversation was encrypted.

    python serveur.py DOSSIER UTILISATEUR MOT_DE_PASSE

Prints "pret PORT_STARTTLS PORT_TLS" once both ports listen; stops when its standard input closes.
"""

import asyncio
import pathlib
import socket
import ssl
import sys

import warnings

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

# The implicit-TLS port requires a login without "requiring TLS": its whole connection is TLS already.
warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")

dossier = pathlib.Path(sys.argv[1])
utilisateur, mot_de_passe = sys.argv[2].encode(), sys.argv[3].encode()

autorite = trustme.CA(organization_name="Autorite de test de Maillage")
autorite.cert_pem.write_to_path(str(dossier / "autorite.pem"))
certificat = autorite.issue_cert("127.0.0.1", "localhost")
contexte = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
certificat.configure_cert(contexte)


def authentifier(serveur, session, enveloppe, mecanisme, donnees):
    ok = isinstance(donnees, LoginPassword) and (donnees.login, donnees.password) == (utilisateur, mot_de_passe)
    # handled=False: aiosmtpd answers the failure itself (535), rather than leaving the client waiting.
    return AuthResult(success=ok, handled=False, auth_data=donnees if ok else None)


class Boite:
    recus = 0

    async def handle_DATA(self, serveur, session, enveloppe):
        Boite.recus += 1
        utilisateur = session.auth_data.login.decode() if session.authenticated else ""
        chiffre = "oui" if serveur.transport.get_extra_info("ssl_object") is not None else "non"
        entete = f"utilisateur={utilisateur} chiffre={chiffre}\n".encode()
        (dossier / f"{Boite.recus}.eml").write_bytes(entete + enveloppe.content)
        return "250 2.0.0 accepte"


def port_libre():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


commun = dict(hostname="127.0.0.1", authenticator=authentifier, auth_required=True)
starttls = Controller(
    Boite(), port=port_libre(), tls_context=contexte, require_starttls=True, auth_require_tls=True, **commun
)
# Implicit TLS: the readiness check of the controller must speak TLS too, and trust the test authority.
tls = Controller(
    Boite(),
    port=port_libre(),
    ssl_context=contexte,
    server_hostname="127.0.0.1",
    auth_require_tls=False,
    **commun,
)
starttls.start()
tls.start()
print(f"pret {starttls.port} {tls.port}", flush=True)
sys.stdin.read()
starttls.stop()
tls.stop()
