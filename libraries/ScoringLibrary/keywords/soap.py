"""SOAP keywords: reading ScoreApplicant responses for comparison with REST."""

from __future__ import annotations

from typing import Any

from robotlibcore import keyword

from ..base import LibraryComponent
from ..core.soap_response import score_response_to_dict


class SoapKeywords(LibraryComponent):
    @keyword("SOAP Score Response To Dictionary", tags=("SOAP",))
    def soap_score_response_to_dictionary(self, xml: str | bytes) -> dict[str, Any]:
        """Returns the ScoreApplicantResponse of a SOAP envelope as a dict shaped like the REST body.

        ``score`` is an int, ``probabilityOfDefault`` a float, ``reasonCodes`` a list of
        ``{code, description}`` and ``policyRule`` None when the element is absent, so REST and
        SOAP answers compare directly. Namespace prefixes are ignored: check the namespace with
        `SOAP Body Should Conform To XSD`. Fails naming what the Body held when it is not a
        ScoreApplicantResponse (a Fault, for example).

        Example:
        | ${soap}= | SOAP Score Response To Dictionary | ${response.text} |
        | Should Be Equal | ${soap}[score] | ${rest}[score] |
        """
        try:
            return score_response_to_dict(xml)
        except ValueError as error:
            self.fail(f"SOAP score response: {error}")
        except Exception as error:  # defusedxml and expat errors: malformed or forbidden XML
            self.fail(f"SOAP score response is not well-formed XML: {type(error).__name__}: {error}")
