"""An S3-compatible server for the tests (the PyPI package moto), on loopback and a free port.

Prints "pret PORT" once it answers, then serves until its standard input closes (the test ended)."""

import logging
import sys

from moto.server import ThreadedMotoServer

# One line per request on the tests' output says nothing a failing assertion does not.
logging.getLogger("werkzeug").setLevel(logging.ERROR)

serveur = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
serveur.start()
print("pret", serveur.get_host_and_port()[1], flush=True)
sys.stdin.read()
serveur.stop()
