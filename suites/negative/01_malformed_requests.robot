*** Settings ***
Documentation    Request bodies that are not JSON, or not a JSON object, are refused with 400 MALFORMED_JSON.
...
...              A parser that guesses, truncates or falls back to defaults would score an applicant
...              the client never sent.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/negative.resource

Test Template    Raw Score Body Should Be Rejected

Test Tags        negative    malformed-json


*** Test Cases ***
Truncated JSON Object Is Malformed
    [Documentation]    A body cut off in transit must not be completed or partially scored.
    {"transactionId": "SYN-TX-TRUNCATED", "age": 30
Trailing Comma Is Malformed
    [Documentation]    Lenient parsers accept trailing commas; the contract's JSON does not.
    {"age": 30,}
Single Quoted JSON Is Malformed
    [Documentation]    Python-style dictionaries are not JSON.
    {'age': 30}
Two Concatenated Objects Are Malformed
    [Documentation]    Trailing data after the object must not be ignored (request smuggling of a second body).
    {} {"age": 30}
Form Encoded Text Sent As JSON Is Malformed
    [Documentation]    A client that mislabels form data gets 400, not a guess at its fields.
    age=30&monthlyIncome=5000
Empty Body Is Malformed
    [Documentation]    A POST without a body is refused, not scored with defaults.
    ${EMPTY}
JSON Array Is Not A Request Object
    [Documentation]    A list of applicants on the realtime endpoint is refused (batches have their own endpoint).
    \[{"age": 30}]
JSON String Is Not A Request Object
    [Documentation]    A JSON scalar is valid JSON but not a request.
    "SYN-APPLICANT"
JSON Number Is Not A Request Object
    [Documentation]    A bare number is valid JSON but not a request.
    42
JSON Null Is Not A Request Object
    [Documentation]    ``null`` must not be treated as an empty request.
    null
Bare NaN Is Not A Request Object
    [Documentation]    ``NaN`` is not JSON at all; parsers that accept it must still refuse a non-object body.
    NaN
