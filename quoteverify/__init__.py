"""quoteverify: check quotes attributed to people against the sources they came from.

>>> import quoteverify as qv
>>> src = qv.Source("We don't have access to the data. What we do is sell them a server.")
>>> qv.verify("We do not have access to the data", src).fidelity
<Fidelity.COSMETIC: 'cosmetic'>
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .errors import InvalidInputError, ParseError, QuoteVerifyError
from .extraction import extract_quotes, parse_article
from .model import (
    Alignment,
    AttributedQuote,
    Attribution,
    AttributionStatus,
    Edit,
    EditKind,
    EmbeddedSpeech,
    Evidence,
    Fidelity,
    Gap,
    Location,
    Quote,
    Source,
    Span,
    Speaker,
    SpeakerKind,
    Turn,
)
from .speakers import Resolution, SpeakerRegistry

try:
    __version__ = version("quoteverify")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "Alignment",
    "AttributedQuote",
    "Attribution",
    "AttributionStatus",
    "Edit",
    "EditKind",
    "EmbeddedSpeech",
    "Evidence",
    "Fidelity",
    "Gap",
    "InvalidInputError",
    "Location",
    "ParseError",
    "Quote",
    "QuoteVerifyError",
    "Resolution",
    "Source",
    "Span",
    "Speaker",
    "SpeakerKind",
    "SpeakerRegistry",
    "Turn",
    "__version__",
    "extract_quotes",
    "parse_article",
]
