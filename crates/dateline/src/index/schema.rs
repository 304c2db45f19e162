//! The index schema: every field name and option, defined once.
//!
//! Text meant for reading (`title`, `body`, `quote`) is indexed as English
//! stems with positions, so `troop` finds `troops` and phrases work; all
//! words and keys are lower-cased with accents folded (`erdogan` finds
//! `Erdoğan`), while stored text keeps them.
//! Names are stored twice: canonical names as raw, fast fields (`people`,
//! `organizations`, `places`) for exact display and facets, and tokenized
//! copies (`person`, `org`, `place`) so the query `person:putin` matches
//! `Vladimir Putin`. The `*_key` fields hold lower-cased canonical names,
//! aliases and surnames for the `--person` / `--org` filters. The outlet
//! (`source`) is stored and kept as a fast value as written, and indexed
//! like the names, so `source:wikinews` finds `Wikinews`.
//!
//! Each direct quotation is also a small document of its own (`kind` =
//! `quote`), so that quotes are ranked and counted as hits in their own
//! right. It is indexed right after its article, in the same segment (see
//! `search::join`), which is how it finds its article and its article's
//! quotations: it keeps no copy of the article's text, names or keys, only
//! its place in the article's text (`quote_span`), the words of the
//! quotation (`quote`, not stored), its speaker (`speaker`, `speaker_key`),
//! its article's date (for sorting and date ranges), title (for `title:`)
//! and file (for deleting).
//!
//! Copies of one story (syndicated, re-published) share a `story` key,
//! indexed and fast, so that search collapses them and facets count stories;
//! the `copy_band` keys of an article's MinHash signature are how a new copy
//! finds them (fast values: see `index::copies`).

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::store::Compressor;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
    TextAnalyzerBuilder, Tokenizer,
};
use tantivy::{Index, IndexSettings};

/// Name of the tokenizer of prose: lower case, accents folded, English stems.
const ENGLISH: &str = "dateline_prose";
/// Name of the tokenizer of names: lower case, accents folded, no stemming.
const NAMES: &str = "dateline_names";
/// Words longer than this are not indexed (tantivy's own default).
pub(crate) const LONGEST_WORD: usize = 40;

/// Registers the tokenizers the schema names on an index just opened or
/// created (tantivy keeps them in memory only). Both fold accents, so that
/// `erdogan` finds `Erdoğan`; stored text keeps them.
pub fn register_tokenizers(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(ENGLISH, prose_analyzer(SimpleTokenizer::default()));
    tokenizers.register(NAMES, folded(SimpleTokenizer::default()).build());
}

/// The words of `words` as every text field has them: long ones dropped,
/// lower case, accents folded.
fn folded<T: Tokenizer>(words: T) -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(words)
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
}

/// The analyzer of prose over the words `words` splits (a simple
/// tokenizer in the index; one that also leaves out words for snippets).
pub(crate) fn prose_analyzer<T: Tokenizer>(words: T) -> TextAnalyzer {
    folded(words).filter(super::stems::EnglishStems).build()
}
/// Name of tantivy's tokenizer that keeps a value whole, as written.
const RAW: &str = "raw";

/// Values of the `kind` field.
pub mod kinds {
    /// A news article.
    pub const ARTICLE: &str = "article";
    /// One direct quotation of an article.
    pub const QUOTE: &str = "quote";
}

/// Field names, for code that addresses fields by name (aggregations, fast fields).
pub mod names {
    /// What a document is: see [`super::kinds`].
    pub const KIND: &str = "kind";
    /// Stable article id.
    pub const ID: &str = "id";
    /// The source file's key: its archive folder's label and its path
    /// inside that folder (see `index::roots`).
    pub const PATH: &str = "path";
    /// 1-based line of the article's record in a JSON-lines feed; absent
    /// for the one article of a file.
    pub const LINE: &str = "line";
    /// Source file size in bytes, for the unchanged-file check.
    pub const FILE_SIZE: &str = "file_size";
    /// Source file modification time (ns since the epoch), for the unchanged-file check.
    pub const FILE_MODIFIED: &str = "file_modified";
    /// One version of a source file (path, size and time), so a re-read
    /// file's old documents go only once its new version is in whole.
    pub const FILE_VERSION: &str = "file_version";
    /// Canonical URL.
    pub const URL: &str = "url";
    /// Outlet or publisher.
    pub const SOURCE: &str = "source";
    /// Author(s).
    pub const BYLINE: &str = "byline";
    /// Headline.
    pub const TITLE: &str = "title";
    /// Article text, indexed only: an article's file is read again for its
    /// text (see `search::text`).
    pub const BODY: &str = "body";
    /// A stored copy of the article text, only on records of a JSON or
    /// JSON-lines file, which is too large to read again for one of them.
    pub const BODY_COPY: &str = "body_copy";
    /// xxh3 of the article text as indexed (stored), by which text read
    /// again from its file is known to be the same.
    pub const BODY_HASH: &str = "body_hash";
    /// Publication date (day precision).
    pub const DATE: &str = "date";
    /// Canonical person names, raw.
    pub const PEOPLE: &str = "people";
    /// Canonical organization names, raw.
    pub const ORGANIZATIONS: &str = "organizations";
    /// Canonical place names, raw.
    pub const PLACES: &str = "places";
    /// Person names, tokenized (query language: `person:putin`).
    pub const PERSON: &str = "person";
    /// Organization names, tokenized (query language: `org:nato`).
    pub const ORG: &str = "org";
    /// Place names, tokenized (query language: `place:moscow`).
    pub const PLACE: &str = "place";
    /// Lower-cased person names, aliases and surnames, for `--person`.
    pub const PERSON_KEY: &str = "person_key";
    /// Lower-cased organization names and aliases, for `--org`.
    pub const ORG_KEY: &str = "org_key";
    /// Lower-cased place names and aliases, for `--place`.
    pub const PLACE_KEY: &str = "place_key";
    /// Lower-cased outlet name, for `--source`.
    pub const SOURCE_KEY: &str = "source_key";
    /// Text of each direct quotation, tokenized.
    pub const QUOTE: &str = "quote";
    /// Where a quotation is in its article (on quotes, stored): the byte
    /// offsets of its start and end in the article's headline and body
    /// as the extractor read them (`index::document::extraction_text`).
    pub const QUOTE_SPAN: &str = "quote_span";
    /// How many quotations an article has (on articles, fast): its quote
    /// documents are the ones right after it (see `search::join`).
    pub const QUOTE_COUNT: &str = "quote_count";
    /// Canonical name of the speaker, raw: on quotes their speaker's, on
    /// articles those of every speaker quoted (for `--speaker` on a merged name).
    pub const SPEAKER: &str = "speaker";
    /// Lower-cased speaker name, aliases and surname, for `--speaker`: on
    /// quotes their speaker's, on articles those of every speaker quoted.
    pub const SPEAKER_KEY: &str = "speaker_key";
    /// The story an article is a copy of (on articles): a key shared by the
    /// copies of one story, syndicated or re-published (see `index::copies`).
    pub const STORY: &str = "story";
    /// The keys of the bands of an article's MinHash signature (on
    /// articles, fast), by which its copies find it.
    pub const COPY_BAND: &str = "copy_band";
}

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// See [`names::KIND`].
    pub kind: Field,
    /// See [`names::ID`].
    pub id: Field,
    /// See [`names::PATH`].
    pub path: Field,
    /// See [`names::LINE`].
    pub line: Field,
    /// See [`names::FILE_SIZE`].
    pub file_size: Field,
    /// See [`names::FILE_MODIFIED`].
    pub file_modified: Field,
    /// See [`names::FILE_VERSION`].
    pub file_version: Field,
    /// See [`names::URL`].
    pub url: Field,
    /// See [`names::SOURCE`].
    pub source: Field,
    /// See [`names::BYLINE`].
    pub byline: Field,
    /// See [`names::TITLE`].
    pub title: Field,
    /// See [`names::BODY`].
    pub body: Field,
    /// See [`names::BODY_COPY`].
    pub body_copy: Field,
    /// See [`names::BODY_HASH`].
    pub body_hash: Field,
    /// See [`names::DATE`].
    pub date: Field,
    /// See [`names::PEOPLE`].
    pub people: Field,
    /// See [`names::ORGANIZATIONS`].
    pub organizations: Field,
    /// See [`names::PLACES`].
    pub places: Field,
    /// See [`names::PERSON`].
    pub person: Field,
    /// See [`names::ORG`].
    pub org: Field,
    /// See [`names::PLACE`].
    pub place: Field,
    /// See [`names::PERSON_KEY`].
    pub person_key: Field,
    /// See [`names::ORG_KEY`].
    pub org_key: Field,
    /// See [`names::PLACE_KEY`].
    pub place_key: Field,
    /// See [`names::SOURCE_KEY`].
    pub source_key: Field,
    /// See [`names::QUOTE`].
    pub quote: Field,
    /// See [`names::QUOTE_SPAN`].
    pub quote_span: Field,
    /// See [`names::QUOTE_COUNT`].
    pub quote_count: Field,
    /// See [`names::SPEAKER`].
    pub speaker: Field,
    /// See [`names::SPEAKER_KEY`].
    pub speaker_key: Field,
    /// See [`names::STORY`].
    pub story: Field,
    /// See [`names::COPY_BAND`].
    pub copy_band: Field,
}

/// Builds the schema and the handles to its fields.
pub fn build() -> (Schema, Fields) {
    use names::*;
    let mut builder = Schema::builder();
    let english = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ENGLISH)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let prose = english.clone().set_stored();
    let name_text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(NAMES)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    // Values looked up whole and never ranked by (what a document is, its
    // ids, its file): no field norms, which cost a byte per document each.
    let identifier = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(RAW)
            .set_fieldnorms(false)
            .set_index_option(IndexRecordOption::Basic),
    );
    // Names and keys are looked up whole and filter without scoring (see
    // `search::query`): no field norms either.
    let key = unnormed(STRING);
    let raw_stored_fast = unnormed(STRING | STORED | FAST);
    let name_stored_fast = name_text.clone().set_stored().set_fast(RAW);
    let file_number = NumericOptions::default().set_stored().set_fast();
    let date = DateOptions::default()
        .set_indexed()
        .set_stored()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);

    let fields = Fields {
        kind: builder.add_text_field(KIND, identifier.clone().set_fast(RAW)),
        id: builder.add_text_field(ID, identifier.clone().set_stored()),
        path: builder.add_text_field(PATH, identifier.clone().set_stored().set_fast(RAW)),
        line: builder.add_u64_field(LINE, STORED),
        file_size: builder.add_u64_field(FILE_SIZE, file_number.clone()),
        file_modified: builder.add_i64_field(FILE_MODIFIED, file_number),
        file_version: builder.add_text_field(FILE_VERSION, identifier.clone()),
        url: builder.add_text_field(URL, identifier.set_stored()),
        source: builder.add_text_field(SOURCE, name_stored_fast),
        byline: builder.add_text_field(BYLINE, STORED),
        title: builder.add_text_field(TITLE, prose),
        body: builder.add_text_field(BODY, english.clone()),
        body_copy: builder.add_text_field(BODY_COPY, STORED),
        body_hash: builder.add_u64_field(BODY_HASH, STORED),
        date: builder.add_date_field(DATE, date),
        people: builder.add_text_field(PEOPLE, raw_stored_fast.clone()),
        organizations: builder.add_text_field(ORGANIZATIONS, raw_stored_fast.clone()),
        places: builder.add_text_field(PLACES, raw_stored_fast.clone()),
        person: builder.add_text_field(PERSON, name_text.clone()),
        org: builder.add_text_field(ORG, name_text.clone()),
        place: builder.add_text_field(PLACE, name_text),
        person_key: builder.add_text_field(PERSON_KEY, key.clone()),
        org_key: builder.add_text_field(ORG_KEY, key.clone()),
        place_key: builder.add_text_field(PLACE_KEY, key.clone()),
        source_key: builder.add_text_field(SOURCE_KEY, key.clone()),
        quote: builder.add_text_field(QUOTE, english),
        quote_span: builder.add_u64_field(QUOTE_SPAN, STORED),
        quote_count: builder.add_u64_field(QUOTE_COUNT, FAST),
        speaker: builder.add_text_field(SPEAKER, raw_stored_fast.clone()),
        speaker_key: builder.add_text_field(SPEAKER_KEY, key.clone()),
        story: builder.add_u64_field(STORY, NumericOptions::default().set_indexed().set_fast()),
        copy_band: builder.add_u64_field(COPY_BAND, NumericOptions::default().set_fast()),
    };
    (builder.build(), fields)
}

/// `options` without field norms, which cost a byte per document and field
/// and serve only to rank.
fn unnormed(options: TextOptions) -> TextOptions {
    let indexing = options
        .get_indexing_options()
        .cloned()
        .map(|indexing| indexing.set_fieldnorms(false));
    match indexing {
        Some(indexing) => options.set_indexing_options(indexing),
        None => options,
    }
}

/// Marks the indexes this build writes, as each commit's payload. It changes
/// when the files' encoding or the meaning of a field changes (version 2:
/// fast-field dictionaries no longer zstd-compressed; version 3: `source`
/// matched in any case; version 4: place, source and speaker keys on
/// articles; version 5: accents folded in words and keys; version 6: the
/// `line` of a feed's record; version 7: files keyed and articles identified
/// by their place inside their archive folder; version 8: quotes carry their
/// article's raw names and articles their speakers' raw names, which the
/// filters on a merged name look up; version 9: stories and copy bands;
/// version 10: quotations keep their place in their article instead of a
/// copy of its text, names and keys, identifiers have no field norms and
/// band keys are 32 bits; version 11: an article's body is read again from
/// its file instead of stored, but for records of JSON files; version 12:
/// raw names and keys have no field norms), so
/// an older index gets a clear "rebuild it" instead of a read error or missed
/// matches in the middle of a query.
pub const FORMAT: &str = "dateline index format 12";

/// Stored-document settings: lz4 on 16 KB blocks. Every hit shown
/// decompresses its block, and tantivy decompresses a zstd block with a new
/// zstd context each time, which cost more than the decompression itself:
/// at 20,000 articles a phrase query's p50 went from 0.80 ms (zstd level 6,
/// 32 KB) to 0.47 ms, for a store half again as large (19.5 against 12.9 MB,
/// the index 80.2 against 73.6 MB; see `docs/benchmarks.md`). An index keeps
/// the settings it was created with.
pub fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Lz4,
        docstore_blocksize: 16 * 1024,
        ..IndexSettings::default()
    }
}

/// Whether an existing index was written with this schema (same fields and options).
pub fn matches(existing: &Schema) -> bool {
    let (current, _) = build();
    serde_json::to_value(existing).ok() == serde_json::to_value(&current).ok()
}
