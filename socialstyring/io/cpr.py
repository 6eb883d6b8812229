"""Citizen identifiers (CPR numbers) in, pseudonyms out: a CPR number is checked, turned into
a keyed hash and the birth date it holds, and then forgotten.

- `normaliser` checks a typed CPR number with python-stdnum's `stdnum.dk.cpr` (ten digits,
  an optional hyphen or space after the sixth, a real birth date not in the future; the
  modulus-11 check is not asked for, as numbers issued since 2007 need not pass it) and
  returns its ten digits, or `Cprfejl` with the reason in Danish.
- `pseudonym` is HMAC-SHA256 of the ten digits under a key that is never stored with the
  data (the environment's `SOCIALSTYRING_CPR_NOEGLE`), written with the letters a–p instead
  of hex digits: the same citizen gets the same pseudonym across stays and municipalities,
  the pseudonym cannot be turned back into the number without the key, and it holds no digit,
  so it is never mistaken for a CPR number by the checks on free text and engine input.
- `foedselsdato` is the birth date (needed for the age rules), the one thing kept.

Pure: no Django, no database.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from typing import Final

from stdnum.dk import cpr as _cpr
from stdnum.exceptions import ValidationError as _StdnumFejl

PSEUDONYM_LAENGDE: Final = 64
_BOGSTAVER: Final = str.maketrans("0123456789abcdef", "abcdefghijklmnop")
MIN_NOEGLELAENGDE: Final = 32
"""A key shorter than this is refused: it could be guessed."""


class Cprfejl(ValueError):
    """A CPR number that is not one; the message says why, in Danish."""


def normaliser(tekst: str) -> str:
    """The ten digits of the CPR number `tekst` (see the module), or `Cprfejl`."""
    raa = " ".join(str(tekst).split())
    if not raa:
        raise Cprfejl("CPR-nummeret mangler")
    cifre = raa.replace("-", "").replace(" ", "")
    if not cifre.isascii() or not cifre.isdigit():
        raise Cprfejl("et CPR-nummer er ti cifre, evt. med bindestreg efter de seks første (ddmmåå-xxxx)")
    if len(cifre) != 10:
        raise Cprfejl(f"et CPR-nummer har ti cifre, ikke {len(cifre)}")
    try:
        return str(_cpr.validate(cifre))
    except _StdnumFejl:
        try:
            _cpr.get_birth_date(cifre)
        except _StdnumFejl:
            raise Cprfejl("de seks første cifre i CPR-nummeret er ikke en gyldig fødselsdato") from None
        raise Cprfejl("CPR-nummerets fødselsdato ligger i fremtiden") from None


def kontroller_noegle(noegle: str | bytes | None) -> bytes:
    """The key as bytes, or `Cprfejl` when there is none or it is too short to be secret."""
    if noegle is None:
        raise Cprfejl("nøglen til pseudonymisering af CPR-numre (SOCIALSTYRING_CPR_NOEGLE) mangler")
    b = noegle.encode() if isinstance(noegle, str) else noegle
    if len(b.strip()) < MIN_NOEGLELAENGDE:
        raise Cprfejl(
            f"nøglen til pseudonymisering af CPR-numre (SOCIALSTYRING_CPR_NOEGLE) er for kort "
            f"(mindst {MIN_NOEGLELAENGDE} tegn)"
        )
    return b.strip()


def pseudonym(cpr: str, noegle: str | bytes | None) -> str:
    """The citizen's pseudonym: HMAC-SHA256 of the CPR number's ten digits under `noegle`,
    in the letters a–p (64 letters)."""
    digest = hmac.new(kontroller_noegle(noegle), normaliser(cpr).encode("ascii"), hashlib.sha256).hexdigest()
    return digest.translate(_BOGSTAVER)


def foedselsdato(cpr: str) -> date:
    """The birth date the CPR number holds (its century from the seventh digit)."""
    return _cpr.get_birth_date(normaliser(cpr))


def er_pseudonym(tekst: str) -> bool:
    """Does `tekst` look like a pseudonym of ours (64 letters a–p)?"""
    return len(tekst) == PSEUDONYM_LAENGDE and all("a" <= t <= "p" for t in tekst)


def kort_pseudonym(tekst: str) -> str:
    """A pseudonym as pages show it: its first eight letters in capitals, 'KFHA-MPBC'."""
    return f"{tekst[:4]}-{tekst[4:8]}".upper()
