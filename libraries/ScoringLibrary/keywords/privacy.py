"""Privacy guard keywords: personal data and secrets in text, files, databases and Robot outputs."""

from __future__ import annotations

from pathlib import Path

from robot.api.types import Secret
from robotlibcore import keyword

from ..base import LibraryComponent
from ..core.pii import Finding, PiiScanner

MAX_NAMED = 10


def _secret_values(secrets: tuple[str | Secret, ...]) -> list[str]:
    return [s.value if isinstance(s, Secret) else str(s) for s in secrets]


class PrivacyKeywords(LibraryComponent):
    def _scanner(self, secrets: tuple[str | Secret, ...]) -> PiiScanner:
        values = _secret_values(secrets)
        if any(not v for v in values):
            self.warn("An empty secret was given and is ignored")
        return PiiScanner(values)

    def _report(self, findings: list[Finding], what: str) -> None:
        if not findings:
            self.info(f"No personal data or secrets in {what}")
            return
        self.log_table(
            ("kind", "where"), ([f.kind, f.location] for f in findings), f"Findings in {what} (values masked)"
        )
        named = "; ".join(str(f) for f in findings[:MAX_NAMED])
        more = f"; and {len(findings) - MAX_NAMED} more" if len(findings) > MAX_NAMED else ""
        noun = "finding" if len(findings) == 1 else "findings"
        self.fail(f"{len(findings)} personal-data {noun} in {what} (values masked): {named}{more}")

    @keyword("Text Should Not Contain PII", tags=("Privacy", "Assertion"))
    def text_should_not_contain_pii(self, text: str, *secrets: str | Secret) -> None:
        """Fails when the text holds personal data or one of the secrets; the message never shows the value.

        | =Arguments= | =Description= |
        | ``text`` | The text to scan. |
        | ``*secrets`` | Values that must not appear (tokens, passwords): strings or ``Secret`` values. |

        Detected: US SSNs (except never-issued ones: area 000, 666, 9xx), Luhn-valid card numbers,
        phone numbers, e-mails outside example.com/.org/.net, mod-97-valid IBANs, and the secrets.
        See `Privacy guard` for the exact rules. Pass secrets as ``Secret`` values: Robot records
        keyword arguments in output.xml, and a plain string argument would be recorded there.

        Example:
        | Text Should Not Contain PII | ${response.text} |
        | Text Should Not Contain PII | ${log_line} | ${TOKEN} |
        """
        self._report(self._scanner(secrets).scan_text(text, "text"), "the text")

    @keyword("File Should Not Contain PII", tags=("Privacy", "Assertion"))
    def file_should_not_contain_pii(self, path: str, *secrets: str | Secret) -> None:
        """Fails when the file holds personal data or a secret; names ``file:line`` and the kind, never the value.

        The file is read line by line (long lines in chunks), so large files stay cheap.
        Robot ``log.html``/``report.html`` string tables are decoded before scanning.

        Example:
        | File Should Not Contain PII | ${MOCK_LOG} | ${TOKEN} |
        """
        file_path = Path(path)
        if not file_path.is_file():
            self.fail(f"No such file: {path}")
        self._report(self._scanner(secrets).scan_file(file_path), str(file_path))

    @keyword("Directory Should Not Contain PII", tags=("Privacy", "Assertion"))
    def directory_should_not_contain_pii(self, path: str, *secrets: str | Secret, pattern: str = "*") -> None:
        """Fails when any matching file under the directory (recursively) holds personal data or a secret.

        | =Arguments= | =Description= |
        | ``path`` | The directory. |
        | ``*secrets`` | Values that must not appear. |
        | ``pattern`` | Glob on file names (``*.json``); binary files are skipped. |

        Example:
        | Directory Should Not Contain PII | ${CURDIR}/../fixtures |
        | Directory Should Not Contain PII | ${CURDIR}/../resources | pattern=*.json |
        """
        root = Path(path)
        if not root.is_dir():
            self.fail(f"No such directory: {path}")
        self._report(self._scanner(secrets).scan_directory(root, pattern), str(root))

    @keyword("Database Should Not Contain PII", tags=("Privacy", "Assertion"))
    def database_should_not_contain_pii(self, sqlite_path: str, *secrets: str | Secret) -> None:
        """Fails when any text value in any table of the SQLite database holds personal data or a secret.

        The database is opened read-only; findings name ``table.column rowid N``.

        Example:
        | Database Should Not Contain PII | ${MOCK_DB} | ${TOKEN} | ${ADMIN_TOKEN} |
        """
        try:
            findings = self._scanner(secrets).scan_sqlite(Path(sqlite_path))
        except FileNotFoundError as error:
            self.fail(str(error))
        self._report(findings, sqlite_path)

    @keyword("Robot Outputs Should Not Contain PII", tags=("Privacy", "Assertion"))
    def robot_outputs_should_not_contain_pii(self, output_dir: str, *secrets: str | Secret) -> None:
        """Fails when output.xml, log.html, report.html or xunit.xml of a Robot run hold personal data or a secret.

        Also scans their split and renamed variants (``output-*.xml``, ``log-*.html``). Fails when
        the directory holds none of them, so a missing run never passes as clean.

        Example:
        | Robot Outputs Should Not Contain PII | ${RESULTS}/previous-run | ${TOKEN} |
        """
        root = Path(output_dir)
        if not root.is_dir():
            self.fail(f"No such directory: {output_dir}")
        files, findings = self._scanner(secrets).scan_robot_outputs(root)
        if not files:
            self.fail(f"No Robot output files (output.xml, log.html, report.html, xunit.xml) in {output_dir}")
        self.info(f"Scanned {', '.join(p.name for p in files)}")
        self._report(findings, str(root))
