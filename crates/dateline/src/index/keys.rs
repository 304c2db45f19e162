//! Lookup keys for names, shared by the writer (which stores them) and the
//! search filters (which look them up), so both sides normalise alike.

use tantivy::tokenizer::{AsciiFoldingFilter, RawTokenizer, TextAnalyzer};

use crate::extract::{Entity, EntityKind};

/// Normalises a name for exact, case- and accent-insensitive lookup: lower
/// case, accents folded as in the indexed words (`Erdoğan` = `erdogan`),
/// single spaces, typographic apostrophes folded, a trailing possessive
/// removed.
pub fn normalize(name: &str) -> String {
    let folded = fold_accents(&name.replace(['\u{2019}', '\u{2018}'], "'").to_lowercase());
    let joined = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    joined
        .strip_suffix("'s")
        .map(str::to_string)
        .unwrap_or(joined)
}

/// The text with accented letters replaced by their ASCII forms, by the
/// filter the schema's tokenizers use, so keys fold exactly as words do.
fn fold_accents(text: &str) -> String {
    // Most names are ASCII already, and the filter leaves ASCII alone.
    if text.is_ascii() {
        return text.to_string();
    }
    let mut folding = TextAnalyzer::builder(RawTokenizer::default())
        .filter(AsciiFoldingFilter)
        .build();
    let mut folded = String::with_capacity(text.len());
    folding
        .token_stream(text)
        .process(&mut |token| folded.push_str(&token.text));
    folded
}

/// The key under which a person is found by surname alone: that of the
/// name's last word (`cha` for `Victor Cha`); `None` for a name of no words.
pub fn surname_key(name: &str) -> Option<String> {
    name.split_whitespace().last().map(normalize)
}

/// The keys of a person known only by name (a speaker the recognizer did
/// not list): the whole name and its surname.
pub fn person_name_keys(name: &str) -> Vec<String> {
    let mut keys = vec![normalize(name)];
    keys.extend(surname_key(name));
    keys.dedup();
    keys
}

/// Every key under which an entity can be found by a filter: its canonical
/// name, each alias the article used, and, for people, the surname alone.
pub fn entity_keys(entity: &Entity) -> Vec<String> {
    let mut keys: Vec<String> = std::iter::once(entity.canonical.as_str())
        .chain(entity.aliases.iter().map(String::as_str))
        .map(normalize)
        .collect();
    if entity.kind == EntityKind::Person {
        keys.extend(surname_key(&entity.canonical));
    }
    keys.sort();
    keys.dedup();
    keys.retain(|k| !k.is_empty());
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_space_and_possessive() {
        assert_eq!(normalize("  Vladimir   PUTIN’s "), "vladimir putin");
        assert_eq!(normalize("NATO"), "nato");
        assert_eq!(normalize("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
        assert_eq!(normalize("Zoë Ødegård"), "zoe odegard");
    }

    #[test]
    fn person_keys_include_aliases_and_surname() {
        let entity = Entity {
            kind: EntityKind::Person,
            canonical: "Victor Cha".into(),
            aliases: vec!["Victor Cha".into(), "Mr. Cha".into()],
            mentions: 3,
        };
        assert_eq!(entity_keys(&entity), vec!["cha", "mr. cha", "victor cha"]);
    }

    #[test]
    fn a_name_alone_gives_itself_and_its_surname() {
        assert_eq!(person_name_keys("Kim  Du-yeon"), ["kim du-yeon", "du-yeon"]);
        assert_eq!(person_name_keys("Cha’s"), ["cha"]);
        assert_eq!(surname_key(" "), None);
    }

    #[test]
    fn organization_keys_have_no_surname() {
        let entity = Entity {
            kind: EntityKind::Organization,
            canonical: "Center for Strategic and International Studies".into(),
            aliases: vec!["CSIS".into()],
            mentions: 2,
        };
        assert_eq!(
            entity_keys(&entity),
            vec!["center for strategic and international studies", "csis"]
        );
    }
}
