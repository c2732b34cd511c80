"""Run the test identity provider: `python serve.py SPEC.json`.

SPEC.json: {"data_dir": ..., "client_id": ..., "client_secret": ..., "redirect_uri": ...,
"users": [{"username", "password", "email", "claims": {...}}]}. Binds a free loopback port first (the
issuer URL contains it), makes an RSA key, migrates its own SQLite database, registers Zicht as a
confidential client (authorization code, RS256, consent asked), creates the users, prints
``READY http://127.0.0.1:PORT/o`` (the issuer) and serves until terminated: a real WSGI server, threads
per request, the provider's code unchanged."""

import json
import os
import sys
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

HERE = Path(__file__).resolve().parent


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def main(spec_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    data = Path(spec["data_dir"])
    data.mkdir(parents=True, exist_ok=True)
    server = ThreadingServer(("127.0.0.1", 0), QuietHandler)
    issuer = f"http://127.0.0.1:{server.server_address[1]}/o"

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    claims_file = data / "claims.json"
    claims_file.write_text(json.dumps({u["username"]: u.get("claims", {}) for u in spec["users"]}), encoding="utf-8")
    sys.path.insert(0, str(HERE))
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "settings",
        "PROVIDER_DB": str(data / "provider.sqlite3"),
        "PROVIDER_ISSUER": issuer,
        "PROVIDER_CLAIMS": str(claims_file),
        "PROVIDER_RSA_KEY": key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                              serialization.NoEncryption()).decode("ascii"),
    })
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", run_syncdb=True, verbosity=0)
    Application.objects.create(
        name="Zicht", client_id=spec["client_id"], client_secret=spec["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL, authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=spec["redirect_uri"], algorithm=Application.RS256_ALGORITHM, skip_authorization=False,
    )
    for user in spec["users"]:
        User.objects.create_user(user["username"], email=user.get("email", ""), password=user["password"])
    server.set_app(get_wsgi_application())
    print(f"READY {issuer}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
