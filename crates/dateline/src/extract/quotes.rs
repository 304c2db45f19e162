//! Direct quotations and who said them.
//!
//! Three steps: [`spans`] finds every double-quoted stretch in one pass over
//! the bytes; [`attribution`] looks next to each for a speech verb and the
//! phrase naming its speaker; [`speaker`] maps that phrase to a canonical name
//! through the article's mentions. Quotes without a cue borrow one from their
//! multi-paragraph quotation or from another part of the same paragraph's
//! split quote; a paragraph opening with an unattributed quote right after a
//! quoting paragraph continues that speaker (standard news style), a
//! quotation set into a sentence without a speech verb is the words of the
//! name that is its subject, and no speaker comes from any other paragraph.
//! Short quoted stretches count only with a cue, and short phrases set into
//! the writer's own sentence not even then: scare quotes, titles and words
//! borrowed into reported speech (`said he was "honored"`) are not quotations.

mod attribution;
mod names;
mod spans;
mod speaker;
mod verbs;
mod words;

use attribution::Attribution;
use spans::Span;

use super::{Mention, Quote};

/// Quotes opening a sentence with fewer words count only when a speech verb
/// attributes them.
const MIN_UNATTRIBUTED_WORDS: usize = 5;
/// Quoted phrases inside a sentence with fewer words count only when a speech
/// verb right next to them attributes them: shorter ones are scare quotes,
/// titles or words borrowed into reported speech (`said he was "honored"`).
const MIN_EMBEDDED_WORDS: usize = 12;
/// Quoted words anywhere in a sentence whose own speech verb and speaker
/// attribute them count from this many, next to the verb or not (`Hicks
/// said that Trump "has a long history of being a strong supporter" and
/// …`): fewer may be a phrase borrowed into the writer's sentence.
const MIN_ATTRIBUTED_WORDS: usize = 8;
/// Quoted words that end a sentence of reported speech (`Ode said the
/// ferry "will not run again this winter."`) count from this many: fewer
/// are words borrowed into it (`said he was "honored."`).
const MIN_REPORTED_WORDS: usize = 5;

/// Direct quotations in `text` with their speakers, in text order. Spans are
/// UTF-8 byte offsets including the quotation marks; a quotation running over
/// several paragraphs gives one quote per paragraph, all with its speaker.
///
/// `mentions` are the article's entity mentions (PERSON/ORG/LOC with
/// canonical names, in text order) from the recognizer; the speaker returned
/// is the canonical name of the mention that the attribution points to: the
/// mention covering the named speaker (else the capitalised name as written),
/// for `he`/`she`/`they`/`it` the subject of the sentence of the nearest
/// earlier compatible mention outside quotes (not one the rest of the
/// pronoun's clause names: `he told Ruiz`), the nearest earlier organization containing the noun for
/// `the ministry`; the previous quote's speaker for a quote paragraph that
/// continues it; the person or organization a sentence without a speech verb
/// has for its subject (`Ruiz credited the delay to "…"`); `None` when
/// nothing in the sentence names a speaker.
pub fn find_quotes(text: &str, mentions: &[Mention]) -> Vec<Quote> {
    let spans = spans::find_spans(text);
    let own: Vec<Option<Attribution>> = (0..spans.len())
        .map(|k| attribution::attribute(text, &spans, k))
        .collect();
    let cues = borrow_cues(&spans, &own);
    let kept: Vec<bool> = spans
        .iter()
        .zip(cues.iter().zip(&own))
        .map(|(span, (cue, own))| {
            is_quotation(
                text,
                span,
                cue.map(|c| c.attribution).as_ref(),
                own.is_some(),
            )
        })
        .collect();
    let mentions = speaker::Mentions::new(mentions);
    let mut speakers: Vec<Option<String>> = cues
        .iter()
        .map(|cue| {
            cue.and_then(|c| c.attribution.speaker)
                .and_then(|phrase| speaker::resolve(text, phrase, &mentions, &spans))
        })
        .collect();
    let named_subject = |k: usize| {
        attribution::sentence_subject(text, &spans, k)
            .and_then(|phrase| speaker::resolve_mentioned(text, phrase, &mentions, &spans))
    };
    for k in 0..spans.len() {
        if cues[k].is_none() {
            if let Some(j) = previous_voice(text, &spans, &kept, &speakers, k) {
                speakers[k] = speakers[j].clone();
            } else if kept[k] {
                // A weaker cue than a speech verb: it names the speaker of
                // a quotation, but never makes a quoted phrase one.
                speakers[k] = named_subject(k);
            }
        } else if kept[k] && cues[k].is_some_and(|c| c.from_neighbour) {
            // `"…," Ruiz said. Brandt compared it to "…"`: the
            // sentence's own subject outweighs another quote's cue.
            if let Some(name) = named_subject(k) {
                speakers[k] = Some(name);
            }
        }
    }
    spans
        .iter()
        .zip(kept)
        .zip(speakers)
        .filter(|((_, kept), _)| *kept)
        .map(|((span, _), speaker)| Quote {
            start: span.start,
            end: span.end,
            speaker,
        })
        .collect()
}

/// The quote whose speaker `spans[k]`, a quote without any cue of its own,
/// goes on with: the last one in the paragraph right before that is a
/// quotation or names a speaker. A partial quote counts too (`said he had
/// "won it."` / `"And we will win again."`): it is still that speaker's
/// voice the new paragraph carries on.
fn previous_voice(
    text: &str,
    spans: &[Span],
    kept: &[bool],
    speakers: &[Option<String>],
    k: usize,
) -> Option<usize> {
    (0..k)
        .rev()
        .take_while(|&j| continues_previous_paragraph(text, &spans[j], &spans[k]))
        .find(|&j| kept[j] || speakers[j].is_some())
}

/// Whether `span`, a quote without any cue of its own, carries on the
/// quotation of `previous` in the paragraph before: news style opens a new
/// paragraph with a quote mark to let the same speaker go on talking
/// (`"…," Ruiz said.` / `"And then …"`). Only the paragraph right before
/// counts, so a speaker never comes from further away.
fn continues_previous_paragraph(text: &str, previous: &Span, span: &Span) -> bool {
    let opens_paragraph = text[span.para_start..span.start].trim().is_empty();
    let next_paragraph = previous.para_end <= span.para_start
        && text[previous.para_end..span.para_start].trim().is_empty();
    opens_paragraph && next_paragraph
}

/// A span's cue and where it came from.
#[derive(Debug, Clone, Copy)]
struct Cue {
    attribution: Attribution,
    /// Whether it is another quote's of the paragraph rather than the
    /// span's own or its multi-paragraph quotation's.
    from_neighbour: bool,
}

/// Each span's cue: its own, else its multi-paragraph quotation's first, else
/// the nearest in its paragraph (the other part of a split quote). A cue
/// without a speaker phrase (`and said it was "…"`) takes the nearest one's.
fn borrow_cues(spans: &[Span], own: &[Option<Attribution>]) -> Vec<Option<Cue>> {
    // Every lookup goes by runs of spans in one pass each, so that a
    // paragraph of thousands of quotes without a cue stays linear.
    let mut by_group = vec![None; spans.len()];
    for run in runs(spans, |a, b| a.group == b.group) {
        let cue = own[run.clone()].iter().find_map(|cue| *cue);
        by_group[run].fill(cue);
    }
    // The nearest cue before each span in its paragraph, else after it.
    let mut neighbour = vec![None; spans.len()];
    for run in runs(spans, |a, b| a.para_start == b.para_start) {
        let mut earlier = None;
        for k in run.clone() {
            neighbour[k] = earlier;
            earlier = by_group[k].or(earlier);
        }
        let mut later = None;
        for k in run.rev() {
            neighbour[k] = neighbour[k].or(later);
            later = by_group[k].or(later);
        }
    }
    by_group
        .iter()
        .zip(&neighbour)
        .map(|(cue, neighbour)| match *cue {
            Some(a) if a.speaker.is_some() => Some(Cue {
                attribution: a,
                from_neighbour: false,
            }),
            Some(a) => Some(Cue {
                attribution: Attribution {
                    speaker: neighbour.and_then(|n| n.speaker),
                    ..a
                },
                from_neighbour: false,
            }),
            // A borrowed cue is never next to this part.
            None => neighbour.map(|a| Cue {
                attribution: Attribution {
                    adjacent: false,
                    ..a
                },
                from_neighbour: true,
            }),
        })
        .collect()
}

/// Index ranges of the runs of consecutive spans that `same` puts together.
fn runs(spans: &[Span], same: impl FnMut(&Span, &Span) -> bool) -> Vec<std::ops::Range<usize>> {
    let mut start = 0;
    spans
        .chunk_by(same)
        .map(|run| {
            let range = start..start + run.len();
            start = range.end;
            range
        })
        .collect()
}

/// Whether a quoted stretch is a quotation rather than a scare quote, a
/// title or a phrase borrowed into reported speech; `own_cue` says whether
/// `cue` was found for this span rather than borrowed from a neighbour.
fn is_quotation(text: &str, span: &Span, cue: Option<&Attribution>, own_cue: bool) -> bool {
    if is_title(text, span) {
        return false;
    }
    let words = span.inner(text).split_whitespace().count();
    let embedded = opens_mid_sentence(text, span);
    // `called the plan "a dead end" for the town`: a short phrase set into
    // the writer's own sentence is a partial quote unless a speech verb next
    // to it attributes it; a short quote ending its sentence (`said "we
    // won."`) counts too.
    let phrase = embedded && words < MIN_EMBEDDED_WORDS && !ends_its_sentence(text, span);
    match cue {
        // `told the radio any plan "must be fair": "…"`: the
        // speaker's words run on into the quotation the colon introduces.
        Some(a) if a.speaker.is_some() && introduces_quotation(text, span) => true,
        // `Hicks said that Trump "has a long history of …" and has "…"`
        Some(a) if own_cue && a.speaker.is_some() && words >= MIN_ATTRIBUTED_WORDS => true,
        Some(a) if phrase => a.adjacent && a.speaker.is_some(),
        _ if phrase => false,
        Some(a) if a.adjacent || !embedded => true,
        // `Ode said the ferry "will not run again this winter."`
        Some(a) if own_cue && a.speaker.is_some() && ends_its_sentence(text, span) => {
            words >= MIN_REPORTED_WORDS
        }
        _ if embedded => words >= MIN_EMBEDDED_WORDS,
        _ => words >= MIN_UNATTRIBUTED_WORDS,
    }
}

/// Whether the quote is the title of a show, book or ad rather than anyone's
/// words: a short phrase in title case named by a possessive (`Channel 9's "Harbor
/// Tonight"`), by `on` (`said on "Morning Harbor"`) or by a noun for a
/// work (`her memoir, "Hard Roads"`).
fn is_title(text: &str, span: &Span) -> bool {
    let inner = span.inner(text).trim().trim_end_matches([',', '.']);
    let words: Vec<&str> = inner.split_whitespace().collect();
    let title_case = words
        .first()
        .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || words::is_title_function_word(w)
        });
    let before = text[span.para_start..span.start]
        .trim_end()
        .trim_end_matches(',');
    let named = before.ends_with("'s")
        || before.ends_with("’s")
        || before
            .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
            .next()
            .is_some_and(|w| w == "on" || words::is_work_noun(w));
    title_case && words.len() < MIN_EMBEDDED_WORDS && !inner.ends_with(['!', '?']) && named
}

/// Whether a colon right after the quote introduces another quotation.
fn introduces_quotation(text: &str, span: &Span) -> bool {
    let after = text[span.end..span.para_end.max(span.end)].trim_start();
    after
        .strip_prefix(':')
        .is_some_and(|rest| rest.trim_start().starts_with(['"', '“']))
}

/// Whether the quote ends its sentence, with a stop inside the marks
/// (`said "we won."`), right after them (`replied "not today".`) or at the
/// paragraph's end.
fn ends_its_sentence(text: &str, span: &Span) -> bool {
    const STOPS: [char; 3] = ['.', '!', '?'];
    let after = text.get(span.end..span.para_end).unwrap_or("").trim();
    span.inner(text).trim_end().ends_with(STOPS) || after.is_empty() || after.starts_with(STOPS)
}

/// Whether the quote continues a sentence (`was "…"`, `, "and …"`) rather
/// than opening one, following a colon or a comma before a full sentence.
fn opens_mid_sentence(text: &str, span: &Span) -> bool {
    let lowercase = span.inner(text).starts_with(|c: char| !c.is_uppercase());
    let before = text[..span.start].trim_end_matches([' ', '\t']);
    before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || (c == ',' && lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::EntityKind;

    /// Mentions of the given names wherever they occur, kinds and canonical names as given.
    fn mentions(text: &str, names: &[(&str, EntityKind, &str)]) -> Vec<Mention> {
        let mut out: Vec<Mention> = names
            .iter()
            .flat_map(|&(surface, kind, canonical)| {
                text.match_indices(surface).map(move |(start, _)| Mention {
                    start,
                    end: start + surface.len(),
                    kind,
                    canonical: canonical.to_string(),
                })
            })
            .collect();
        out.sort_by_key(|m| m.start);
        out
    }

    /// `(quoted text, speaker)` for every quote found.
    fn quotes<'a>(text: &'a str, m: &[Mention]) -> Vec<(&'a str, Option<String>)> {
        find_quotes(text, m)
            .into_iter()
            .map(|q| (&text[q.start..q.end], q.speaker))
            .collect()
    }

    fn who(name: &str) -> Option<String> {
        Some(name.to_string())
    }

    const P: EntityKind = EntityKind::Person;
    const O: EntityKind = EntityKind::Organization;

    #[test]
    fn speaker_after_quote_resolves_surname() {
        let t = "Maria Lopez runs the port. \"We will reopen the docks next week,\" Lopez said on Monday.";
        let m = mentions(
            t,
            &[
                ("Maria Lopez", P, "Maria Lopez"),
                ("Lopez said", P, "Maria Lopez"),
            ],
        );
        assert_eq!(
            quotes(t, &m),
            [(
                "\"We will reopen the docks next week,\"",
                who("Maria Lopez")
            )]
        );
    }

    #[test]
    fn inverted_verb_with_appositive() {
        let t = "\"Prices will fall before winter,\" said Tom Brandt, an economist at Northbank.";
        let m = mentions(
            t,
            &[
                ("Tom Brandt", P, "Tom Brandt"),
                ("Northbank", O, "Northbank"),
            ],
        );
        assert_eq!(quotes(t, &m)[0].1, who("Tom Brandt"));
    }

    #[test]
    fn speaker_before_a_long_appositive_and_the_verb() {
        let t = "\"We are ready,\" Ines Ruiz said. \"The port will reopen,\" Tom Brandt, \
                 the longest-serving harbor master on the coast and the head of the pilots' \
                 association since the flood of 2009, said on Monday.";
        let m = mentions(
            t,
            &[
                ("Ines Ruiz", P, "Ines Ruiz"),
                ("Tom Brandt", P, "Tom Brandt"),
            ],
        );
        let found = quotes(t, &m);
        assert_eq!(found[1], ("\"The port will reopen,\"", who("Tom Brandt")));
    }

    #[test]
    fn a_full_name_set_off_by_commas_beats_a_place_or_role_before_it() {
        let names = [
            ("Ana Ruiz", P, "Ana Ruiz"),
            ("Ruiz", P, "Ana Ruiz"),
            ("Tom Brandt", P, "Tom Brandt"),
        ];
        for (t, speaker) in [
            (
                "At a rally in Berea, Ohio, after the vote, Gov. Tom Brandt (R-OH), said, \"We will win.\"",
                "Tom Brandt",
            ),
            (
                "The mayor of London, Tom Brandt, tweeted, \"We will win.\"",
                "Tom Brandt",
            ),
            // A party label is no name of its own.
            (
                "Ana Ruiz spoke. Ruiz, D-New York, said, \"We will win.\"",
                "Ana Ruiz",
            ),
        ] {
            assert_eq!(quotes(t, &mentions(t, &names))[0].1, who(speaker), "{t}");
        }
    }

    #[test]
    fn speaker_named_after_a_kinship_role() {
        let t = "\"He never missed a match,\" said his father, Omar Haddad, who coached the team.";
        let m = mentions(t, &[("Omar Haddad", P, "Omar Haddad")]);
        assert_eq!(quotes(t, &m)[0].1, who("Omar Haddad"));
        let t = "\"She was ready,\" her coach, Lina Varga, said after the race.";
        let m = mentions(t, &[("Lina Varga", P, "Lina Varga")]);
        assert_eq!(quotes(t, &m)[0].1, who("Lina Varga"));
    }

    #[test]
    fn a_speaker_the_name_only_qualifies_is_the_phrase() {
        let names = [("Ana Ruiz", P, "Ana Ruiz"), ("Ruiz", P, "Ana Ruiz")];
        for (t, speaker) in [
            (
                "Ana Ruiz spoke first. \"We will not back down,\" a senior Ruiz adviser said.",
                "senior Ruiz adviser",
            ),
            (
                "Ana Ruiz spoke first. \"The mayor stands by the plan,\" Ruiz's office said.",
                "Ruiz's office",
            ),
            // What she wrote is still her words.
            (
                "Ana Ruiz spoke first. \"The docks reopen on Monday,\" Ruiz's statement said.",
                "Ana Ruiz",
            ),
        ] {
            assert_eq!(quotes(t, &mentions(t, &names))[0].1, who(speaker), "{t}");
        }
    }

    #[test]
    fn an_unnamed_speaker_is_the_description() {
        let names = [("Ana Ruiz", P, "Ana Ruiz")];
        for (t, speaker) in [
            (
                "Ana Ruiz laid flowers. One man wrote, \"She could barely bend over.\"",
                who("One man"),
            ),
            (
                "Ana Ruiz laid flowers. \"It was pandering,\" said a longtime resident.",
                who("a longtime resident"),
            ),
            // The one who said it is someone named before, not `spokesman`.
            (
                "Ana Ruiz laid flowers. \"No comment,\" the spokesman said.",
                None,
            ),
            // A text's words are its writer's.
            (
                "Ana Ruiz laid flowers. One message read, \"Anybody but Ruiz.\"",
                None,
            ),
            // `close` is the start of `close to the mayor`, not a noun.
            (
                "Ana Ruiz laid flowers. \"It hurt,\" said a person close to the mayor.",
                None,
            ),
        ] {
            assert_eq!(quotes(t, &mentions(t, &names))[0].1, speaker, "{t}");
        }
    }

    #[test]
    fn a_name_a_dash_sets_off_before_a_colon_is_the_source() {
        let t = "Polls missed the late swing to Ana Ruiz - Tom Brandt: \"Keep contacting voters as late as possible.\"";
        let m = mentions(
            t,
            &[("Ana Ruiz", P, "Ana Ruiz"), ("Tom Brandt", P, "Tom Brandt")],
        );
        assert_eq!(quotes(t, &m)[0].1, who("Tom Brandt"));
        // Also after a speech verb, whose subject is not the source.
        let t = "Pollsters agree - Tom Brandt: \"Keep contacting voters as late as possible.\"";
        assert_eq!(quotes(t, &m)[0].1, who("Tom Brandt"));
    }

    #[test]
    fn speaker_before_quote_with_colon() {
        let t = "Mayor Ana Ruiz said: \"The bridge stays closed until it is safe.\"";
        let m = mentions(t, &[("Ana Ruiz", P, "Ana Ruiz")]);
        assert_eq!(quotes(t, &m)[0].1, who("Ana Ruiz"));
    }

    #[test]
    fn a_speaker_of_an_organization_is_the_one_named_before_of() {
        let names = [
            ("Priya Raman", P, "Priya Raman"),
            ("Harbor Alliance", O, "Harbor Alliance"),
        ];
        for t in [
            "Priya Raman of the Harbor Alliance said, \"This is a small but real win for us.\"",
            "Priya Raman of the Harbor Alliance said the change was \"a small but real win for us.\"",
        ] {
            assert_eq!(quotes(t, &mentions(t, &names))[0].1, who("Priya Raman"), "{t}");
        }
        let t = "The head of the Harbor Alliance said, \"This is a small but real win for us.\"";
        assert_eq!(quotes(t, &mentions(t, &names))[0].1, who("Harbor Alliance"));
        let t = "As Bishop Priya Raman of the Harbor Alliance of Port Linden told the radio, \"We have suffered the same fate.\"";
        assert_eq!(quotes(t, &mentions(t, &names))[0].1, who("Priya Raman"));
        let t = "\"We have suffered the same fate as the farmers,\" Priya Raman of the Harbor Alliance for Coastal Studies wrote.";
        assert_eq!(quotes(t, &mentions(t, &names))[0].1, who("Priya Raman"));
    }

    #[test]
    fn a_name_set_off_after_someones_role_is_the_speaker() {
        let t = "\"We will never give up on the harbor,\" Mayor Ana Ruiz's chief of staff, Ben Ode, told reporters.";
        let m = mentions(t, &[("Ana Ruiz", P, "Ana Ruiz"), ("Ben Ode", P, "Ben Ode")]);
        assert_eq!(quotes(t, &m)[0].1, who("Ben Ode"));
    }

    #[test]
    fn stated_that_clause_before_quote() {
        let t = "Ivo Petrov, a fellow at the Lake Institute, stated that if the talks fail, \"This is the end of the road for the accord\" in its current form.";
        let m = mentions(
            t,
            &[
                ("Ivo Petrov", P, "Ivo Petrov"),
                ("Lake Institute", O, "Lake Institute"),
            ],
        );
        assert_eq!(quotes(t, &m)[0].1, who("Ivo Petrov"));
    }

    #[test]
    fn party_label_ending_in_a_period_does_not_end_the_sentence() {
        let t = "\"The bridge will be rebuilt by spring,\" Rep. Ana Ruiz (D-Ore.) said.";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
        let t =
            "Sen. Ben Ode (R-Tex.), noting the delays, said, \"Nobody has inspected it in years.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ben Ode"));
    }

    #[test]
    fn according_to() {
        let t = "According to Sara Holm, \"the vote was never in doubt.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Sara Holm"));
    }

    #[test]
    fn split_quote_parts_share_the_speaker() {
        let t = "\"We tried,\" Ben Ode said, \"but the river rose too fast.\"";
        let m = mentions(t, &[("Ben Ode", P, "Ben Ode")]);
        assert_eq!(
            quotes(t, &m),
            [
                ("\"We tried,\"", who("Ben Ode")),
                ("\"but the river rose too fast.\"", who("Ben Ode"))
            ]
        );
    }

    #[test]
    fn second_sentence_after_attribution_keeps_speaker() {
        let t = "\"It works,\" Ben Ode said. \"Nobody expected that.\"";
        let m = mentions(t, &[("Ben Ode", P, "Ben Ode")]);
        assert_eq!(quotes(t, &m)[1].1, who("Ben Ode"));
    }

    #[test]
    fn pronoun_speaker_is_nearest_earlier_person_outside_quotes() {
        let t = "Lena Berg, a nurse at the clinic, described the night.\n\n\"We had no light, and Dr. Omar Said kept working,\" she said.";
        let m = mentions(
            t,
            &[("Lena Berg", P, "Lena Berg"), ("Omar Said", P, "Omar Said")],
        );
        assert_eq!(quotes(t, &m)[0].1, who("Lena Berg"));
    }

    #[test]
    fn pronoun_skips_a_dateline_taken_for_a_person() {
        for t in [
            "PORTMORE — Lena Berg toured the harbor. \"We need a new pier,\" she said.",
            "PORTMORE — Lena Berg toured the harbor, saying: \"We need a new pier.\"",
        ] {
            // The recognizer typed the dateline as a person.
            let m = mentions(
                t,
                &[("PORTMORE", P, "PORTMORE"), ("Lena Berg", P, "Lena Berg")],
            );
            assert_eq!(quotes(t, &m)[0].1, who("Lena Berg"), "{t}");
        }
        let t = "Kelby spoke first. \"We need a new pier,\" he said.";
        let m = mentions(t, &[("Kelby", P, "Kelby")]);
        assert_eq!(quotes(t, &m)[0].1, who("Kelby"));
    }

    #[test]
    fn they_may_be_an_organization() {
        let t = "The Harbor Union met on Friday. \"We will strike on Monday morning,\" they said.";
        let m = mentions(t, &[("Harbor Union", O, "Harbor Union")]);
        assert_eq!(quotes(t, &m)[0].1, who("Harbor Union"));
    }

    #[test]
    fn organization_speakers() {
        let t = "The Ministry of Transport closed the road. \"Repairs will take a month,\" the ministry said. NATO said in a statement: \"Our patrols continue as planned.\"";
        let m = mentions(
            t,
            &[
                ("Ministry of Transport", O, "Ministry of Transport"),
                ("NATO", O, "NATO"),
            ],
        );
        let q = quotes(t, &m);
        assert_eq!(q[0].1, who("Ministry of Transport"));
        assert_eq!(q[1].1, who("NATO"));
    }

    #[test]
    fn it_is_an_organization() {
        let t = "Northbank cut its forecast. \"Demand has weakened sharply,\" it said.";
        let m = mentions(t, &[("Northbank", O, "Northbank")]);
        assert_eq!(quotes(t, &m)[0].1, who("Northbank"));
    }

    #[test]
    fn common_noun_without_organization_is_null() {
        let t = "\"The report is final and will not change,\" the agency said.";
        assert_eq!(quotes(t, &[])[0].1, None);
    }

    #[test]
    fn unnamed_long_quote_has_null_speaker() {
        let t = "Omar Said won the race.\n\nThe rules require teams \"to finish every lap under their own power and without help of any kind\" from the crew.";
        let m = mentions(t, &[("Omar Said", P, "Omar Said")]);
        assert_eq!(
            quotes(t, &m),
            [(
                "\"to finish every lap under their own power and without help of any kind\"",
                None
            )]
        );
    }

    #[test]
    fn quote_paragraph_continues_the_previous_speaker() {
        let t = "\"The harvest was good,\" Ana Ruiz said.\n\n\"Storms are coming to the whole valley this year.\"\n\n\"We will rebuild the barns anyway.\"";
        let q = quotes(t, &[]);
        assert_eq!(q.len(), 3);
        assert!(q.iter().all(|(_, who_said)| *who_said == who("Ana Ruiz")));
    }

    #[test]
    fn quote_paragraph_continues_a_partial_quote_of_the_previous_paragraph() {
        let t = "Ana Ruiz said the council had \"failed the valley.\"\n\n\"Nobody here wants another winter like the last one.\"";
        assert_eq!(
            quotes(t, &[]),
            [(
                "\"Nobody here wants another winter like the last one.\"",
                who("Ana Ruiz")
            )]
        );
    }

    #[test]
    fn a_quotation_set_into_a_sentence_is_its_named_subjects() {
        let names = [
            ("Ana Ruiz", P, "Ana Ruiz"),
            ("Ruiz", P, "Ana Ruiz"),
            ("Tom Brandt", P, "Tom Brandt"),
            ("Brandt", P, "Tom Brandt"),
            ("Harbor Council", O, "Harbor Council"),
        ];
        let long = "\"a plan that nobody in the valley asked for and nobody will pay for\"";
        for (sentence, speaker) in [
            ("Ruiz credited the delay to", Some("Ana Ruiz")),
            ("On Monday, Ruiz also blamed the delay on", Some("Ana Ruiz")),
            (
                "Later Tom Brandt praised the mayor, citing",
                Some("Tom Brandt"),
            ),
            ("When Ruiz used the words", Some("Ana Ruiz")),
            (
                "After the vote failed, Tom Brandt (D) blamed",
                Some("Tom Brandt"),
            ),
            (
                "Tom Brandt, the harbor master of the town, has compared it to",
                Some("Tom Brandt"),
            ),
            // A passive's subject, a pronoun, a text and a word the
            // recognizer found no name in are no speakers.
            ("Ruiz was described by the paper as", None),
            ("She compared it to", None),
            ("Ruiz's new book calls it", None),
            ("Thirteen years earlier, she had voted for", None),
        ] {
            let t = format!("Ana Ruiz and Tom Brandt met the Harbor Council. {sentence} {long}.");
            let found = quotes(&t, &mentions(&t, &names));
            assert_eq!(found.len(), 1, "{t}");
            assert_eq!(found[0].1, speaker.and_then(who), "{t}");
        }
    }

    #[test]
    fn a_named_subject_outweighs_another_quotes_cue_in_its_paragraph() {
        let names = [("Ana Ruiz", P, "Ana Ruiz"), ("Tom Brandt", P, "Tom Brandt")];
        let long = "\"a plan that nobody in the valley asked for and nobody will pay for\"";
        let opening = "\"The harvest was good this year,\" Ana Ruiz said.";
        for (sentence, speaker) in [
            ("Tom Brandt compared it to", "Tom Brandt"),
            // No subject of its own: the quote is Ruiz's still.
            ("It was, in the end,", "Ana Ruiz"),
        ] {
            let t = format!("{opening} {sentence} {long}.");
            let found = quotes(&t, &mentions(&t, &names));
            assert_eq!(found.len(), 2, "{t}");
            assert_eq!(found[1].1, who(speaker), "{t}");
        }
    }

    #[test]
    fn unnamed_speaker_is_described_and_not_the_previous_paragraphs() {
        let t = "\"The harvest was good,\" Ana Ruiz said.\n\n\"It is great fun to watch the farmers argue,\" one reader wrote.";
        assert_eq!(quotes(t, &[])[1].1, who("one reader"));
        let t = "\"The harvest was good,\" Ana Ruiz said.\n\n\"Nobody believes that,\" another farmer said.";
        assert_eq!(quotes(t, &[])[1].1, who("another farmer"));
    }

    #[test]
    fn no_speaker_from_a_paragraph_further_away_or_without_a_quote() {
        let t = "\"The harvest was good,\" Ana Ruiz said.\n\nThe valley flooded in May.\n\n\"Storms are coming to the whole valley this year.\"";
        assert_eq!(quotes(t, &[])[1].1, None);
        let t = "Ana Ruiz said the harvest was good.\n\n\"Storms are coming to the whole valley this year.\"";
        assert_eq!(quotes(t, &[])[0].1, None);
    }

    #[test]
    fn continuation_needs_the_quote_to_open_its_paragraph() {
        let t = "\"The harvest was good,\" Ana Ruiz said.\n\nA neighbour shouted \"the storms are coming to the whole valley this year and nobody is ready\" from the road.";
        assert_eq!(quotes(t, &[])[1].1, who("A neighbour"));
    }

    #[test]
    fn multi_paragraph_quote() {
        let t = "Ana Ruiz said: \"The first harvest was poor.\n\n\"The second one was worse, and we sold the farm.\"\n\nThe farm is now a park.";
        let q = quotes(t, &[]);
        assert_eq!(
            q,
            [
                ("\"The first harvest was poor.", who("Ana Ruiz")),
                (
                    "\"The second one was worse, and we sold the farm.\"",
                    who("Ana Ruiz")
                ),
            ]
        );
    }

    #[test]
    fn scare_quotes_and_titles_are_not_quotations() {
        let t = "The so-called \"reset\" failed. She starred in \"The Long Night\" last year. The plan was \"dead on arrival\" by then.";
        assert!(quotes(t, &[]).is_empty());
    }

    #[test]
    fn titles_of_shows_and_books_are_not_quotations() {
        let t =
            "Speaking Sunday on the network's \"Morning Round,\" Ana Ruiz said the dam would hold.";
        assert!(quotes(t, &[]).is_empty());
        let t = "\"We will build it,\" Ben Ode said on \"Face the Valley.\"";
        assert_eq!(quotes(t, &[]).len(), 1);
        let t = "Ana Ruiz, who wrote a memoir, \"Roads of the North,\" said the plan had failed.";
        assert!(quotes(t, &[]).is_empty());
        let t = "Ben Ode said on Monday, \"The River Is Rising!\"";
        assert_eq!(quotes(t, &[]).len(), 1);
    }

    #[test]
    fn phrasal_speech_verbs() {
        let t = "\"You never fixed the roads,\" Ben Ode shot back. \"Not once.\"";
        let q = quotes(t, &[]);
        assert_eq!(q[0].1, who("Ben Ode"));
        assert_eq!(q[1].1, who("Ben Ode"));
        let t = "\"The river is high,\" Ana Ruiz said. \"And it will rise,\" Ben Ode went on.";
        assert_eq!(quotes(t, &[])[1].1, who("Ben Ode"));
        let t = "Ana Ruiz fired back, \"That is simply wrong.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
        let t = "As Ana Ruiz put it, \"That is simply wrong.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
        let t = "As Ana Ruiz, the head of the harbor board, put it: \"That is simply wrong.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
    }

    #[test]
    fn short_quote_counts_when_a_verb_attributes_it() {
        let t = "\"Never,\" Ana Ruiz said.";
        assert_eq!(quotes(t, &[]), [("\"Never,\"", who("Ana Ruiz"))]);
    }

    #[test]
    fn short_phrase_inside_the_writers_sentence_is_a_quotation_only_when_a_speech_verb_attributes_it(
    ) {
        let t = "Ben Ode called the plan \"a dead end\" for the town.";
        assert!(quotes(t, &[]).is_empty());
        let t = "The so-called \"blue corridor\" runs past the pier.";
        assert!(quotes(t, &[]).is_empty());
        let t = "Ben Ode said \"the ferry is late\" almost every morning.";
        assert_eq!(quotes(t, &[]), [("\"the ferry is late\"", who("Ben Ode"))]);
    }

    #[test]
    fn a_naming_verb_after_its_speaker_attributes_the_name_given() {
        let t = "Ana Ruiz called the bridge \"the oldest crossing on the whole river.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
        let t = "The ferry is what Ben Ode calls \"a floating museum for the town.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ben Ode"));
        let t = "Ana Ruiz rejected the plan, calling it \"a waste of the harbor's money.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
        // Naming things is not speech: a participle after a noun, a passive, `called for`.
        let t = "Ana Ruiz sails on a ferry called \"The Pride of the Whole Harbor Town.\"";
        assert!(quotes(t, &[]).iter().all(|q| q.1.is_none()), "{t}");
        let t = "The boat Ben Ode sails is called \"the pride of the whole harbor town.\"";
        assert!(quotes(t, &[]).iter().all(|q| q.1.is_none()), "{t}");
        let t = "Ana Ruiz called for \"an end to the closures of the harbor.\"";
        assert!(quotes(t, &[]).iter().all(|q| q.1.is_none()), "{t}");
    }

    #[test]
    fn reported_speech_running_into_a_quotation_to_its_sentences_end_counts() {
        let t = "Ben Ode said that \"nobody in the harbor has seen a winter like this.\"";
        assert_eq!(
            quotes(t, &[]),
            [(
                "\"nobody in the harbor has seen a winter like this.\"",
                who("Ben Ode")
            )]
        );
        let t = "Ana Ruiz says the ferry \"will not run again this winter.\" She left.";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
        let t = "Ben Ode said he was \"deeply honored.\"";
        assert!(quotes(t, &[]).is_empty());
    }

    #[test]
    fn a_long_quotation_inside_attributed_reported_speech_counts_wherever_it_stands() {
        let t = "Ana Ruiz said in a statement that the council \"has a long history of ignoring the harbor district\" and has \"failed every family on the waterfront.\"";
        let q = quotes(t, &[]);
        assert_eq!(
            q,
            [
                (
                    "\"has a long history of ignoring the harbor district\"",
                    who("Ana Ruiz")
                ),
                (
                    "\"failed every family on the waterfront.\"",
                    who("Ana Ruiz")
                ),
            ]
        );
        let t = "Ben Ode said the council was \"deeply divided\" on the harbor plan.";
        assert!(quotes(t, &[]).is_empty());
    }

    #[test]
    fn short_phrase_running_into_a_quotation_counts() {
        let t = "Ana Ruiz told the radio any plan \"must be fair\": \"We cannot leave the farmers behind.\"";
        let q = quotes(t, &[]);
        assert_eq!(q[0], ("\"must be fair\"", who("Ana Ruiz")));
        assert_eq!(q.len(), 2);
    }

    #[test]
    fn short_quote_ending_its_sentence_counts() {
        let t = "Asked to stay, Ben Ode replied \"not this year\". He left.";
        assert_eq!(quotes(t, &[]), [("\"not this year\"", who("Ben Ode"))]);
        let t = "Ana Ruiz said \"we won.\"";
        assert_eq!(quotes(t, &[]), [("\"we won.\"", who("Ana Ruiz"))]);
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        let t = "\"He told me, 'you owe me one,' and left,\" Ben Ode said.";
        assert_eq!(
            quotes(t, &[])[0].0,
            t[..t.find(" Ben").unwrap()].to_string()
        );
    }

    #[test]
    fn participle_takes_the_clause_subject() {
        let t = "Later, Ana Ruiz took to the radio, adding: \"We will not give up.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
        let t = "Ben Ode said the bridge was old, noting, \"Nobody has inspected it in years.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ben Ode"));
    }

    #[test]
    fn infinitive_takes_the_clause_subject() {
        let t = "Ben Ode laughed at the question but went on to say, \"Nobody has inspected it in years.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ben Ode"));
        let t = "Ana Ruiz, who built the bridge, interjected to say: \"It will hold.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
    }

    #[test]
    fn participle_with_its_own_subject() {
        let t = "It quoted the mayor, with Ben Ode stating: \"We need the money now.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ben Ode"));
        let t =
            "In May, after the flood, Ana Ruiz wrote to the council, telling them: \"Act now.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
    }

    #[test]
    fn colon_after_a_clause_and_after_a_paragraph() {
        let t = "When the mayor spoke, Ana Ruiz fired back: \"That is simply wrong.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
        let t = "Ben Ode continued:\n\n\"Nobody here wants another winter like that.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ben Ode"));
        // A clause closed by a dash, as by a comma.
        let t = "Asked by Ana Ruiz about the harbor \u{2014} where no ferry has docked since May \u{2014} \
                 Tom Brandt responded with a line the mayor could have written himself: \"Nobody here wants another winter like that.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Tom Brandt"));
    }

    #[test]
    fn sentence_opening_said_is_an_inverted_verb() {
        let t = "Said Ben Ode, \"The ferry never ran on time.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ben Ode"));
    }

    #[test]
    fn coordinated_verb_takes_the_subject_of_its_own_clause() {
        // The first quotation is what Ruiz told reporters; the second,
        // what Ode told the police.
        let t = "Ana Ruiz told reporters that, after the storm, Ben Ode \"came back on his own after two days\", and told the police, \"I took the boat.\"";
        let speakers: Vec<_> = quotes(t, &[]).into_iter().map(|q| q.1).collect();
        assert_eq!(speakers, [who("Ana Ruiz"), who("Ben Ode")]);
        let t = "Ana Ruiz said the vote was close but added, \"We will win it next time.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
    }

    #[test]
    fn bare_attribution_sentence_after_a_full_stop() {
        let t = "\"We will win this state.\" Ana Ruiz said.";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
        let t = "\"We will win this state.\" Ana Ruiz said Monday that she doubts it.";
        assert_eq!(quotes(t, &[])[0].1, None);
        let t = "Ana Ruiz, the harbor master of the port, said in a statement. \"Nobody can find another buyer this late in the year.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
    }

    #[test]
    fn a_quote_after_a_sentence_about_someone_is_theirs() {
        let t = "Ana Ruiz touted her record on the harbor. \"We built the new pier in two years.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
        let t = "The ferry left the harbor at noon. \"We built the new pier in two years.\"";
        assert_eq!(quotes(t, &[])[0].1, None);
        let t = "Ruiz's plan failed in the end. \"We built the new pier in two years.\"";
        assert_eq!(quotes(t, &[])[0].1, None);
    }

    #[test]
    fn the_subject_before_a_dash_appositive_or_a_former_title_speaks_not_whom_they_told() {
        let t = "On Friday, Ben Ode \u{2014} named by the council as its next chair \u{2014} told Ana Ruiz of the Herald that \"the harbor comes first for this council.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ben Ode"));
        let t = "In the debate, former Harbor Commissioner Ana Ruiz told the council, \"We cannot wait another year.\"";
        let m = mentions(t, &[("Ana Ruiz", P, "Ana Ruiz")]);
        assert_eq!(quotes(t, &m)[0].1, who("Ana Ruiz"));
        let t = "Angered by the vote, the union told Ana Ruiz of the Herald that \"nobody asked the dockworkers.\"";
        assert!(quotes(t, &[]).iter().all(|q| q.1 != who("Ana Ruiz")));
    }

    #[test]
    fn issuing_a_statement_is_speaking() {
        let t = "On Monday, Ana Ruiz issued a statement, \"The harbor will reopen next week for every boat.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
        let t = "Ana Ruiz issued a permit for \"the ferry\" on Monday.";
        assert!(quotes(t, &[]).iter().all(|q| q.1.is_none()));
    }

    #[test]
    fn a_cue_between_a_question_and_the_next_quote_introduces_the_next() {
        let t = "Ana Ruiz responds to Ben Ode with, \"Why now? That was on my way to the harbor?\" Ode then writes back, \"You look tired today.\"";
        let q = quotes(t, &[]);
        assert_eq!(q[0].1, who("Ana Ruiz"));
        assert_eq!(q[1].1, who("Ode"));
    }

    #[test]
    fn capitalised_verb_after_a_quote_is_a_name() {
        let t = "Lena Read runs the ferry. \"It will run again in May,\" Read said.";
        let m = mentions(t, &[("Lena Read", P, "Lena Read")]);
        assert_eq!(quotes(t, &m)[0].1, who("Lena Read"));
    }

    #[test]
    fn closing_attribution_after_the_quotes_sentence() {
        let t = "\"He has voted against the bridge funding every single time\" and against the harbor plan, Ana Ruiz said.";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
        let t = "\"He has voted against the bridge funding every single time\" and against the harbor plan, Ana Ruiz said on Monday.";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
        let t = "\"He has voted against the bridge funding every single time\" and against the harbor plan, Ana Ruiz said that she would fight.";
        assert_eq!(quotes(t, &[])[0].1, None);
    }

    #[test]
    fn dash_signature_line_names_the_speaker() {
        let t = "\"We built more bridges than anyone before us.\"\n\n- Ana Ruiz, at a rally.\n\nThat is not quite right.";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
        let t = "\"We built more bridges than anyone before us.\"\n\n– A record year –\n\nThe numbers tell another story.";
        assert_eq!(quotes(t, &[])[0].1, None);
    }

    #[test]
    fn participle_takes_the_name_opening_its_clause() {
        let t = "At the debate, Ode compared himself to Ana Ruiz, saying, \"I have never taken their money.\"";
        // The recognizer took the surname for an organization.
        let m = mentions(t, &[("Ode", O, "Ode"), ("Ana Ruiz", P, "Ana Ruiz")]);
        assert_eq!(quotes(t, &m)[0].1, who("Ode"));
    }

    #[test]
    fn bare_attribution_sentence_introduces_the_next_quote() {
        let t = "Most farmers were worried.\n\nAna Ruiz agreed. \"Nobody can find another buyer this late in the year.\"";
        assert_eq!(quotes(t, &[])[0].1, who("Ana Ruiz"));
        let t = "Ana Ruiz said the farmers were worried. \"Nobody can find another buyer this late in the year.\"";
        assert_eq!(quotes(t, &[])[0].1, None);
    }

    #[test]
    fn pronoun_skips_a_person_of_the_other_gender() {
        let t = "Thomas Wren asked his sister Gloria to stay, but he said \"I cannot do that.\"";
        let m = mentions(
            t,
            &[("Thomas Wren", P, "Thomas Wren"), ("Gloria", P, "Gloria")],
        );
        assert_eq!(quotes(t, &m)[0].1, who("Thomas Wren"));
    }

    #[test]
    fn pronoun_is_no_one_its_own_clause_names() {
        let people = [("Ben Ode", P, "Ben Ode"), ("Tom Brandt", P, "Tom Brandt")];
        let t =
            "Ben Ode met Tom Brandt at the harbor. \"The ferry will run again,\" he told Brandt.";
        let m = mentions(t, &[people[0], people[1], ("Brandt", P, "Tom Brandt")]);
        assert_eq!(quotes(t, &m)[0].1, who("Ben Ode"));
        let t = "Ben Ode met Tom Brandt at the harbor. He called Brandt \"the best harbor master we ever had.\"";
        let m = mentions(t, &[people[0], people[1], ("Brandt", P, "Tom Brandt")]);
        assert_eq!(quotes(t, &m)[0].1, who("Ben Ode"));
        // A name in a relative clause may be the pronoun's own.
        let t = "Tom Brandt pleaded guilty. \"They are all accurate,\" he said after the clerk read the charges to which Brandt admitted.";
        let m = mentions(t, &[people[1], ("Brandt", P, "Tom Brandt")]);
        assert_eq!(quotes(t, &m)[0].1, who("Tom Brandt"));
    }

    #[test]
    fn pronoun_is_the_subject_of_the_sentence_naming_its_nearest_candidate() {
        let ode = ("Ben Ode", P, "Ben Ode");
        for (t, other) in [
            // Not the nearer name after a preposition.
            ("Ben Ode, a longtime adviser to Tom Brandt, spoke at the harbor. \"We will win,\" he said.", "Tom Brandt"),
            ("Introduced by Tom Brandt, Ben Ode took the stage. \"It is too late,\" he said.", "Tom Brandt"),
            // Not a possessive nor a noun's modifier.
            ("Brandt's plan will fail, Ben Ode said on Monday. \"It is too late,\" he added.", "Brandt"),
            ("The Brandt campaign manager Ben Ode spoke first. \"It is too late,\" he added.", "Brandt"),
            // The one a speech verb attributes the sentence to, not its subject.
            ("Tom Brandt electrified the crowds at the harbor, Ben Ode said. \"It is too late,\" he added.", "Tom Brandt"),
            ("Ben Ode said Tom Brandt will not win. \"It is too late,\" he added.", "Tom Brandt"),
        ] {
            let m = mentions(t, &[ode, (other, P, "Tom Brandt")]);
            assert_eq!(quotes(t, &m)[0].1, who("Ben Ode"), "{t}");
        }
    }

    #[test]
    fn verb_without_a_name_is_not_an_attribution() {
        let t = "The plan was \"messy,\" adding to the doubts.";
        assert!(quotes(t, &[]).is_empty());
    }

    #[test]
    fn curly_quotes_and_non_ascii_byte_offsets() {
        let t = "Zoë Müller sagte gestern: “Wir bauen die Brücke über den Fluss.” Danach ging sie.";
        let q = find_quotes(t, &[]);
        assert_eq!(q.len(), 1);
        assert_eq!(
            &t[q[0].start..q[0].end],
            "“Wir bauen die Brücke über den Fluss.”"
        );
        assert_eq!(q[0].start, t.find('“').unwrap());
        let t = "“Ça va très bien,” said Zoë Müller.";
        let q = find_quotes(t, &[]);
        assert_eq!(
            (q[0].start, &t[q[0].start..q[0].end]),
            (0, "“Ça va très bien,”")
        );
        assert_eq!(q[0].speaker, who("Zoë Müller"));
    }

    #[test]
    fn never_panics_on_odd_text() {
        const PIECES: &[&str] = &[
            "\"",
            "“",
            "”",
            "„",
            "'",
            "’",
            " ",
            "\n",
            "\n\n",
            ",",
            ".",
            ":",
            "(",
            ")",
            "—",
            "said",
            "he",
            "She",
            "Ana",
            "Ruiz",
            "the",
            "ministry",
            "according",
            "to",
            "é",
            "日本",
            "Mr.",
            "adding",
            "and",
        ];
        let mut seed: u64 = 42;
        for _ in 0..2000 {
            let mut t = String::new();
            for _ in 0..40 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                t.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
            }
            let m = mentions(
                &t,
                &[("Ana Ruiz", P, "Ana Ruiz"), ("ministry", O, "Ministry")],
            );
            for q in find_quotes(&t, &m) {
                assert!(
                    q.start < q.end && t.is_char_boundary(q.start) && t.is_char_boundary(q.end)
                );
            }
        }
    }
}
