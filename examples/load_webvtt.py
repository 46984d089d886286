"""Load a WebVTT caption file as a source and find who speaks a quote, with its timing."""

import quoteverify as qv

captions = """WEBVTT

1
00:00:40.000 --> 00:00:43.500
<v Jane Doe>Do you know what the police do with the footage?

2
00:00:44.000 --> 00:00:48.000
<v Xie Yinan>We don't have access to the data.

3
00:00:48.200 --> 00:00:51.000
<v Xie Yinan>What we do is sell them a server. That's all.
"""

source = qv.parse_webvtt(captions, title="Interview video")
for turn in source.turns:
    print(f"{turn.start_time:6.1f}s  {turn.speaker.name if turn.speaker else '?':10} {turn.span.text}")

v = qv.verify("What we do is sell them a server", source, speaker="Xie Yinan")
turn = v.attribution.turn
print(v.fidelity.value, v.attribution.status.value, f"at {turn.start_time}s" if turn else "")
