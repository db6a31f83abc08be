# ruff: noqa: E501
"""Dutch messages for refused imports, shared with ``wijkcoop/web/scan.js``.

The front end inlines the same table between ``/*MESSAGES*/`` markers; tests/test_scan_exchange.py
checks that both copies are identical.
"""

MESSAGES: dict[str, str] = {
    "too-large": "Dit bestand is te groot ({size}). Een export van de scan is kleiner dan 1 MB. Kies het bestand dat de scan zelf heeft gemaakt.",
    "not-json": "Dit bestand is geen JSON-bestand, of het is beschadigd. Kies een bestand dat je met 'Bewaar als bestand' uit de scan hebt gemaakt.",
    "not-export": "Dit bestand is geen export van de scan. Kies een bestand dat je met 'Bewaar als bestand' uit de scan hebt gemaakt.",
    "other-bank": "Dit bestand hoort bij een andere vragenlijst ({found}), niet bij {expected}.",
    "future-version": "Dit bestand komt uit een nieuwere versie van de vragenlijst ({found}) dan deze pagina ({expected}). Open het in de nieuwste versie van het boek.",
    "bad-version": "Het versienummer in dit bestand ({found}) is geen geldig versienummer.",
    "missing-field": "In dit bestand ontbreekt een verplicht onderdeel: {field}.",
    "unknown-item": "Dit bestand bevat een antwoord op een vraag die deze vragenlijst niet kent: {item}.",
    "bad-value": "Dit bestand bevat een ongeldig antwoord bij {item}: {value}.",
    "bad-text": "{field} in dit bestand kan niet worden overgenomen: {reason}.",
    "reason-not-string": "het is geen tekst",
    "reason-too-long": "de tekst is langer dan {max} tekens",
    "reason-markup": "de tekst bevat HTML-code of een script",
    "field-organisation": "De naam van de organisatie",
    "field-notes": "De notities",
    "field-answers": "de antwoorden",
    "field-role": "de rol",
    "unchanged": "Het bestand is niet ingelezen; je huidige antwoorden zijn niet veranderd.",
    "warning-removed": "{count} antwoord(en) hoorden bij vragen die niet meer in deze versie staan en zijn niet overgenomen: {items}.",
    "warning-migrated": "Dit bestand kwam uit versie {found} van de vragenlijst; de antwoorden zijn omgezet naar versie {expected}.",
}
