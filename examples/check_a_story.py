"""Check every quote in the bundled Megvii story and print a Markdown table of the results."""

from importlib import resources

import quoteverify as qv

demo = resources.files("quoteverify") / "data" / "demo"


def read(name: str) -> str:
    return (demo / name).read_text(encoding="utf-8")


registry = qv.SpeakerRegistry.from_json(read("speakers.json"))
sources = [
    qv.parse_transcript(read("xie_interview.txt"), speakers=registry, title="Interview with Xie Yinan"),
    qv.parse_plain(read("megvii_statement.txt"), speaker="Megvii", speakers=registry, title="Megvii statement"),
    qv.parse_transcript(read("yin_qi_remarks.txt"), speakers=registry, title="Yin Qi's remarks"),
]
report = qv.check_article(read("story.txt"), sources, speakers=registry)
print(qv.to_markdown(report, title="Megvii story"))
print()
print("every quote holds" if report.ok else f"{len(report.problems)} quotes need an editor")
