"""What the Ombudsman found: fault, injustice, other bodies, reasons for not investigating, stage reached.

Each reading relies on what the statement says in so many words; when it says nothing, the answer
is None. The Ombudsman's standard "role and powers" paragraphs list every possible reason and body
in general terms, so they are never read as findings about the case (the caller leaves them out).

Every function here takes text already lower-cased (and made plain), so the patterns are
case-sensitive and fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from redress.core.decisions.keywords import Keywords
from redress.core.decisions.record import OTHER_BODIES


def _led_by(letters: str, pattern: str) -> re.Pattern[str]:
    """The pattern, every match of which starts with one of `letters`, led by a test of that.

    A pattern starting with \\b and a choice of words is tried at every position of the text; the
    test turns most positions away at once.
    """
    return re.compile(f"(?=[{letters}])(?:{pattern})")


_NOT_A_FINDING = _led_by(
    "ailnesuw",
    r"\b(?:insufficient|not enough|not sufficient|no|little|enough|sufficient|any) (?:evidence|sign|signs|indication) (?:of|to show|of any) (?:\w+ )?"
    r"(?:fault|maladministration)|\bif there (?:has been|is|was) fault\b|\bwhether there (?:was|is|has been) fault\b"
    r"|\bunlikely (?:\w+ ){0,3}find (?:any )?(?:evidence of )?fault",
)
# The same for injustice: "not enough evidence of its actions causing Miss K significant injustice".
_NOT_AN_INJUSTICE_FINDING = _led_by("in", r"\b(?:insufficient|not enough|no) evidence (?:that|of)\b[^.;]{0,160}?\binjustice\b")
_NEGATORS = r"\b(?:no|not|nor|without|never|neither)\b"
_FAULT = _led_by(
    "fmnw",
    rf"(?P<neg>{_NEGATORS}(?:\s+(?:at|find|found|any|the|result|of|is|was|be|been|there|cause|caused|by|due|to|a|an|sign"
    r"|identify|identified|see|make|finding|constitute|amount|it|significantly))*\s+)?\b(?:fault|faults|faulty|maladministration)\b",
)
_INJUSTICE = _led_by(
    "inw",
    rf"(?P<neg>{_NEGATORS}(?:\s+(?:significant|cause|caused|any|an|a|the|result|in|to|enough|sufficient|further|personal|lead))*"
    # "did not cause the complainants significant injustice", "did not cause Mr X significant injustice"
    r"(?:\s+(?:[a-z']+\s+){0,3}?(?:significant|any|an|a|further|personal)(?:\s+personal)?)?\s+)?"
    r"\binjustice\b",
)
_APOLOGY = re.compile(r"\bapolog(?:ise|ize|ises|izes|ised|ized|ising|izing|y|ies)\b", re.IGNORECASE)
_REMEDY_APOLOGY = re.compile(
    r"\b(?:should|will|to|agreed to|must|has agreed to|recommends?|recommended)\s+(?:\w+\s+){0,3}?(?:apologi[sz]e|an? (?:\w+\s+)?apology)\b"
    r"|\ba (?:written |formal |personal )?apology\b|\bapologising to\b"
)
_NO_APOLOGY = re.compile(r"\b(?:not|no|never|without|refused to|refuses to)\s+(?:\w+\s+){0,2}apolog|n't\s+(?:\w+\s+){0,2}apolog")
_NOT_A_FINDING_HINTS = ("evidence", "if there", "whether there", "sign", "indication", "unlikely")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")
# What the complainant (or anyone) is reported to say, want or feel: not the Ombudsman's finding.
_REPORTED = re.compile(
    r"\b(?:complains?|complained|says|said|alleges?|alleged|feels?|felt|believes?|believed|wants|wanted|would like|asks|asked|seeks)\b"
)
_REPORTED_VIEW = re.compile(r"\b(?:says|said|alleges?|alleged|believes?|believed|argues?|argued|disputes?|claims?|claimed)\b")
_HARM = re.compile(
    r"\b(?:caused?|causing|suffered)\s+(?:[\w']+\s+){0,3}?(?:(?:unnecessary|avoidable|significant|some|further)\s+)*"
    r"(?:distress|uncertainty|frustration|upset|anxiety|inconvenience|time and trouble|time, trouble)\b"
    r"|\b(?:distress|uncertainty|frustration|upset)\s+(?:(?:this|it|that)\s+)?caused\b"
)
_FAILING = re.compile(
    r"^\s*(?:the council|it)\s+(?:\w+\s+)?(?:failed|delayed|did not|didn't|has not|had not|was wrong|wrongly)\b"
    r"|\bthere (?:was|has been) (?:a |some |significant |avoidable )?delay\b"
)
_REMEDY = re.compile(
    r"\b(?:should|will|to|agreed to|must)\s+(?:\w+\s+){0,3}?(?:apologi[sz]e|pay|make a (?:\w+\s+)?payment|refund|reimburse)\b"
    r"|\b(?:satisfactory|suitable|appropriate|fair|proportionate)\s+remedy\b|\bto put this right\b|\bremedy (?:for )?the injustice\b"
    r"|\bapology\b"
)

_BODY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("information-commissioner", ("information commissioner", "ico")),
    ("social-work-england", ("social work england", "health and care professions council", "hcpc")),
    ("court", ("court",)),
    ("tribunal", ("tribunal",)),
    ("police", ("police", "iopc")),
    ("nhs", ("nhs", "health service", "clinical commissioning group", "integrated care board", "ccg", "icb")),
    ("housing-ombudsman", ("housing ombudsman",)),
    ("parliamentary-ombudsman", ("parliamentary ombudsman", "parliamentary and health service ombudsman", "phso")),
)
BODY_ORDER = OTHER_BODIES  # the order records list them in
# A sentence that sends the matter somewhere: literal phrases, checked with `in` (regex backtracking
# over every word of every sentence was the slowest part of the parser).
_MODALS = (" could ", " can ", " should ", " may ", " might ", "need to ", "able to ", "expect")
# "complain to", not "complain": "Miss X's complaint ... could have been" sends nothing anywhere.
_REFERRAL_VERBS = ("take", "complain to", "refer", " go ", "ask", " use ", "apply", "appeal", "report", "contact", "bring")
_NAMING = re.compile(r"\brefer(?:red)? to (?:\w+ )?as\b")  # "whom I refer to as Mr X": naming, not referring
_MONTH_MAY = re.compile(r" may (?=\d)")  # "in May 2024": the month, not the modal
_PLACES = (
    "better placed", "appropriate body", "right body", "correct body", "proper body", "appropriate place", "right place",
    "correct place", "proper place", "appropriate route", "right route", "appropriate forum", "appropriate organisation",
    "responsible for considering", "responsible for investigating", "responsible for deciding", "responsible for looking",
    "matter for", "right of appeal", "appeal to", "appealed to", "appeal right", "use that service", "attention of",
    "better considered", "best considered", "best placed", "better suited", "best suited", "had jurisdiction", "has jurisdiction",
)
# The letters a match of each reason's pattern can start with (see _led_by).
_REASON_STARTS = {
    "premature": "acnpsw", "insufficient-evidence-of-fault": "ilnu", "no-significant-injustice": "inw",
    "no-different-outcome": "cinuw", "no-worthwhile-outcome": "nuw", "could-not-add": "cuw", "other-body-better-placed": "ab",
    "court-proceedings": "bcgilstw", "late": "1clmotw", "outside-jurisdiction": "bcnot", "remedy-agreed": "ahstu",
}
_REASONS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, _led_by(_REASON_STARTS[code], pattern))
    for code, pattern in (
        (
            "premature",
            r"\bprematur\w*|not (?:yet )?(?:completed|finished|been through) (?:all (?:three |3 )?stages"
            r"|the (?:statutory |council's )?(?:complaints? )?(?:procedure|process))"
            r"|(?:criteria|conditions) (?:for|required for)(?: \w+){0,4} early referral"
            # "the Council has agreed to continue its investigation ... via the statutory children's complaints procedure"
            r"|\b(?:agreed to|will|should) (?:now )?(?:continue|consider|investigate|complete|progress)\w* (?:[\w']+ ){0,6}?"
            r"(?:via|through|under) the (?:[\w']+ ){0,3}complaints? (?:procedure|process)",
        ),
        (
            "insufficient-evidence-of-fault",
            r"\b(?:insufficient|not enough|not sufficient|no|little) (?:evidence|sign|signs|indication) of (?:\w+ )?(?:fault|maladministration)"
            r"|\bunlikely (?:\w+ ){0,3}find (?:any )?(?:evidence of )?fault",
        ),
        (
            "no-significant-injustice",
            r"\b(?:no|not|insufficient|isn't|wasn't)(?: \w+){0,3} significant (?:personal )?injustice|\binjustice (?:is|was) not significant"
            r"|\b(?:insufficient|not enough|no) evidence (?:that|of)\b[^.;]{0,160}?\bsignificant (?:personal )?injustice",
        ),
        (
            "no-different-outcome",
            r"\b(?:not|unlikely to|wouldn't|won't|cannot|could not)(?: \w+){0,4} (?:a )?different (?:outcome|result|decision)"
            # "unlikely we would find fault ... or that an investigation would achieve a different outcome";
            # "not enough evidence of fault, ..., or of us being likely to achieve a different result"
            r"|\bunlikely\b[^.;]{0,120}?\bdifferent (?:outcome|result|decision)"
            r"|\b(?:insufficient|not enough|no) evidence\b[^.;]{0,160}?\bdifferent (?:outcome|result|decision)",
        ),
        (
            "no-worthwhile-outcome",
            r"\bno (?:\w+ )?worthwhile outcome|\bnot achieve anything (?:more|further|significant)|\bwould achieve nothing"
            r"|\bunlikely\b[^.;]{0,100}?\bachieve anything\b",
        ),
        ("could-not-add", r"\b(?:could|can|would)(?:n't| not)? add (?:anything|to|further|more|significantly)|\bcannot add\b|\bunable to add\b"),
        ("other-body-better-placed", r"\b(?:better|best) (?:placed|considered|suited)\b|\bappropriate body\b"),
        (
            "court-proceedings",
            r"\bcourt (?:proceedings|action|case|hearing)s?\b|\b(?:legal|care) proceedings\b|\b(?:went|gone|going|taken) to court\b"
            # "considered in court", "before the courts", "a decision made by the court", "subject to court ..."
            r"|\b(?:in|by|before|within) (?:the |a )?(?:family |county |crown |high )?courts?\b|\bsubject to (?:\w+ )?court\b",
        ),
        (
            "late",
            r"\bcomplain\w* (?:to us )?(?:too )?late\b|\blate complaint|\bout of time\b|\bmore than (?:12|twelve) months (?:after|ago|since|before)"
            r"|\bwaited too long\b|\b(?:12|twelve)[- ]month (?:time )?limit|\bcomplaint (?:is|was|has been) (?:\w+ )?late\b",
        ),
        (
            "outside-jurisdiction",
            r"\b(?:outside|beyond|no|not (?:in|within)|out of) (?:our |the ombudsman's |its |my )?(?:jurisdiction|remit)\b"
            r"|\b(?:tribunal|court)s? (?:had|has|have) jurisdiction\b",
        ),
        (
            "remedy-agreed",
            r"\b(?:already|has|have) (?:\w+ ){0,2}(?:offered|provided|agreed|made) (?:a |an )?"
            r"(?:suitable|appropriate|proportionate|fair|reasonable|adequate) remedy|\b(?:already|has been) remedied\b"
            # "we are satisfied with the actions the Council has taken", "took action to remedy the injustice",
            # "unlikely we would recommend a significantly different remedy"
            r"|\bsatisfied with the (?:action|actions|steps|remedy|response|offer)\b|\b(?:took|taken|take) action to remedy\b"
            r"|\bunlikely\b[^.;]{0,80}?\bdifferent remedy\b",
        ),
    )
)
_REASON_HINTS: dict[str, tuple[str, ...]] = {
    "premature": ("prematur", "not completed", "not yet completed", "not finished", "not yet finished", "not been through",
                  "not yet been through", "early referral",
                  "complaints procedure", "complaint procedure", "complaints process", "complaint process"),
    "insufficient-evidence-of-fault": ("evidence of", "sign of", "signs of", "indication of", "find fault", "find any fault"),
    "no-significant-injustice": ("significant",),
    "no-different-outcome": ("different",),
    "no-worthwhile-outcome": ("worthwhile", "achieve"),
    "could-not-add": ("add",),
    "other-body-better-placed": (
        "better placed", "best placed", "better considered", "best considered", "better suited", "best suited", "appropriate body",
    ),
    "court-proceedings": ("court", "proceedings"),
    "late": ("late", "out of time", "month", "too long"),
    "outside-jurisdiction": ("jurisdiction", "remit"),
    "remedy-agreed": ("remed", "satisfied with the"),
}
# The Ombudsman saying it will not (or will no further) investigate. Each pattern starts with a
# literal word: in the story the pattern is tried only where that word is (see _STORY_WORDS).
_NOT_INVESTIGATING = tuple(
    (pattern[: pattern.index(" ") + 1], re.compile(pattern))
    for pattern in (
        r"not (?:to )?(?:investigat|start|continu)",
        r"n't (?:investigat|start|continu)",
        r"ended (?:our|my|the) investigation",
        r"discontinued (?:our|my|the) investigation",
        r"stopped (?:our|my|the) investigation",
        r"closed (?:our|my|the) investigation",
        r"discontinue (?:our|my|the) investigation",
        r"discontinuing (?:our|my|the) investigation",
        r"unable to investigat",
        r"closed because",
        r"warrant further (?:pursuit|investigation)",
    )
)
_OWN_VOICE = _led_by("imotuw", r"\b(?:we|i|us|our|my|the ombudsman)\b")
_PANEL_KINDS = ("review ", "independent ", "appeal ")
_PERSONAL_HINTS = ("mr", "ms", "miss", "mx", "dr", "complaint")
_PERSONAL = _led_by("dhmt", r"\b(?:mr|mrs|ms|miss|mx|dr)\.?\s+[a-z]\b|\b(?:his|her|their) complaints?\b")
_NEGATED = _led_by("n", r"\b(?:not|never|no)\b|n't\b")
_SHARED = re.compile(r"\bshar(?:e|ed|ing)\b")
# Every word looked for in the story, all found in one pass instead of one scan a word.
_STORY_WORDS = Keywords(
    (
        *(word for _, words in _BODY_WORDS for word in words),
        *(hint for hints in _REASON_HINTS.values() for hint in hints),
        *(first_word for first_word, _ in _NOT_INVESTIGATING),
        "stage",
        " panel",
    )
)


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (or line) of `text` holding the span start..end (at most 600 characters each side)."""
    low, high = max(0, start - 600), min(len(text), end + 600)
    before = max(text.rfind(". ", low, start), text.rfind("\n", low, start), text.rfind("; ", low, start), low - 1)
    after = [found for found in (text.find(". ", end, high), text.find("\n", end, high), text.find("; ", end, high)) if found != -1]
    return text[before + 1 : min(after) if after else high]


def _verdict(pattern: re.Pattern[str], text: str) -> bool | None:
    """True if the text affirms the finding anywhere, False if it only denies it, None if silent."""
    found: bool | None = None
    for match in pattern.finditer(text):
        if not match.group("neg"):
            return True
        found = False
    return found


def fault_found(texts: Iterable[str]) -> bool | None:
    """The first of the texts (final decision, summary, ...) that speaks of fault decides."""
    for text in texts:
        if "fault" not in text and "maladministration" not in text:
            continue
        if any(map(text.__contains__, _NOT_A_FINDING_HINTS)):
            text = _NOT_A_FINDING.sub(" ", text)
        verdict = _verdict(_FAULT, text)
        if verdict is not None:
            return verdict
    return None


def injustice_found(texts: Iterable[str]) -> bool | None:
    for text in texts:
        if "injustice" not in text:
            continue
        if "evidence" in text:
            text = _NOT_AN_INJUSTICE_FINDING.sub(" ", text)
        verdict = _verdict(_INJUSTICE, text)
        if verdict is not None:
            return verdict
    return None


def _findings(text: str) -> Iterator[str]:
    """The sentences of a summary or decision in the Ombudsman's voice: not what someone is reported to say."""
    for sentence in _SENTENCE_END.split(text):
        if not _REPORTED.search(sentence):
            yield sentence


def harm_caused(text: str) -> bool:
    """The Ombudsman says the council's actions caused distress, uncertainty, frustration, time and trouble."""
    if "caus" not in text and "suffered" not in text:
        return False
    for sentence in _findings(text):
        for match in _HARM.finditer(sentence):
            if not _NEGATED.search(sentence, max(0, match.start() - 25), match.start()):
                return True
    return False


def failing_remedied(text: str, *, injustice: bool | None) -> bool:
    """The Ombudsman states the council's failings ("The Council failed to ...", "There was delay by the
    Council") and either sets a remedy for them or says they caused injustice: a finding of fault put
    in other words."""
    findings = list(_findings(text))
    if not any(_FAILING.search(sentence) for sentence in findings):
        return False
    return bool(injustice) or any(_REMEDY.search(sentence) for sentence in findings)


def apology_in(action_texts: list[str], texts: Iterable[str]) -> bool | None:
    """An apology among the agreed actions (False if actions were agreed without one), else as said.

    Said: a sentence of the summary or decision, in the Ombudsman's voice, with an apology in it that
    is not denied and is the remedy: agreed or recommended ("will apologise", "recommends ... an
    apology"), or part of what remedies the injustice ("has already apologised, which is a suitable
    remedy"). Not "did not apologise", "Mrs X wants an apology", nor "the Council apologised at stage 1".
    """
    # The pattern needs "apolog" (in any case): it is tried only on texts holding it.
    if any("apolog" in text.lower() and _APOLOGY.search(text) for text in action_texts):
        return True
    if action_texts:
        return False
    for text in texts:
        if "apolog" in text and any(
            "apolog" in sentence
            and not _NO_APOLOGY.search(sentence)
            and (_REMEDY_APOLOGY.search(sentence) or ("remed" in sentence and _APOLOGY.search(sentence)))
            for sentence in _findings(text)
        ):
            return True
    return None


def _is_referral(sentence: str) -> bool:
    """The sentence says where the matter could or should go ("could complain to", "better placed")."""
    padded = f" {sentence} "
    if any(map(padded.__contains__, _PLACES)):  # map: no Python-level loop
        return True
    if " may " in padded:
        padded = _MONTH_MAY.sub(" ", padded)
    if "refer" in padded:
        padded = _NAMING.sub(" ", padded)
    if any(map(padded.__contains__, _MODALS)) and any(map(padded.__contains__, _REFERRAL_VERBS)):
        return True
    return " to " in padded and any(map(padded.__contains__, ("refer", "bring", "take", "took", "brought")))


def _word_at(text: str, start: int, end: int) -> bool:
    """text[start:end] stands as a word (or words), not part of a longer word."""
    return (start == 0 or not text[start - 1].isalnum()) and (end >= len(text) or not text[end].isalnum())


def _mentions(story: str, word: str, starts: list[int]) -> Iterator[tuple[int, int]]:
    """Where `word`, starting at `starts`, stands as a word (or its plural in s)."""
    for start in starts:
        end = start + len(word)
        if _word_at(story, start, end) or (story.startswith("s", end) and _word_at(story, start, end + 1)):
            yield start, end


def other_bodies_in(story: str) -> list[str]:
    """Bodies said to be better placed, or where the complainant could take the matter."""
    found: list[str] = []
    present = _STORY_WORDS.found(story)
    for code, words in _BODY_WORDS:
        for word in words:
            if word not in present:
                continue
            spans = _mentions(story, word, present[word])
            if code == "nhs":  # not the Parliamentary and Health Service Ombudsman
                spans = (span for span in spans if not story.startswith(" ombudsman", span[1]))
            if any(_is_referral(sentence_at(story, start, end)) for start, end in spans):
                found.append(code)
                break
    return found


def _own_voice(story: str, spans: Iterable[tuple[int, int]]) -> bool:
    return any(_OWN_VOICE.search(sentence_at(story, start, end)) for start, end in spans)


def _given(pattern: re.Pattern[str], sentence: str) -> bool:
    """The pattern is in the sentence as the Ombudsman's reason: not in what someone is said to say
    ("the Council says it has been considered in court"), nor in the account of a council decision
    the Ombudsman is weighing ("no sign of fault in the Council's decision not to consider it while
    there are court proceedings")."""
    if _REPORTED_VIEW.search(sentence):
        return False
    weighed = sentence.find("decision not to ")
    return any(weighed == -1 or match.start() < weighed for match in pattern.finditer(sentence))


def _said(pattern: re.Pattern[str], conclusions: str, story: str, hints: tuple[str, ...]) -> bool:
    """The pattern is in a sentence of the conclusions, or of the story in the Ombudsman's own voice,
    given as the Ombudsman's reason (see _given).

    Every match of the pattern contains one of the hints, so only sentences holding a hint are read.
    """
    if (
        any(map(conclusions.__contains__, hints))
        and pattern.search(conclusions)
        and any(_given(pattern, sentence) for sentence in _SENTENCE_END.split(conclusions) if pattern.search(sentence))
    ):
        return True
    present = _STORY_WORDS.found(story)
    for hint in hints:
        for start in present.get(hint, ()):
            sentence = sentence_at(story, start, start + len(hint))
            if pattern.search(sentence) and _OWN_VOICE.search(sentence) and _given(pattern, sentence):
                return True
    return False


def _spans(story: str, first_word: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """Where the pattern matches in the story (as `finditer` would find them), each match starting
    with `first_word` (one of _STORY_WORDS)."""
    end = 0
    for start in _STORY_WORDS.found(story).get(first_word, ()):
        match = pattern.match(story, start) if start >= end else None
        if match is not None:
            end = match.end()
            yield start, end


def says_not_investigating(conclusions: str, story: str) -> bool:
    """The Ombudsman says it will not investigate, or not further (in the conclusions, or in its own voice)."""
    for first_word, pattern in _NOT_INVESTIGATING:
        if pattern.search(conclusions):
            return True
        if _own_voice(story, _spans(story, first_word, pattern)):
            return True
    return False


def reasons_in(conclusions: str, story: str, *, closed: bool) -> list[str]:
    """Reasons the Ombudsman gives for not investigating (or not further), when it says it will not.

    Read in the summary and final decision, and in the Ombudsman's own sentences elsewhere ("we",
    "I"), not in what the council or complainant are reported to have said.
    """
    if not closed and not says_not_investigating(conclusions, story):
        return []
    return [code for code, pattern in _REASONS if _said(pattern, conclusions, story, _REASON_HINTS[code])]


_STAGE_NUMBERS = {"3": 3, "three": 3, "2": 2, "two": 2, "1": 1, "one": 1}
# One of them standing as a word (first wins); [^\W_] is a letter or digit, as str.isalnum.
_STAGE_NUMBER = re.compile(rf"(?<![^\W_])(?:{'|'.join(_STAGE_NUMBERS)})(?![^\W_])")


def _stage_number(story: str, at: int) -> tuple[int, int]:
    """The stage number written at `at` ("2", "two") and where it ends, or (0, at)."""
    match = _STAGE_NUMBER.match(story, at)
    return (0, at) if match is None else (_STAGE_NUMBERS[match[0]], match.end())


def _stage_mentions(story: str) -> list[tuple[int, int]]:
    """(stage, position) of "stage 2", "stages one and two", "all three stages", "review panel"."""
    mentions: list[tuple[int, int]] = []
    present = _STORY_WORDS.found(story)
    for start in present.get("stage", ()):
        plural = story.startswith("stages", start)
        number, end = _stage_number(story, start + (7 if plural else 6))
        if number and plural and story.startswith(" and ", end):
            number = max(number, _stage_number(story, end + 5)[0])
        elif plural and story.endswith(("all three ", "all 3 ", "all "), 0, start):
            number = 3
        if number:
            mentions.append((number, start))
    for start in present.get(" panel", ()):
        if story.endswith(_PANEL_KINDS, 0, start + 1):
            mentions.append((3, start + 1))
    return mentions


def stage_reached(story: str) -> int | None:
    """The furthest stage of the statutory procedure the complaint was taken to, as the story tells it.

    A mention ("stage 2", "stages one and two", "review panel", "all three stages") counts when its
    sentence is about this complainant ("Mr X", "her complaint") and the words just before it do
    not negate it ("did not ask for stage 3").
    """
    personal: dict[str, bool] = {}  # a sentence names the complainant: worked out once a sentence
    for stage, start in sorted(_stage_mentions(story), reverse=True):
        sentence = sentence_at(story, start, start + 5)
        if sentence not in personal:
            personal[sentence] = any(map(sentence.__contains__, _PERSONAL_HINTS)) and _PERSONAL.search(sentence) is not None
        lead_in = story[max(0, start - 40) : start]
        lead_in = lead_in[max(lead_in.rfind(". "), lead_in.rfind("\n")) + 1 :]
        if personal[sentence] and not _NEGATED.search(lead_in):
            return stage
    return None


def ofsted_shared(text: str) -> bool:
    """The statement says it will be shared with Ofsted."""
    start = text.find("ofsted")
    while start != -1:
        if _SHARED.search(sentence_at(text, start, start + 6)):
            return True
        start = text.find("ofsted", start + 6)
    return False
