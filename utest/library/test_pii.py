"""Privacy guard: detectors, synthetic-safe forms, files, directories, SQLite, Robot outputs, secrets."""

from __future__ import annotations

import sqlite3

import pytest
from robot.api.types import Secret
from ScoringLibrary.core.pii import PiiScanner, iban_valid, luhn_valid

SECRET = "s3cr3t-T0KEN-value"


def kinds(text: str, *secrets: str) -> list[str]:
    return [f.kind for f in PiiScanner(secrets).scan_text(text, "t")]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("card 4111 1111 1111 1111 on file", "card number"),
        ("card 4111-1111-1111-1111", "card number"),
        ("amex 378282246310005", "card number"),
        ("ssn 123-45-6789", "SSN"),
        ("mail jane.doe@mailbox.test", "e-mail"),
        ("mail ops@example.company.com", "e-mail"),
        ("iban GB82 WEST 1234 5698 7654 32.", "IBAN"),
        ("iban DE89370400440532013000", "IBAN"),
        ("phone +14155552671", "phone number"),
        ("phone +44 20 7946 0958", "phone number"),
        ("phone (415) 555-2671", "phone number"),
        ("phone 415-555-2671", "phone number"),
        ("phone 020 7946 0958", "phone number"),
    ],
)
def test_personal_data_is_found(text, kind):
    assert kinds(text) == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "mail applicant@example.com",
        "mail a.b@mail.example.org and c@EXAMPLE.NET",
        "ssn 900-12-3456",
        "ssn 666-12-3456",
        "ssn 000-12-3456",
        "ssn 123-00-4567",
        "card 4111 1111 1111 1112",
        "digits 1234567890123",
        "iban GB83 WEST 1234 5698 7654 32",
        "TX-20261125-000001 SYN-PRIME0001 score 712 pd 0.001017",
        "2026-11-25T10:15:30.123456Z elapsed 0.001",
        "window.output['baseMillis'] = 1764065730123;",
        "correlation 6f1c2e0e-4f0c-4a55-9d7e-0b8f4b7d9a21",
        "uuid 12345678-1234-1234-1234-123456789012",
        "namespace http://scoregate.example.com/scoring/v1",
    ],
)
def test_synthetic_and_ordinary_values_are_not_flagged(text):
    assert kinds(text) == []


def test_check_digits():
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert iban_valid("GB82WEST12345698765432") and not iban_valid("GB83WEST12345698765432")


def test_secret_found_without_printing_it(library):
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Text Should Not Contain PII", [f"Authorization: Bearer {SECRET}", Secret(SECRET)], {})
    message = str(failure.value)
    assert message == "1 personal-data finding in the text (values masked): secret #1 at text"
    assert SECRET not in message
    library.run_keyword("Text Should Not Contain PII", ["nothing to see", Secret(SECRET), "other"], {})


def test_html_escaped_secret_is_found():
    assert kinds("token a&amp;b&lt;c", "a&b<c") == ["secret #1"]


def test_failure_message_masks_values(library):
    text = "jane.doe@mailbox.test 4111 1111 1111 1111"
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Text Should Not Contain PII", [text], {})
    message = str(failure.value)
    assert message == "2 personal-data findings in the text (values masked): card number at text; e-mail at text"
    assert "jane" not in message and "4111" not in message


def test_file_findings_name_the_line(tmp_path, library):
    path = tmp_path / "app.log"
    path.write_text("clean line\nmail jane.doe@mailbox.test\nclean\nssn 123-45-6789 and token " + SECRET + "\n")
    findings = [str(f) for f in PiiScanner([SECRET]).scan_file(path)]
    assert findings == [f"e-mail at {path}:2", f"SSN at {path}:4", f"secret #1 at {path}:4"]
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("File Should Not Contain PII", [str(path), Secret(SECRET)], {})
    assert str(failure.value).startswith(f"3 personal-data findings in {path} (values masked): e-mail at {path}:2")
    assert SECRET not in str(failure.value)


def test_long_lines_are_scanned_in_chunks_across_boundaries(tmp_path):
    from ScoringLibrary.core import pii

    path = tmp_path / "big.txt"
    filler = "x" * (pii.CHUNK_CHARS - 10)
    path.write_text(filler + " 4111 1111 1111 1111 " + filler + SECRET + "\nnext\n")
    findings = [str(f) for f in PiiScanner([SECRET]).scan_file(path)]
    assert findings == [f"card number at {path}:1", f"secret #1 at {path}:1"]


def test_directory_scan(tmp_path, library):
    (tmp_path / "fixtures").mkdir()
    (tmp_path / "fixtures" / "ok.json").write_text('{"email": "a@example.com"}')
    (tmp_path / "fixtures" / "bad.json").write_text('{\n"email": "a@mailbox.test"\n}')
    (tmp_path / "fixtures" / "bad.txt").write_text("ssn 123-45-6789")
    (tmp_path / "blob.bin").write_bytes(b"\0\x01 jane@mailbox.test")
    with pytest.raises(AssertionError, match=r"^1 personal-data finding .*: e-mail at fixtures/bad.json:2$"):
        library.run_keyword("Directory Should Not Contain PII", [str(tmp_path)], {"pattern": "*.json"})
    findings = PiiScanner().scan_directory(tmp_path)
    assert [str(f) for f in findings] == ["e-mail at fixtures/bad.json:2", "SSN at fixtures/bad.txt:1"]


def test_database_scan(tmp_path, library):
    path = tmp_path / "mock.db"
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TABLE decisions (transaction_id TEXT PRIMARY KEY, response_json TEXT, score INTEGER)"
        )
        connection.execute("INSERT INTO decisions VALUES ('TX-1', '{\"a\": \"x@example.com\"}', 700)")
        connection.execute("INSERT INTO decisions VALUES ('TX-2', '{\"note\": \"call +14155552671\"}', 650)")
        connection.execute('CREATE TABLE "odd ""name""" (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID')
        connection.execute('INSERT INTO "odd ""name""" VALUES (\'a\', \'' + SECRET + "')")
    findings = [str(f) for f in PiiScanner([SECRET]).scan_sqlite(path)]
    assert findings == ["phone number at decisions.response_json rowid 2", 'secret #1 at odd "name".v rowid #1']
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Database Should Not Contain PII", [str(path), Secret(SECRET)], {})
    assert SECRET not in str(failure.value) and "14155552671" not in str(failure.value)
    with pytest.raises(AssertionError, match="no such database"):
        library.run_keyword("Database Should Not Contain PII", [str(tmp_path / "none.db")], {})


def run_robot(directory, message: str):
    import robot

    suite = directory / "leak.robot"
    suite.write_text(f"*** Test Cases ***\nLeak\n    Log    {message}\n")
    out = directory / "out"
    robot.run(str(suite), outputdir=str(out), xunit="xunit.xml", stdout=None, stderr=None, console="none")
    return out


def test_robot_outputs_are_scanned_including_compressed_log_strings(tmp_path, library):
    long_message = "A long message that Robot compresses in log.html " * 4 + "contact jane.doe@mailbox.test"
    out = run_robot(tmp_path, long_message)
    files, findings = PiiScanner().scan_robot_outputs(out)
    assert {p.name for p in files} == {"output.xml", "log.html", "report.html", "xunit.xml"}
    places = [f.location for f in findings]
    assert any(p.startswith("output.xml:") for p in places)
    assert any(p.startswith("log.html:") and "strings[" in p for p in places)
    with pytest.raises(AssertionError, match=r"personal-data findings? in .* e-mail at"):
        library.run_keyword("Robot Outputs Should Not Contain PII", [str(out)], {})


def test_clean_robot_outputs_pass_and_empty_directory_fails(tmp_path, library):
    out = run_robot(tmp_path, "all synthetic: applicant@example.com SYN-PRIME0001")
    library.run_keyword("Robot Outputs Should Not Contain PII", [str(out), Secret(SECRET)], {})
    (tmp_path / "empty").mkdir()
    with pytest.raises(AssertionError, match="No Robot output files"):
        library.run_keyword("Robot Outputs Should Not Contain PII", [str(tmp_path / "empty")], {})


def test_an_iban_shaped_prefix_of_a_longer_generated_id_is_not_reported():
    valid = "DE89370400440532013000"
    assert kinds(f"account {valid} on file") == ["IBAN"]
    assert kinds(f"CASE-{valid}9F3A1B") == []
