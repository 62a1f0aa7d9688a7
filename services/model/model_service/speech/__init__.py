"""Name check: pocketsphinx keyword spotting + a grammar over the day's names.

Uses Debian's python3-pocketsphinx (old SWIG API: Decoder.default_config(),
set_string, process_raw, seg(), hyp()) and the pocketsphinx-en-us model.

Why this shape (measured, see STACK-NOTES.md "Offline AI"):
- transcribing with the n-gram LM and fuzzy-matching text finds almost no
  Arabic-origin names, so no LM decoder is used at all (it also crashes after
  ~20 add_word() calls);
- every decoder here is built on a small per-request dictionary that holds only
  the words of the day's names, so add_word() is never called;
- keyword spotting measures how much better the name's phone chain explains the
  audio than a free phone loop (a log-likelihood ratio per frame);
- a JSGF grammar listing the day's names (expected + nearest confusable ones) is
  decoded over the spotted segment to see which name the audio prefers.

One job per module: decoder (the pocketsphinx binding), candidates (who competes
with each name), spotting (keyword spotting), grammar (alignment over the spotted
span), scoring (the per-name verdict) and checker (one request, end to end).
"""

from .checker import NameChecker
from .decoder import speech_status
from .scoring import decide

__all__ = ["NameChecker", "decide", "speech_status"]
