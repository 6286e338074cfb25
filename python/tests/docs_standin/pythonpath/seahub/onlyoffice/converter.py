"""Stand-in of the rest of ``seahub/onlyoffice/converter.py`` (docs/seahub.md replaces
its ``get_converter_uri``): the Document Server's answer read as Seahub reads it — an
``error`` raises, ``endConvert`` gives ``fileUrl``."""

import logging

logger = logging.getLogger(__name__)

_ERRORS = {
    "-8": "Error document VKey",
    "-7": "Error document request",
    "-6": "Error database",
    "-5": "Incorrect password",
    "-4": "Error download error",
    "-3": "Error convertation error",
    "-2": "Error convertation timeout",
    "-1": "Error convertation unknown",
}


def get_response_uri(json):
    """The converted file's URL, None while the conversion runs; raises on an error."""
    if json.get("error"):
        process_error(json["error"])
    if json.get("endConvert"):
        return json.get("fileUrl")
    return None


def process_error(error):
    """Raises the Document Server's error as Seahub does (a plain Exception)."""
    logger.error("[OnlyOffice] Converter URI Error Code: %s", error)
    detail = _ERRORS.get(str(error), f"Error Code: {error}")
    raise Exception(f"Error occurred in the ConvertService: {detail}")
