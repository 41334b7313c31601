"""FIT-Connect crypto: JWE round trips, refusals, and Security Event Tokens exactly as documented."""

from __future__ import annotations

import json
import uuid

import pytest
from jwcrypto import jwe, jwk
from jwcrypto.common import base64url_decode, base64url_encode

from backoffice.demo.portal import jose
from backoffice.domain import problem_types as problems
from backoffice.portal import crypto
from backoffice.portal.crypto import AuthenticationTags, DecryptionFailed, InvalidSet


@pytest.fixture(scope="module")
def enc_key() -> jwk.JWK:
    return jose.generate_key("enc-1", "enc", 2048)


@pytest.fixture(scope="module")
def sig_key() -> jwk.JWK:
    return jose.generate_key("sig-1", "sig", 2048)


def encrypt(payload: bytes, key: jwk.JWK, *, content_type: str = "application/octet-stream") -> str:
    """As a sender would: the demo portal's own encryption, not ours."""
    return jose.encrypt(payload, jose.public_jwk(key), content_type=content_type)


def public(key: jwk.JWK) -> jwk.JWK:
    return crypto.load_jwk(jose.public_jwk(key))


def _header(token: str) -> dict:
    return json.loads(base64url_decode(token.split(".")[0]))


# --- keys and JWE -----------------------------------------------------------------------


def test_private_halves_carry_the_documented_key_ops(enc_key, sig_key):
    assert crypto.private_jwk(enc_key)["key_ops"] == ["unwrapKey"]
    assert crypto.private_jwk(sig_key)["key_ops"] == ["sign"]
    with pytest.raises(ValueError):
        crypto.private_jwk(crypto.load_jwk(jose.public_jwk(enc_key)))


def test_round_trip_with_a_private_key_limited_to_unwrapKey(enc_key):
    """The reference warns that old jwcrypto refused key_ops ["unwrapKey"]; the pinned one must not."""
    public = crypto.load_jwk(jose.public_jwk(enc_key))
    private = crypto.load_jwk(crypto.private_jwk(enc_key))
    assert private["key_ops"] == ["unwrapKey"]
    payload = "Wohnberechtigungsschein für Jördis Öztürk".encode()
    token = encrypt(payload, public, content_type="application/json")
    assert token.count(".") == 4
    assert _header(token) == {"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": "enc-1", "cty": "application/json"}
    assert crypto.decrypt_with_tag(token, private)[0] == payload


def test_encrypting_with_the_private_key_object_uses_its_public_half(enc_key):
    assert crypto.decrypt_with_tag(encrypt(b"x", enc_key), enc_key)[0] == b"x"


def test_wrong_key_fails_clearly(enc_key):
    token = encrypt(b"secret", enc_key)
    other = jose.generate_key("enc-1", "enc", 2048)  # same kid, different key
    with pytest.raises(DecryptionFailed, match="wrong key"):
        crypto.decrypt_with_tag(token, other)[0]
    with pytest.raises(DecryptionFailed, match="enc-2"):
        crypto.decrypt_with_tag(token, jose.generate_key("enc-2", "enc", 2048))[0]


def test_an_empty_plaintext_decrypts_to_nothing_but_a_tampered_one_still_fails(enc_key):
    token = encrypt(b"", enc_key)  # an empty attachment
    assert token.split(".")[3] == ""
    plaintext, tag = crypto.decrypt_with_tag(token, enc_key)
    assert plaintext == b"" and tag == token.rsplit(".", 1)[1]
    parts = token.split(".")
    raw = bytearray(base64url_decode(parts[4]))
    raw[0] ^= 0x01
    parts[4] = base64url_encode(bytes(raw))
    with pytest.raises(DecryptionFailed):
        crypto.decrypt_with_tag(".".join(parts), enc_key)[0]
    with pytest.raises(DecryptionFailed):
        crypto.decrypt_with_tag(token, jose.generate_key("enc-1", "enc", 2048))[0]  # same kid, other key


@pytest.mark.parametrize("segment", [1, 2, 3, 4])
def test_tampering_with_any_segment_fails(enc_key, segment):
    token = encrypt(b"payload that is long enough to tamper with", enc_key)
    parts = token.split(".")
    raw = bytearray(base64url_decode(parts[segment]))
    raw[len(raw) // 2] ^= 0x01
    parts[segment] = base64url_encode(bytes(raw))
    with pytest.raises(DecryptionFailed):
        crypto.decrypt_with_tag(".".join(parts), enc_key)[0]


def test_a_failed_decryption_leaves_nothing_behind_for_the_next(enc_key):
    """The JWE object is reused per thread: a failure must neither leak the last plaintext nor spoil the next."""
    good = encrypt(b"first", enc_key)
    parts = good.split(".")
    raw = bytearray(base64url_decode(parts[3]))
    raw[0] ^= 0x01
    parts[3] = base64url_encode(bytes(raw))
    assert crypto.decrypt_with_tag(good, enc_key)[0] == b"first"
    with pytest.raises(DecryptionFailed):
        crypto.decrypt_with_tag(".".join(parts), enc_key)[0]
    with pytest.raises(DecryptionFailed):
        crypto.decrypt_with_tag(good, jose.generate_key("enc-1", "enc", 2048))[0]  # same kid, other key
    assert crypto.decrypt_with_tag(encrypt(b"second", enc_key), enc_key)[0] == b"second"


@pytest.mark.parametrize("token", ["", "abc", "a.b.c", "a.b.c.d.e", '{"ciphertext": "x"}', "a.b.c.d.e.f"])
def test_malformed_tokens_fail(enc_key, token):
    with pytest.raises(DecryptionFailed):
        crypto.decrypt_with_tag(token, enc_key)[0]


@pytest.mark.parametrize(("alg", "enc"), [("RSA-OAEP", "A256GCM"), ("RSA1_5", "A256GCM"), ("RSA-OAEP-256", "A128GCM"),
                                          ("RSA-OAEP-256", "A256CBC-HS512")])
def test_other_algorithms_are_refused(enc_key, alg, enc):
    public = crypto.load_jwk(jose.public_jwk(enc_key))
    obj = jwe.JWE(b"hello", protected=json.dumps({"alg": alg, "enc": enc, "kid": "enc-1"}))
    obj.allowed_algs = [alg, enc]
    obj.add_recipient(public)
    with pytest.raises(DecryptionFailed, match="refusing"):
        crypto.decrypt_with_tag(obj.serialize(compact=True), enc_key)[0]


def test_compressed_jwe_is_refused(enc_key):
    obj = jwe.JWE(b"hello" * 100, protected=json.dumps({"alg": "RSA-OAEP-256", "enc": "A256GCM", "zip": "DEF"}))
    obj.add_recipient(crypto.load_jwk(jose.public_jwk(enc_key)))
    with pytest.raises(DecryptionFailed, match="zip"):
        crypto.decrypt_with_tag(obj.serialize(compact=True), enc_key)[0]


def test_tag_and_hash_helpers(enc_key):
    token = encrypt(b"abc", enc_key)
    assert crypto.decrypt_with_tag(token, enc_key) == (b"abc", token.split(".")[4])
    assert crypto.sha512_hex(b"abc").startswith("ddaf35a193617aba")


@pytest.mark.parametrize("bad", [
    "a.b.c.d",  # four segments
    "a.b.c.d.e.f",  # six
    "a.b.c.d.e=",  # padding
    "a.b.c.d.e\n",  # a trailing newline (a `$` regex would have let it through)
    "a.b c.c.d.e",  # whitespace
    "a.b.c.d.\u00e9",  # not ASCII
    "a.b+/.c.d.e",  # the standard alphabet, not base64url
])
def test_compact_tokens_are_checked_strictly(bad):
    with pytest.raises(DecryptionFailed, match="compact serialisation"):
        crypto.decrypt_with_tag(bad, None)[0]


def test_empty_segments_are_allowed_in_a_compact_token():
    # A JWE with direct key agreement has an empty encrypted key: the shape is still valid.
    with pytest.raises(DecryptionFailed, match="protected header"):  # past the shape check
        crypto.decrypt_with_tag("aGVhZA..aXY.Y3Q.dGFn", {})


# --- Security Event Tokens --------------------------------------------------------------

TAGS = AuthenticationTags(metadata="m-tag", data="d-tag", attachments={"a1": "t1"})


def test_accept_set_payload_is_exactly_the_documented_shape():
    payload = crypto.accept_set("dest-1", "sub-1", "case-1", TAGS, now=1_700_000_000)
    assert set(payload) == {"$schema", "jti", "iss", "iat", "sub", "txn", "events"}
    assert uuid.UUID(payload["jti"]).version == 4
    assert payload == {
        "$schema": "https://schema.fitko.de/fit-connect/set-payload/1.2.0/set-payload.schema.json",
        "jti": payload["jti"],
        "iss": "dest-1",
        "iat": 1_700_000_000,
        "sub": "submission:sub-1",
        "txn": "case:case-1",
        "events": {
            "https://schema.fitko.de/fit-connect/events/accept-submission": {
                "authenticationTags": {"metadata": "m-tag", "data": "d-tag", "attachments": {"a1": "t1"}},
            }
        },
    }


def test_reject_set_carries_the_problems():
    item = problems.problem(problems.HASH_MISMATCH, "SHA-512 stimmt nicht", "data")
    payload = crypto.reject_set("dest-1", "sub-1", "case-1", [item], now=5)
    assert payload["events"] == {crypto.EVENT_REJECT: {"problems": [{
        "type": "https://schema.fitko.de/fit-connect/events/problems/hash-mismatch",
        "title": "Prüfsumme stimmt nicht überein", "detail": "SHA-512 stimmt nicht", "instance": "data"}]}}
    with pytest.raises(ValueError):
        crypto.reject_set("d", "s", "c", [], now=5)


def test_set_sign_verify_round_trip(sig_key):
    payload = crypto.accept_set("dest-1", "sub-1", "case-1", TAGS, now=1_700_000_000)
    token = crypto.sign_set(payload, sig_key)
    assert _header(token) == {"typ": "secevent+jwt", "alg": "PS512", "kid": "sig-1"}
    public = crypto.load_jwk(jose.public_jwk(sig_key))
    assert crypto.verify_set(token, public) == payload
    assert crypto.peek_set(token)[1] == payload


def test_signed_set_verifies_with_a_plain_jwcrypto_jws(sig_key):
    """sign_set uses jwcrypto's signing core directly: the token must still be a standard JWS."""
    from jwcrypto import jws

    payload = crypto.accept_set("dest-1", "sub-1", "case-1", TAGS, now=7)
    obj = jws.JWS()
    obj.deserialize(crypto.sign_set(payload, sig_key), key=crypto.load_jwk(jose.public_jwk(sig_key)), alg="PS512")
    assert json.loads(obj.payload) == payload


def test_a_failed_verification_leaves_nothing_behind_for_the_next(sig_key):
    """The JWS verifier is reused per thread: a failure must not let the next token pass or spoil it."""
    public = crypto.load_jwk(jose.public_jwk(sig_key))
    first = crypto.accept_set("d", "s1", "c1", TAGS, now=1)
    token = crypto.sign_set(first, sig_key)
    header, payload, signature = token.split(".")
    other = crypto.accept_set("d", "s2", "c2", TAGS, now=2)
    forged = ".".join([header, base64url_encode(json.dumps(other).encode()), signature])
    assert crypto.verify_set(token, public) == first
    with pytest.raises(InvalidSet, match="signature"):
        crypto.verify_set(forged, public)
    with pytest.raises(InvalidSet, match="signature"):
        crypto.verify_set(".".join([header, payload, ""]), public)
    assert crypto.verify_set(crypto.sign_set(other, sig_key), public) == other


def test_tampered_or_foreign_set_is_invalid(sig_key):
    token = crypto.sign_set(crypto.accept_set("dest-1", "sub-1", "case-1", TAGS, now=1), sig_key)
    header, payload, signature = token.split(".")
    claims = json.loads(base64url_decode(payload))
    claims["iss"] = "someone-else"
    forged = ".".join([header, base64url_encode(json.dumps(claims).encode()), signature])
    with pytest.raises(InvalidSet, match="signature"):
        crypto.verify_set(forged, public(sig_key))
    with pytest.raises(InvalidSet, match="signature"):
        crypto.verify_set(token, public(jose.generate_key("sig-1", "sig", 2048)))
    with pytest.raises(InvalidSet):
        crypto.verify_set("not-a-token", public(sig_key))


def test_wrong_typ_or_missing_claims_are_invalid(sig_key):
    from jwcrypto import jws

    def signed(header: dict, payload: dict) -> str:
        obj = jws.JWS(json.dumps(payload).encode())
        obj.add_signature(sig_key, alg=header["alg"], protected=json.dumps(header))
        return obj.serialize(compact=True)

    good = crypto.accept_set("d", "s", "c", TAGS, now=1)
    with pytest.raises(InvalidSet, match="typ"):
        crypto.verify_set(signed({"alg": "PS512", "typ": "JWT"}, good), public(sig_key))
    with pytest.raises(InvalidSet, match="alg"):
        crypto.verify_set(signed({"alg": "RS256", "typ": "secevent+jwt"}, good), public(sig_key))
    incomplete = {k: v for k, v in good.items() if k != "txn"}
    with pytest.raises(InvalidSet, match="txn"):
        crypto.verify_set(crypto.sign_set(incomplete, sig_key), public(sig_key))


def test_authentication_tags_as_json_and_back():
    assert TAGS.as_json() == {"metadata": "m-tag", "data": "d-tag", "attachments": {"a1": "t1"}}
    assert AuthenticationTags.from_json(TAGS.as_json()) == TAGS


def test_problem_table_is_consistent():
    assert problems.KNOWN[problems.SCHEMA_VIOLATION.type_uri] is problems.SCHEMA_VIOLATION
    assert all(uri == problems.BASE_URI + pt.name for uri, pt in problems.KNOWN.items())
    assert problems.ATTACHMENT_TOO_LARGE.type_uri in problems.KNOWN
    assert problems.problem(problems.ENCRYPTION_ISSUE, "x", problems.attachment_instance("a")) == {
        "type": problems.BASE_URI + "encryption-issue", "title": "Entschlüsselungsfehler", "detail": "x",
        "instance": "attachment:a"}


@pytest.mark.parametrize("size", [0, 1, 1000, 65_537])
def test_the_jwe_limit_admits_the_encryption_of_a_file_at_the_limit(size: int) -> None:
    key = jose.generate_key("enc-4096", "enc", 4096)
    token = encrypt(bytes(size), key, content_type="application/pdf")
    assert len(token) <= crypto.compact_jwe_limit(size)
    assert crypto.compact_jwe_limit(size) - len(token) < 9000  # not so loose that it means nothing
