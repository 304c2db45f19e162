//! Evaluation against gold JSONL: the figures of the reference scorer
//! (`../shared/tools/score.py`), ported exactly, plus throughput.
//!
//! Entities are scored at mention level (exact span and type after removing
//! a leading `the`, a leading run of titles and honorifics and a trailing
//! possessive or `.`/`,` from both sides) and as per-document sets of
//! normalised names. A country's name counts as a place whether typed LOC or
//! ORG, unless [`Scoring::strict`] is set. Quotes, when the gold file has
//! them, match when a prediction covers at least half of a gold quote;
//! speaker accuracy counts gold quotes with a named speaker.

use crate::extract::{Extraction, Extractor};
use crate::gold::{self, GoldEntity, GoldQuote, GoldRecord};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::time::Instant;
use unicode_normalization::UnicodeNormalization;

/// Errors reading a gold file: the shared JSONL reading error.
pub use crate::jsonl::JsonlError as EvalError;

/// The entity types scored, in report order.
pub const TYPES: [&str; 3] = ["PERSON", "ORG", "LOC"];

/// Predictions for one document, in the scorer's terms (the gold format's).
#[derive(Debug, Clone, Default)]
pub struct Prediction {
    /// Predicted names.
    pub entities: Vec<GoldEntity>,
    /// Predicted quotes.
    pub quotes: Vec<GoldQuote>,
}

impl Prediction {
    /// The scorer's view of an extraction.
    pub fn from_extraction(extraction: &Extraction) -> Prediction {
        Prediction {
            entities: extraction
                .mentions
                .iter()
                .map(|m| GoldEntity::typed(m.start, m.end, gold::type_label(m.kind)))
                .collect(),
            quotes: extraction
                .quotes
                .iter()
                .map(|q| GoldQuote {
                    start: q.start,
                    end: q.end,
                    speaker: q.speaker.clone(),
                })
                .collect(),
        }
    }
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    /// From true positives, false positives and false negatives.
    pub fn new(tp: usize, fp: usize, fn_: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
        let (p, r) = (ratio(tp, tp + fp), ratio(tp, tp + fn_));
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            precision: p,
            recall: r,
            f1,
        }
    }
}

/// Figures for one entity type.
#[derive(Debug, Clone, Serialize)]
pub struct TypeScores {
    /// `PERSON`, `ORG` or `LOC`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Mention-level scores.
    pub mention: Prf,
    /// Mention-level `[tp, fp, fn]`.
    pub mention_counts: [usize; 3],
    /// Scores of per-document name sets.
    pub doc_names: Prf,
}

/// Quote figures.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteScores {
    /// Span match (at least half of the gold quote covered).
    pub span: Prf,
    /// `[tp, fp, fn]` of span matching.
    pub counts: [usize; 3],
    /// Matches whose text agrees exactly after trimming quote marks and punctuation.
    pub exact_span: Prf,
    /// Share of gold quotes with a named speaker whose speaker was found.
    pub speaker_acc_all: f64,
    /// Number of gold quotes with a named speaker.
    pub speaker_n: usize,
}

/// Extraction speed over the evaluated texts.
#[derive(Debug, Clone, Serialize)]
pub struct Throughput {
    /// Bytes of text processed.
    pub bytes: usize,
    /// Whitespace-separated words processed.
    pub words: usize,
    /// Wall-clock seconds spent in extraction (one thread).
    pub seconds: f64,
    /// Megabytes (10^6 bytes) per second.
    pub mb_per_s: f64,
    /// Words per second.
    pub words_per_s: f64,
}

/// Everything `dateline eval` prints.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    /// Gold documents (distinct ids).
    pub docs: usize,
    /// Gold documents without a prediction (always 0 when the extractor ran).
    pub missing_predictions: usize,
    /// Per-type entity figures, when the gold file has entities.
    pub entities: Option<Vec<TypeScores>>,
    /// Quote figures, when the gold file has quotes.
    pub quotes: Option<QuoteScores>,
    /// Speed of the extractor on these texts.
    pub throughput: Option<Throughput>,
}

/// How entity types are compared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scoring {
    /// Keep the ORG/LOC distinction for countries' names (the scorer's `--strict`).
    pub strict: bool,
}

/// Reads gold JSONL; a later line with the same id replaces an earlier one,
/// as in the scorer. Every line must have an id.
pub fn read_gold(path: &Path) -> Result<Vec<GoldRecord>, EvalError> {
    let mut docs: Vec<GoldRecord> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (line, doc) in gold::read(path)? {
        let Some(id) = doc.id.clone() else {
            return Err(EvalError::Malformed {
                path: path.to_path_buf(),
                line,
                expected: "an \"id\" on every line",
            });
        };
        match index.get(&id) {
            Some(&i) => docs[i] = doc,
            None => {
                index.insert(id, docs.len());
                docs.push(doc);
            }
        }
    }
    Ok(docs)
}

/// The id a gold document is scored under ([`read_gold`] makes sure it has one).
fn id_of(doc: &GoldRecord) -> &str {
    doc.id.as_deref().unwrap_or_default()
}

/// Runs `extractor` over every document of the gold file and scores it.
pub fn evaluate(
    gold: &Path,
    extractor: &Extractor,
    scoring: Scoring,
) -> Result<EvalReport, EvalError> {
    let docs = read_gold(gold)?;
    let started = Instant::now();
    let predictions: HashMap<String, Prediction> = docs
        .iter()
        .map(|d| {
            (
                id_of(d).to_string(),
                Prediction::from_extraction(&extractor.extract(&d.text)),
            )
        })
        .collect();
    let seconds = started.elapsed().as_secs_f64();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    let mut report = score(&docs, &predictions, scoring);
    let per_s = |x: usize| {
        if seconds > 0.0 {
            x as f64 / seconds
        } else {
            0.0
        }
    };
    report.throughput = Some(Throughput {
        bytes,
        words,
        seconds,
        mb_per_s: per_s(bytes) / 1e6,
        words_per_s: per_s(words),
    });
    Ok(report)
}

/// Scores predictions (by document id) against gold documents, exactly as the reference scorer.
pub fn score(
    gold: &[GoldRecord],
    pred: &HashMap<String, Prediction>,
    scoring: Scoring,
) -> EvalReport {
    EvalReport {
        docs: gold.len(),
        missing_predictions: gold.iter().filter(|g| !pred.contains_key(id_of(g))).count(),
        entities: gold
            .iter()
            .any(|g| !g.entities.is_empty())
            .then(|| score_entities(gold, pred, scoring)),
        quotes: gold
            .iter()
            .any(|g| g.quotes.is_some())
            .then(|| score_quotes(gold, pred)),
        throughput: None,
    }
}

/// The scorer's type synonyms (`GPE` → `LOC`, ...).
fn norm_type(t: Option<&str>) -> String {
    let t = t.unwrap_or("").to_uppercase();
    match t.as_str() {
        "PER" | "PEOPLE" => "PERSON".into(),
        "ORGANIZATION" | "ORGANISATION" => "ORG".into(),
        "GPE" | "PLACE" | "LOCATION" => "LOC".into(),
        _ => t,
    }
}

/// The scorer's name normalisation: NFKC, no possessive, no leading `the`, collapsed space, lowercase.
fn norm_name(s: &str) -> String {
    let s: String = s.nfkc().collect();
    let mut s = s.trim();
    for suffix in ["'s", "’s"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest;
            break;
        }
    }
    for lead in ["the", "The"] {
        if let Some(rest) = s.strip_prefix(lead) {
            if rest.starts_with(char::is_whitespace) {
                s = rest.trim_start();
                break;
            }
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out.to_lowercase()
}

const LEAD: [&[u8]; 3] = [b"the ", b"The ", b"THE "];
const TAIL: [&[u8]; 6] = [b"'s", "’s".as_bytes(), b"'", "’".as_bytes(), b".", b","];

/// Titles and honorifics that both sides lose at the start of a name: some
/// gold layers keep them, and names, not conventions, are compared.
/// The reference scorer's list verbatim, not the extractor's (`titles.txt`,
/// `quotes/words.rs`): the figures must stay the scorer's.
const TITLES: [&str; 81] = [
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Miss",
    "Dr",
    "Dr.",
    "Prof",
    "Prof.",
    "Professor",
    "Emeritus",
    "Assistant",
    "Associate",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Deputy",
    "Secretary",
    "Chancellor",
    "Premier",
    "Governor",
    "Gov.",
    "Senator",
    "Sen.",
    "Representative",
    "Rep.",
    "Congressman",
    "Congresswoman",
    "Mayor",
    "Judge",
    "Justice",
    "Chief",
    "General",
    "Gen.",
    "Major",
    "Lieutenant",
    "Lt.",
    "Colonel",
    "Col.",
    "Captain",
    "Capt.",
    "Commander",
    "Admiral",
    "Adm.",
    "Sergeant",
    "Sgt.",
    "Officer",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Pope",
    "Cardinal",
    "Bishop",
    "Archbishop",
    "Rev.",
    "Reverend",
    "Father",
    "Sheikh",
    "Ambassador",
    "Coach",
    "Detective",
    "Inspector",
    "Superintendent",
    "Constable",
    "Chairman",
    "Chairwoman",
    "Director",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "general",
    "minister",
    "president",
];

/// Country names (the reference scorer's list) whose ORG/LOC type is not scored.
static COUNTRIES: &str = include_str!("../../../data/eval/countries.txt");

/// The scorer's span trimming on byte offsets: a leading `the`, a leading
/// title followed by a capitalised word, a trailing possessive or `.`/`,`.
fn trim_span(text: &[u8], mut s: usize, mut e: usize) -> (usize, usize) {
    let mut changed = true;
    while changed && e > s {
        changed = false;
        for p in LEAD {
            if text.get(s..e).is_some_and(|x| x.starts_with(p)) && e - s > p.len() {
                s += p.len();
                changed = true;
            }
        }
        for t in TAIL {
            if text.get(s..e).is_some_and(|x| x.ends_with(t)) && e - s > t.len() {
                e -= t.len();
                changed = true;
            }
        }
        let span = text.get(s..e).unwrap_or_default();
        if let Some(space) = span.iter().position(|&b| b == b' ') {
            let first = String::from_utf8_lossy(&span[..space]);
            let capitalised = span.get(space + 1).is_some_and(u8::is_ascii_uppercase);
            if capitalised && TITLES.contains(&first.as_ref()) {
                s += space + 1;
                changed = true;
            }
        }
    }
    (s, e)
}

/// The type scored for a span: a country's name typed ORG (a government or a
/// team, in GUM's convention) counts as LOC unless `strict`.
fn scored_type(text: &[u8], s: usize, e: usize, kind: String, strict: bool) -> String {
    if strict || !matches!(kind.as_str(), "ORG" | "LOC") {
        return kind;
    }
    let name = slice_lossy(text, s, e).trim().to_lowercase();
    let country = COUNTRIES
        .lines()
        .any(|c| !c.trim().is_empty() && c.trim().to_lowercase() == name);
    if country {
        "LOC".into()
    } else {
        kind
    }
}

fn slice_lossy(text: &[u8], s: usize, e: usize) -> String {
    String::from_utf8_lossy(text.get(s..e.min(text.len())).unwrap_or_default()).into_owned()
}

fn score_entities(
    gold: &[GoldRecord],
    pred: &HashMap<String, Prediction>,
    scoring: Scoring,
) -> Vec<TypeScores> {
    let mut m = [[0usize; 3]; 3];
    let mut d = [[0usize; 3]; 3];
    let empty = Prediction::default();
    for g in gold {
        let p = pred.get(id_of(g)).unwrap_or(&empty);
        let text = g.text.as_bytes();
        let set = |spans: &[GoldEntity]| -> HashSet<(usize, usize, String)> {
            spans
                .iter()
                .map(|e| {
                    let (s, en) = trim_span(text, e.start, e.end);
                    let kind = norm_type(e.kind.as_deref());
                    (s, en, scored_type(text, s, en, kind, scoring.strict))
                })
                .collect()
        };
        let (gset, pset) = (set(&g.entities), set(&p.entities));
        for (k, t) in TYPES.iter().enumerate() {
            let of_type = |s: &HashSet<(usize, usize, String)>| -> HashSet<(usize, usize)> {
                s.iter().filter(|x| x.2 == *t).map(|x| (x.0, x.1)).collect()
            };
            let (gs, ps) = (of_type(&gset), of_type(&pset));
            let inter = gs.intersection(&ps).count();
            m[k][0] += inter;
            m[k][1] += ps.len() - inter;
            m[k][2] += gs.len() - inter;
            let names = |s: &HashSet<(usize, usize)>| -> HashSet<String> {
                s.iter()
                    .map(|&(a, b)| norm_name(&slice_lossy(text, a, b)))
                    .collect()
            };
            let (gn, pn) = (names(&gs), names(&ps));
            let inter = gn.intersection(&pn).count();
            d[k][0] += inter;
            d[k][1] += pn.len() - inter;
            d[k][2] += gn.len() - inter;
        }
    }
    TYPES
        .iter()
        .enumerate()
        .map(|(k, t)| TypeScores {
            kind: (*t).into(),
            mention: Prf::new(m[k][0], m[k][1], m[k][2]),
            mention_counts: m[k],
            doc_names: Prf::new(d[k][0], d[k][1], d[k][2]),
        })
        .collect()
}

const PRONOUNS: [&str; 12] = [
    "he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "said", "says",
];
const HONORIFICS: [&str; 8] = ["mr. ", "mrs. ", "ms. ", "dr. ", "mr ", "mrs ", "ms ", "dr "];
const QUOTE_TRIM: &str = " \t\r\n\"'“”‘’«»,.;:!?—–-";

/// A gold speaker that is a name (not a pronoun, not a description like `the letter`).
fn named_speaker(s: Option<&str>) -> bool {
    let Some(s) = s.filter(|s| !s.is_empty()) else {
        return false;
    };
    let n = norm_name(s);
    let upper = s.chars().next().is_some_and(char::is_uppercase);
    !PRONOUNS.contains(&n.as_str()) && upper && !s.to_lowercase().starts_with("the ")
}

/// Lower-case words of a name, honorifics and possessives dropped.
fn name_words(s: &str) -> Vec<String> {
    let mut s = norm_name(s);
    for h in HONORIFICS {
        if let Some(rest) = s.strip_prefix(h) {
            s = rest.to_string();
        }
    }
    let word_char = |c: char| c.is_alphanumeric() || c == '_';
    let mut words = Vec::new();
    let mut current = String::new();
    for c in s.chars() {
        if word_char(c) || (!current.is_empty() && matches!(c, '.' | '\'' | '’' | '-')) {
            current.push(c);
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
    }
    words.extend((!current.is_empty()).then_some(current));
    words
}

/// The name part of a gold speaker phrase: `Ron Doe (D-Ore.)` → `Ron Doe`,
/// `Jane Roe of Oregon, who …` → `Jane Roe`, `Pat Doe, a spokesman` → `Pat Doe`.
fn gold_head(gold: &str) -> String {
    let mut plain = String::with_capacity(gold.len());
    let mut depth_open = None;
    for (i, c) in gold.char_indices() {
        match (depth_open, c) {
            (None, '(') if gold[i..].contains(')') => depth_open = Some(i),
            (Some(_), ')') => {
                depth_open = None;
                plain.push(' ');
            }
            (Some(_), _) => {}
            (None, _) => plain.push(c),
        }
    }
    let mut cut = plain.find(',').unwrap_or(plain.len());
    for (i, c) in plain.char_indices().filter(|&(i, _)| i < cut) {
        let run_start = c.is_whitespace()
            && !plain[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
        if !run_start {
            continue;
        }
        let rest = plain[i..].trim_start();
        let appositive = ["of", "who", "from", "at"].iter().any(|w| {
            rest.strip_prefix(w)
                .is_some_and(|after| after.starts_with(char::is_whitespace))
        });
        if appositive {
            cut = i;
            break;
        }
    }
    plain[..cut].to_string()
}

/// True when `needle` is a contiguous word sequence of `hay`.
fn contains_words(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The predicted name names the gold speaker: one is a word sequence of the
/// other (`Pat Caddell` for `Caddell`, `Thomas Sam` for `Thomas`) after a
/// party label or appositive is dropped from the gold phrase; a one-word
/// prediction must be the gold name's last word. Honorifics are ignored.
fn same_speaker(pred: Option<&str>, gold: &str) -> bool {
    let p = name_words(pred.unwrap_or(""));
    let (full, head) = (name_words(gold), name_words(&gold_head(gold)));
    if p.is_empty() || head.is_empty() {
        return false;
    }
    if p == head {
        return true;
    }
    if p.len() == 1 {
        return head.last() == Some(&p[0]);
    }
    contains_words(&full, &p) || contains_words(&p, &head)
}

fn score_quotes(gold: &[GoldRecord], pred: &HashMap<String, Prediction>) -> QuoteScores {
    let (mut tp, mut fp, mut fn_, mut exact_tp, mut sp_total, mut sp_ok) = (0, 0, 0, 0, 0, 0);
    let trimmed = |text: &[u8], s: usize, e: usize| {
        slice_lossy(text, s, e)
            .trim_matches(|c| QUOTE_TRIM.contains(c))
            .to_string()
    };
    for g in gold {
        let Some(gq) = &g.quotes else { continue };
        let text = g.text.as_bytes();
        let pq: &[GoldQuote] = pred.get(id_of(g)).map_or(&[], |p| &p.quotes);
        let mut used = HashSet::new();
        for q in gq {
            let glen = q.end.saturating_sub(q.start).max(1) as f64;
            let mut best: Option<usize> = None;
            let mut best_ov = 0i64;
            for (i, x) in pq.iter().enumerate() {
                if used.contains(&i) {
                    continue;
                }
                let ov = q.end.min(x.end) as i64 - q.start.max(x.start) as i64;
                if ov > best_ov {
                    best = Some(i);
                    best_ov = ov;
                }
            }
            let named = named_speaker(q.speaker.as_deref());
            sp_total += usize::from(named);
            match best.filter(|_| best_ov as f64 >= 0.5 * glen) {
                Some(i) => {
                    used.insert(i);
                    tp += 1;
                    let x = &pq[i];
                    if trimmed(text, q.start, q.end) == trimmed(text, x.start, x.end) {
                        exact_tp += 1;
                    }
                    if named
                        && same_speaker(x.speaker.as_deref(), q.speaker.as_deref().unwrap_or(""))
                    {
                        sp_ok += 1;
                    }
                }
                None => fn_ += 1,
            }
        }
        fp += pq.len() - used.len();
    }
    QuoteScores {
        span: Prf::new(tp, fp, fn_),
        counts: [tp, fp, fn_],
        exact_span: Prf::new(exact_tp, fp + tp - exact_tp, fn_ + tp - exact_tp),
        speaker_acc_all: if sp_total > 0 {
            sp_ok as f64 / sp_total as f64
        } else {
            0.0
        },
        speaker_n: sp_total,
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "docs {}  missing predictions {}",
            self.docs, self.missing_predictions
        )?;
        for t in self.entities.iter().flatten() {
            let (m, d) = (t.mention, t.doc_names);
            writeln!(
                f,
                "{:7} mention P {:.3} R {:.3} F1 {:.3}  | doc-names P {:.3} R {:.3} F1 {:.3}  (tp,fp,fn)={:?}",
                t.kind, m.precision, m.recall, m.f1, d.precision, d.recall, d.f1, t.mention_counts
            )?;
        }
        if let Some(q) = &self.quotes {
            writeln!(
                f,
                "QUOTES  span P {:.3} R {:.3} F1 {:.3}  exact F1 {:.3}  speaker acc (named gold speakers, unmatched quotes count as wrong) {:.3} (n={})  (tp,fp,fn)={:?}",
                q.span.precision, q.span.recall, q.span.f1, q.exact_span.f1, q.speaker_acc_all, q.speaker_n, q.counts
            )?;
        }
        if let Some(t) = &self.throughput {
            writeln!(
                f,
                "SPEED   {:.2} MB/s  {:.0} words/s  ({} bytes, {} words in {:.3} s, one thread)",
                t.mb_per_s, t.words_per_s, t.bytes, t.words, t.seconds
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_like_the_scorer() {
        let text = b"the Center's.";
        assert_eq!(trim_span(text, 0, text.len()), (4, 10));
        assert_eq!(norm_name("The  White House's"), "white house");
        assert_eq!(norm_name("Theresa"), "theresa");
    }

    #[test]
    fn trims_titles_on_both_sides() {
        let text = b"Major General Ana Ruiz spoke.";
        assert_eq!(trim_span(text, 0, 22), (14, 22));
        // A title before a lowercase word is part of the phrase.
        let text = b"President of the club";
        assert_eq!(trim_span(text, 0, text.len()), (0, text.len()));
    }

    #[test]
    fn countries_count_as_places_unless_strict() {
        let text = b"Chile beat Peru.";
        assert_eq!(scored_type(text, 0, 5, "ORG".into(), false), "LOC");
        assert_eq!(scored_type(text, 0, 5, "ORG".into(), true), "ORG");
        let text = b"Acme Corp";
        assert_eq!(scored_type(text, 0, 9, "ORG".into(), false), "ORG");
    }

    #[test]
    fn speakers_match_fuller_forms() {
        assert!(same_speaker(Some("Pat Caddell"), "Caddell"));
        assert!(same_speaker(Some("Mr. Obama"), "Obama"));
        assert!(!same_speaker(Some("Pat"), "Caddell"));
        assert!(same_speaker(Some("Ron Doe"), "Ron Doe (D-Ore.)"));
        assert!(same_speaker(
            Some("Jane Roe"),
            "Jane Roe of Oregon, who chairs it"
        ));
        assert!(same_speaker(Some("Thomas Sam"), "Thomas"));
        assert!(!same_speaker(Some("Ron"), "Ron Doe"));
        assert!(!named_speaker(Some("he")));
        assert!(!named_speaker(Some("the letter")));
        assert!(named_speaker(Some("Caddell")));
    }

    #[test]
    fn scores_mentions_and_names() {
        let gold: GoldRecord = serde_json::from_str(
            r#"{"id":1,"text":"Ann Lee met Bo in Rome.","entities":[{"start":0,"end":7,"type":"PERSON"},{"start":12,"end":14,"type":"PERSON"},{"start":18,"end":22,"type":"LOC"}]}"#,
        )
        .unwrap();
        let span = GoldEntity::typed;
        let pred = Prediction {
            entities: vec![span(0, 7, "PER"), span(18, 22, "ORG")],
            quotes: vec![],
        };
        let report = score(
            &[gold],
            &HashMap::from([("1".to_string(), pred)]),
            Scoring::default(),
        );
        let e = report.entities.unwrap();
        assert_eq!(e[0].mention_counts, [1, 0, 1]);
        assert_eq!(e[1].mention_counts, [0, 1, 0]);
        assert_eq!(e[2].mention_counts, [0, 0, 1]);
        assert!((e[0].mention.f1 - 2.0 / 3.0).abs() < 1e-9);
    }
}
