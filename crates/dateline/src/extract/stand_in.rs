//! A stand-in extractor for tests of the stages after extraction: it finds
//! exactly the names it is given, so those tests do not depend on the model.

use super::{EntityKind, Extract, Extraction, Mention};

/// Finds every occurrence of each of its names, with the given kind.
pub struct FixedNames {
    /// The names, each with its kind.
    pub names: Vec<(&'static str, EntityKind)>,
    /// What the index records as its extractor.
    pub fingerprint: &'static str,
}

impl FixedNames {
    /// A stand-in that finds these people.
    pub fn people(names: &[&'static str], fingerprint: &'static str) -> FixedNames {
        FixedNames {
            names: names
                .iter()
                .map(|&name| (name, EntityKind::Person))
                .collect(),
            fingerprint,
        }
    }
}

impl Extract for FixedNames {
    fn extract(&self, text: &str) -> Extraction {
        let mut mentions: Vec<Mention> = self
            .names
            .iter()
            .flat_map(|&(name, kind)| {
                text.match_indices(name).map(move |(start, _)| Mention {
                    start,
                    end: start + name.len(),
                    kind,
                    canonical: name.to_string(),
                })
            })
            .collect();
        mentions.sort_by_key(|mention| mention.start);
        Extraction {
            mentions,
            quotes: Vec::new(),
        }
    }

    fn fingerprint(&self) -> &str {
        self.fingerprint
    }
}
