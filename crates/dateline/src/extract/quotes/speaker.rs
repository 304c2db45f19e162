//! Turning a speaker phrase into a canonical name, through the article's
//! entity mentions where they cover it and from the words themselves where not.

use std::collections::HashMap;

use super::attribution::Phrase;
use super::names::gender;
use super::spans::Span;
use super::verbs::is_speech_verb;
use super::words::{
    is_adverb_or_auxiliary, is_capitalized, is_determiner, is_function_word, is_statement_noun,
    is_time_word, is_title, is_work_noun, pronoun, tokenize, Pronoun, Token,
};
use crate::extract::{EntityKind, Mention};

/// How many mentions back a pronoun or `the ministry` looks for what it
/// refers to: many paragraphs of news text, and a bound that keeps an
/// article of thousands of quotes without a fitting name linear.
const LOOK_BACK_MENTIONS: usize = 500;

/// An article's mentions, in text order, with its people's full names by
/// surname, looked up once per article rather than once per quote.
pub(super) struct Mentions<'m> {
    list: &'m [Mention],
    /// The first multi-word person name ending in each surname.
    full_names: HashMap<&'m str, &'m str>,
}

impl<'m> Mentions<'m> {
    /// The index of `list`, an article's mentions in text order.
    pub(super) fn new(list: &'m [Mention]) -> Mentions<'m> {
        let mut full_names = HashMap::new();
        for m in list.iter().filter(|m| m.kind == EntityKind::Person) {
            if let Some((_, surname)) = m.canonical.rsplit_once(' ') {
                full_names.entry(surname).or_insert(m.canonical.as_str());
            }
        }
        Mentions { list, full_names }
    }
}

/// The canonical name of the speaker named by `phrase`, if any.
pub(super) fn resolve(
    text: &str,
    phrase: Phrase,
    index: &Mentions,
    spans: &[Span],
) -> Option<String> {
    let mentions = index.list;
    let (start, end) = phrase.range;
    let toks = tokenize(text, start, end);
    if phrase.first {
        return clause_subject(text, &toks, index, spans);
    }
    if let [only] = toks.as_slice() {
        if let Some(p) = pronoun(only.text(text)) {
            return antecedent(text, p, start, mentions, spans).map(|m| m.canonical.clone());
        }
    }
    if let Some(described) = described_speaker(text, &toks) {
        return Some(described);
    }
    let covering = covering_mention(start, end, mentions);
    if let Some(m) = covering.filter(|m| m.kind == EntityKind::Person) {
        return Some(m.canonical.clone());
    }
    // The phrase's head is its last name (`Transport ranking Democrat Maria
    // Lopez`), even when the recognizer only found an organization in it.
    if let Some(&run) = name_runs(text, &toks).last() {
        return Some(name_at(text, run, index));
    }
    covering
        .or_else(|| common_noun_organization(text, &toks, mentions))
        .map(|m| m.canonical.clone())
        .or_else(|| unnamed_speaker(text, &toks))
}

/// The canonical name of the person or organization whose mention `phrase`
/// is; `None` for words the recognizer found no name in.
pub(super) fn resolve_mentioned(
    text: &str,
    phrase: Phrase,
    index: &Mentions,
    spans: &[Span],
) -> Option<String> {
    let (start, end) = phrase.range;
    covering_mention(start, end, index.list).filter(|m| m.kind != EntityKind::Place)?;
    resolve(text, phrase, index, spans)
}

/// `a Warren adviser`, `Ryan's office`, `one Trump campaign source`: a
/// phrase that ends in one or two lowercase nouns after its last name names
/// someone that name only qualifies, so the speaker is the phrase (its
/// determiner dropped), not that name's person. Not a text of theirs
/// (`Axelrod's memoir`, `Ode's statement`): that is still their words.
fn described_speaker(text: &str, toks: &[Token]) -> Option<String> {
    let last_name = toks.iter().rposition(|t| {
        let w = t.text(text);
        t.is_word(text) && is_capitalized(w) && !is_determiner(w) && !is_title(w)
    })?;
    let tail = &toks[last_name + 1..];
    let head = tail.last()?;
    if tail.len() > 2 || !tail.iter().all(|t| is_common_noun(text, t)) || is_written(text, head) {
        return None;
    }
    let first = toks.iter().find(|t| !is_determiner(t.text(text)))?;
    Some(text[first.start..head.end].to_string())
}

/// `One man wrote`, `another commenter said`: someone the article does not
/// name, introduced by an indefinite determiner and described by at most
/// three lowercase nouns, is the speaker as the article describes them.
/// Not `the spokesman`, who usually is someone named before, and not a
/// text (`one message read`), whose writer is someone else.
fn unnamed_speaker(text: &str, toks: &[Token]) -> Option<String> {
    let (determiner, description) = toks.split_first()?;
    let indefinite = ["a", "an", "one", "another"]
        .iter()
        .any(|d| d.eq_ignore_ascii_case(determiner.text(text)));
    let head = description.last()?;
    let described = description.len() <= 3
        && description.iter().all(|t| is_common_noun(text, t))
        && !is_written(text, head);
    (indefinite && described).then(|| text[determiner.start..head.end].to_string())
}

/// A lowercase word that can be part of a description of someone
/// (`commenter`, `campaign source`), not a function word, adverb or verb form.
fn is_common_noun(text: &str, t: &Token) -> bool {
    let w = t.text(text);
    t.is_word(text)
        && !is_capitalized(w)
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && pronoun(w).is_none()
        && !is_function_word(w)
        && !is_adverb_or_auxiliary(w)
        && !is_time_word(w)
        && !matches!(
            w,
            "first" | "last" | "too" | "alone" | "instead" | "though" | "close" | "over"
        )
        && !w.ends_with("ed")
        && !w.ends_with("self")
        && !w.ends_with("selves")
}

/// A token naming a text or a work (`statement`, `memoir`): its words are
/// someone else's.
fn is_written(text: &str, t: &Token) -> bool {
    let w = t.text(text);
    is_work_noun(w) || is_statement_noun(w)
}

/// The canonical name for the capitalised run at `start..end`: the mention
/// covering it, else the person whose surname it is, else the run as written.
fn name_at(text: &str, (start, end): (usize, usize), index: &Mentions) -> String {
    if let Some(m) = covering_mention(start, end, index.list) {
        return m.canonical.clone();
    }
    let name = &text[start..end];
    index.full_names.get(name).unwrap_or(&name).to_string()
}

/// The speaker of a clause (`Ode took to Twitter, writing:`): its first
/// person (or subject pronoun), else its first organization, else its first name.
fn clause_subject(text: &str, toks: &[Token], index: &Mentions, spans: &[Span]) -> Option<String> {
    let mentions = index.list;
    let (start, end) = (toks.first()?.start, toks.last()?.end);
    let inside = |kind: EntityKind| {
        let first = mentions.partition_point(|m| m.end <= start);
        mentions[first..]
            .iter()
            .take_while(|m| m.start < end)
            .find(|m| {
                m.kind == kind
                    && !inside_quote(m.start, spans)
                    // A person in capitals is a dateline; an organization, an acronym.
                    && !(kind == EntityKind::Person && is_written_in_capitals(&m.canonical))
            })
    };
    let person = opening_name(text, toks, mentions).or_else(|| inside(EntityKind::Person));
    let subject_pronoun = toks
        .iter()
        .take_while(|t| person.is_none_or(|m| t.start < m.start))
        .find_map(|t| {
            pronoun(t.text(text))
                .filter(|&p| p != Pronoun::Other)
                .map(|p| (t, p))
        });
    if let Some((t, p)) = subject_pronoun {
        return antecedent(text, p, t.start, mentions, spans).map(|m| m.canonical.clone());
    }
    person
        .or_else(|| inside(EntityKind::Organization))
        .map(|m| m.canonical.clone())
        .or_else(|| Some(name_at(text, *name_runs(text, toks).first()?, index)))
}

/// The person or organization opening a clause as its subject, a name
/// straight before a lowercase verb (`Ode bristled at …, saying`), so
/// that a later name (`… advising Ruiz`) is not taken for it.
fn opening_name<'m>(text: &str, toks: &[Token], mentions: &'m [Mention]) -> Option<&'m Mention> {
    let first = toks.first()?;
    let m = mentions
        .get(mentions.partition_point(|m| m.start < first.start))
        .filter(|m| m.start == first.start)?;
    let next = toks.iter().find(|t| t.start >= m.end)?;
    let w = next.text(text);
    let before_verb = next.is_word(text) && !is_capitalized(w) && !is_function_word(w);
    (m.kind != EntityKind::Place && before_verb).then_some(m)
}

/// The best mention inside the phrase: the last person, else the last organization, else a place.
fn covering_mention(start: usize, end: usize, mentions: &[Mention]) -> Option<&Mention> {
    let first = mentions.partition_point(|m| m.end <= start);
    let inside = mentions[first..].iter().take_while(|m| m.start < end);
    inside.fold(None, |best: Option<&Mention>, m| match best {
        Some(b) if rank(b.kind) > rank(m.kind) => Some(b),
        _ => Some(m),
    })
}

/// How strongly a mention kind suggests a speaker.
fn rank(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 2,
        EntityKind::Organization => 1,
        EntityKind::Place => 0,
    }
}

/// Byte ranges of the runs of capitalised words in the phrase that can be
/// names, titles and determiners dropped (`Sen. Ben Ode` → `Ben Ode`).
fn name_runs(text: &str, toks: &[Token]) -> Vec<(usize, usize)> {
    let is_name_word = |t: &Token| {
        let w = t.text(text);
        t.is_word(text) && is_capitalized(w) && pronoun(w).is_none() && !is_time_word(w)
    };
    toks.chunk_by(|a, b| is_name_word(a) == is_name_word(b))
        .filter(|run| is_name_word(&run[0]))
        .filter_map(|run| {
            let skip = run.iter().position(|t| {
                let w = t.text(text);
                !is_title(w) && !is_determiner(w) && !is_function_word(w)
            })?;
            Some((run[skip].start, run[run.len() - 1].end))
        })
        .collect()
}

/// `the ministry said`: the nearest earlier organization whose name contains `ministry`.
fn common_noun_organization<'m>(
    text: &str,
    toks: &[Token],
    mentions: &'m [Mention],
) -> Option<&'m Mention> {
    let (first, head) = (toks.first()?, toks.last()?);
    if !is_determiner(first.text(text)) || toks.len() < 2 {
        return None;
    }
    let noun = head.text(text);
    earlier(mentions, first.start).iter().rev().find(|m| {
        m.kind == EntityKind::Organization
            && m.canonical.split(' ').any(|w| w.eq_ignore_ascii_case(noun))
    })
}

/// The mention a pronoun at `pos` refers to. Of the earlier compatible
/// mentions outside any quotation that the rest of the pronoun's clause
/// does not name (`He has declared Cruz to be "…"`, `"…," he told Ruiz`:
/// he is someone else), of the nearest one's sentence the one a speech verb
/// attributes it to (`Brandt won the crowd, Ode said. "…," he added` is
/// Ode's), else the first that may be its subject (`Ode, an adviser to
/// Brandt, spoke. "…," he said` is Ode's), else the nearest. On the
/// PolNeAR training articles the subject changed 243 pronoun speakers, 28
/// of a sample of 30 to the right person, and the speech verb 11 more, all
/// to the right person.
fn antecedent<'m>(
    text: &str,
    p: Pronoun,
    pos: usize,
    mentions: &'m [Mention],
    spans: &[Span],
) -> Option<&'m Mention> {
    let named_after = named_in_rest_of_clause(text, pos, mentions, spans);
    let compatible = |m: &Mention| match p {
        Pronoun::Male | Pronoun::Female => {
            let given = m.canonical.split(' ').next().unwrap_or_default();
            m.kind == EntityKind::Person && gender(given).is_none_or(|g| g == p)
        }
        Pronoun::Plural => m.kind != EntityKind::Place,
        Pronoun::Neuter => m.kind == EntityKind::Organization,
        Pronoun::Other => false,
    };
    let candidates = || {
        earlier(mentions, pos).iter().rev().filter(|m| {
            compatible(m)
                && !inside_quote(m.start, spans)
                && !named_after.contains(&m.canonical.as_str())
        })
    };
    // `he`/`she` skip a dateline the recognizer took for a person
    // (`WASHINGTON — …`) while a person is further back.
    let personal = matches!(p, Pronoun::Male | Pronoun::Female);
    let nearest = candidates()
        .find(|m| !personal || !is_written_in_capitals(&m.canonical))
        .or_else(|| candidates().next())?;
    let sentence_start = text[..nearest.start]
        .rfind(['.', '!', '?', '\n'])
        .map_or(0, |at| at + 1);
    let in_sentence = || {
        candidates()
            .take_while(move |m| m.start >= sentence_start)
            .filter(move |m| !personal || !is_written_in_capitals(&m.canonical))
    };
    in_sentence()
        .find(|m| speaks(text, m))
        .or_else(|| in_sentence().filter(|m| may_be_subject(text, m)).last())
        .or(Some(nearest))
}

/// Whether mention `m` is the subject of a speech verb right next to it
/// (`Stovall said`, `said Stovall.`): not of a participle (`Kasich
/// claiming`), nor a question's asker (`Tapper asked`, answered by someone
/// else), nor the subject or object after a verb (`said Trump will`,
/// `told Politico on Wednesday`).
fn speaks(text: &str, m: &Mention) -> bool {
    let around = Around::of(text, m);
    let says = is_speech_verb(around.next)
        && !around.next.ends_with("ing")
        && !around.next.starts_with("ask");
    let inverted = around.previous.is_some_and(is_speech_verb)
        && (around.after.is_empty() || around.after.starts_with([',', '.']));
    says || inverted
}

/// The words right around a mention.
struct Around<'t> {
    /// The word right before it, if a word (not punctuation) comes before.
    previous: Option<&'t str>,
    /// The text after it, from its first non-space character.
    after: &'t str,
    /// The first word of `after` (empty when it opens with punctuation).
    next: &'t str,
}

impl<'t> Around<'t> {
    fn of(text: &'t str, m: &Mention) -> Around<'t> {
        let before = text[..m.start].trim_end();
        let previous = before
            .ends_with(char::is_alphanumeric)
            .then(|| before.rsplit(|c: char| !c.is_alphanumeric()).next())
            .flatten();
        let after = text[m.end..].trim_start_matches(' ');
        let next = after
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .next()
            .unwrap_or_default();
        Around {
            previous,
            after,
            next,
        }
    }
}

/// Prepositions before a name that is no clause's subject.
const PREPOSITIONS: &[&str] = &[
    "about",
    "across",
    "after",
    "against",
    "alongside",
    "amid",
    "among",
    "around",
    "as",
    "at",
    "before",
    "behind",
    "beside",
    "between",
    "by",
    "despite",
    "during",
    "following",
    "for",
    "from",
    "in",
    "including",
    "into",
    "like",
    "near",
    "of",
    "on",
    "over",
    "than",
    "through",
    "to",
    "toward",
    "towards",
    "under",
    "unlike",
    "upon",
    "via",
    "whether",
    "with",
    "without",
];

/// Words besides verbs that may follow a name that is a clause's subject
/// (`Ode of the port authority said`, `Ode himself wrote`).
const AFTER_SUBJECT_WORDS: &[&str] = &[
    "herself",
    "himself",
    "last",
    "of",
    "themselves",
    "this",
    "today",
    "tonight",
    "who",
    "whose",
    "yesterday",
];

/// Past forms a subject may be followed by that do not end in `ed`.
const IRREGULAR_VERBS: &[&str] = &[
    "became", "began", "brought", "came", "can", "could", "did", "does", "felt", "found", "gave",
    "got", "held", "kept", "knew", "led", "left", "lost", "made", "may", "met", "might", "must",
    "paid", "put", "ran", "said", "saw", "sent", "should", "spoke", "stood", "thought", "told",
    "took", "went", "won", "wrote",
];

/// Whether mention `m` may be its clause's subject: not after a
/// preposition (`an adviser to Barack Obama`), not a possessive (`Trump's
/// misinformation`) nor a noun's modifier (`Trump campaign chairman`).
fn may_be_subject(text: &str, m: &Mention) -> bool {
    let Around {
        previous,
        after,
        next,
    } = Around::of(text, m);
    if previous.is_some_and(|w| PREPOSITIONS.contains(&w.to_lowercase().as_str()))
        || after.starts_with(['\'', '’'])
    {
        return false;
    }
    !next.starts_with(char::is_lowercase)
        || AFTER_SUBJECT_WORDS.contains(&next)
        || next.ends_with("ed")
        || next.ends_with('s')
        || IRREGULAR_VERBS.contains(&next)
        || is_adverb_or_auxiliary(next)
}

/// Words that open a relative clause: a name after one may be the
/// pronoun's own (`he said after the prosecutor read the facts to which
/// Lazar admitted`).
const RELATIVES: &[&str] = &["where", "which", "who", "whom", "whose"];

/// The canonical names of the mentions after byte `pos` in its clause: up
/// to the next quotation, relative clause or end of sentence.
fn named_in_rest_of_clause<'m>(
    text: &str,
    pos: usize,
    mentions: &'m [Mention],
    spans: &[Span],
) -> Vec<&'m str> {
    let rest = text.get(pos..).unwrap_or_default();
    let sentence_end = rest
        .find(['.', '!', '?', '\n'])
        .map_or(text.len(), |at| pos + at);
    let sentence_end = tokenize(text, pos, sentence_end)
        .iter()
        .find(|t| RELATIVES.contains(&t.text(text)))
        .map_or(sentence_end, |t| t.start);
    let next_quote = spans
        .iter()
        .map(|s| s.start)
        .find(|&start| start > pos)
        .unwrap_or(text.len());
    let end = sentence_end.min(next_quote);
    let first = mentions.partition_point(|m| m.start <= pos);
    mentions[first..]
        .iter()
        .take_while(|m| m.end <= end)
        .map(|m| m.canonical.as_str())
        .collect()
}

/// The mentions a pronoun or a `the ministry` at byte `pos` may refer to:
/// the last [`LOOK_BACK_MENTIONS`] before it.
fn earlier(mentions: &[Mention], pos: usize) -> &[Mention] {
    let before = mentions.partition_point(|m| m.start < pos);
    &mentions[before.saturating_sub(LOOK_BACK_MENTIONS)..before]
}

/// Whether a name has no lowercase letter (`WASHINGTON`): a dateline or a
/// heading, not the way news text names a person.
fn is_written_in_capitals(name: &str) -> bool {
    !name.chars().any(char::is_lowercase)
}

/// Whether byte `pos` lies inside one of the quoted spans.
fn inside_quote(pos: usize, spans: &[Span]) -> bool {
    let k = spans.partition_point(|s| s.start <= pos);
    k > 0 && pos < spans[k - 1].end
}
