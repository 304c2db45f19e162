//! Finding which spellings of the archive name one entity: the rules of
//! [`super::keys`], a country's body named with and without the country,
//! an organization's first word or abbreviation used for it in the articles that name both,
//! a person's name with and without middle initials where the archive has one such person, a surname used alone where the archive names
//! one person that way, then the user's edits.

use std::collections::{BTreeMap, HashMap};

use super::census::{Census, NameStats};
use super::edits::{Edit, NameRef};
use super::keys::{country, country_and_body, merge_key};
use super::{MergedName, Spelling};
use crate::extract::EntityKind;
use crate::index::name_key;

/// Names the rules of this module and of [`super::keys`]; a name table
/// computed by other rules is computed again. Bumped whenever a rule, the
/// country list or the choice of the shown name changes.
pub const RULES: u32 = 4;

/// How far apart in days a surname used alone and the full name it stands
/// for may be: a follow-up story names someone by surname within weeks of
/// the story that gave the full name, and two people who share a surname
/// are rarely both in the news within a quarter of a year.
pub const SURNAME_WINDOW_DAYS: i64 = 90;

/// How many articles must name an organization both by one word and by a
/// longer name starting with it before the word is taken for that name.
pub const SHORT_FORM_ARTICLES: u64 = 3;

/// How many times more articles one reading of a name must have than any
/// other before the name is taken for it: a longer name shared with an
/// organization's first word, a country whose body a name is written
/// without.
pub const LEAD: u64 = 3;

/// Every entity of the archive, the names of one spelling alone included,
/// and the edits (by position) that named nothing in it.
#[derive(Debug, Clone, Default)]
pub struct Merged {
    /// The entities, in spelling order.
    pub entities: Vec<MergedName>,
    /// Positions in the edits of those that match no name.
    pub unmatched: Vec<usize>,
}

/// One spelling, or a country named by none of the archive's spellings yet.
struct Node<'a> {
    spelling: Spelling,
    stats: Option<&'a NameStats>,
}

/// What the user's edits set on an entity.
#[derive(Debug, Clone, Default)]
struct Settings {
    name: Option<String>,
    kind: Option<EntityKind>,
    hidden: bool,
}

/// The [`merge_key`] of a name as each kind of name.
struct KeysOf([String; 3]);

impl KeysOf {
    fn new(name: &str) -> KeysOf {
        KeysOf(
            [
                EntityKind::Person,
                EntityKind::Organization,
                EntityKind::Place,
            ]
            .map(|kind| merge_key(kind, name)),
        )
    }

    fn of(&self, kind: EntityKind) -> &str {
        match kind {
            EntityKind::Person => &self.0[0],
            EntityKind::Organization => &self.0[1],
            EntityKind::Place => &self.0[2],
        }
    }
}

/// Spellings joined into entities (a union-find forest over the nodes).
struct Entities<'a> {
    nodes: Vec<Node<'a>>,
    parent: Vec<usize>,
    /// Nodes the user keeps out of the automatic merges (see [`Edit::Split`]).
    apart: Vec<bool>,
    /// The [`merge_key`] of each node's spelling, worked out once.
    keys: Vec<String>,
    settings: HashMap<usize, Settings>,
}

impl<'a> Entities<'a> {
    fn new(census: &'a Census) -> Entities<'a> {
        let mut nodes: Vec<Node> = census
            .iter()
            .map(|(spelling, stats)| Node {
                spelling: spelling.clone(),
                stats: Some(stats),
            })
            .collect();
        nodes.sort_by(|a, b| a.spelling.cmp(&b.spelling));
        let parent = (0..nodes.len()).collect();
        let apart = vec![false; nodes.len()];
        let keys = nodes
            .iter()
            .map(|node| merge_key(node.spelling.kind, &node.spelling.name))
            .collect();
        Entities {
            nodes,
            parent,
            apart,
            keys,
            settings: HashMap::new(),
        }
    }

    fn root(&mut self, mut node: usize) -> usize {
        while self.parent[node] != node {
            self.parent[node] = self.parent[self.parent[node]];
            node = self.parent[node];
        }
        node
    }

    /// Joins the entities of `into` and `other`; `into`'s settings stay.
    fn join(&mut self, into: usize, other: usize) {
        let (into, other) = (self.root(into), self.root(other));
        if into != other {
            self.parent[other] = into;
            self.settings.remove(&other);
        }
    }

    /// The nodes of each entity, by root, in node order.
    fn members(&mut self) -> BTreeMap<usize, Vec<usize>> {
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for node in 0..self.nodes.len() {
            let root = self.root(node);
            members.entry(root).or_default().push(node);
        }
        members
    }

    /// Joins the spellings whose keys are equal, and each country's names.
    fn join_equal_keys(&mut self) {
        let mut first: HashMap<(EntityKind, String), usize> = HashMap::new();
        let mut countries: HashMap<&'static str, usize> = HashMap::new();
        for node in 0..self.nodes.len() {
            if self.apart[node] {
                continue;
            }
            let Spelling { kind, name } = &self.nodes[node].spelling;
            let country = match kind {
                EntityKind::Person => None,
                _ => country(name),
            };
            let key = (*kind, self.keys[node].clone());
            let earlier = first.entry(key).or_insert(node);
            let earlier = *earlier;
            self.join(earlier, node);
            if let Some(country) = country {
                let at = match countries.get(country) {
                    Some(&at) => at,
                    None => {
                        let at = self.nodes.len();
                        self.nodes.push(Node {
                            spelling: Spelling {
                                kind: EntityKind::Place,
                                name: country.to_string(),
                            },
                            stats: None,
                        });
                        self.parent.push(at);
                        self.apart.push(false);
                        self.keys.push(merge_key(EntityKind::Place, country));
                        countries.insert(country, at);
                        at
                    }
                };
                self.join(at, node);
            }
        }
    }

    /// Joins the spellings of one country's body (`U.S. Senate`, `US
    /// Senate`, `United States Senate`), and the body named without its
    /// country (`Senate`) to them when the archive names it after one
    /// country, or after one in [`LEAD`] times as many articles as any
    /// other: `Supreme Court` stays apart where `U.S. Supreme Court` and
    /// `UK Supreme Court` are as common.
    fn join_country_bodies(&mut self) {
        let mut named_after: HashMap<String, BTreeMap<&'static str, Vec<usize>>> = HashMap::new();
        let mut bare: HashMap<String, Vec<usize>> = HashMap::new();
        for node in 0..self.nodes.len() {
            let spelling = &self.nodes[node].spelling;
            if spelling.kind != EntityKind::Organization || self.apart[node] {
                continue;
            }
            match country_and_body(&spelling.name) {
                Some((country, body)) => named_after
                    .entry(body)
                    .or_default()
                    .entry(country)
                    .or_default()
                    .push(node),
                None => bare.entry(self.keys[node].clone()).or_default().push(node),
            }
        }
        for (body, countries) in named_after {
            for nodes in countries.values() {
                for &node in &nodes[1..] {
                    self.join(nodes[0], node);
                }
            }
            let Some(bare) = bare.get(&body) else {
                continue;
            };
            let articles = |nodes: &[usize]| -> u64 {
                nodes
                    .iter()
                    .filter_map(|&node| self.nodes[node].stats)
                    .map(|stats| stats.articles)
                    .sum()
            };
            let mut readings: Vec<(u64, usize)> = countries
                .values()
                .map(|nodes| (articles(nodes), nodes[0]))
                .collect();
            readings.sort_unstable_by(|a, b| b.cmp(a));
            let second = readings.get(1).map_or(0, |reading| reading.0);
            if readings[0].0 >= LEAD * second {
                for &node in bare {
                    self.join(readings[0].1, node);
                }
            }
        }
    }

    /// Joins each organization named by one word to the longer organization
    /// it stands for ([`NameStats::longer`]: starting with that word, or
    /// abbreviated by it) that the articles naming both name by far the
    /// most (`House` to `House of Representatives`, `Apple` to `Apple
    /// Computer`, `WN` to `Wikinews`): at least [`SHORT_FORM_ARTICLES`] such articles, and
    /// [`LEAD`] times as many as any other longer name has, so
    /// that a short name the archive uses for several bodies stays apart.
    fn join_short_organizations(&mut self) {
        let node_of: HashMap<&Spelling, usize> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(at, node)| (&node.spelling, at))
            .collect();
        let mut joins = Vec::new();
        for (short, node) in self.nodes.iter().enumerate() {
            let Some(stats) = node.stats else { continue };
            if node.spelling.kind != EntityKind::Organization || self.apart[short] {
                continue;
            }
            // Articles naming both, by the longer name's entity.
            let mut by_entity: HashMap<usize, u64> = HashMap::new();
            for (long, &articles) in &stats.longer {
                let spelling = Spelling {
                    kind: EntityKind::Organization,
                    name: long.clone(),
                };
                if let Some(&at) = node_of.get(&spelling) {
                    if !self.apart[at] {
                        *by_entity.entry(self.root_of(at)).or_default() += articles;
                    }
                }
            }
            by_entity.remove(&self.root_of(short));
            let mut counts: Vec<(u64, usize)> =
                by_entity.into_iter().map(|(root, n)| (n, root)).collect();
            counts.sort_unstable_by(|a, b| b.cmp(a));
            let (best, second) = match counts.as_slice() {
                [] => continue,
                [best] => (*best, 0),
                [best, second, ..] => (*best, second.0),
            };
            if best.0 >= SHORT_FORM_ARTICLES && best.0 >= LEAD * second {
                joins.push((best.1, short));
            }
        }
        for (long, short) in joins {
            self.join(long, short);
        }
    }

    /// The root of `node` without shortening paths (for use while the
    /// nodes are borrowed).
    fn root_of(&self, mut node: usize) -> usize {
        while self.parent[node] != node {
            node = self.parent[node];
        }
        node
    }

    /// Joins a person named with middle initials (`Brian T. Carroll`) to the
    /// same name without them (`Brian Carroll`) when the archive names one
    /// such person only: `George Bush` stays apart where both `George W.
    /// Bush` and `George H. W. Bush` are named.
    fn join_middle_initials(&mut self) {
        let is_initial = |word: &str| word.trim_end_matches('.').chars().count() == 1;
        let mut plain: HashMap<String, usize> = HashMap::new();
        let mut initialled: HashMap<String, Vec<usize>> = HashMap::new();
        for node in 0..self.nodes.len() {
            if self.nodes[node].spelling.kind != EntityKind::Person || self.apart[node] {
                continue;
            }
            let words: Vec<&str> = self.keys[node].split(' ').collect();
            match words.as_slice() {
                [first, middle @ .., last]
                    if !middle.is_empty()
                        && middle.iter().all(|w| is_initial(w))
                        && !is_initial(last) =>
                {
                    let bare = format!("{first} {last}");
                    let root = self.root(node);
                    let people = initialled.entry(bare).or_default();
                    if !people.contains(&root) {
                        people.push(root);
                    }
                }
                _ => {
                    plain.entry(self.keys[node].clone()).or_insert(node);
                }
            }
        }
        for (bare, people) in initialled {
            if let ([person], Some(&named)) = (people.as_slice(), plain.get(&bare)) {
                self.join(named, *person);
            }
        }
    }

    /// Joins each person named by one word alone to the one person of the
    /// archive with that last name named within [`SURNAME_WINDOW_DAYS`] of
    /// every article that uses it; if any of those articles is undated or
    /// has no such person or several, the name stays on its own.
    fn join_surnames(&mut self) {
        let members = self.members();
        let mut full_names: HashMap<String, Vec<usize>> = HashMap::new();
        let mut days_of: HashMap<usize, Vec<i64>> = HashMap::new();
        let mut alone: Vec<(usize, String, Vec<i64>, bool)> = Vec::new();
        for (&root, nodes) in &members {
            let people: Vec<&Node> = nodes
                .iter()
                .map(|&n| &self.nodes[n])
                .filter(|node| node.spelling.kind == EntityKind::Person)
                .collect();
            let words = |node: &Node| node.spelling.name.split_whitespace().count();
            let apart = nodes.iter().any(|&n| self.apart[n]);
            if apart || people.is_empty() || people.len() != nodes.len() {
                continue;
            }
            if people.iter().all(|node| words(node) == 1) {
                let stats = people.iter().filter_map(|node| node.stats);
                let (mut days, mut undated) = (Vec::new(), false);
                for stats in stats {
                    undated |= stats.days.len() as u64 != stats.articles;
                    days.extend(&stats.days);
                }
                let key = name_key(&people[0].spelling.name);
                alone.push((root, key, days, undated));
                continue;
            }
            let mut days: Vec<i64> = Vec::new();
            for node in people.iter().filter(|node| words(node) > 1) {
                if let Some(last) = node.spelling.name.split_whitespace().last() {
                    let owners = full_names.entry(name_key(last)).or_default();
                    if !owners.contains(&root) {
                        owners.push(root);
                    }
                }
                days.extend(node.stats.iter().flat_map(|stats| &stats.days));
            }
            days.sort_unstable();
            days_of.insert(root, days);
        }
        for (root, key, days, undated) in alone {
            let Some(owners) = full_names.get(&key) else {
                continue;
            };
            if undated || days.is_empty() {
                continue;
            }
            let near = |day: i64| -> Vec<usize> {
                owners
                    .iter()
                    .copied()
                    .filter(|owner| {
                        let owner_days = &days_of[owner];
                        let from = owner_days.partition_point(|&d| d < day - SURNAME_WINDOW_DAYS);
                        owner_days
                            .get(from)
                            .is_some_and(|&d| d <= day + SURNAME_WINDOW_DAYS)
                    })
                    .collect()
            };
            let first = near(days[0]);
            let unique = first.len() == 1 && days.iter().all(|&day| near(day) == first);
            if unique {
                self.join(first[0], root);
            }
        }
    }

    /// The kind and name an entity is shown with, before the user's edits:
    /// a country's own name; else the kind most of its articles give it,
    /// and its spelling with the most words (a full name over a surname),
    /// then accented letters (`Erdoğan` over `Erdogan`; a typographic
    /// apostrophe is no accent), then the most articles.
    fn shown(&self, nodes: &[usize]) -> (EntityKind, String) {
        let members: Vec<&Node> = nodes.iter().map(|&n| &self.nodes[n]).collect();
        if let Some(country) = members.iter().find(|node| node.stats.is_none()) {
            return (EntityKind::Place, country.spelling.name.clone());
        }
        let articles = |node: &Node| node.stats.map_or(0, |stats| stats.articles);
        let mut by_kind: BTreeMap<EntityKind, u64> = BTreeMap::new();
        for node in &members {
            *by_kind.entry(node.spelling.kind).or_default() += articles(node);
        }
        let kind = by_kind
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map_or(EntityKind::Person, |(kind, _)| *kind);
        let best = members
            .iter()
            .filter(|node| node.spelling.kind == kind)
            .max_by_key(|node| {
                let name = &node.spelling.name;
                let words = match kind {
                    EntityKind::Person => name.split_whitespace().count(),
                    _ => 0,
                };
                let accented = name.chars().any(|c| !c.is_ascii() && c.is_alphabetic());
                (
                    words,
                    accented,
                    articles(node),
                    name.chars().any(char::is_lowercase),
                    name.len(),
                    std::cmp::Reverse(name.clone()),
                )
            })
            .expect("an entity has a spelling of its kind");
        (kind, best.spelling.name.clone())
    }

    /// The kind and name an entity is shown with, the user's edits applied.
    fn shown_edited(&self, root: usize, nodes: &[usize]) -> (EntityKind, String) {
        let (kind, name) = self.shown(nodes);
        let settings = self.settings.get(&root);
        (
            settings.and_then(|s| s.kind).unwrap_or(kind),
            settings.and_then(|s| s.name.clone()).unwrap_or(name),
        )
    }

    /// The entity of `root`, whose nodes are `nodes`, as it stands now.
    fn entity(&self, root: usize, nodes: &[usize]) -> MergedName {
        let (kind, name) = self.shown_edited(root, nodes);
        MergedName {
            kind,
            name,
            spellings: nodes
                .iter()
                .filter(|&&n| self.nodes[n].stats.is_some())
                .map(|&n| self.nodes[n].spelling.clone())
                .collect(),
            hidden: self.settings.get(&root).is_some_and(|s| s.hidden),
        }
    }

    /// The roots of the entities `name` refers to (see [`refers_to`]).
    fn find(&mut self, name: &NameRef) -> Vec<usize> {
        // Only entities with a spelling of that key, or renamed, can match:
        // the others are not built, which an archive of many names and a
        // long names file would pay for edit by edit.
        let wanted = KeysOf::new(&name.name);
        let spelled: Vec<usize> = (0..self.nodes.len())
            .filter(|&n| self.keys[n] == wanted.of(self.nodes[n].spelling.kind))
            .collect();
        let mut candidates: Vec<usize> = spelled.into_iter().map(|n| self.root(n)).collect();
        candidates.extend(
            self.settings
                .iter()
                .filter(|(_, settings)| settings.name.is_some())
                .map(|(&root, _)| root),
        );
        candidates.sort_unstable();
        candidates.dedup();
        if candidates.is_empty() {
            return candidates;
        }
        let members = self.members();
        candidates
            .into_iter()
            .filter(|root| refers_to(&self.entity(*root, &members[root]), name))
            .collect()
    }

    /// Keeps the spellings that `name` stands for out of the automatic merges.
    fn keep_apart(&mut self, name: &NameRef) {
        let wanted = KeysOf::new(&name.name);
        let nodes = self.nodes.iter().zip(&self.keys).zip(&mut self.apart);
        for ((node, key), apart) in nodes {
            let kind = node.spelling.kind;
            if name.kind.is_none_or(|asked| asked == kind) && key == wanted.of(kind) {
                *apart = true;
            }
        }
    }

    /// Applies one edit; `false` when a name in it matches nothing.
    fn apply(&mut self, edit: &Edit) -> bool {
        let targets: Vec<Vec<usize>> = edit.names().into_iter().map(|n| self.find(n)).collect();
        if targets.iter().any(Vec::is_empty) {
            return false;
        }
        let first = targets[0][0];
        match edit {
            // Applied before the automatic merges, in [`merge`].
            Edit::Split { .. } => {}
            Edit::Merge { .. } => {
                let members = self.members();
                let (kind, name) = self.shown_edited(first, &members[&first]);
                let hidden = self.settings.get(&first).is_some_and(|s| s.hidden);
                for &other in targets.iter().flatten() {
                    self.join(first, other);
                }
                self.settings.insert(
                    first,
                    Settings {
                        name: Some(name),
                        kind: Some(kind),
                        hidden,
                    },
                );
            }
            Edit::Rename { to, .. } => {
                for &root in &targets[0] {
                    self.settings.entry(root).or_default().name = Some(to.clone());
                }
            }
            Edit::Retype { to, .. } => {
                for &root in &targets[0] {
                    self.settings.entry(root).or_default().kind = Some(*to);
                }
            }
            Edit::Hide { .. } | Edit::Unhide { .. } => {
                let hidden = matches!(edit, Edit::Hide { .. });
                for &root in &targets[0] {
                    self.settings.entry(root).or_default().hidden = hidden;
                }
            }
        }
        true
    }
}

/// The entities of the names in `census`, with the user's `edits` applied in order.
pub fn merge(census: &Census, edits: &[Edit]) -> Merged {
    let mut entities = Entities::new(census);
    for edit in edits {
        if let Edit::Split { name } = edit {
            entities.keep_apart(name);
        }
    }
    entities.join_equal_keys();
    entities.join_country_bodies();
    entities.join_short_organizations();
    entities.join_middle_initials();
    entities.join_surnames();
    let unmatched = edits
        .iter()
        .enumerate()
        .filter(|(_, edit)| !entities.apply(edit))
        .map(|(at, _)| at)
        .collect();
    let merged = entities
        .members()
        .into_iter()
        .map(|(root, nodes)| entities.entity(root, &nodes))
        .filter(|entity| !entity.spellings.is_empty())
        .collect();
    Merged {
        entities: merged,
        unmatched,
    }
}

/// Whether `name` names `entity`: one of its spellings or its shown name, of its kind.
pub fn refers_to(entity: &MergedName, name: &NameRef) -> bool {
    if name.kind.is_some_and(|kind| kind != entity.kind) {
        return false;
    }
    let same =
        |kind: EntityKind, spelling: &str| merge_key(kind, spelling) == merge_key(kind, &name.name);
    same(entity.kind, &entity.name)
        || entity
            .spellings
            .iter()
            .any(|spelling| same(spelling.kind, &spelling.name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;

    /// A census of `(kind, name, days of its articles)`.
    fn census(names: &[(EntityKind, &str, &[i64])]) -> Census {
        names
            .iter()
            .map(|(kind, name, days)| {
                let spelling = Spelling {
                    kind: *kind,
                    name: name.to_string(),
                };
                let stats = NameStats {
                    articles: days.len() as u64,
                    days: days.to_vec(),
                    ..NameStats::default()
                };
                (spelling, stats)
            })
            .collect()
    }

    /// Records that `articles` articles name organization `short` and `long`.
    fn named_together(census: &mut Census, short: &str, long: &str, articles: u64) {
        let spelling = Spelling {
            kind: Organization,
            name: short.to_string(),
        };
        let stats = census
            .get_mut(&spelling)
            .expect("the short name is counted");
        stats.longer.insert(long.to_string(), articles);
    }

    #[test]
    fn a_body_named_with_and_without_its_country_is_one_unless_another_country_has_it_as_often() {
        let census = census(&[
            (Organization, "Senate", &[1, 2, 3]),
            (Organization, "U.S. Senate", &[4]),
            (Organization, "United States Senate", &[5]),
            (Organization, "Supreme Court", &[1]),
            (Organization, "US Supreme Court", &[2]),
            (Organization, "U.S. Supreme Court", &[3]),
            (Organization, "UK Supreme Court", &[4]),
            (Organization, "Air Force", &[1]),
            (Organization, "US Air Force", &[2, 3, 4]),
            (Organization, "UAE Air Force", &[5]),
        ]);
        assert_eq!(
            merged(&census, &[]),
            [
                "Organization Senate: Senate, U.S. Senate, United States Senate",
                "Organization U.S. Supreme Court: U.S. Supreme Court, US Supreme Court",
                "Organization US Air Force: Air Force, US Air Force",
            ]
        );
    }

    #[test]
    fn an_organizations_first_word_or_abbreviation_joins_the_longer_name_it_is_used_with_most() {
        let mut census = census(&[
            (Organization, "Apple", &[1, 2, 3, 4, 5, 6]),
            (Organization, "Apple Computer", &[1, 2, 3, 4]),
            (Organization, "Apple Corps", &[5]),
            (Organization, "Court", &[1, 2, 3]),
            (Organization, "Court of Session", &[1, 2]),
            (Organization, "House", &[1, 2, 3, 4, 5, 6]),
            (Organization, "House of Commons", &[1, 2, 3]),
            (Organization, "House of Representatives", &[4, 5, 6]),
            (Organization, "WN", &[1, 2, 3]),
            (Organization, "Wikinews", &[1, 2, 3, 4]),
        ]);
        named_together(&mut census, "Apple", "Apple Computer", 4);
        named_together(&mut census, "Apple", "Apple Corps", 1);
        // Too few articles to tell.
        named_together(&mut census, "Court", "Court of Session", 2);
        // Two bodies of one name: neither leads.
        named_together(&mut census, "House", "House of Commons", 3);
        named_together(&mut census, "House", "House of Representatives", 3);
        named_together(&mut census, "WN", "Wikinews", 3);
        assert_eq!(
            merged(&census, &[]),
            [
                "Organization Apple: Apple, Apple Computer",
                "Organization Wikinews: WN, Wikinews"
            ]
        );
    }

    #[test]
    fn a_name_without_its_middle_initial_joins_the_one_person_named_with_it() {
        let census = census(&[
            (Person, "Brian Carroll", &[1]),
            (Person, "Brian T. Carroll", &[2]),
            (Person, "George Bush", &[1]),
            (Person, "George W. Bush", &[2]),
            (Person, "George H. W. Bush", &[3]),
            (Person, "John F. Kennedy Jr.", &[4]),
            (Person, "John Kennedy", &[4]),
            // Cut short by the extraction, and not one person.
            (Person, "George H. W.", &[5]),
            (Person, "George W.", &[5]),
        ]);
        assert_eq!(
            merged(&census, &[]),
            ["Person Brian T. Carroll: Brian Carroll, Brian T. Carroll"]
        );
    }

    /// Each entity as `name: spelling, spelling`, the plain ones left out.
    fn merged(census: &Census, edits: &[Edit]) -> Vec<String> {
        merge(census, edits)
            .entities
            .into_iter()
            .filter(|entity| !entity.is_plain())
            .map(|entity| {
                let spellings: Vec<String> = entity.spellings.into_iter().map(|s| s.name).collect();
                let hidden = if entity.hidden { " (hidden)" } else { "" };
                format!(
                    "{:?} {}{hidden}: {}",
                    entity.kind,
                    entity.name,
                    spellings.join(", ")
                )
            })
            .collect()
    }

    #[test]
    fn spellings_of_one_name_are_one_entity_shown_with_its_accents_and_full_name() {
        let census = census(&[
            (Person, "Mehmet Erdogan", &[10, 12]),
            (Person, "Mehmet Erdoğan", &[11]),
            (Organization, "Harbor Robotics Inc.", &[20]),
            (Organization, "Harbor Robotics", &[20]),
            (Place, "US", &[1, 2]),
            (Place, "U.S.", &[3]),
            (Organization, "U.S.", &[4]),
            (Place, "America", &[5]),
            (Place, "Kansas", &[5]),
        ]);
        assert_eq!(
            merged(&census, &[]),
            [
                "Person Mehmet Erdoğan: Mehmet Erdogan, Mehmet Erdoğan",
                "Organization Harbor Robotics Inc.: Harbor Robotics, Harbor Robotics Inc.",
                "Place United States: U.S., America, U.S., US",
            ]
        );
    }

    #[test]
    fn a_surname_alone_joins_the_one_person_of_that_name_in_its_time() {
        let census = census(&[
            (Person, "Ana Ruiz", &[100]),
            (Person, "Ruiz", &[107, 110]),
            // Two Kims in the news in the same weeks: `Kim` alone is neither.
            (Person, "Kim Jong-un", &[100, 300]),
            (Person, "Kim Dae-jung", &[105]),
            (Person, "Kim", &[103]),
            // Far from any Lee named in full.
            (Person, "Mary Lee", &[100]),
            (Person, "Lee", &[400]),
            // Undated: no time to tell who it is.
            (Person, "Carla Okafor", &[100]),
            (Person, "Okafor", &[]),
        ]);
        let mut census = census;
        census
            .get_mut(&Spelling {
                kind: Person,
                name: "Okafor".into(),
            })
            .unwrap()
            .articles = 1;
        assert_eq!(merged(&census, &[]), ["Person Ana Ruiz: Ana Ruiz, Ruiz"]);
    }

    #[test]
    fn the_users_edits_merge_rename_retype_and_hide_in_order() {
        let census = census(&[
            (Organization, "Apple Inc.", &[1, 2]),
            (Organization, "Apple Computer", &[3]),
            (Organization, "UTC", &[4]),
            (Organization, "Wikinews", &[5]),
            (Person, "Ada Byron", &[6]),
        ]);
        let name = |name: &str| NameRef {
            name: name.into(),
            kind: None,
        };
        let edits = [
            Edit::Merge {
                names: vec![name("apple"), name("Apple Computer")],
            },
            Edit::Retype {
                name: name("UTC"),
                to: Place,
            },
            Edit::Hide {
                name: name("wikinews"),
            },
            Edit::Rename {
                name: name("Apple Computer"),
                to: "Apple".into(),
            },
            Edit::Hide {
                name: name("Nobody"),
            },
        ];
        assert_eq!(
            merged(&census, &edits),
            [
                "Organization Apple: Apple Computer, Apple Inc.",
                "Place UTC: UTC",
                "Organization Wikinews (hidden): Wikinews",
            ]
        );
        assert_eq!(merge(&census, &edits).unmatched, [4]);
    }

    #[test]
    fn a_split_name_stays_out_of_the_automatic_merges_but_not_the_users() {
        let census = census(&[
            (Person, "Ana Ruiz", &[100]),
            (Person, "Ruiz", &[107]),
            (Organization, "NeXT", &[1]),
            (Organization, "Next", &[2]),
        ]);
        let split = |name: &str| Edit::Split {
            name: NameRef {
                name: name.into(),
                kind: None,
            },
        };
        assert_eq!(
            merged(&census, &[split("ruiz"), split("Next")]),
            Vec::<String>::new()
        );
        let merge_back = Edit::Merge {
            names: ["Ana Ruiz", "Ruiz"]
                .map(|name| NameRef {
                    name: name.into(),
                    kind: Some(Person),
                })
                .to_vec(),
        };
        assert_eq!(
            merged(&census, &[split("ruiz"), merge_back]),
            [
                "Person Ana Ruiz: Ana Ruiz, Ruiz",
                "Organization NeXT: NeXT, Next"
            ]
        );
    }
}
