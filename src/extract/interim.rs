//! Interim recognizer (capitalised runs) until the trained model lands.

use super::Entity;
use super::{EntityKind, Extraction, Mention};

/// Finds entities and quotes in article text.
#[derive(Debug, Default)]
pub struct Extractor;

impl Extractor {
    /// Loads the recognizer.
    pub fn new() -> Extractor {
        Extractor
    }

    /// Extracts mentions from `text`.
    pub fn extract(&self, text: &str) -> Extraction {
        let mut mentions = Vec::new();
        let mut start = None;
        let mut last_end = 0;
        for (i, word) in text
            .split_inclusive(|c: char| c.is_whitespace())
            .scan(0, |pos, w| {
                let s = *pos;
                *pos += w.len();
                Some((s, w))
            })
        {
            let trimmed = word.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '-');
            let cap = trimmed.chars().next().is_some_and(char::is_uppercase) && trimmed.len() > 1;
            if cap {
                start.get_or_insert(i);
                last_end = i + trimmed.len();
                if trimmed.len() == word.trim_end().len() {
                    continue;
                }
            }
            if let Some(s) = start.take() {
                let surface: &str = &text[s..last_end];
                let kind = if surface.chars().all(|c| c.is_uppercase()) {
                    EntityKind::Organization
                } else if surface.contains(' ') {
                    EntityKind::Person
                } else {
                    EntityKind::Place
                };
                mentions.push(Mention {
                    start: s,
                    end: last_end,
                    kind,
                    canonical: surface.to_string(),
                });
            }
        }
        Extraction {
            mentions,
            quotes: Vec::new(),
        }
    }
}

impl Extraction {
    /// Distinct entities.
    pub fn entities(&self, text: &str) -> Vec<Entity> {
        let mut out: Vec<Entity> = Vec::new();
        for m in &self.mentions {
            if let Some(e) = out
                .iter_mut()
                .find(|e| e.kind == m.kind && e.canonical == m.canonical)
            {
                e.mentions += 1;
            } else {
                out.push(Entity {
                    kind: m.kind,
                    canonical: m.canonical.clone(),
                    aliases: vec![text[m.start..m.end].to_string()],
                    mentions: 1,
                });
            }
        }
        out
    }
}
