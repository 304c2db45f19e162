//! The seed article's six quotations, with the gold entities as mentions.
//! Reads `../shared/data/seed/*.gold.jsonl` (see `common::shared_data`).

use crate::common::shared_data;
use dateline::extract::find_quotes;
use dateline::gold;

#[test]
#[cfg_attr(
    shared_data_absent,
    ignore = "needs ../shared/data beside the checkout"
)]
fn seed_quotes_and_speakers() {
    let path = shared_data().join("seed/000_38be661aca5eacde.gold.jsonl");
    let (_, doc) = gold::read(&path).unwrap().remove(0);
    let text = &doc.text;
    let found = find_quotes(text, &doc.mentions());
    let gold = doc.quotes.as_deref().unwrap();
    assert_eq!(found.len(), gold.len(), "{found:?}");
    for (q, g) in found.iter().zip(gold) {
        assert_eq!((q.start, q.end), (g.start, g.end));
        assert_eq!(
            q.speaker.as_deref(),
            g.speaker.as_deref(),
            "{}",
            &text[q.start..q.end]
        );
    }
    let speakers: Vec<Option<&str>> = found.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(
        speakers,
        [
            Some("Victor Cha"),
            Some("Victor Cha"),
            None,
            Some("Kim Du-yeon"),
            Some("Sydney Seiler"),
            Some("Victor Cha"),
        ]
    );
}
