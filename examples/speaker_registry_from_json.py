"""Build a speaker registry from JSON and resolve the names a story uses for people."""

import quoteverify as qv

registry = qv.SpeakerRegistry.from_json(
    """
    {"speakers": [
      {"name": "Yin Qi", "aliases": ["Qi Yin", "印奇"], "roles": ["chief executive"],
       "organization": "Megvii"},
      {"name": "Xie Yinan", "roles": ["vice president"], "organization": "Megvii"},
      {"name": "Megvii", "kind": "organization", "aliases": ["旷视"]}
    ]}
    """
)

for mention in ["印奇", "Qi Yin", "XIE YINAN", "旷视"]:
    speaker = registry.get(mention)
    print(f"{mention!r:14} -> {speaker.name if speaker else None}")

story = "Megvii's chief executive Yin Qi said that technology is not to blame."
for span, speaker in registry.find_mentions(story):
    print(f"story[{span.start}:{span.end}] {span.text!r} is {speaker.name}")
