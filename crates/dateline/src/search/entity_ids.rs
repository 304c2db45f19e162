//! The entities each article names, as numbers: built once from the
//! segments' raw name columns and the name table, so that counting the
//! entities of a search is one pass over its matches, each adding one to
//! the count of every entity it names (once, however many of its spellings
//! it writes), with no string looked up and no count taken again.
//!
//! The lists depend only on the segments and the name table, so they are
//! built for a set of segments and a table, and kept by the searcher until
//! either changes (see [`EntityIdsCache`]): a `dateline serve` builds them
//! once per commit, a single command once.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use tantivy::columnar::{Column, ColumnIndex};
use tantivy::index::SegmentId;
use tantivy::{DocId, Searcher, SegmentReader};
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use super::last_built::{segment_ids, LastBuilt};
use crate::extract::EntityKind;
use crate::index::schema::names;
use crate::names::NameTable;

/// The entity id of a name counted under no entity (hidden by the user).
pub(crate) const HIDDEN: u32 = u32::MAX;

/// The raw name fields.
const NAME_FIELDS: [(EntityKind, &str); 3] = [
    (EntityKind::Person, names::PEOPLE),
    (EntityKind::Organization, names::ORGANIZATIONS),
    (EntityKind::Place, names::PLACES),
];

/// The entities named by each article of one segment, numbered within the
/// segment ("slots"), so that counting them takes one array the size of
/// the segment's entities and one pass over each match's list.
pub(crate) struct SegmentIds {
    /// Where each document's slots start in `slots` (and the next one's,
    /// where they end): `offsets[doc]..offsets[doc + 1]`.
    pub offsets: Vec<u32>,
    /// The slots of the entities each article names, each once; none for
    /// quotations, which carry their article's names but are never counted.
    pub slots: Vec<u32>,
    /// The entity id of each slot.
    pub ids: Vec<u32>,
    /// Where the documents a count samples end (see
    /// [`super::entity_count`]): the first of every [`SAMPLED_SHARE`].
    pub sample_end: DocId,
    /// The articles of each slot among the documents from `sample_end` on.
    pub after_sample: Vec<u32>,
}

/// One in this many of a segment's documents, from its first, are the
/// sample a count of its matches' entities starts with.
const SAMPLED_SHARE: usize = 8;

impl SegmentIds {
    /// The lists of a segment from each document's slots (`offsets` and
    /// `slots`, one document after another) and each slot's entity id.
    pub fn new(offsets: Vec<u32>, slots: Vec<u32>, ids: Vec<u32>) -> SegmentIds {
        let docs = offsets.len().saturating_sub(1);
        let sample_end = docs / SAMPLED_SHARE;
        let mut after_sample = vec![0; ids.len()];
        let from = offsets.get(sample_end).copied().unwrap_or_default() as usize;
        for &slot in &slots[from..] {
            after_sample[slot as usize] += 1;
        }
        SegmentIds {
            offsets,
            slots,
            ids,
            sample_end: DocId::try_from(sample_end)
                .expect("a segment has fewer than 2^32 documents"),
            after_sample,
        }
    }

    /// The slots of the entities document `doc` names.
    pub fn of(&self, doc: DocId) -> &[u32] {
        let start = self.offsets[doc as usize] as usize;
        let end = self.offsets[doc as usize + 1] as usize;
        &self.slots[start..end]
    }

    /// Reads the names of every article of `segment` and the entity of each
    /// (from `ids`, which gives new names ids as it meets them).
    fn build(segment: &SegmentReader, ids: &mut Builder) -> tantivy::Result<SegmentIds> {
        let fast = segment.fast_fields();
        // The slot of each entity id met in this segment, by id.
        let mut slot_of_id: Vec<u32> = Vec::new();
        let mut ids_of_slots = Vec::new();
        let mut columns = Vec::new();
        for (field, (kind, name)) in NAME_FIELDS.iter().enumerate() {
            let Some(column) = fast.str(name)? else {
                continue;
            };
            let mut slots = Vec::with_capacity(column.num_terms());
            let mut terms = column.dictionary().stream()?;
            while terms.advance() {
                let id = ids.id(field, *kind, &String::from_utf8_lossy(terms.key()));
                if id == HIDDEN {
                    slots.push(HIDDEN);
                    continue;
                }
                if slot_of_id.len() <= id as usize {
                    slot_of_id.resize(id as usize + 1, HIDDEN);
                }
                if slot_of_id[id as usize] == HIDDEN {
                    slot_of_id[id as usize] =
                        u32::try_from(ids_of_slots.len()).expect("fewer than 2^32 names");
                    ids_of_slots.push(id);
                }
                slots.push(slot_of_id[id as usize]);
            }
            columns.push((column.ords().clone(), slots));
        }
        let stories = fast.u64(names::STORY)?;
        let mut articles = article_docs(&stories, segment.max_doc()).peekable();
        let mut offsets = Vec::with_capacity(segment.max_doc() as usize + 1);
        let mut doc_slots = Vec::new();
        let mut doc_ords = Vec::new();
        offsets.push(0);
        for doc in 0..segment.max_doc() {
            if articles.next_if_eq(&doc).is_some() {
                let start = doc_slots.len();
                for (ords, slots) in &columns {
                    // An article's names are one run of the column's values,
                    // read in one call rather than one call per value.
                    let rows = ords.index.value_row_ids(doc);
                    doc_ords.resize(rows.len(), 0);
                    ords.values.get_range(u64::from(rows.start), &mut doc_ords);
                    doc_slots.extend(
                        doc_ords
                            .iter()
                            .map(|&ord| slots[ord as usize])
                            .filter(|&slot| slot != HIDDEN),
                    );
                }
                // An article naming an entity by two spellings counts once.
                doc_slots[start..].sort_unstable();
                let unique = dedup_in_place(&mut doc_slots[start..]);
                doc_slots.truncate(start + unique);
            }
            offsets
                .push(u32::try_from(doc_slots.len()).expect("fewer than 2^32 names in a segment"));
        }
        Ok(SegmentIds::new(offsets, doc_slots, ids_of_slots))
    }
}

/// The articles of a segment whose stories are `stories`, in order:
/// quotations have no story.
pub(crate) fn article_docs(
    stories: &Column<u64>,
    max_doc: DocId,
) -> Box<dyn Iterator<Item = DocId> + '_> {
    match &stories.index {
        ColumnIndex::Optional(index) => Box::new(index.iter_non_null_docs()),
        _ => Box::new((0..max_doc).filter(|&doc| stories.first(doc).is_some())),
    }
}

/// Moves the distinct values of the sorted `values` to its front and
/// returns how many there are.
fn dedup_in_place(values: &mut [u32]) -> usize {
    let mut unique = 0;
    for at in 0..values.len() {
        if unique == 0 || values[at] != values[unique - 1] {
            values[unique] = values[at];
            unique += 1;
        }
    }
    unique
}

/// Every entity the index's names are counted under: an id for each
/// kind and name shown, and the id of every raw name of every segment.
pub(crate) struct EntityIds {
    /// The table the ids were built with (kept, so that its address is
    /// not reused while the ids are cached under it).
    table: Arc<NameTable>,
    /// The segments the ids were built for.
    segments: BTreeSet<SegmentId>,
    /// The kind and name of each entity id.
    entities: Vec<(EntityKind, Box<str>)>,
    /// The ids of each segment's names.
    by_segment: HashMap<SegmentId, Arc<SegmentIds>>,
}

impl EntityIds {
    /// Reads every segment's names and gives each the id of the entity
    /// `table` shows it as.
    fn build(searcher: &Searcher, table: Arc<NameTable>) -> tantivy::Result<EntityIds> {
        let mut ids = Builder {
            table: &table,
            entities: Vec::new(),
            by_shown: HashMap::new(),
            by_raw: Default::default(),
        };
        let mut by_segment = HashMap::new();
        for segment in searcher.segment_readers() {
            let segment_ids = SegmentIds::build(segment, &mut ids)?;
            by_segment.insert(segment.segment_id(), Arc::new(segment_ids));
        }
        Ok(EntityIds {
            segments: segment_ids(searcher),
            entities: ids.entities,
            by_segment,
            table,
        })
    }

    /// Whether the ids are those of `searcher`'s segments and `table`.
    fn is_for(&self, searcher: &Searcher, table: &Arc<NameTable>) -> bool {
        Arc::ptr_eq(&self.table, table) && self.segments == segment_ids(searcher)
    }

    /// Number of entity ids.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// The kind and name of entity `id`.
    pub fn entity(&self, id: u32) -> (EntityKind, &str) {
        let (kind, name) = &self.entities[id as usize];
        (*kind, name)
    }

    /// The ids of a segment's names (none for a segment it was not built for).
    pub fn segment(&self, segment: SegmentId) -> Option<Arc<SegmentIds>> {
        self.by_segment.get(&segment).cloned()
    }
}

/// The ids given so far while [`EntityIds::build`] reads the dictionaries.
struct Builder<'a> {
    table: &'a NameTable,
    entities: Vec<(EntityKind, Box<str>)>,
    /// The id of each kind and name shown.
    by_shown: HashMap<(EntityKind, Box<str>), u32>,
    /// The id of each raw name already seen, per field: segments share
    /// most of their names, which are then looked up once.
    by_raw: [HashMap<Box<str>, u32, Xxh3DefaultBuilder>; 3],
}

impl Builder<'_> {
    /// The id of the raw name `spelling` of `field` (of `kind`).
    fn id(&mut self, field: usize, kind: EntityKind, spelling: &str) -> u32 {
        if let Some(&id) = self.by_raw[field].get(spelling) {
            return id;
        }
        let id = match self.table.shown(kind, spelling) {
            None => HIDDEN,
            Some((kind, name)) => {
                let key = (kind, Box::<str>::from(name));
                let next = u32::try_from(self.entities.len()).expect("fewer than 2^32 names");
                let id = *self.by_shown.entry(key).or_insert(next);
                if id == next {
                    self.entities.push((kind, name.into()));
                }
                id
            }
        };
        self.by_raw[field].insert(spelling.into(), id);
        id
    }
}

/// The entity ids of the last segments and name table asked for.
#[derive(Default)]
pub(crate) struct EntityIdsCache(LastBuilt<EntityIds>);

impl EntityIdsCache {
    /// The ids of `searcher`'s segments under `table`: those kept if they
    /// are for both, else built.
    pub fn get(
        &self,
        searcher: &Searcher,
        table: &Arc<NameTable>,
    ) -> tantivy::Result<Arc<EntityIds>> {
        self.0.get(
            |ids| ids.is_for(searcher, table),
            || EntityIds::build(searcher, Arc::clone(table)),
        )
    }
}
