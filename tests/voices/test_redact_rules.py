"""The redaction rules one by one: folding, place keys, phone numbers, e-mails and ID numbers.

Every span is counted by hand: (start, end) are character offsets in the sentence.
"""

from __future__ import annotations

import pytest

from lnob_methods.voices.redact_rules import emails, fold, id_numbers, norm, phones


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nairobi", ("Nairobi", None)),  # ASCII: unchanged, no index
        # Đ has its own folding; ì is i + a grave accent. One character each: index 0..6.
        ("Ba Đình", ("Ba Dinh", [0, 1, 2, 3, 4, 5, 6])),
        # A combining accent written apart (e + U+0301) is dropped: positions 0 and 2 kept.
        ("e\u0301t", ("et", [0, 2])),
        ("Mama’s", ("Mama's", [0, 1, 2, 3, 4, 5])),  # typographic apostrophe
        # Devanagari is not Latin: kept as written (5 code points).
        ("नेपाल", ("नेपाल", [0, 1, 2, 3, 4])),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ba  Đình–Hà-Nội", "ba dinh ha noi"),  # folded, lower case, dashes and spaces as one space
        ("  Kibera\tSlum ", "kibera slum"),
        ("Gazipur", "gazipur"),
    ],
)
def test_norm(name, expected):
    assert norm(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "call me on " is 11 characters; "0712 345 678" 12 more; the full stop is not taken.
        ("call me on 0712 345 678.", [(11, 23, "phone")]),
        ("+254 712 345 678", [(0, 16, "phone")]),  # 12 digits with the country code
        ("0712345678", [(0, 10, "phone")]),  # 10 digits starting with 0
        ("12345678", []),  # 8 digits: too short
        ("I paid Ksh 150 000 000 for it", []),  # an amount after a currency
        ("it was 150 000 000 shillings", []),  # an amount before a currency
        ("150.000.000 was the price", []),  # thousands separated by dots
        ("from 2019 2020 2021", []),  # years
        ("5712345678", []),  # 10 digits not starting with 0 or 9: ID-like
        ("123456789012", []),  # 12 digits in one run: ID-like (CCCD)
        ("07 1 2345678", []),  # a one-digit group is not how phone numbers are written
    ],
)
def test_phones(text, expected):
    assert phones(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "write to " is 9 characters, the address 19; the full stop is not taken.
        ("write to amina.k@example.org.", [(9, 28, "email")]),
        ("a@b.co, x_y@mail.co.ke", [(0, 6, "email"), (8, 22, "email")]),
        ("user@localhost", []),  # no top-level domain
        ("@handle on the radio", []),
    ],
)
def test_emails(text, expected):
    assert emails(text) == expected


def test_an_id_number_after_a_cue():
    # "my ID number is " is 16 characters; 8 digits follow.
    span = (16, 24, "id_number")
    assert id_numbers("my ID number is 12345678") == ([span], [span])


def test_a_phone_word_between_cue_and_number_is_not_an_id():
    assert id_numbers("my ID phone is 0712345678") == ([], [])


def test_a_citizenship_number_is_found_once():
    # "citizenship no. " is 16 characters; "12-01-75-12345" 14 more. It also matches the
    # uncued district-format pattern, but the overlap is not added twice.
    span = (16, 30, "id_number")
    assert id_numbers("citizenship no. 12-01-75-12345") == ([span], [span])


def test_long_digit_runs_are_ids_without_a_cue_unless_a_country_code():
    # "the card says " is 14 characters; 12 digits follow.
    assert id_numbers("the card says 199012345678") == ([(14, 26, "id_number")], [])
    assert id_numbers("254712345678") == ([], [])  # Kenya's country code: a phone number
    assert id_numbers("a 4-digit pin 1234") == ([], [])
