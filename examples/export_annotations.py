"""Export a story's located quotes as W3C Web Annotations (JSON-LD) anchored in their sources."""

import json

import quoteverify as qv

source = qv.Source.from_transcript(
    "YIN QI: People ask me about misuse. Technology is definitely not to blame.\n",
    url="https://example.org/yin-qi-remarks",
)
story = 'Yin Qi said: "Technology is definitely to blame."'
report = qv.check_article(story, [source])

page = qv.to_annotations(report)
print(json.dumps(page, ensure_ascii=False, indent=2))

# An annotation client re-anchors each target with its selectors:
for annotation in page["items"]:
    quote_sel, position = annotation["target"]["selector"]
    assert source.text[position["start"] : position["end"]] == quote_sel["exact"]
