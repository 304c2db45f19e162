//! Extraction: the people, organizations, places and quotes in an article.
//!
//! [`Extractor::extract`] maps article text to an [`Extraction`]: entity
//! mentions with byte spans and canonical names, and direct quotations with
//! their speaker. Everything downstream (index fields, filters, facets, quote
//! search) reads only this interface.
//!
//! Entity recognition runs in one pass over the text, without allocations per
//! token in the hot loop:
//! 1. `tokenize`: byte-span tokens (hyphens and possessives split off);
//! 2. `features`: hashed word, shape, affix, context, gazetteer and
//!    document-level features, straight from the bytes;
//! 3. `model`: a linear-chain tagger (averaged perceptron, BIO tags over
//!    PERSON/ORG/LOC/MISC) decoded sentence by sentence with Viterbi;
//! 4. `postprocess`: the boundary conventions (titles, `the`, possessives
//!    outside; hyphenated names, particles and `of`/`for` names whole) and
//!    one type per name within the article;
//! 5. `canonical`: canonical names (`Putin` → `Vladimir Putin`,
//!    `CSIS` → `Center for Strategic and International Studies`).
//!
//! The model, gazetteer included, is built by [`train`] (`dateline-train`) and
//! embedded in the binary.

mod quotes;

use serde::{Deserialize, Serialize};

/// The kind of a named entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    /// A person.
    #[serde(rename = "PERSON")]
    Person,
    /// An organization: company, agency, party, institution.
    #[serde(rename = "ORG")]
    Organization,
    /// A place: country, city, region, geographic feature.
    #[serde(rename = "LOC")]
    Place,
}

/// One mention of an entity in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// UTF-8 byte offset where the mention starts.
    pub start: usize,
    /// UTF-8 byte offset where the mention ends (exclusive).
    pub end: usize,
    /// What kind of entity is mentioned.
    pub kind: EntityKind,
    /// The entity's canonical name within the article (`Vladimir Putin` for a
    /// later `Putin`).
    pub canonical: String,
}

/// One direct quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// UTF-8 byte offset where the quotation starts.
    pub start: usize,
    /// UTF-8 byte offset where the quotation ends (exclusive).
    pub end: usize,
    /// Canonical name of the person or organization who said it, if known.
    pub speaker: Option<String>,
}

/// One distinct entity of an article, with every form the article names it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// What kind of entity it is.
    pub kind: EntityKind,
    /// Its canonical name.
    pub canonical: String,
    /// Distinct surface forms used in the article (the canonical name included).
    pub aliases: Vec<String>,
    /// How many times it is mentioned.
    pub mentions: usize,
}

/// Everything extracted from one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    /// Entity mentions, in text order.
    pub mentions: Vec<Mention>,
    /// Direct quotations, in text order.
    pub quotes: Vec<Quote>,
}

mod canonical;
mod clusters;
mod features;
mod gazetteer;
mod hash;
mod model;
mod postprocess;
#[cfg(test)]
pub(crate) mod stand_in;
mod tokenize;
pub mod train;

use features::Features;
use model::Model;
use std::collections::BTreeMap;

pub use clusters::Clusters;
pub use gazetteer::{Category, Gazetteer};
pub use model::ModelError;
pub use quotes::find_quotes;

/// The most bytes of a text that [`Extractor::extract`] reads: far more
/// than any news article, and about a fifth of a second of extraction.
pub const MAX_TEXT_BYTES: usize = 1_000_000;

/// The shipped model: tagger weights and gazetteer, rebuilt by `dateline-train`.
static SHIPPED_MODEL: &[u8] = include_bytes!("../../../../models/ner.bin");

/// What the indexer asks of an extractor. [`Extractor`] is the real one; a
/// stand-in (nothing found, or a fixed list of names) lets the index be
/// tested without the model and timed without extraction.
pub trait Extract: Sync {
    /// The names and quotations in `text`.
    fn extract(&self, text: &str) -> Extraction;

    /// Identifies what this extractor finds: two extractors with the same
    /// fingerprint find the same in the same text. An index records the
    /// fingerprint of the extractor that wrote it and extracts every article
    /// again when it changes.
    fn fingerprint(&self) -> &str;
}

impl Extract for Extractor {
    fn extract(&self, text: &str) -> Extraction {
        Extractor::extract(self, text)
    }

    fn fingerprint(&self) -> &str {
        Extractor::fingerprint(self)
    }
}

/// Finds people, organizations and places in English news text.
///
/// Immutable after construction, so one instance can be shared by reference
/// across threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    model: Model,
    fingerprint: String,
}

impl Default for Extractor {
    fn default() -> Self {
        Self::new()
    }
}

impl Extractor {
    /// Loads the model embedded in the binary.
    ///
    /// # Panics
    /// Only if the embedded model file is corrupt, which the test suite rules out.
    pub fn new() -> Extractor {
        Self::from_model_bytes(SHIPPED_MODEL).expect("the embedded NER model is valid")
    }

    /// Loads a model from bytes written by the training command.
    pub fn from_model_bytes(bytes: &[u8]) -> Result<Extractor, ModelError> {
        Ok(Extractor {
            model: Model::from_bytes(bytes)?,
            fingerprint: format!(
                "{}-{:016x}",
                env!("DATELINE_RULES_FINGERPRINT"),
                xxhash_rust::xxh3::xxh3_64(bytes)
            ),
        })
    }

    /// Identifies what this extractor finds: its model and the code and
    /// lists of its rules. Two extractors with the same fingerprint extract
    /// the same names and quotes from the same text; an index records the
    /// fingerprint of the extractor that wrote it.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Entity mentions of `text` with canonical names, and its direct
    /// quotations with their speakers, from the first [`MAX_TEXT_BYTES`] of
    /// `text` (cut at a character boundary): a book-length text is read as
    /// far as that, so one file cannot stall a run.
    pub fn extract(&self, text: &str) -> Extraction {
        let text = &text[..text.floor_char_boundary(MAX_TEXT_BYTES)];
        let tokens = tokenize::tokenize(text);
        let mut features = Features::default();
        features.compute(text, &tokens, self.model.lists(), self.model.buckets);
        let (mut emissions, mut part, mut back) = (Vec::new(), Vec::new(), Vec::new());
        let mut tags = Vec::with_capacity(tokens.len());
        // Sentences are decoded separately, as in training, so no name spans a sentence break.
        for range in tokenize::sentences(&tokens) {
            self.model.emissions(&features, range, &mut emissions);
            self.model.viterbi(&emissions, &mut part, &mut back);
            tags.extend_from_slice(&part);
        }
        let mut spans = postprocess::decode(&tags);
        let gazetteer = &self.model.gazetteer;
        postprocess::split_at_open_brackets(text, &tokens, &mut spans);
        postprocess::join_name_parts(text, &tokens, &mut spans);
        postprocess::trim(text, &tokens, gazetteer, &mut spans);
        postprocess::split_place_from_person(text, &tokens, gazetteer, &mut spans);
        postprocess::join_headed_names(text, &tokens, gazetteer, &mut spans);
        postprocess::join_spelled_acronyms(text, &tokens, &mut spans);
        postprocess::join_listed_places(text, &tokens, features.lower(), gazetteer, &mut spans);
        postprocess::join_named_with_and(text, &tokens, features.lower(), gazetteer, &mut spans);
        postprocess::join_parties(text, &tokens, &mut spans);
        postprocess::join_peoples(text, &tokens, &mut spans);
        postprocess::demote_non_names(text, &tokens, gazetteer, &mut spans);
        postprocess::operations_and_stances(text, &tokens, &mut spans);
        postprocess::demote_defined_terms(text, &tokens, &mut spans);
        postprocess::demote_demonyms(text, &tokens, features.lower(), gazetteer, &mut spans);
        postprocess::towns_before_regions(text, &tokens, features.lower(), gazetteer, &mut spans);
        postprocess::teams_after_places(text, &tokens, features.lower(), gazetteer, &mut spans);
        postprocess::harmonise(text, &tokens, features.lower(), gazetteer, &mut spans);
        let mentions = canonical::mentions(text, &tokens, &spans);
        let quotes = quotes::find_quotes(text, &mentions);
        Extraction { mentions, quotes }
    }
}

impl Extraction {
    /// One entry per distinct `(kind, canonical)`, sorted by kind then
    /// canonical name, with every surface form used in `text` (the text the
    /// extraction was made from).
    pub fn entities(&self, text: &str) -> Vec<Entity> {
        let mut groups: BTreeMap<(EntityKind, &str), Entity> = BTreeMap::new();
        for m in &self.mentions {
            let e = groups
                .entry((m.kind, m.canonical.as_str()))
                .or_insert_with(|| Entity {
                    kind: m.kind,
                    canonical: m.canonical.clone(),
                    aliases: vec![m.canonical.clone()],
                    mentions: 0,
                });
            e.mentions += 1;
            let surface = text.get(m.start..m.end).unwrap_or_default();
            if !surface.is_empty() && !e.aliases.iter().any(|a| a == surface) {
                e.aliases.push(surface.to_string());
            }
        }
        groups.into_values().collect()
    }
}

/// One line of the reference scorer's prediction format:
/// `{"entities":[{"canonical","end","start","text","type"}],"id","quotes":[{"end","speaker","start","text"}]}`.
///
/// Serialized straight from the extraction (a `serde_json::Value` tree cost
/// about a twentieth of `extract --jsonl`). Keys are declared in alphabetical
/// order, the order these lines have always had, so outputs compare byte for
/// byte across versions. `Display` writes the JSON line.
#[derive(Debug, Serialize)]
pub struct JsonlRecord<'a> {
    entities: Vec<JsonlEntity<'a>>,
    id: &'a str,
    quotes: Vec<JsonlQuote<'a>>,
}

/// One entity of a [`JsonlRecord`].
#[derive(Debug, Serialize)]
struct JsonlEntity<'a> {
    canonical: &'a str,
    end: usize,
    start: usize,
    text: &'a str,
    #[serde(rename = "type")]
    kind: EntityKind,
}

/// One quotation of a [`JsonlRecord`].
#[derive(Debug, Serialize)]
struct JsonlQuote<'a> {
    end: usize,
    speaker: Option<&'a str>,
    start: usize,
    text: &'a str,
}

impl std::fmt::Display for JsonlRecord<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let line = serde_json::to_string(self).map_err(|_| std::fmt::Error)?;
        f.write_str(&line)
    }
}

/// The scorer's prediction line for `extraction`, made from `text` with id `id`.
pub fn to_jsonl_record<'a>(
    id: &'a str,
    text: &'a str,
    extraction: &'a Extraction,
) -> JsonlRecord<'a> {
    let slice = |s: usize, e: usize| text.get(s..e).unwrap_or_default();
    let entities = extraction
        .mentions
        .iter()
        .map(|m| JsonlEntity {
            canonical: &m.canonical,
            end: m.end,
            start: m.start,
            text: slice(m.start, m.end),
            kind: m.kind,
        })
        .collect();
    let quotes = extraction
        .quotes
        .iter()
        .map(|q| JsonlQuote {
            end: q.end,
            speaker: q.speaker.as_deref(),
            start: q.start,
            text: slice(q.start, q.end),
        })
        .collect();
    JsonlRecord {
        entities,
        id,
        quotes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn extractor() -> &'static Extractor {
        static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
        EXTRACTOR.get_or_init(Extractor::new)
    }

    /// `(surface, kind, canonical)` of every mention.
    fn mentions(text: &str) -> Vec<(String, EntityKind, String)> {
        extractor()
            .extract(text)
            .mentions
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.kind, m.canonical))
            .collect()
    }

    fn has(
        found: &[(String, EntityKind, String)],
        surface: &str,
        kind: EntityKind,
        canonical: &str,
    ) -> bool {
        found
            .iter()
            .any(|(s, k, c)| s == surface && *k == kind && c == canonical)
    }

    /// Fails, listing what was found, unless `name` was found as a `kind`
    /// under its own name.
    fn assert_named(found: &[(String, EntityKind, String)], name: &str, kind: EntityKind) {
        assert!(has(found, name, kind, name), "{name}: {found:?}");
    }

    /// `name` is found `count` times, every time as `kind`.
    fn assert_every_mention(
        found: &[(String, EntityKind, String)],
        name: &str,
        count: usize,
        kind: EntityKind,
    ) {
        let kinds: Vec<EntityKind> = found
            .iter()
            .filter(|(s, _, _)| s == name)
            .map(|(_, k, _)| *k)
            .collect();
        assert_eq!(kinds, vec![kind; count], "{name}: {found:?}");
    }

    #[test]
    fn initials_and_particles_belong_to_person_names() {
        let text = "The novel by J. R. Tolkien was praised by Ludwig van Houten and Bashar al-Rashid on Monday.";
        let found = mentions(text);
        let person = |name: &str| {
            found
                .iter()
                .any(|(s, k, _)| s == name && *k == EntityKind::Person)
        };
        assert!(person("J. R. Tolkien"), "{found:?}");
        assert!(person("Ludwig van Houten"), "{found:?}");
        assert!(person("Bashar al-Rashid"), "{found:?}");
    }

    #[test]
    fn places_opening_with_a_place_word_are_not_people() {
        // As the subject of a verb, the tagger takes `Port Linden` for a person.
        let text = "Mayor Elena Vasquez said Port Linden would study the draft closely.";
        let found = mentions(text);
        let kind_of = |name: &str| found.iter().find(|(s, _, _)| s == name).map(|(_, k, _)| *k);
        assert_eq!(kind_of("Port Linden"), Some(EntityKind::Place), "{found:?}");
        assert_eq!(
            kind_of("Elena Vasquez"),
            Some(EntityKind::Person),
            "{found:?}"
        );
    }

    #[test]
    fn titles_stay_outside_person_names() {
        let text = "President Emmanuel Macron met Chancellor Olaf Scholz in Berlin on Monday.";
        let found = mentions(text);
        assert!(
            has(
                &found,
                "Emmanuel Macron",
                EntityKind::Person,
                "Emmanuel Macron"
            ),
            "{found:?}"
        );
        assert_named(&found, "Olaf Scholz", EntityKind::Person);
        assert_named(&found, "Berlin", EntityKind::Place);
    }

    #[test]
    fn possessives_and_the_stay_outside_names() {
        let text = "Germany's economy slowed, the Bundesbank said. Officials at the European Central Bank agreed with Germany's finance ministry.";
        let found = mentions(text);
        assert!(found.iter().any(|(s, _, _)| s == "Germany"), "{found:?}");
        assert!(
            found
                .iter()
                .all(|(s, _, _)| !s.ends_with("'s") && !s.starts_with("the ")),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "European Central Bank",
                EntityKind::Organization,
                "European Central Bank"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn hyphenated_names_stay_whole() {
        let text = "South Korean President Moon Jae-in spoke with Lee Min-ho in Seoul. Later, Moon said talks went well.";
        let found = mentions(text);
        assert_named(&found, "Moon Jae-in", EntityKind::Person);
        assert_named(&found, "Lee Min-ho", EntityKind::Person);
        let text = "The Washington-based group met in Seoul.";
        assert!(has(
            &mentions(text),
            "Washington",
            EntityKind::Place,
            "Washington"
        ));
    }

    #[test]
    fn surnames_and_honorifics_link_to_full_names() {
        let text = "Angela Merkel arrived in Paris on Tuesday. Mr. Hollande greeted Ms. Merkel, and Merkel's aides said she was pleased. \"We agree,\" Merkel said.";
        let found = mentions(text);
        assert_named(&found, "Angela Merkel", EntityKind::Person);
        let merkel: Vec<_> = found.iter().filter(|(s, _, _)| s == "Merkel").collect();
        assert!(merkel.len() >= 2, "{found:?}");
        assert!(
            merkel
                .iter()
                .all(|(_, k, c)| *k == EntityKind::Person && c == "Angela Merkel"),
            "{found:?}"
        );
    }

    #[test]
    fn family_names_keep_their_particles() {
        let text = "The debate included Workers Party nominee Marisol La Vega. La Vega blamed the banks. While La Vega and Hawkins attacked the war, the mayor left.";
        let found = mentions(text);
        let la_torre: Vec<_> = found.iter().filter(|(s, _, _)| s == "La Vega").collect();
        assert_eq!(la_torre.len(), 2, "{found:?}");
        assert!(
            la_torre
                .iter()
                .all(|(_, k, c)| *k == EntityKind::Person && c == "Marisol La Vega"),
            "{found:?}"
        );
    }

    #[test]
    fn acronyms_link_to_full_names() {
        let text = "The report by the International Atomic Energy Agency (IAEA) was published on Friday. An IAEA spokesman said the World Health Organization had seen it, and WHO officials agreed.";
        let found = mentions(text);
        let full = "International Atomic Energy Agency";
        assert_named(&found, full, EntityKind::Organization);
        assert!(
            has(&found, "IAEA", EntityKind::Organization, full),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "WHO",
                EntityKind::Organization,
                "World Health Organization"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn facilities_vehicles_products_and_species_are_not_organizations_or_people() {
        let kind_of = |found: &[(String, EntityKind, String)], name: &str| {
            found
                .iter()
                .filter(|(s, _, _)| s == name)
                .map(|(_, k, _)| *k)
                .collect::<Vec<_>>()
        };
        let text = "The crew trained at the Johnson Space Center in Houston before flying to the Kennedy Space Center. Analysts at the Center for Strategic and International Studies disagreed.";
        let found = mentions(text);
        assert!(
            kind_of(&found, "Johnson Space Center")
                .iter()
                .all(|k| *k == EntityKind::Place),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Center for Strategic and International Studies",
                EntityKind::Organization,
                "Center for Strategic and International Studies"
            ),
            "{found:?}"
        );
        let text = "She was held aboard the cruise ship Freewinds for years. Later the Freewinds sailed to Aruba, and Freewinds crew members spoke to reporters.";
        let found = mentions(text);
        assert!(kind_of(&found, "Freewinds").is_empty(), "{found:?}");
        let text = "Flag carrier Aeroflot ordered 22 jets, an aircraft Boeing still has under development. Aeroflot and Boeing signed in Moscow, and the aircraft carrier Vanguard Star sailed. The bridge was designed by the Swiss company Vollmar, and the yoga wear company Lindqvist opened a store. Vollmar said the work was done.";
        let found = mentions(text);
        for company in ["Aeroflot", "Boeing", "Vollmar", "Lindqvist"] {
            let kinds = kind_of(&found, company);
            assert!(
                !kinds.is_empty() && kinds.iter().all(|k| *k == EntityKind::Organization),
                "{company}: {found:?}"
            );
        }
        assert!(kind_of(&found, "Vanguard Star").is_empty(), "{found:?}");
        let text = "The gallery shows Polaroid prints. The Polaroids were donated in 2007, and Polaroid film is still sold.";
        let found = mentions(text);
        assert!(
            !kind_of(&found, "Polaroid").contains(&EntityKind::Person),
            "{found:?}"
        );
        let text = "The team used Formica fusca, an ant species. Colonies of Formica fusca were infected with Beauveria bassiana spores.";
        let found = mentions(text);
        assert!(kind_of(&found, "Formica").is_empty(), "{found:?}");
        assert!(kind_of(&found, "Beauveria").is_empty(), "{found:?}");
    }

    #[test]
    fn acronyms_defined_as_terms_operations_and_stances_are_not_organizations() {
        let text = "Ants that ingest reactive oxygen species (ROS) die sooner, the researchers said. The ROS level was measured, and ROS damage grew. The IAEA said the International Atomic Energy Agency (IAEA) agreed.";
        let found = mentions(text);
        assert!(
            found
                .iter()
                .all(|(s, k, _)| s != "ROS" || *k != EntityKind::Organization),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(s, k, _)| s == "IAEA" && *k == EntityKind::Organization),
            "{found:?}"
        );
        let text = "Protesters disrupted Operation Clambake, and the Pro-Beijing Democratic Party of Hong Kong won seats.";
        let found = mentions(text);
        assert!(
            found
                .iter()
                .all(|(s, _, _)| !s.starts_with("Pro-") && !s.contains("Clambake")),
            "{found:?}"
        );
    }

    #[test]
    fn an_organization_spans_the_words_its_acronym_spells() {
        let text = "The Organisation for Economic Co-operation and Development (OECD) cut its forecast, and People for the Ethical Treatment of Animals (PETA) protested. Member of Parliament (MP) Yvette Cooper spoke.";
        let found = mentions(text);
        for name in [
            "Organisation for Economic Co-operation and Development",
            "People for the Ethical Treatment of Animals",
        ] {
            assert_named(&found, name, EntityKind::Organization);
        }
        assert!(
            found
                .iter()
                .all(|(s, _, _)| s != "Member of Parliament" && s != "MP"),
            "{found:?}"
        );
    }

    #[test]
    fn a_stance_word_is_part_of_a_name_it_leaves_one_plain_word_of() {
        let text = "The Anti-Defamation League criticised the vote, and the Anti-Revolutionary Party merged with two others in 1980.";
        let found = mentions(text);
        for name in ["Anti-Defamation League", "Anti-Revolutionary Party"] {
            assert_named(&found, name, EntityKind::Organization);
        }
        assert!(found.iter().all(|(s, _, _)| s != "League"), "{found:?}");
    }

    #[test]
    fn states_and_provinces_of_other_countries_are_places() {
        let text = "Floods hit Khyber Pakhtunkhwa and Sindh, while farmers in Uttar Pradesh and Guangdong waited. Officials in Sindh said more rain was coming.";
        let found = mentions(text);
        for region in ["Khyber Pakhtunkhwa", "Sindh", "Uttar Pradesh", "Guangdong"] {
            assert_named(&found, region, EntityKind::Place);
        }
    }

    #[test]
    fn storms_are_neither_people_nor_places() {
        let text = "Typhoon Phanfone hit the Philippines on Christmas Day, and Phanfone damaged towns hit by Typhoon Haiyan. Hurricane Lorenzo weakened as Lorenzo moved north, said Maria Lopez of the National Hurricane Center.";
        let found = mentions(text);
        assert!(
            found
                .iter()
                .all(|(s, _, _)| !["Phanfone", "Haiyan", "Lorenzo"]
                    .iter()
                    .any(|n| s.contains(n))),
            "{found:?}"
        );
        assert_named(&found, "Maria Lopez", EntityKind::Person);
        let center = "National Hurricane Center";
        assert_named(&found, center, EntityKind::Organization);
    }

    #[test]
    fn a_name_the_article_defines_as_a_town_is_a_place() {
        let text = "Officials met in Kalanga on Monday. Kalanga is a town of 40,000 people near the coast, and Kalanga has a busy port. Mayor Ines Ruiz said the port would grow.";
        let found = mentions(text);
        assert_every_mention(&found, "Kalanga", 3, EntityKind::Place);
        assert_named(&found, "Ines Ruiz", EntityKind::Person);
    }

    #[test]
    fn a_name_the_article_defines_as_a_peninsula_or_a_region_is_a_place() {
        let text = "Elders of Mof-Kessavi met Dana Whitlow. Mof-Kessavi is a peninsula bordered by two rivers, and Mof-Kessavi has ten villages. Salundo is a region of hills, and Salundo exports rice.";
        let found = mentions(text);
        assert_every_mention(&found, "Mof-Kessavi", 3, EntityKind::Place);
        assert_every_mention(&found, "Salundo", 2, EntityKind::Place);
        assert_named(&found, "Dana Whitlow", EntityKind::Person);
    }

    #[test]
    fn a_definition_outweighs_a_name_taken_for_a_persons() {
        let text = "Progressive Kessala grew rich on sisal. Kessala is a city of contrasts, and Kessala has a busy market.";
        let found = mentions(text);
        assert_every_mention(&found, "Kessala", 2, EntityKind::Place);
    }

    #[test]
    fn someone_who_is_a_city_councillor_is_no_city() {
        let text = "Councillor Dana Whitlow spoke on Monday. Whitlow is a city councillor, and Whitlow wants a new library.";
        let found = mentions(text);
        assert_every_mention(&found, "Whitlow", 2, EntityKind::Person);
    }

    #[test]
    fn a_name_after_the_town_of_is_a_place() {
        let text = "Floods reached the town of Kessindo on Sunday. Kessindo lies on the river, and Kessindo has no shelter left. The stock capital of Brenner Holdings fell, said Ana Ruiz.";
        let found = mentions(text);
        assert_every_mention(&found, "Kessindo", 3, EntityKind::Place);
        assert_named(&found, "Brenner Holdings", EntityKind::Organization);
        assert_named(&found, "Ana Ruiz", EntityKind::Person);
    }

    #[test]
    fn currency_codes_are_amounts_not_places() {
        let text = "The United States economy grew, and GM lost US$4.8 billion there. Hong Kong investors paid HK$300 million, and trade with the US recovered.";
        let found = mentions(text);
        let places: Vec<&str> = found
            .iter()
            .filter(|(_, k, _)| *k == EntityKind::Place)
            .map(|(s, _, _)| s.as_str())
            .collect();
        assert!(places.contains(&"United States"), "{found:?}");
        assert!(places.contains(&"Hong Kong"), "{found:?}");
        assert!(!places.contains(&"HK"), "{found:?}");
        assert_eq!(
            places.iter().filter(|&&s| s == "US").count(),
            1,
            "{found:?}"
        );
    }

    #[test]
    fn towns_given_with_their_state_are_places() {
        let text = "The mill in Coleman, Florida, closed in May, and its workers moved to Gilchrist, Oregon. Senator Bob Dole, Texas Governor John Connally and Pierre Trudeau, Zambia's president, attended.";
        let found = mentions(text);
        let kind_of = |name: &str| -> Vec<EntityKind> {
            found
                .iter()
                .filter(|(s, _, _)| s == name)
                .map(|(_, k, _)| *k)
                .collect()
        };
        for town in ["Coleman", "Gilchrist"] {
            assert_eq!(kind_of(town), vec![EntityKind::Place], "{found:?}");
        }
        for person in ["Bob Dole", "Pierre Trudeau"] {
            assert_eq!(kind_of(person), vec![EntityKind::Person], "{found:?}");
        }
    }

    #[test]
    fn a_title_of_a_place_is_the_persons_name() {
        let text = "The Duke and Duchess of Cambridge visited the Prince of Wales in London. The Duchess of Sussex and the Duke of York also attended.";
        let found = mentions(text);
        assert_named(&found, "Duchess of Cambridge", EntityKind::Person);
        assert!(
            found.iter().all(|(s, _, _)| !s.starts_with("of ")),
            "{found:?}"
        );
    }

    #[test]
    fn a_team_named_after_its_town_is_an_organization() {
        let text = "The Chicago Bulls beat the Dallas Mavericks in Chicago on Friday, while fans of the Denver Broncos flew home to Colorado Springs and Idaho Falls.";
        let found = mentions(text);
        for team in ["Chicago Bulls", "Dallas Mavericks", "Denver Broncos"] {
            assert_named(&found, team, EntityKind::Organization);
        }
        for place in ["Chicago", "Colorado Springs", "Idaho Falls"] {
            assert_named(&found, place, EntityKind::Place);
        }
    }

    #[test]
    fn organizations_keep_inner_function_words() {
        let text = "Analysts at the Institute for Fiscal Studies and the Bank of England disagreed with the Institute for the Study of War.";
        let found = mentions(text);
        let isw = "Institute for the Study of War";
        assert!(has(&found, isw, EntityKind::Organization, isw), "{found:?}");
        assert!(
            has(
                &found,
                "Institute for Fiscal Studies",
                EntityKind::Organization,
                "Institute for Fiscal Studies"
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Bank of England",
                EntityKind::Organization,
                "Bank of England"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn time_zones_and_shouted_words_are_not_names() {
        let text = "TRIAL: Jana Kovar testified at 14:00 UTC, the Orbital Agency said, and left at 18:00 BST.";
        let found = mentions(text);
        assert!(
            found
                .iter()
                .all(|(s, _, _)| !matches!(s.as_str(), "UTC" | "BST" | "TRIAL")),
            "{found:?}"
        );
        assert_named(&found, "Jana Kovar", EntityKind::Person);
    }

    #[test]
    fn organizations_keep_hyphenated_words_and_lose_titles_after_them() {
        let text = "A report by the Organisation for Economic Co-operation found that growth slowed. NASA Administrator Lena Brandt agreed.";
        let found = mentions(text);
        assert!(
            found
                .iter()
                .all(|(s, _, _)| !s.ends_with("Co") && s != "NASA Administrator"),
            "{found:?}"
        );
        assert_named(&found, "Lena Brandt", EntityKind::Person);
    }

    #[test]
    fn a_place_before_a_name_does_not_swallow_the_person() {
        let text =
            "Senator from Vermont Mara Quill said the bill would pass. Quill spoke after the vote.";
        let found = mentions(text);
        assert_named(&found, "Mara Quill", EntityKind::Person);
        assert!(
            has(&found, "Quill", EntityKind::Person, "Mara Quill"),
            "{found:?}"
        );
        assert_named(&found, "Vermont", EntityKind::Place);
    }

    #[test]
    fn entities_group_by_canonical_name() {
        let text = "Vladimir Putin spoke. Later Putin left, and PUTIN was trending.";
        let extraction = extractor().extract(text);
        let people: Vec<Entity> = extraction
            .entities(text)
            .into_iter()
            .filter(|e| e.kind == EntityKind::Person)
            .collect();
        assert_eq!(people.len(), 1, "{people:?}");
        assert_eq!(people[0].canonical, "Vladimir Putin");
        assert!(people[0].aliases.contains(&"Putin".to_string()));
        assert!(people[0].mentions >= 2);
    }

    #[test]
    fn jsonl_record_has_the_scorer_fields() {
        let text = "Victor Cha spoke.";
        let extraction = extractor().extract(text);
        let record = serde_json::to_value(to_jsonl_record("doc1", text, &extraction)).unwrap();
        assert_eq!(record["id"], "doc1");
        assert_eq!(record["entities"][0]["type"], "PERSON");
        assert_eq!(record["entities"][0]["text"], "Victor Cha");
        assert_eq!(record["entities"][0]["canonical"], "Victor Cha");
        assert!(record["quotes"].as_array().is_some_and(Vec::is_empty));
    }

    #[test]
    fn never_panics_and_spans_are_valid_slices() {
        let mut samples: Vec<String> = [
            "",
            " ",
            "'s",
            "-",
            "U.S.",
            "Mr.",
            "A.",
            "’s’",
            "--Kim-",
            "(CSIS)",
            "Dr. Dr. Dr.",
            "İstanbul İzmir ÇAĞLAR",
            "Ünal Öztürk’s café in Zürich",
            "A B C D E F G H I J K L",
            "Line one\r\nJohn Smith\r\n",
            "名前 Tanaka 東京",
            "e\u{301}mile Zola",
            "NATO (NATO) (",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Random texts over a mix of name-like words, punctuation and multi-byte characters.
        let pieces = [
            "Kim", "Jong", "-", "un", "'s", "’", "the", "of", "Center", "for", "Mr.", " ", "\n",
            "É", "ß", "🙂", "(", ")", "CSIS", "\"", ".", "Putin", "said", "al-", "d'", "van",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..200 {
            let mut s = String::new();
            for _ in 0..40 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push_str(pieces[(state % pieces.len() as u64) as usize]);
                if state.is_multiple_of(3) {
                    s.push(' ');
                }
            }
            samples.push(s);
        }
        for text in &samples {
            let extraction = extractor().extract(text);
            for m in &extraction.mentions {
                let surface = text
                    .get(m.start..m.end)
                    .expect("mention on char boundaries");
                assert!(!surface.trim().is_empty(), "{text:?}");
            }
            let _ = extraction.entities(text);
        }
    }

    #[test]
    fn loads_and_is_shareable() {
        // How fast the model loads is the bench's to measure (the
        // extraction row), not a timed test's.
        fn shareable<T: Send + Sync>() {}
        shareable::<Extractor>();
        let extraction = Extractor::new().extract("Ada Byron spoke in Paris.");
        assert!(!extraction.mentions.is_empty());
    }
}
