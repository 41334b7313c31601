"""A person's password for the office database, kept in the OS keyring after a login.

The URL names the server, the database and the login role (``postgresql+psycopg://LOGIN@host/db``);
the password is asked once (``backoffice login`` or the GUI's login dialog), checked by
connecting, and kept in the keyring under that role, server and database. A URL that carries
a password, libpq's own sources (``~/.pgpass``, ``PGPASSWORD``) and single sign-on
(Kerberos/GSSAPI, no password at all) work as before; the keyring is only asked when the URL
has no password.
"""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url

from .domain.errors import DomainError
from .texts import t

KEYRING_SERVICE = "Backoffice Datenbank"


class LoginNotStored(DomainError):
    pass


def is_shared(url: str) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


def account(url: str | URL) -> str:
    """The keyring entry's name: role, server and database (not the password)."""
    parsed = make_url(url) if isinstance(url, str) else url
    return f"{parsed.username or ''}@{parsed.host or ''}:{parsed.port or 5432}/{parsed.database or ''}"


def login_name(url: str) -> str:
    return make_url(url).username or ""


def with_login(url: str, login: str, password: str) -> str:
    return make_url(url).set(username=login, password=password).render_as_string(hide_password=False)


def with_stored_password(url: str) -> str:
    """``url`` with the keyring's password for its role, if it has none of its own and one is stored."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or parsed.password or not parsed.username:
        return url
    import keyring  # only a shared server's login needs it: not loaded for the embedded database
    from keyring.errors import KeyringError

    try:
        password = keyring.get_password(KEYRING_SERVICE, account(parsed))
    except KeyringError:
        return url  # libpq's own sources may still have it; else the login asks
    return with_login(url, parsed.username, password) if password else url


def remember(url: str, password: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, account(url), password)
    except KeyringError as err:
        raise LoginNotStored(
            t("Das Passwort konnte nicht im Schlüsselbund gespeichert werden ({err}); es wird beim nächsten Start "
              "erneut erfragt.", err=err)
        ) from err


def forget(url: str) -> bool:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.delete_password(KEYRING_SERVICE, account(url))
    except KeyringError:
        return False
    return True


def is_authentication_failure(exc: BaseException) -> bool:
    """A refused login (wrong or missing password), as opposed to a server out of reach."""
    text = str(exc)
    return any(part in text for part in ("password authentication failed", "no password supplied",
                                         "fe_sendauth", "authentication failed", "is not permitted to log in"))
