//! The query language: the text a user types, turned into a tantivy query.
//!
//! tantivy's grammar parses the text (its lenient parser, which tells where
//! an error is); each part is then turned into a query here rather than by
//! tantivy's `QueryParser` as a whole, so that a word ending in `*` is a
//! prefix and one ending in `~N` a fuzzy word (tantivy would search for the
//! word with the mark stripped), and `field:*` works on the name fields. The
//! grammar and the conversion recurse once per group, so text nested too
//! deep (or too long) is refused before it is parsed.

use tantivy::query::{
    BooleanQuery, BoostQuery, EmptyQuery, ExistsQuery, Occur, Query, QueryParser, QueryParserError,
};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, FieldType};

use super::SearchError;
use crate::index::schema::names;
use crate::index::ArchiveIndex;

/// Longest query, in characters: longer text is no longer a query someone
/// typed, and its cost grows with every word.
pub const MAX_QUERY_CHARS: usize = 10_000;

/// Deepest nesting of groups (parentheses, and `NOT`s in a row): the parser
/// recurses once per level, and a few thousand levels overflow the stack.
pub const MAX_NESTING: usize = 32;

/// Most edits a fuzzy word allows (`word~2`; tantivy's automata stop there),
/// and what `word~` alone allows.
const MAX_FUZZY_EDITS: u8 = 2;

/// Largest boost (`word^3`): far more than any ranking needs, and far from
/// the scores a float cannot hold.
const MAX_BOOST: f32 = 1000.0;

/// How much more a match in the headline weighs than one in the body.
const TITLE_BOOST: f32 = 2.0;

/// Fields the query language knows, for error messages.
pub const QUERY_FIELDS: &str = "title, body, quote, person, org, place, source";

/// Fields that answer `field:*` (has any value), with the fast field that
/// holds their values.
const ANY_VALUE_FIELDS: [(&str, &str); 4] = [
    (names::SOURCE, names::SOURCE),
    (names::PERSON, names::PEOPLE),
    (names::ORG, names::ORGANIZATIONS),
    (names::PLACE, names::PLACES),
];

/// Longest query quoted whole in an error message, in characters.
const EXCERPT_CHARS: usize = 80;

/// Parses `text`, whose words without a field are looked for in `default_fields`.
pub fn parse(
    archive: &ArchiveIndex,
    text: &str,
    default_fields: Vec<Field>,
) -> Result<Box<dyn Query>, SearchError> {
    let invalid = |position: Option<usize>, reason: String| SearchError::InvalidQuery {
        query: text.to_string(),
        position,
        reason,
    };
    check_size(text).map_err(|(position, reason)| invalid(Some(position), reason))?;
    let (ast, errors) = tantivy::query_grammar::parse_query_lenient(text);
    if let Some(error) = errors.first() {
        return Err(invalid(Some(error.pos), rephrase(&error.message)));
    }
    if only_excludes(&ast) {
        return Err(invalid(
            None,
            "a query cannot only exclude terms; add a term to look for".to_string(),
        ));
    }
    let parts = Parts::new(archive, text, default_fields);
    Ok(parts.convert(ast)?.unwrap_or_else(|| Box::new(EmptyQuery)))
}

/// `clauses` with each union inside a union spliced in: `a OR b` over two
/// fields is one union of four words rather than a union of two unions of
/// two, which tantivy walks faster (a third less time for `according OR
/// obama` over the 100k bench archive). Same matches (a union of `Should`
/// clauses alone needs one of them), and scores are sums either way.
fn flattened(clauses: Vec<(Occur, Box<dyn Query>)>) -> Vec<(Occur, Box<dyn Query>)> {
    let is_union = |clauses: &[(Occur, Box<dyn Query>)]| {
        clauses.iter().all(|(occur, _)| *occur == Occur::Should)
    };
    if !is_union(&clauses) {
        return clauses;
    }
    let mut flat = Vec::with_capacity(clauses.len());
    for (occur, query) in clauses {
        match query.downcast_ref::<BooleanQuery>() {
            Some(inner) if is_union(inner.clauses()) => {
                flat.extend(inner.clauses().iter().map(|(o, q)| (*o, q.box_clone())));
            }
            _ => flat.push((occur, query)),
        }
    }
    flat
}

/// Refuses text too long, or nested too deep, for the parser: the byte
/// position of the problem and what it is.
fn check_size(text: &str) -> Result<(), (usize, String)> {
    if let Some((position, _)) = text.char_indices().nth(MAX_QUERY_CHARS) {
        return Err((
            position,
            format!("the query is longer than {MAX_QUERY_CHARS} characters"),
        ));
    }
    let (mut parens, mut nots) = (0usize, 0usize);
    for (position, token) in tokens(text) {
        match token {
            "(" => parens += 1,
            ")" => parens = parens.saturating_sub(1),
            "NOT" => nots += 1,
            _ => nots = 0,
        }
        if parens + nots > MAX_NESTING {
            return Err((
                position,
                format!("groups are nested deeper than {MAX_NESTING} levels (parentheses, NOTs in a row)"),
            ));
        }
    }
    Ok(())
}

/// The parentheses, quoted phrases and words of `text`, with their byte
/// positions: just enough lexing to measure nesting and find operators.
fn tokens(text: &str) -> Vec<(usize, &str)> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        if c == '"' {
            // A phrase runs to the next unescaped quote, or to the end.
            while let Some((i, c)) = chars.next() {
                end = i + c.len_utf8();
                match c {
                    '\\' => end = chars.next().map_or(end, |(i, c)| i + c.len_utf8()),
                    '"' => break,
                    _ => {}
                }
            }
        } else if c != '(' && c != ')' {
            let mut escaped = c == '\\';
            while let Some(&(i, c)) = chars.peek() {
                if !escaped && (c.is_whitespace() || c == '(' || c == ')' || c == '"') {
                    break;
                }
                escaped = !escaped && c == '\\';
                end = i + c.len_utf8();
                chars.next();
            }
        }
        tokens.push((start, &text[start..end]));
    }
    tokens
}

/// Whether every clause of the query excludes (`-a NOT b`): such a query
/// would match nothing, since only what is looked for is ever found.
fn only_excludes(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Leaf(_) => false,
        UserInputAst::Boost(inner, _) => only_excludes(inner),
        UserInputAst::Clause(clauses) => {
            !clauses.is_empty()
                && clauses
                    .iter()
                    .all(|(occur, ast)| *occur == Some(Occur::MustNot) || only_excludes(ast))
        }
    }
}

/// Turns the parsed parts of one query into tantivy queries.
struct Parts<'a> {
    archive: &'a ArchiveIndex,
    text: &'a str,
    default_fields: Vec<Field>,
    plain: QueryParser,
}

impl<'a> Parts<'a> {
    fn new(archive: &'a ArchiveIndex, text: &'a str, default_fields: Vec<Field>) -> Parts<'a> {
        let plain = parser(archive, default_fields.clone());
        Parts {
            archive,
            text,
            default_fields,
            plain,
        }
    }

    /// The query for a part; `None` when it has nothing to look for (a
    /// word of punctuation only), so that it is left out rather than
    /// matching nothing.
    fn convert(&self, ast: UserInputAst) -> Result<Option<Box<dyn Query>>, SearchError> {
        match ast {
            UserInputAst::Clause(clauses) => {
                let mut queries = Vec::with_capacity(clauses.len());
                for (occur, ast) in clauses {
                    if let Some(query) = self.convert(ast)? {
                        queries.push((occur.unwrap_or(Occur::Must), query));
                    }
                }
                Ok(match queries.len() {
                    0 => None,
                    1 if queries[0].0 != Occur::MustNot => queries.pop().map(|(_, query)| query),
                    _ => Some(Box::new(BooleanQuery::new(flattened(queries)))),
                })
            }
            UserInputAst::Boost(ast, boost) => {
                let boost = boost.into_inner() as f32;
                if boost > MAX_BOOST {
                    return Err(self.invalid(None, format!("a boost (^) is at most {MAX_BOOST}")));
                }
                Ok(self
                    .convert(*ast)?
                    .map(|query| Box::new(BoostQuery::new(query, boost)) as Box<dyn Query>))
            }
            UserInputAst::Leaf(leaf) => match *leaf {
                UserInputLeaf::Literal(literal) => self.literal(literal),
                UserInputLeaf::Exists { field } => self.any_value(&field).map(Some),
                leaf => self.with(&self.plain, leaf),
            },
        }
    }

    /// A word or phrase: plain, a prefix (`harb*`, `"big bad wo"*`) or fuzzy (`harbr~1`).
    fn literal(&self, literal: UserInputLiteral) -> Result<Option<Box<dyn Query>>, SearchError> {
        if literal.delimiter != Delimiter::None {
            if literal.prefix {
                return self.prefix(literal);
            }
            return self.with(&self.plain, UserInputLeaf::Literal(literal));
        }
        let word = literal.phrase.as_str();
        if word == "AND" || word == "OR" {
            return Err(self.invalid(
                operator_position(self.text, word),
                format!("{word} needs a term on each side (to look for the word itself, quote it: \"{word}\")"),
            ));
        }
        let stem = word.trim_end_matches('*');
        if stem.contains('*') || stem.is_empty() {
            return Err(self.invalid(
                None,
                format!("{}: a * stands at the end of a word, for words that begin so (harb* finds harbor, harbors)", excerpt(word)),
            ));
        }
        if stem.len() < word.len() {
            let phrase = stem.to_string();
            return self.prefix(UserInputLiteral { phrase, ..literal });
        }
        match fuzzy_word(word) {
            Some(Ok((word, edits))) => {
                let phrase = word.to_string();
                let leaf = UserInputLeaf::Literal(UserInputLiteral { phrase, ..literal });
                self.with(&self.fuzzy_parser(edits, false), leaf)
            }
            Some(Err(reason)) => Err(self.invalid(None, reason)),
            None => self.with(&self.plain, UserInputLeaf::Literal(literal)),
        }
    }

    /// Words beginning with `literal`: a phrase whose last word is a prefix
    /// when it has several words, else the prefix of one word.
    fn prefix(&self, literal: UserInputLiteral) -> Result<Option<Box<dyn Query>>, SearchError> {
        let phrase = UserInputLiteral {
            prefix: true,
            ..literal.clone()
        };
        let leaf = |literal| Box::new(UserInputLeaf::Literal(literal));
        match self
            .plain
            .build_query_from_user_input_ast(UserInputAst::Leaf(leaf(phrase)))
        {
            Err(QueryParserError::PhrasePrefixRequiresAtLeastTwoTerms { .. }) => {
                let word = UserInputLiteral {
                    prefix: false,
                    ..literal
                };
                self.with(&self.fuzzy_parser(0, true), UserInputLeaf::Literal(word))
            }
            built => self.kept(built),
        }
    }

    /// `field:*`: documents with any value in one of the name fields.
    fn any_value(&self, field: &str) -> Result<Box<dyn Query>, SearchError> {
        if self.archive.index.schema().get_field(field).is_err() {
            return Err(self.invalid(None, no_field(field)));
        }
        match ANY_VALUE_FIELDS.iter().find(|(name, _)| *name == field) {
            Some((_, values)) => Ok(Box::new(ExistsQuery::new(values.to_string(), false))),
            None => {
                let fields: Vec<&str> = ANY_VALUE_FIELDS.iter().map(|(name, _)| *name).collect();
                Err(self.invalid(
                    None,
                    format!(
                        "{} (any value) works on {} only; to list every article, leave the query out",
                        excerpt(&format!("{field}:*")),
                        fields.join(", ")
                    ),
                ))
            }
        }
    }

    /// A parser whose words all match up to `edits` edits away, or as
    /// prefixes (`edits` 0 and `prefix`).
    fn fuzzy_parser(&self, edits: u8, prefix: bool) -> QueryParser {
        let mut parser = parser(self.archive, self.default_fields.clone());
        let schema = self.archive.index.schema();
        for (field, entry) in schema.fields() {
            if entry.is_indexed() && matches!(entry.field_type(), FieldType::Str(_)) {
                parser.set_field_fuzzy(field, prefix, edits, true);
            }
        }
        parser
    }

    /// One part through a tantivy parser.
    fn with(
        &self,
        parser: &QueryParser,
        leaf: UserInputLeaf,
    ) -> Result<Option<Box<dyn Query>>, SearchError> {
        self.kept(parser.build_query_from_user_input_ast(UserInputAst::Leaf(Box::new(leaf))))
    }

    /// A part's query, `None` when it looks for nothing.
    fn kept(
        &self,
        built: Result<Box<dyn Query>, QueryParserError>,
    ) -> Result<Option<Box<dyn Query>>, SearchError> {
        let query = built.map_err(|error| self.invalid(None, explain(error)))?;
        Ok((!query.is::<EmptyQuery>()).then_some(query))
    }

    fn invalid(&self, position: Option<usize>, reason: String) -> SearchError {
        SearchError::InvalidQuery {
            query: self.text.to_string(),
            position,
            reason,
        }
    }
}

/// tantivy's parser over `default_fields`, headline first, all words required.
fn parser(archive: &ArchiveIndex, default_fields: Vec<Field>) -> QueryParser {
    let mut parser = QueryParser::for_index(&archive.index, default_fields);
    parser.set_field_boost(archive.fields.title, TITLE_BOOST);
    parser.set_conjunction_by_default();
    parser
}

/// `word~N` or `word~` (as many edits as allowed): the word and the edits,
/// an error when there are too many, `None` when `word` is not fuzzy.
fn fuzzy_word(word: &str) -> Option<Result<(&str, u8), String>> {
    let (stem, edits) = word.rsplit_once('~')?;
    if stem.is_empty() || !edits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if edits.is_empty() {
        return Some(Ok((stem, MAX_FUZZY_EDITS)));
    }
    match edits.parse::<u8>() {
        Ok(edits) if edits <= MAX_FUZZY_EDITS => Some(Ok((stem, edits))),
        _ => Some(Err(format!(
            "{}: a fuzzy word allows at most {MAX_FUZZY_EDITS} edits (word~1, word~{MAX_FUZZY_EDITS})",
            excerpt(word)
        ))),
    }
}

/// Where an operator the grammar read as a word stands: the first
/// occurrence without a term before it or after it.
fn operator_position(text: &str, operator: &str) -> Option<usize> {
    let tokens = tokens(text);
    let term = |i: usize, group: &[&str]| {
        tokens.get(i).is_some_and(|(_, token)| {
            group.contains(token) || !matches!(*token, "AND" | "OR" | "NOT" | "(" | ")")
        })
    };
    (0..tokens.len())
        .find(|&i| {
            tokens[i].1 == operator && !(i > 0 && term(i - 1, &[")"]) && term(i + 1, &["(", "NOT"]))
        })
        .map(|i| tokens[i].0)
}

/// The reason for a field name that is not in the schema.
fn no_field(field: &str) -> String {
    format!("there is no field {}", excerpt(field))
}

/// Rephrases the grammar's messages that speak of its own workings.
fn rephrase(message: &str) -> String {
    match message {
        "parsed possible invalid field as term" => {
            "a ':' inside a word; quote the word, or write \\: for a colon".to_string()
        }
        "parsed keyword NOT as term. It should be quoted" => {
            "NOT needs a term after it (to look for the word itself, quote it: \"NOT\")".to_string()
        }
        other => other.to_string(),
    }
}

/// Rephrases tantivy's parser errors in the terms of our query language.
fn explain(error: QueryParserError) -> String {
    use QueryParserError::*;
    match error {
        FieldDoesNotExist(field) => no_field(&field),
        AllButQueryForbidden => {
            "a query cannot only exclude terms; add a term to look for".to_string()
        }
        FieldNotIndexed(field) => format!("the field '{field}' cannot be searched"),
        UnsupportedQuery(what) => what.trim_end_matches('.').to_string(),
        ExpectedInt(error) => format!("expected a whole number: {error}"),
        ExpectedFloat(error) => format!("expected a number: {error}"),
        ExpectedBool(_) => "expected true or false".to_string(),
        ExpectedBase64(error) => format!("expected base64: {error}"),
        DateFormatError(_) => "a date in a query is written 2024-10-23T00:00:00Z (the date filters take 2024, 2024-10 or 2024-10-23)".to_string(),
        other => other.to_string(),
    }
}

/// The query quoted for an error message: printable, and cut short when long.
pub fn excerpt(text: &str) -> String {
    let length = text.chars().count();
    let shown = printable(&text.chars().take(EXCERPT_CHARS).collect::<String>());
    if length > EXCERPT_CHARS {
        format!("'{shown}…' ({length} characters)")
    } else {
        format!("'{shown}'")
    }
}

/// `text` with control characters escaped (`\n`, `\u{1b}`), so that a
/// message quoting it stays on one line and cannot drive the terminal.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The 1-based character number of byte `position` of `text`.
pub fn char_number(text: &str, position: usize) -> usize {
    text.char_indices()
        .take_while(|(i, _)| *i < position)
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::TermQuery;
    use tantivy::schema::{IndexRecordOption, Schema, STRING};
    use tantivy::Term;

    #[test]
    fn unions_inside_a_union_are_spliced_in_and_nothing_else_is() {
        let mut schema = Schema::builder();
        let field = schema.add_text_field("body", STRING);
        let word = |text: &str| -> Box<dyn Query> {
            let term = Term::from_field_text(field, text);
            Box::new(TermQuery::new(term, IndexRecordOption::Basic))
        };
        let union = |words: &[&str]| -> Box<dyn Query> {
            let clauses = words.iter().map(|w| (Occur::Should, word(w))).collect();
            Box::new(BooleanQuery::new(clauses))
        };
        let both: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
            (Occur::Must, word("c")),
            (Occur::Must, word("d")),
        ]));
        let shape = |clauses: Vec<(Occur, Box<dyn Query>)>| -> Vec<(Occur, bool)> {
            let clauses = flattened(clauses);
            let is_word = |query: &dyn Query| query.is::<TermQuery>();
            clauses
                .iter()
                .map(|(o, q)| (*o, is_word(q.as_ref())))
                .collect()
        };
        let any = vec![
            (Occur::Should, union(&["a", "b"])),
            (Occur::Should, both.box_clone()),
            (Occur::Should, union(&["e"])),
        ];
        let spliced = [true, true, false, true].map(|is_word| (Occur::Should, is_word));
        assert_eq!(shape(any), spliced);
        // A union inside an intersection stays whole.
        let all = vec![(Occur::Must, union(&["a", "b"])), (Occur::Must, both)];
        assert_eq!(shape(all), [(Occur::Must, false), (Occur::Must, false)]);
    }

    #[test]
    fn tokens_are_parentheses_phrases_and_words() {
        let tokens: Vec<&str> = tokens(r#"(a OR "b (c" \(d) -e"#)
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(tokens, ["(", "a", "OR", "\"b (c\"", "\\(d", ")", "-e"]);
    }

    #[test]
    fn nesting_counts_parentheses_and_nots_in_a_row() {
        let deep = |n: usize, open: &str| format!("{}a", open.repeat(n));
        assert!(check_size(&deep(MAX_NESTING, "(")).is_ok());
        assert!(check_size(&deep(MAX_NESTING + 1, "(")).is_err());
        assert!(check_size(&deep(MAX_NESTING + 1, "NOT ")).is_err());
        assert!(check_size(&"NOT a ".repeat(MAX_NESTING * 2)).is_ok());
        assert!(check_size(&"(a) ".repeat(MAX_NESTING * 2)).is_ok());
        let quoted = format!("\"{}\"", "(".repeat(MAX_NESTING * 2));
        assert!(check_size(&quoted).is_ok());
    }

    #[test]
    fn fuzzy_words_take_zero_to_two_edits() {
        assert_eq!(fuzzy_word("trump~1"), Some(Ok(("trump", 1))));
        assert_eq!(fuzzy_word("trump~"), Some(Ok(("trump", 2))));
        assert!(matches!(fuzzy_word("trump~3"), Some(Err(_))));
        assert!(matches!(
            fuzzy_word("trump~99999999999999999999"),
            Some(Err(_))
        ));
        assert_eq!(fuzzy_word("a~b"), None);
        assert_eq!(fuzzy_word("~1"), None);
        assert_eq!(fuzzy_word("trump"), None);
    }

    #[test]
    fn dangling_operators_are_found() {
        assert_eq!(operator_position("harbor AND", "AND"), Some(7));
        assert_eq!(operator_position("OR harbor", "OR"), Some(0));
        assert_eq!(operator_position("a OR b (c OR)", "OR"), Some(10));
    }

    #[test]
    fn excerpts_are_short_and_printable() {
        assert_eq!(excerpt("a\u{1b}b"), "'a\\u{1b}b'");
        let long = excerpt(&"x".repeat(1000));
        assert!(
            long.len() < 120 && long.contains("1000 characters"),
            "{long}"
        );
    }
}
