"""Where the portal's client secret and private keys are kept: never in the database.

The OS keyring is the default. Only when no keyring backend is usable (keyring picked its
``fail`` or ``null`` backend, or an empty chain) do the secrets go into an encrypted file
in the data directory instead: scrypt derives an AES-256-GCM key from a master password,
the file is written with mode 0600 and holds no plaintext. ``choose_store`` is the one
place that decides; ``BACKOFFICE_SECRET_STORE=keyring|file`` overrides the choice (a
machine whose keyring looks usable but fails, e.g. a locked Secret Service in a service
account). Secrets written to the file are not moved into a keyring that becomes usable
later: run ``portal connect`` again then.

Entries are plain name -> string pairs (``services.portal_connection`` decides names and content).
Errors are ``DomainError``s with German messages that say what is missing and what to do.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar

import keyring
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringError

from . import config
from .domain.errors import DomainError
from .texts import Text, t

KEYRING_SERVICE = "Backoffice FIT-Connect"
FILE_NAME = "portal-secrets.enc"
ENV_STORE = "BACKOFFICE_SECRET_STORE"
MIN_MASTER_PASSWORD = 8

# Called with new=True when the file does not exist yet (a prompt then asks twice).
# Returns the password or raises (MasterPasswordRequired when there is no way to ask).
MasterPassword = Callable[[bool], str]

_FORMAT = "backoffice-portal-secrets"
_VERSION = 1
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}  # about 32 MiB and 0.1 s per derivation


class SecretStoreError(DomainError):
    """The secrets cannot be read or written where they are kept."""


class SecretStoreUnavailable(SecretStoreError):
    def __init__(self, detail: object) -> None:
        super().__init__(
            t("Der Schlüsselbund des Systems ist nicht erreichbar ({detail}). Client-Secret und Schlüssel des "
              "Portals können deshalb weder gelesen noch gespeichert werden. Bitte entsperren Sie den Schlüsselbund "
              "oder melden Sie sich an einer Sitzung mit Schlüsselbund an. Gibt es auf diesem Rechner keinen, setzen "
              "Sie {setting}: dann liegen die Geheimnisse in einer mit einem Master-Passwort verschlüsselten "
              "Datei im Datenverzeichnis.", detail=detail, setting=f"{ENV_STORE}=file")
        )


class MasterPasswordRequired(SecretStoreError):
    def __init__(self, path: Path, *, new: bool, detail: Text | str = "") -> None:
        self.path, self.new = path, new
        if new:
            text = t(
                "Auf diesem Rechner ist kein Schlüsselbund des Systems verfügbar. Client-Secret und Schlüssel des "
                "Portals werden deshalb verschlüsselt in der Datei {path} gespeichert. Bitte legen Sie dafür ein "
                "Master-Passwort fest (mindestens {least} Zeichen).", path=path, least=MIN_MASTER_PASSWORD
            )
        else:
            text = t(
                "Auf diesem Rechner ist kein Schlüsselbund des Systems verfügbar; Client-Secret und Schlüssel des "
                "Portals liegen verschlüsselt in der Datei {path}. Zum Entsperren wird das Master-Passwort gebraucht "
                "(in der Kommandozeile: Abfrage am Terminal oder --master-password-stdin).", path=path
            )
        super().__init__(t("{text} {detail}", text=text, detail=detail) if detail else text)


class WrongMasterPassword(SecretStoreError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            t("Das Master-Passwort ist falsch: die Datei {path} lässt sich damit nicht entschlüsseln. Es wurde "
              "nichts gelesen oder geändert. Bitte geben Sie das Master-Passwort erneut ein.", path=path)
        )


class SecretFileDamaged(SecretStoreError):
    def __init__(self, path: Path, detail: object) -> None:
        super().__init__(
            t("Die Datei {path} mit den Portal-Geheimnissen ist beschädigt ({detail}). Bitte löschen Sie sie und "
              "verbinden Sie das Portal neu (backoffice portal connect DATEI).", path=path, detail=detail)
        )


class SecretStore(ABC):
    kind: ClassVar[str]

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the secrets are, for a German sentence: „Client-Secret und Schlüssel liegen …“."""

    @abstractmethod
    def get(self, names: Iterable[str]) -> dict[str, str | None]:
        """The stored value of each name; None for a name not stored."""

    @abstractmethod
    def put(self, entries: Mapping[str, str]) -> None:
        """Store (or replace) every entry; the others stay."""


class KeyringStore(SecretStore):
    kind = "keyring"

    def __init__(self, service: str = KEYRING_SERVICE) -> None:
        self.service = service

    @property
    def location(self) -> str:
        return "im Schlüsselbund des Systems"

    def get(self, names: Iterable[str]) -> dict[str, str | None]:
        try:
            return {name: keyring.get_password(self.service, name) for name in names}
        except KeyringError as err:
            raise SecretStoreUnavailable(err) from err

    def put(self, entries: Mapping[str, str]) -> None:
        try:
            for name, value in entries.items():
                keyring.set_password(self.service, name, value)
        except KeyringError as err:
            raise SecretStoreUnavailable(err) from err


class EncryptedFileStore(SecretStore):
    """All entries as one JSON object, encrypted with AES-256-GCM under a key scrypt derives
    from the master password. The header (format, KDF and its parameters) is authenticated too.
    The derived key is kept by this object once the password proved right, so a long-running
    sync asks once."""

    kind = "file"

    def __init__(self, path: Path, master_password: MasterPassword | None = None) -> None:
        self.path = path
        self._ask = master_password
        self._lock = threading.Lock()
        self._key: tuple[bytes, bytes] | None = None  # (salt, key) proven against the file

    @property
    def location(self) -> str:
        return f"in der verschlüsselten Datei {self.path}"

    def exists(self) -> bool:
        return self.path.exists()

    def get(self, names: Iterable[str]) -> dict[str, str | None]:
        with self._lock:
            entries = self._read() if self.path.exists() else {}
        return {name: entries.get(name) for name in names}

    def put(self, entries: Mapping[str, str]) -> None:
        with self._lock:
            if self.path.exists():
                current = self._read()  # proves the password before anything is replaced
                salt, key = self._key  # type: ignore[misc]
            else:
                current = {}
                password = self._password(new=True)
                if len(password) < MIN_MASTER_PASSWORD:
                    raise MasterPasswordRequired(self.path, new=True, detail=t(
                        "Das eingegebene Master-Passwort ist kürzer als {least} Zeichen.", least=MIN_MASTER_PASSWORD))
                salt = os.urandom(16)
                key = _derive(password, salt, _SCRYPT)
            self._write({**current, **entries}, salt, key)
            self._key = (salt, key)

    # -- internals ---------------------------------------------------------------------

    def _password(self, *, new: bool) -> str:
        if self._ask is None:
            raise MasterPasswordRequired(self.path, new=new)
        password = self._ask(new)
        if not password:
            raise MasterPasswordRequired(self.path, new=new, detail=t("Es wurde kein Master-Passwort eingegeben."))
        return password

    def _read(self) -> dict[str, str]:
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
            header, kdf = _header(document)
            salt = _b64(kdf["salt"])
            nonce, ciphertext = _b64(document["nonce"]), _b64(document["ciphertext"])
        except OSError as err:
            raise SecretFileDamaged(self.path, err) from err
        except (ValueError, KeyError, TypeError) as err:
            raise SecretFileDamaged(self.path, t("kein gültiges Format: {err}", err=err)) from err
        cached = self._key is not None and self._key[0] == salt
        key = self._key[1] if cached and self._key is not None else _derive(self._password(new=False), salt, kdf)
        try:
            plaintext = AESGCM(key).decrypt(nonce, ciphertext, _aad(header))
        except InvalidTag as err:
            self._key = None
            raise WrongMasterPassword(self.path) from err
        self._key = (salt, key)
        entries = json.loads(plaintext)
        if not isinstance(entries, dict) or not all(isinstance(v, str) for v in entries.values()):
            raise SecretFileDamaged(self.path, t("unerwarteter Inhalt"))
        return entries

    def _write(self, entries: Mapping[str, str], salt: bytes, key: bytes) -> None:
        header: dict[str, Any] = {
            "format": _FORMAT,
            "version": _VERSION,
            "kdf": {"name": "scrypt", **_SCRYPT, "salt": _text(salt)},
            "cipher": "AES-256-GCM",
        }
        nonce = os.urandom(12)
        ciphertext = AESGCM(key).encrypt(nonce, json.dumps(dict(entries), sort_keys=True).encode(), _aad(header))
        data = json.dumps({**header, "nonce": _text(nonce), "ciphertext": _text(ciphertext)}, indent=1).encode()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            if os.name == "posix":
                os.chmod(temporary, 0o600)  # also when the name existed with looser bits
            os.replace(temporary, self.path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise


def keyring_usable() -> bool:
    """False when keyring found no backend that keeps anything (fail, null, an empty chain)."""
    try:
        ring = keyring.get_keyring()
    except KeyringError:
        return False
    if isinstance(ring, fail.Keyring | null.Keyring):
        return False
    if isinstance(ring, chainer.ChainerBackend):
        return bool(ring.backends)
    return True


def secrets_file(env: Mapping[str, str] | None = None) -> Path:
    return config.data_home(env) / FILE_NAME


def choose_store(master_password: MasterPassword | None = None, *, env: Mapping[str, str] | None = None) -> SecretStore:
    """The keyring when one is usable, else the encrypted file (asking ``master_password`` when it is opened)."""
    env = os.environ if env is None else env
    wanted = env.get(ENV_STORE, "").strip().lower()
    if wanted not in ("", "auto", "keyring", "file"):
        raise SecretStoreError(t("{variable}={wanted} ist unbekannt (erlaubt: {allowed})",
                                 variable=ENV_STORE, wanted=repr(wanted), allowed="keyring, file, auto"))
    if wanted == "keyring" or (wanted in ("", "auto") and keyring_usable()):
        return KeyringStore()
    return EncryptedFileStore(secrets_file(env), master_password)


def _header(document: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    if not isinstance(document, dict) or document.get("format") != _FORMAT or document.get("version") != _VERSION:
        raise ValueError("unbekanntes Dateiformat")
    kdf = document["kdf"]
    n, r, p = kdf["n"], kdf["r"], kdf["p"]
    if kdf.get("name") != "scrypt" or document.get("cipher") != "AES-256-GCM":
        raise ValueError("unbekanntes Verfahren")
    if not (isinstance(n, int) and 2**14 <= n <= 2**20 and n & (n - 1) == 0 and r in range(1, 33) and p in range(1, 17)):
        raise ValueError("unzulässige scrypt-Parameter")
    header = {k: document[k] for k in ("format", "version", "kdf", "cipher")}
    return header, kdf


def _derive(password: str, salt: bytes, kdf: Mapping[str, Any]) -> bytes:
    return Scrypt(salt=salt, length=32, n=kdf["n"], r=kdf["r"], p=kdf["p"]).derive(password.encode("utf-8"))


def _aad(header: Mapping[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode()


def _text(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _b64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise TypeError("base64 text expected")
    return base64.b64decode(text, validate=True)
