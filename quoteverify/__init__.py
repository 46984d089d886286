"""quoteverify: check quotes attributed to people against the sources they came from.

>>> import quoteverify as qv
>>> src = qv.Source("We don't have access to the data. What we do is sell them a server.")
>>> qv.verify("We do not have access to the data", src).fidelity
<Fidelity.COSMETIC: 'cosmetic'>
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .alignment import align
from .archive import Archive, ArchiveError
from .attribution import attribute
from .confidence import ConfidenceModel
from .drift import assess_drift
from .errors import InvalidInputError, ParseError, QuoteVerifyError
from .extraction import extract_quotes, parse_article
from .fidelity import judge
from .limits import Limits, get_limits, use_limits
from .location import LocateOptions, locate, locate_all
from .model import (
    Alignment,
    AttributedQuote,
    Attribution,
    AttributionStatus,
    Drift,
    DriftKind,
    Edit,
    EditKind,
    EmbeddedSpeech,
    Evidence,
    Fidelity,
    Finding,
    Gap,
    Location,
    Quote,
    Report,
    Severity,
    Source,
    SourceMatch,
    Span,
    Speaker,
    SpeakerKind,
    Turn,
    Verification,
)
from .normalization import Normalized, Token, Tokens, normalize, tokenize
from .report import json_schema, to_annotations, to_html, to_json, to_markdown, to_text
from .sources import parse_plain, parse_srt, parse_transcript, parse_webvtt
from .speakers import Resolution, SpeakerRegistry
from .verification import VerifyConfig, check_article, verify

try:
    __version__ = version("quoteverify")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "Alignment",
    "Archive",
    "ArchiveError",
    "AttributedQuote",
    "Attribution",
    "AttributionStatus",
    "ConfidenceModel",
    "Drift",
    "DriftKind",
    "Edit",
    "EditKind",
    "EmbeddedSpeech",
    "Evidence",
    "Fidelity",
    "Finding",
    "Gap",
    "InvalidInputError",
    "Limits",
    "LocateOptions",
    "Location",
    "Normalized",
    "ParseError",
    "Quote",
    "QuoteVerifyError",
    "Report",
    "Resolution",
    "Severity",
    "Source",
    "SourceMatch",
    "Span",
    "Speaker",
    "SpeakerKind",
    "SpeakerRegistry",
    "Token",
    "Tokens",
    "Turn",
    "Verification",
    "VerifyConfig",
    "__version__",
    "align",
    "assess_drift",
    "attribute",
    "check_article",
    "extract_quotes",
    "get_limits",
    "json_schema",
    "judge",
    "locate",
    "locate_all",
    "normalize",
    "parse_article",
    "parse_plain",
    "parse_srt",
    "parse_transcript",
    "parse_webvtt",
    "to_annotations",
    "to_html",
    "to_json",
    "to_markdown",
    "to_text",
    "tokenize",
    "use_limits",
    "verify",
]
