"""Verify one quote against an interview transcript and print the editor's account."""

import quoteverify as qv

interview = qv.Source.from_transcript(
    "Q: Do you know what the police do with the footage?\n"
    "XIE YINAN: We don't have access to the data. What we do is sell them a server. That's all.\n"
)

v = qv.verify("We have access to the data", interview, speaker="Xie Yinan")
print(v.explain())
print("holds:", qv.report.holds(v))
