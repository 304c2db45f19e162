//! Finding the phrase that names a quotation's speaker: a speech verb next to
//! the quote, and the noun phrase that is its subject.

use super::spans::Span;
use super::verbs::{is_naming_verb, is_phrasal_speech_verb, is_speech_verb};
use super::words::{
    ends_sentence, is_adverb_or_auxiliary, is_capitalized, is_determiner, is_function_word,
    is_statement_noun, is_time_word, is_title, pronoun, tokenize, Token,
};

/// How far (bytes) to look before a quote for its attribution.
const LOOK_BEHIND: usize = 400;
/// How far (bytes) to look after a quote for its attribution.
const LOOK_AHEAD: usize = 200;
/// Most tokens in a speaker phrase before its verb (`"…," Cha said`).
const MAX_SUBJECT_TOKENS: usize = 8;
/// Most tokens between a quote's end and a following speech verb when the
/// subject has an appositive (`"…," Sydney Seiler, a senior adviser at CSIS, said`).
const MAX_APPOSITIVE_TOKENS: usize = 20;
/// Most tokens before the verb when a name right after the quote opens an
/// appositive that a comma closes right before the verb (`"…," Donald Trump,
/// the frontrunner nationally and current polling leader in South Carolina
/// by a wide margin, said`).
const MAX_SET_OFF_APPOSITIVE_TOKENS: usize = 40;
/// Most tokens between a speech verb and the quote it introduces (`told the police, "…"`).
const MAX_OBJECT_TOKENS: usize = 4;
/// Most tokens of a naming verb's subject after the object it fronts (`what
/// Newt Gingrich called "…"`).
const MAX_FRONTED_SUBJECT_TOKENS: usize = 4;
/// Most tokens in a speaker phrase after an inverted verb (`said Victor Cha`).
const MAX_NAME_TOKENS: usize = 7;

/// A speech cue found for a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Attribution {
    /// The phrase naming the speaker, when the cue has one.
    pub speaker: Option<Phrase>,
    /// Whether the cue directly follows or precedes the quote (`"…," Cha said`, `said: "…"`),
    /// as opposed to a verb somewhere earlier in the sentence.
    pub adjacent: bool,
}

/// Where in the text a speaker is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Phrase {
    /// Byte range of the phrase.
    pub range: (usize, usize),
    /// Whether the phrase is a whole clause whose first name is the speaker
    /// (rather than a noun phrase whose head, its last name, is).
    pub first: bool,
}

/// The attribution of `spans[k]`: first the words right after it, then the
/// first part's cue for the second part of a split quote, then the sentence
/// before it, then a signature line after it, then a bare attribution
/// sentence before its own.
pub(super) fn attribute(text: &str, spans: &[Span], k: usize) -> Option<Attribution> {
    after(text, spans, k)
        .or_else(|| split_continuation(text, spans, k))
        .or_else(|| before(text, spans, k))
        .or_else(|| signature(text, &spans[k]))
        .or_else(|| introduced(text, spans, k))
}

/// `Ruiz agreed. "Nobody can find a buyer this late."`: a
/// quote opening a sentence right after a sentence that is only an
/// attribution in the same paragraph is that speaker's.
fn introduced(text: &str, spans: &[Span], k: usize) -> Option<Attribution> {
    let span = &spans[k];
    let from = ceil_char(text, span.start.saturating_sub(LOOK_BEHIND)).max(span.para_start);
    // After another quote of the paragraph, that quote's cue is this one's.
    if k > 0 && spans[k - 1].end > from {
        return None;
    }
    let toks = tokenize(text, from, span.start);
    let (stop, rest) = toks.split_last()?;
    if !ends_sentence(stop.text(text)) {
        return None;
    }
    let sentence = rest
        .iter()
        .rposition(|t| ends_sentence(t.text(text)))
        .map_or(rest, |p| &rest[p + 1..]);
    let speaker = if is_bare_attribution(text, sentence) {
        let verb = (0..sentence.len()).position(|i| is_verb_at(text, sentence, i))?;
        subject_before(text, &sentence[..verb])?
    } else {
        set_off_attribution(text, sentence).or_else(|| named_subject(text, sentence))?
    };
    Some(Attribution {
        speaker: Some(speaker),
        adjacent: false,
    })
}

/// `Sam Lau, the communications director for the party, said in a
/// statement. "…"`: a bare attribution whose name an appositive follows.
fn set_off_attribution(text: &str, sentence: &[Token]) -> Option<Phrase> {
    let comma = name_before_comma(text, sentence)?;
    let verb = (comma + 1..sentence.len().min(MAX_APPOSITIVE_TOKENS + 1))
        .find(|&i| is_verb_at(text, sentence, i))?;
    is_plain_tail(text, &sentence[verb + 1..])
        .then(|| phrase(&sentence[..comma]))
        .flatten()
}

/// Where the comma is that ends a name opening `toks` (`Sam Lau, the …`):
/// capitalised words only, at most [`MAX_NAME_TOKENS`].
fn name_before_comma(text: &str, toks: &[Token]) -> Option<usize> {
    let comma = toks
        .iter()
        .take(MAX_NAME_TOKENS + 1)
        .position(|t| t.text(text) == ",")?;
    let name = &toks[..comma];
    let named = name.first().is_some_and(|t| starts_name(t.text(text)))
        && name
            .iter()
            .all(|t| t.is_word(text) && is_capitalized(t.text(text)));
    named.then_some(comma)
}

/// `Clinton touted her record. "We need …"`: the name (or `he`/`she`) that
/// opens a sentence as its subject, a finite verb right after it. Not after
/// reported speech (`Ruiz said the farmers were worried. "…"`), whose
/// quote may be theirs.
fn named_subject(text: &str, sentence: &[Token]) -> Option<Phrase> {
    if (0..sentence.len()).any(|i| is_verb_at(text, sentence, i)) {
        return None;
    }
    let name_len = sentence
        .iter()
        .take_while(|t| {
            let w = t.text(text);
            t.is_word(text) && is_capitalized(w) && !is_function_word(w) && !is_determiner(w)
        })
        .count();
    let first = sentence.first()?.text(text);
    let he_or_she = matches!(first, "He" | "She");
    let name = if he_or_she { 1 } else { name_len };
    let verb = sentence.get(name)?.text(text);
    ((1..=MAX_NAME_TOKENS).contains(&name) && looks_finite(verb))
        .then(|| phrase(&sentence[..name]))
        .flatten()
}

/// Most comma-separated clauses of a sentence looked through, from the
/// quote back, for the one whose subject is a name and whose verb is finite.
const MAX_CLAUSES_BACK: usize = 3;

/// `Sanders credited Clinton's victory to "a closed primary, …"`: a quotation
/// set into a sentence without any speech verb is the words of the name
/// that is the subject of the clause it is in, or of the nearest one before
/// it (`Gov. Jerry Brown endorsed her, citing her "long experience"`), also
/// after an appositive (`Dan Backer, the PAC's treasurer, has egged on …`).
/// Not a passive's subject (`Ruiz was described by the council as "…"`) nor
/// a phrase whose head is a common noun (`Ruiz's new book takes …`); the
/// caller keeps only names the recognizer tagged, so not a pronoun either,
/// which is too weak a cue this far from a speech verb.
pub(super) fn sentence_subject(text: &str, spans: &[Span], k: usize) -> Option<Phrase> {
    let sentence = sentence_before(text, spans, k);
    let clauses: Vec<&[Token]> = sentence.split(|t| t.text(text) == ",").collect();
    let (index, subject) = clauses
        .iter()
        .enumerate()
        .rev()
        .take(MAX_CLAUSES_BACK)
        .find_map(|(i, clause)| named_clause(text, clause).map(|subject| (i, subject)))?;
    if !subject.is_empty() {
        return phrase(subject);
    }
    // The clause has no subject of its own: the name that opens the sentence,
    // set off by the appositive between them.
    let opening = clauses.first().filter(|_| index >= 2)?;
    let named = !opening.is_empty()
        && opening.len() <= MAX_NAME_TOKENS
        && opening.iter().all(|t| is_capitalized(t.text(text)));
    named.then(|| phrase(opening)).flatten()
}

/// The name that opens `clause` as the subject of a finite verb (after a
/// conjunction or a subordinator: `When Trump used the words`), with the
/// adverbs and `has` between them; an empty subject when the clause opens
/// with that verb. `None` when the clause is not so.
fn named_clause<'t>(text: &str, clause: &'t [Token]) -> Option<&'t [Token]> {
    let clause = without_conjunction(text, clause);
    let clause = match clause.split_first() {
        Some((t, rest)) if is_function_word(t.text(text)) && pronoun(t.text(text)).is_none() => {
            rest
        }
        _ => clause,
    };
    let in_name = |t: &Token| {
        let w = t.text(text);
        t.is_word(text) && (is_capitalized(w) || matches!(w, "of" | "the" | "for"))
    };
    let mut i = clause.iter().take_while(|t| in_name(t)).count();
    let name = i;
    // `Gov. Pat McCrory (R) blamed`: a party label after the name.
    if clause.get(i).is_some_and(|t| t.text(text) == "(") {
        i += clause[i..].iter().position(|t| t.text(text) == ")")? + 1;
    }
    while clause.get(i).is_some_and(|t| {
        let w = t.text(text);
        is_adverb_or_auxiliary(w) && !is_be(w)
    }) {
        i += 1;
    }
    let verb = clause.get(i)?.text(text);
    let finite = looks_finite(verb) && !is_be(verb);
    let subject = &clause[..name];
    let named = subject.first().is_none_or(|t| starts_name(t.text(text)))
        && subject.len() <= MAX_NAME_TOKENS;
    (finite && named).then_some(subject)
}

/// Whether `word` reads as a finite verb after its subject: lowercase, in
/// `-ed` or `-s`, no function word (`Ruiz credited`, `Ode forwards`).
fn looks_finite(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_lowercase())
        && !is_function_word(word)
        && (word.ends_with("ed") || word.ends_with('s'))
}

/// Whether `word` is a form of `be`, which makes a verb after it passive.
fn is_be(word: &str) -> bool {
    matches!(
        word,
        "is" | "was" | "are" | "were" | "be" | "been" | "being"
    )
}

/// `"…"` / `- Ana Ruiz.`: a quote ending its paragraph, signed by a
/// dash and a name in the next one.
fn signature(text: &str, span: &Span) -> Option<Attribution> {
    let rest = text.get(span.end..span.para_end)?;
    if !span.closed || rest.chars().any(char::is_alphanumeric) {
        return None;
    }
    let next = text[span.para_end..].trim_start();
    let signed = next.strip_prefix(['-', '–', '—'])?;
    let line = &signed[..signed.find('\n').unwrap_or(signed.len())];
    // `– A record year –` is a section heading, not a signature.
    if line.trim_end_matches(['.', ' ']).ends_with(['-', '–', '—']) {
        return None;
    }
    let from = text.len() - signed.len();
    let toks = tokenize(text, from, from + line.len());
    toks.first()
        .filter(|t| {
            let w = t.text(text);
            is_capitalized(w) && !is_determiner(w) && !is_function_word(w)
        })
        .and_then(|_| name_after(text, &toks))
        .map(|p| adjacent(Some(p)))
}

/// `"…," said Ivo Berg, an economist, "is that …"`: the second part of a
/// split quote has the first part's cue.
fn split_continuation(text: &str, spans: &[Span], k: usize) -> Option<Attribution> {
    let (prev, span) = (spans.get(k.checked_sub(1)?)?, &spans[k]);
    if prev.para_start != span.para_start || !prev.inner(text).trim_end().ends_with(',') {
        return None;
    }
    let between = tokenize(text, prev.end, span.start);
    let joined = between
        .last()
        .is_some_and(|t| matches!(t.text(text), "," | ":"))
        && !between.iter().any(|t| ends_sentence(t.text(text)));
    joined.then(|| after(text, spans, k - 1)).flatten()
}

/// `"…," Cha said`, `"…," said Victor Cha, …`, `"…," according to …`.
fn after(text: &str, spans: &[Span], k: usize) -> Option<Attribution> {
    let span = &spans[k];
    if !span.closed {
        return None;
    }
    let limit = spans
        .get(k + 1)
        .map_or(span.para_end, |n| n.start.min(span.para_end))
        .min(floor_char(text, span.end + LOOK_AHEAD));
    let mut toks = tokenize(text, span.end, limit.max(span.end));
    let stop = toks.iter().position(|t| ends_sentence(t.text(text)));
    // `"Why now?" Mills then writes back, "You look cute."`: after a
    // question or an exclamation, a cue that runs into the next quote of
    // the paragraph introduces that one (another turn), not this one.
    let question = span.inner(text).trim_end().ends_with(['?', '!']);
    let into_next = stop.is_none()
        && spans.get(k + 1).is_some_and(|n| n.start == limit)
        && toks
            .last()
            .is_some_and(|t| matches!(t.text(text), "," | ":"));
    if question && into_next {
        return None;
    }
    if let Some(stop) = stop {
        toks.truncate(stop);
    }
    let toks = match toks.first() {
        Some(t) if matches!(t.text(text), "," | "—" | "–") => &toks[1..],
        _ => &toks[..],
    };
    let first = toks.first()?.text(text);
    // After a full stop inside the quote, a capitalised word starts a new
    // sentence, which belongs to the quote only when it is nothing but an
    // attribution (`"…." Ruiz said.`, not `"…." Ruiz said she would …`).
    let inner_end = span.inner(text).trim_end().chars().next_back();
    if inner_end == Some('.') && is_capitalized(first) && !is_bare_attribution(text, toks) {
        return None;
    }
    if first == "according" && toks.get(1).is_some_and(|t| t.text(text) == "to") {
        return Some(adjacent(name_after(text, &toks[2..])));
    }
    if is_lowercase_speech_verb(first) && !first.ends_with("ing") {
        // `"…," said Victor Cha`; without a name after it (`"…," adding`, `said he
        // doubts`) the verb belongs to the sentence, not to the quote, and so
        // does a participle (`"…," promising the Friends of Lena …`).
        return name_after(text, &toks[1..]).map(|p| adjacent(Some(p)));
    }
    let verb = (0..toks.len().min(MAX_APPOSITIVE_TOKENS + 1))
        .position(|i| is_verb_at(text, toks, i))
        .or_else(|| verb_after_long_appositive(text, toks))?;
    let subject = &toks[..verb];
    // The name ends at an appositive's comma or a parenthesis (`Lena Holm (D-Ore.) said`).
    let end_of = |part: &[Token]| {
        part.iter()
            .position(|t| matches!(t.text(text), "," | "("))
            .unwrap_or(part.len())
    };
    let cut = end_of(subject);
    // `his father, Omar Haddad, said`, `Ruiz's chief of staff, Ben Ode, said`:
    // a role set off before the name.
    let role = is_role(text, &subject[..cut]) || is_possessive_role(text, &subject[..cut]);
    let named_after = |k: usize| {
        subject
            .get(k)
            .is_some_and(|t| starts_name(t.text(text)) && pronoun(t.text(text)).is_none())
    };
    let (first, cut) = if role && named_after(cut + 1) {
        (cut + 1, cut + 1 + end_of(&subject[cut + 1..]))
    } else {
        (0, cut)
    };
    let whole = trim_adverbs(text, &subject[first..cut]);
    // `"…," Ana Ruiz of the Harbor Institute for Coastal Studies wrote`.
    let person = person_of_the(text, whole)
        .filter(|person| person.first().map(|t| t.start) == whole.first().map(|t| t.start));
    let name = person.unwrap_or(whole);
    let clean = subject
        .iter()
        .all(|t| t.is_word(text) || matches!(t.text(text), "," | "(" | ")" | "'" | "’"));
    // `"…," Cha said`, `"…," team member Lena Holm said`, `"…," he said`;
    // not `"…" and admitted`, `"…" he was echoing Berg, who asked`.
    let lone_pronoun = name.len() == 1 || name.iter().all(|t| pronoun(t.text(text)).is_none());
    let opens = name.first().is_some_and(|t| starts_name(t.text(text)));
    let named = name.iter().all(|t| !is_function_word(t.text(text)))
        && name
            .iter()
            .any(|t| starts_name(t.text(text)) && !is_determiner(t.text(text)));
    let too_long = person.is_none() && cut - first > MAX_SUBJECT_TOKENS;
    if too_long || !clean || !lone_pronoun || !(opens || named) {
        return closing_attribution(text, subject, &toks[verb + 1..]).map(|p| adjacent(Some(p)));
    }
    Some(adjacent(phrase(name)))
}

/// The speech verb after a name and a long appositive set off by commas
/// (see [`MAX_SET_OFF_APPOSITIVE_TOKENS`]), when the name opens the words
/// after the quote.
fn verb_after_long_appositive(text: &str, toks: &[Token]) -> Option<usize> {
    name_before_comma(text, toks)?;
    (MAX_APPOSITIVE_TOKENS + 1..toks.len().min(MAX_SET_OFF_APPOSITIVE_TOKENS + 1))
        .find(|&i| toks[i - 1].text(text) == "," && is_verb_at(text, toks, i))
}

/// `"…" and against the harbor plan, Ruiz said.`: a sentence the quote opens
/// and a final `, Name said` closes is the named speaker's.
fn closing_attribution(text: &str, subject: &[Token], rest: &[Token]) -> Option<Phrase> {
    let comma = subject.iter().rposition(|t| t.text(text) == ",")?;
    let name = trim_adverbs(text, &subject[comma + 1..]);
    let plain = name.len() <= MAX_SUBJECT_TOKENS
        && name
            .iter()
            .all(|t| t.is_word(text) && !is_function_word(t.text(text)));
    let opens = name.first().is_some_and(|t| {
        let w = t.text(text);
        is_capitalized(w) || pronoun(w).is_some()
    });
    (plain && opens && is_plain_tail(text, rest))
        .then(|| phrase(name))
        .flatten()
}

/// Whether a sentence is only a speaker and a speech verb, with at most a
/// time or a place after the verb (`Ruiz said Monday.`, `Ruiz said in an
/// interview.`), rather than reported speech.
fn is_bare_attribution(text: &str, toks: &[Token]) -> bool {
    let Some(verb) =
        (0..toks.len().min(MAX_APPOSITIVE_TOKENS + 1)).position(|i| is_verb_at(text, toks, i))
    else {
        return false;
    };
    let (subject, rest) = (&toks[..verb], &toks[verb + 1..]);
    // `Perhaps, she said, …` and `Ruiz says, "…"` go on with other words.
    let plain_subject =
        subject.len() <= MAX_SUBJECT_TOKENS && subject.iter().all(|t| t.is_word(text));
    plain_subject && is_plain_tail(text, rest)
}

/// Whether the words after an attribution's verb add at most a time or a
/// place (`said on Monday`), not reported speech (`said Monday that …`,
/// `said Monday she …`).
fn is_plain_tail(text: &str, rest: &[Token]) -> bool {
    // The particle of a phrasal verb (`shot back on Monday`) is part of the verb.
    let rest = match rest.split_first() {
        Some((t, tail)) if t.text(text) == "back" => tail,
        _ => rest,
    };
    let opens = rest.first().is_none_or(|t| {
        let w = t.text(text);
        matches!(w, "in" | "on" | "at" | "during") || is_time_word(w)
    });
    let reports = rest.iter().any(|t| {
        let w = t.text(text);
        w == "that" || pronoun(w).is_some()
    });
    opens && !reports
}

/// Whether `word` is a speech verb and not a name that looks like one
/// (`"…," Read said`).
fn is_lowercase_speech_verb(word: &str) -> bool {
    is_speech_verb(word) && !is_capitalized(word)
}

/// Whether `toks[i]` is a lowercase speech verb on its own or with the
/// particle after it (`Ruiz shot back`, `Ode went on`), or a naming verb
/// after its speaker.
fn is_verb_at(text: &str, toks: &[Token], i: usize) -> bool {
    let word = toks[i].text(text);
    is_lowercase_speech_verb(word)
        || toks
            .get(i + 1)
            .is_some_and(|p| is_phrasal_speech_verb(word, p.text(text)))
        || is_naming_at(text, toks, i)
        || is_release_at(text, toks, i)
}

/// Most tokens between `issued`/`released` and the statement noun it puts
/// out (`issued a brief written statement`).
const MAX_RELEASED_TOKENS: usize = 3;

/// `Trump issued a statement, "…"`, `the ministry released a letter: "…"`:
/// putting out a statement is speaking.
fn is_release_at(text: &str, toks: &[Token], i: usize) -> bool {
    let released = matches!(
        toks[i].text(text),
        "issued" | "issues" | "issue" | "issuing" | "released" | "releases" | "releasing"
    );
    released
        && toks[i + 1..]
            .iter()
            .take(MAX_RELEASED_TOKENS)
            .take_while(|t| t.is_word(text))
            .any(|t| is_statement_noun(t.text(text)))
}

/// `Ruiz called it "…"`, `what she calls "…"`, `Ode has labelled them
/// "…"`, `…, calling him "…"`: a naming verb after its speaker (a name or a
/// pronoun), `has`/`have`/`had`/`also`, a comma closing the speaker's
/// appositive or clause, or for its `-ing` form an auxiliary, with its object
/// between it and the quote (or `what` before its subject); not `a play
/// called "…"`, `is called "…"`, `called for`.
fn is_naming_at(text: &str, toks: &[Token], i: usize) -> bool {
    let word = toks[i].text(text);
    if !is_naming_verb(word) || is_capitalized(word) || i == 0 {
        return false;
    }
    let previous = toks[i - 1].text(text);
    let participle = word.ends_with("ing");
    let after_speaker = pronoun(previous).is_some()
        || is_capitalized(previous) && !is_function_word(previous)
        || matches!(previous, "has" | "have" | "had" | "also")
        || previous == ","
        || participle && matches!(previous, "is" | "was" | "are" | "were" | "been");
    let object = match toks.get(i + 1).map(|t| t.text(text)) {
        Some("for" | "on" | "upon" | "in" | "off" | "up" | "out" | "back" | "into") => false,
        Some(_) => true,
        // `what Newt Gingrich called "…"`: the object comes before the subject.
        None => toks[i.saturating_sub(MAX_FRONTED_SUBJECT_TOKENS + 1)..i - 1]
            .iter()
            .any(|t| matches!(t.text(text), "what" | "What" | "which" | "whom")),
    };
    after_speaker && object
}

/// `Cha said: "…"`, `Victor Cha, …, stated that if …, "…"`, `According to Cha, "…"`.
fn before(text: &str, spans: &[Span], k: usize) -> Option<Attribution> {
    let toks = sentence_before(text, spans, k);
    if let Some(a) = toks
        .windows(2)
        .position(|w| w[0].text(text).eq_ignore_ascii_case("according") && w[1].text(text) == "to")
    {
        return Some(adjacent(name_after(text, &toks[a + 2..])));
    }
    let colon = toks.last().is_some_and(|t| t.text(text) == ":");
    // `said "…"`, `said: "…"`, `told the police, "…"`; not `said that the "…"`.
    let next_to_quote = |rest: &[Token]| {
        rest.is_empty()
            || rest.len() <= MAX_OBJECT_TOKENS
                && rest
                    .last()
                    .is_some_and(|t| matches!(t.text(text), ":" | ","))
    };
    // A capitalised verb is a name (`Omar Said`) unless it opens the
    // sentence in an inverted attribution (`Said Ode, "…"`).
    let verb = (0..toks.len()).rposition(|i| {
        let w = toks[i].text(text);
        is_verb_at(text, &toks, i) || i == 0 && is_speech_verb(w)
    });
    let adjacent_verb = verb.filter(|&v| next_to_quote(&toks[v + 1..]));
    if colon {
        // `Pollsters agree - Carl Bialik: "…"`: the label, not the verb's subject.
        if let Some(label) = dash_label(text, &toks[..toks.len() - 1]) {
            return Some(adjacent(Some(label)));
        }
    }
    if colon && adjacent_verb.is_none() {
        // `Ruiz fired back: "…"`: a colon introduces its clause's subject's words.
        return Some(adjacent(colon_subject(text, &toks[..toks.len() - 1])));
    }
    let verb = verb?;
    let rest = &toks[verb + 1..];
    let adjacent = adjacent_verb.is_some();
    // `with Holm stating: "…"`, `Ode reportedly yelling: "…"`; not
    // `responded on Facebook writing: "…"`.
    let own_subject = match trim_adverbs(text, &toks[..verb]) {
        [.., before, t] if is_function_word(before.text(text)) && before.text(text) != "with" => {
            pronoun(t.text(text)).is_some()
        }
        [.., t] => {
            let w = t.text(text);
            t.is_word(text) && (pronoun(w).is_some() || is_capitalized(w) && !is_function_word(w))
        }
        [] => false,
    };
    // `Ruiz went on to say, "…"`: an infinitive has no subject of its own either.
    let infinitive = verb > 0 && toks[verb - 1].text(text) == "to";
    let speaker = if (toks[verb].text(text).ends_with("ing") || infinitive) && !own_subject {
        // `Holm said, noting that …`: the main verb's subject; `Ode took to
        // Twitter, writing: "…"`: the clause's subject.
        let main = toks[..verb].iter().rposition(|t| {
            let w = t.text(text);
            is_speech_verb(w) && !is_capitalized(w) && !w.ends_with("ing")
        });
        main.and_then(|v| subject_before(text, &toks[..v]))
            .or_else(|| clause_subject(text, &toks[..verb]))
    } else {
        // `Said Ode, "…"`: an inverted verb's subject follows it, but
        // whom someone told is never the speaker (`told Bill O'Reilly that "…"`).
        let addressee = matches!(toks[verb].text(text), "told" | "tell" | "tells");
        subject_before(text, &toks[..verb]).or_else(|| {
            rest.first()
                .filter(|t| is_capitalized(t.text(text)) && !addressee)
                .and_then(|_| name_after(text, rest))
        })
    };
    Some(Attribution { speaker, adjacent })
}

/// The tokens of the sentence before `spans[k]`, each earlier quotation as
/// one non-word token; for a quote opening a paragraph, the previous paragraph's last
/// sentence when it ends with a colon (`Ruiz continued:`).
fn sentence_before(text: &str, spans: &[Span], k: usize) -> Vec<Token> {
    let span = &spans[k];
    let mut from = span.para_start;
    if text[from..span.start].trim().is_empty() {
        let previous = text[..from].trim_end();
        if previous.ends_with(':') {
            from = previous.rfind('\n').map_or(0, |p| p + 1);
        }
    }
    let from = from.max(ceil_char(text, span.start.saturating_sub(LOOK_BEHIND)));
    let quoted = &spans[spans[..k].partition_point(|s| s.end <= from)..k];
    let mut q = 0;
    let mut out = Vec::new();
    for t in tokenize(text, from, span.start) {
        while q < quoted.len() && quoted[q].end <= t.start {
            // `"We won." Officials said …`: a quote ending a sentence ends it.
            if ends_with_stop(text, &quoted[q]) && is_capitalized(t.text(text)) {
                out.clear();
            }
            q += 1;
        }
        if q < quoted.len() && quoted[q].start <= t.start {
            let whole = Token {
                start: quoted[q].start,
                end: quoted[q].end,
            };
            if out.last() != Some(&whole) {
                out.push(whole);
            }
            continue;
        }
        if ends_sentence(t.text(text)) {
            out.clear();
        } else {
            out.push(t);
        }
    }
    out
}

/// Whether a quote's words end with a full stop, question or exclamation mark.
fn ends_with_stop(text: &str, span: &Span) -> bool {
    span.inner(text).trim_end().ends_with(['.', '!', '?'])
}

/// The speaker of a clause ending in a colon: a name set off by a dash
/// that the colon labels (`Pollsters agree - Carl Bialik:`), else the
/// subject of its last part after a comma or a dash when that opens with a
/// name (`When Ode suggested …, Ruiz fired back:`, `Asked about … — where
/// … — Ruiz responded with a line …:`), else of the whole sentence (`Berg,
/// R-Wis., delivered a message to Ode:`).
fn colon_subject(text: &str, toks: &[Token]) -> Option<Phrase> {
    if let Some(label) = dash_label(text, toks) {
        return Some(label);
    }
    let last = toks
        .iter()
        .rposition(|t| matches!(t.text(text), "," | "—" | "–"))
        .map_or(toks, |comma| &toks[comma + 1..]);
    let named = last.first().is_some_and(|t| starts_name(t.text(text)));
    clause_subject(text, if named { last } else { toks })
}

/// A name set off by a dash at the end of a clause that a colon closes
/// (`Pollsters agree - Carl Bialik:`): the source the colon labels.
fn dash_label(text: &str, toks: &[Token]) -> Option<Phrase> {
    let dash = toks
        .iter()
        .rposition(|t| matches!(t.text(text), "-" | "—" | "–"))?;
    let name = &toks[dash + 1..];
    let named = !name.is_empty()
        && name.len() <= MAX_NAME_TOKENS
        && name.iter().all(|t| is_capitalized(t.text(text)));
    named.then(|| phrase(name)).flatten()
}

/// The subject of a whole clause: the first name in it after any opening
/// adverbials (`When Berg died, President Ruiz released …`).
fn clause_subject(text: &str, toks: &[Token]) -> Option<Phrase> {
    let mut toks = without_conjunction(text, toks);
    // `In June 2009, after Ruiz fell ill, Holm emailed …`: skip each opening adverbial.
    while let Some(comma) = toks
        .first()
        .filter(|t| is_function_word(t.text(text)))
        .and_then(|_| toks.iter().position(|t| t.text(text) == ","))
    {
        toks = &toks[comma + 1..];
    }
    Some(Phrase {
        range: (toks.first()?.start, toks.last()?.end),
        first: true,
    })
}

/// An attribution right next to its quote.
fn adjacent(speaker: Option<Phrase>) -> Attribution {
    Attribution {
        speaker,
        adjacent: true,
    }
}

/// The speaker phrase after an inverted verb: up to punctuation or a function word.
fn name_after(text: &str, toks: &[Token]) -> Option<Phrase> {
    // `said his father, Omar Haddad,`: a lowercase role set off before the name.
    let comma = toks
        .iter()
        .take(MAX_SUBJECT_TOKENS)
        .position(|t| t.text(text) == ",");
    if let Some(c) = comma.filter(|&c| c > 0) {
        let role = is_role(text, &toks[..c]);
        let named = toks
            .get(c + 1)
            .is_some_and(|t| starts_name(t.text(text)) && pronoun(t.text(text)).is_none());
        if role && named {
            return name_after(text, &toks[c + 1..]);
        }
    }
    if pronoun(toks.first()?.text(text)).is_some() {
        return None;
    }
    let n = toks
        .iter()
        .take(MAX_NAME_TOKENS)
        .position(|t| !t.is_word(text) || is_function_word(t.text(text)))
        .unwrap_or(toks.len().min(MAX_NAME_TOKENS));
    phrase(&toks[..n])
}

/// `Mayor Ruiz's chief of staff`: someone's role, a possessive followed by
/// lowercase words only.
fn is_possessive_role(text: &str, toks: &[Token]) -> bool {
    let possessive = |t: &Token| {
        let w = t.text(text);
        w.ends_with("'s") || w.ends_with("’s")
    };
    let Some(owner) = toks.iter().rposition(possessive) else {
        return false;
    };
    let role = &toks[owner + 1..];
    !role.is_empty()
        && role
            .iter()
            .all(|t| t.is_word(text) && !is_capitalized(t.text(text)))
}

/// `his father`, `the company's spokesman`: a short lowercase role opened
/// by a possessive or an article, which an appositive name may follow.
fn is_role(text: &str, toks: &[Token]) -> bool {
    let opens = toks.first().is_some_and(|t| {
        matches!(
            t.text(text),
            "his" | "her" | "their" | "its" | "our" | "my" | "the" | "a" | "an"
        )
    });
    opens
        && toks.len() <= 4
        && toks.iter().all(|t| {
            (t.is_word(text) || matches!(t.text(text), "'s" | "’s"))
                && !is_capitalized(t.text(text))
        })
}

/// The subject of a verb whose preceding tokens are `toks`.
fn subject_before(text: &str, toks: &[Token]) -> Option<Phrase> {
    let toks = without_parenthetical(text, trim_adverbs(text, toks));
    let last = toks.last()?;
    match last.text(text) {
        // `Gingrich — mentioned by Newsmax as … — told`: the name before
        // an appositive set off by dashes.
        dash @ ("—" | "–") => {
            let open = toks[..toks.len() - 1]
                .iter()
                .rposition(|t| t.text(text) == dash)?;
            subject_before(text, &toks[..open])
        }
        // `Victor Cha, Korea chair at CSIS, said`: the name opens the clause.
        "," => {
            let chunks = || {
                toks[..toks.len() - 1]
                    .split(|t| t.text(text) == ",")
                    .map(|chunk| {
                        // `As John Cornyn, the No. 2 in the GOP leadership, put it`.
                        let chunk = match chunk.split_first() {
                            Some((t, rest)) if t.text(text) == "As" => rest,
                            _ => chunk,
                        };
                        without_parenthetical(text, without_conjunction(text, chunk))
                    })
                    .filter(|chunk| chunk.first().is_some_and(|t| starts_name(t.text(text))))
            };
            // `Ode's business manager, Lena Holm, said`: a chunk
            // ending in a name beats one ending in a role.
            let ends_named =
                |chunk: &&[Token]| chunk.last().is_some_and(|t| is_capitalized(t.text(text)));
            // `in Berea, Ohio, GOP hopeful, Ohio Gov. John Kasich (R-OH), said`:
            // a full name of its own beats a place before it, but not a
            // party label (`Ruiz, D-New York, said`).
            let full_name = |chunk: &&[Token]| {
                chunk.len() >= 2
                    && chunk.iter().all(|t| is_capitalized(t.text(text)))
                    && !["D-", "R-", "I-"]
                        .iter()
                        .any(|party| chunk[0].text(text).starts_with(party))
            };
            chunks()
                .find(full_name)
                .or_else(|| chunks().find(ends_named))
                .or_else(|| chunks().next())
                .and_then(|chunk| phrase(trim_adverbs(text, chunk)))
        }
        // `Berg said it was early but added, "…"`: the first verb's subject;
        // `Ruiz said that, back home, Ode "…", and told police`: the
        // subject of the clause the conjunction closes.
        "and" | "but" => {
            let clause = &toks[..toks.len() - 1];
            let clause = match clause.last() {
                Some(t) if t.text(text) == "," => &clause[..clause.len() - 1],
                _ => clause,
            };
            colon_subject(text, clause)
        }
        _ => {
            let start = toks
                .iter()
                .rposition(|t| !t.is_word(text) || is_function_word(t.text(text)))
                .map_or(0, |p| p + 1);
            if let Some(person) = person_of_the(text, name_run(text, toks)) {
                return phrase(person);
            }
            let chunk = &toks[start.max(toks.len().saturating_sub(MAX_SUBJECT_TOKENS))..];
            // `former UN Ambassador John Bolton told`: a title's modifier.
            let chunk = match chunk.split_first() {
                Some((t, named)) if matches!(t.text(text), "former" | "then") => named,
                _ => chunk,
            };
            chunk
                .first()
                .filter(|t| starts_name(t.text(text)))
                .and_then(|_| phrase(chunk))
        }
    }
}

/// The capitalised name at the end of `toks`, with the `of`, `the`, `for`
/// and `and` inside it (`Bishop Ana Ruiz of the Church of Port Linden`).
fn name_run<'t>(text: &str, toks: &'t [Token]) -> &'t [Token] {
    let inside = |t: &Token| {
        let w = t.text(text);
        t.is_word(text) && (is_capitalized(w) || matches!(w, "of" | "the" | "for" | "and"))
    };
    let start = toks.iter().rposition(|t| !inside(t)).map_or(0, |p| p + 1);
    &toks[start..]
}

/// `Priya Raman of the Harbor Alliance`: the person's two words before the
/// first `of the` in a name, which are its head (not `the head of the
/// Alliance`, `Speaker of the House Ode`).
fn person_of_the<'t>(text: &str, name: &'t [Token]) -> Option<&'t [Token]> {
    let person_word = |t: &Token| {
        let w = t.text(text);
        is_capitalized(w) && !is_title(w) && !is_function_word(w) && !is_determiner(w)
    };
    name.windows(4)
        .position(|w| w[2].text(text) == "of" && w[3].text(text) == "the")
        .map(|i| &name[i..i + 2])
        .filter(|person| person.iter().all(person_word))
}

/// `toks` without a final parenthesis (`Ivo Berg (R-WI) said`).
fn without_parenthetical<'t>(text: &str, toks: &'t [Token]) -> &'t [Token] {
    match toks.last() {
        Some(t) if t.text(text) == ")" => toks
            .iter()
            .rposition(|t| t.text(text) == "(")
            .map_or(toks, |open| &toks[..open]),
        _ => toks,
    }
}

/// `toks` without a leading coordinating conjunction (`But Sen. Holm`).
fn without_conjunction<'t>(text: &str, toks: &'t [Token]) -> &'t [Token] {
    match toks.first() {
        Some(t) if matches!(t.text(text), "But" | "And" | "So" | "Yet" | "but" | "and") => {
            &toks[1..]
        }
        _ => toks,
    }
}

/// Whether a word can open a speaker phrase.
fn starts_name(word: &str) -> bool {
    pronoun(word).is_some()
        || is_determiner(word)
        || (is_capitalized(word) && !is_function_word(word))
}

/// `toks` without trailing adverbs and auxiliaries (`Cha has also said`).
fn trim_adverbs<'t>(text: &str, toks: &'t [Token]) -> &'t [Token] {
    let keep = toks
        .iter()
        .rposition(|t| {
            let w = t.text(text);
            !is_time_word(w) && (is_capitalized(w) || !is_adverb_or_auxiliary(w))
        })
        .map_or(0, |p| p + 1);
    &toks[..keep]
}

/// The noun phrase covering `toks`.
fn phrase(toks: &[Token]) -> Option<Phrase> {
    Some(Phrase {
        range: (toks.first()?.start, toks.last()?.end),
        first: false,
    })
}

/// The largest char boundary `<= i`.
fn floor_char(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary `>= i`.
fn ceil_char(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}
