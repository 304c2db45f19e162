//! Speech verbs: the words that attribute a quotation to a speaker.

/// Verb stems that introduce speech in every regular form (`-s`, `-ed`,
/// `-ing`, bare); irregular forms are listed in [`IRREGULAR`].
const STEMS: &[&str] = &[
    "acknowledge",
    "add",
    "admit",
    "advise",
    "agree",
    "allege",
    "announce",
    "argue",
    "ask",
    "assert",
    "assure",
    "bark",
    "boast",
    "brag",
    "caution",
    "chant",
    "concede",
    "conclude",
    "confirm",
    "contend",
    "continue",
    "declare",
    "disagree",
    "emphasise",
    "emphasize",
    "exclaim",
    "exhort",
    "explain",
    "fume",
    "gush",
    "insist",
    "interject",
    "lament",
    "maintain",
    "muse",
    "note",
    "observe",
    "opine",
    "predict",
    "proclaim",
    "react",
    "recall",
    "recount",
    "reiterate",
    "remark",
    "remember",
    "respond",
    "retort",
    "say",
    "scoff",
    "snap",
    "suggest",
    "thunder",
    "urge",
    "warn",
    "wonder",
    "write",
];

/// Stems that are also common nouns (`the report said`): only their `-ed`
/// and `-ing` forms count as speech verbs.
const NOUN_STEMS: &[&str] = &[
    "answer", "charge", "claim", "comment", "complain", "counter", "demand", "joke", "object",
    "plead", "point", "post", "press", "promise", "protest", "question", "quip", "remark",
    "repeat", "report", "scream", "shout", "state", "stress", "tweet", "vow", "whisper", "yell",
];

/// Irregular speech-verb forms.
const IRREGULAR: &[&str] = &[
    "said",
    "told",
    "tell",
    "tells",
    "telling",
    "wrote",
    "writes",
    "writing",
    "says",
    "saying",
    "read",
    "reads",
    "replied",
    "replies",
    "cried",
    "cries",
    "testified",
    "testifies",
    "quipped",
    "bragged",
    "admitted",
    "admitting",
    "denied",
    "denies",
    "stresses",
    "cautions",
];

/// Whether `word` (any case) is a form of a speech verb.
pub(super) fn is_speech_verb(word: &str) -> bool {
    let mut buf = [0u8; 24];
    let Some(lower) = ascii_lower(word, &mut buf) else {
        return false;
    };
    // Punctuation and quotations, the most common non-words, skip the lists.
    if !lower.starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
    IRREGULAR.contains(&lower)
        || STEMS.iter().any(|stem| inflects(lower, stem, false))
        || NOUN_STEMS.iter().any(|stem| inflects(lower, stem, true))
}

/// Whether `word` is a form of a verb that names what something is in the
/// subject's words (`called the plan "a dead end"`, `labeling it "…"`,
/// `describes her as "…"`): a speech verb only with a speaker as its subject,
/// since its participle also names things (`a play called "…"`).
pub(super) fn is_naming_verb(word: &str) -> bool {
    const NAMING: &[&str] = &["call", "label", "describe", "dub"];
    let mut buf = [0u8; 24];
    let Some(lower) = ascii_lower(word, &mut buf) else {
        return false;
    };
    NAMING.iter().any(|stem| inflects(lower, stem, false))
        || matches!(lower, "dubbed" | "dubbing" | "labelled" | "labelling")
}

/// Whether `verb particle` is a phrasal speech verb (`shot back`, `went on`, `put it`):
/// neither word attributes speech alone.
pub(super) fn is_phrasal_speech_verb(verb: &str, particle: &str) -> bool {
    match particle {
        "back" => matches!(
            verb,
            "shot" | "shoots" | "fired" | "fires" | "hit" | "hits" | "pushed" | "pushes"
        ),
        "on" => matches!(verb, "went" | "goes"),
        // `As Ruiz put it, "…"`.
        "it" => matches!(verb, "put" | "puts"),
        _ => false,
    }
}

/// Whether `word` is `stem` with a regular inflection; `past_only` allows
/// only `-ed` and `-ing`.
fn inflects(word: &str, stem: &str, past_only: bool) -> bool {
    // Every word is tried against every stem: most differ in the first
    // letter (which no stem loses to its final `e`), cheaper to compare than
    // the whole stem.
    if word.as_bytes().first() != stem.as_bytes().first() {
        return false;
    }
    let Some(rest) = word.strip_prefix(stem.strip_suffix('e').unwrap_or(stem)) else {
        return false;
    };
    let e = stem.ends_with('e');
    match rest {
        "ed" | "ing" => true,
        "" => !e && !past_only,
        "e" | "es" => e && !past_only,
        "s" => !e && !past_only,
        _ => false,
    }
}

/// `word` lowercased into `buf`, or `None` when it is not short ASCII.
fn ascii_lower<'a>(word: &str, buf: &'a mut [u8; 24]) -> Option<&'a str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::{is_naming_verb, is_phrasal_speech_verb, is_speech_verb};

    #[test]
    fn recognizes_inflections() {
        for w in [
            "said",
            "says",
            "Said",
            "told",
            "added",
            "adding",
            "noted",
            "notes",
            "stated",
            "asked",
            "wrote",
            "argued",
            "warned",
            "insisted",
            "explained",
            "continued",
            "tweeted",
            "replied",
            "agreed",
            "agrees",
            "fumed",
            "remembered",
            "reacted",
            "opined",
            "exhorted",
            "pressed",
        ] {
            assert!(is_speech_verb(w), "{w}");
        }
        for w in [
            "called",
            "calls",
            "labeling",
            "labelled",
            "described",
            "dubbed",
        ] {
            assert!(is_naming_verb(w) && !is_speech_verb(w), "{w}");
        }
        assert!(!is_naming_verb("caller") && !is_naming_verb("dub-step"));
        assert!(is_phrasal_speech_verb("shot", "back"));
        assert!(is_phrasal_speech_verb("went", "on"));
        assert!(!is_phrasal_speech_verb("went", "back"));
        assert!(!is_phrasal_speech_verb("shot", "on"));
        for w in [
            "sad",
            "adds-on",
            "statement",
            "report",
            "claims",
            "press",
            "reset",
            "Cha",
            "saidx",
        ] {
            assert!(!is_speech_verb(w), "{w}");
        }
    }
}
