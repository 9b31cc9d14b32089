"""Run the test provider: `python -m koers.accounts.tests.provider_site.serve CONFIG_JSON`.

CONFIG_JSON names the client (client_id, client_secret, redirect_uri, post_logout_redirect_uri)
and the people (username, password, email, first_name, last_name). The provider binds
127.0.0.1 on a free port, prints one JSON line with its address and serves until it is ended.
"""

import json
import os
import sys
import tempfile
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def main():
    config = json.loads(sys.argv[1])
    server = make_server("127.0.0.1", 0, None, server_class=Server, handler_class=QuietHandler)
    url = f"http://127.0.0.1:{server.server_port}"
    os.environ["PROVIDER_URL"] = url
    os.environ["PROVIDER_DATABASE"] = os.path.join(tempfile.mkdtemp(), "provider.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "koers.accounts.tests.provider_site.settings"

    import django

    django.setup()
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oidc_provider.models import Client, ResponseType, RSAKey

    call_command("migrate", run_syncdb=True, verbosity=0)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    RSAKey.objects.create(
        key=key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
    )
    client = Client.objects.create(
        name="Koers",
        client_type="confidential",
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        jwt_alg="RS256",
        require_consent=False,
        _redirect_uris=config["redirect_uri"],
        _post_logout_redirect_uris=config.get("post_logout_redirect_uri", ""),
    )
    client.response_types.add(ResponseType.objects.create(value="code", description="code"))
    for person in config["people"]:
        User.objects.create_user(**person)

    server.set_app(get_wsgi_application())
    print(json.dumps({"url": url}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
