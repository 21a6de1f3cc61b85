//! Extraction quality on a labelled corpus of sentences written for Sitrep
//! (`tests/corpus/extraction.jsonl`): precision and recall per kind of fact,
//! and the `sitrep extract` output schema.

use serde_json::Value;
use sitrep::extract::{Extractor, Fact, qualifier_name};
use sitrep::model::Precision;
use std::collections::BTreeMap;

const CORPUS: &str = include_str!("corpus/extraction.jsonl");

/// A fact reduced to what must match: kind, span text, position, values.
fn key_of_expected(kind: &str, text: &str, fact: &Value) -> Option<String> {
    let quote = fact["text"].as_str()?;
    let start = text.find(quote)?;
    let values = match kind {
        "quantities" => format!(
            "{}|{}|{}|{}|{}|{}",
            fact["low"].as_f64()?,
            fact["high"].as_f64()?,
            fact["qualifier"].as_str()?,
            fact["unit"].as_str()?,
            fact["subject"].as_str().unwrap_or("-"),
            fact["denominator"]
                .as_f64()
                .map_or("-".to_owned(), |d| d.to_string())
        ),
        "dates" => format!("{}|{}", fact["date"].as_str()?, fact["precision"].as_str()?),
        _ => fact["name"].as_str()?.to_owned(),
    };
    Some(format!("{start}:{quote}|{values}"))
}

fn key_of_found(text: &str, fact: &Fact) -> (&'static str, String) {
    let (start, end) = fact.span();
    let quote = &text[start..end];
    match fact {
        Fact::Quantity(q) => (
            "quantities",
            format!(
                "{start}:{quote}|{}|{}|{}|{}|{}|{}",
                q.figure.low,
                q.figure.high,
                qualifier_name(q.figure.qualifier),
                q.figure.unit,
                Some(q.figure.subject.as_str())
                    .filter(|s| !s.is_empty())
                    .unwrap_or("-"),
                q.figure
                    .denominator
                    .map_or("-".to_owned(), |d| d.to_string())
            ),
        ),
        Fact::Date(d) => (
            "dates",
            format!(
                "{start}:{quote}|{}|{}",
                d.date.first_day(),
                match d.date.precision {
                    Precision::Day => "day",
                    Precision::Month => "month",
                    Precision::Year => "year",
                }
            ),
        ),
        Fact::Place { name, .. } => ("places", format!("{start}:{quote}|{name}")),
        Fact::Actor { name, .. } => ("actors", format!("{start}:{quote}|{name}")),
    }
}

#[derive(Default, Debug)]
struct Score {
    expected: usize,
    found: usize,
    matched: usize,
}

#[test]
fn precision_and_recall_meet_the_bar_on_the_labelled_corpus() {
    let extractor = Extractor::with_defaults().expect("extractor");
    let mut scores: BTreeMap<&str, Score> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut sentences = 0;
    for (number, line) in CORPUS
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        sentences += 1;
        let item: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("corpus line {}: {e}", number + 1));
        let text = item["text"].as_str().expect("text");
        let published = item["published"]
            .as_str()
            .expect("published")
            .parse()
            .expect("published date");
        let found: Vec<(&str, String)> = extractor
            .extract(text, published)
            .iter()
            .map(|fact| key_of_found(text, fact))
            .collect();
        for kind in ["quantities", "dates", "places", "actors"] {
            let expected: Vec<String> = item[kind]
                .as_array()
                .map(|facts| {
                    // Every expected fact counts: one whose words are not in
                    // the sentence (or whose label is malformed) is a miss.
                    facts
                        .iter()
                        .map(|f| {
                            key_of_expected(kind, text, f)
                                .unwrap_or_else(|| format!("(label that matches nothing: {f})"))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let got: Vec<&String> = found
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, key)| key)
                .collect();
            let score = scores.entry(kind).or_default();
            score.expected += expected.len();
            score.found += got.len();
            for key in &expected {
                if got.contains(&key) {
                    score.matched += 1;
                } else {
                    misses.push(format!("line {} missed {kind}: {key}", number + 1));
                }
            }
            for key in got {
                if !expected.contains(key) {
                    misses.push(format!("line {} extra {kind}: {key}", number + 1));
                }
            }
        }
    }
    assert!(
        sentences >= 60,
        "the corpus needs at least 60 sentences, has {sentences}"
    );
    for miss in &misses {
        eprintln!("{miss}");
    }
    let mut failures = Vec::new();
    for (kind, score) in &scores {
        let precision = score.matched as f64 / score.found.max(1) as f64;
        let recall = score.matched as f64 / score.expected.max(1) as f64;
        eprintln!(
            "{kind:>10}: precision {precision:.3}, recall {recall:.3} ({} expected, {} found)",
            score.expected, score.found
        );
        // These sentences were written to the first extractor's rules (vague
        // amounts counted, canonical names in ASCII, "government" as a
        // subject); the real-news rules the extractor follows now disagree
        // with some labels. The measure that counts is the real-text
        // scorer (`tests/tools/score_extract.rs`, floors in
        // `tests/corpus/real-news-floor.txt`); here the bars only keep what
        // this corpus still measures from getting worse.
        let bar = match *kind {
            "actors" => 0.80,
            "quantities" => 0.72,
            "places" => 0.82,
            _ => 0.90,
        };
        if precision < bar || recall < bar {
            failures.push(format!(
                "{kind}: precision {precision:.3}, recall {recall:.3} (bar {bar})"
            ));
        }
    }
    assert!(failures.is_empty(), "below the bar: {failures:?}");
}

#[test]
fn json_lines_follow_the_design_schema() {
    let extractor = Extractor::with_defaults().expect("extractor");
    let text =
        "On Sunday the Taliban held more than 50 of the country's 370 districts near Kunduz.";
    let published = "2021-06-22".parse().expect("date");
    let lines: Vec<Value> = extractor
        .extract(text, published)
        .iter()
        .map(|fact| {
            serde_json::from_str(&sitrep::cli::json::fact_line(fact, text)).expect("valid JSON")
        })
        .collect();
    let quantity = lines
        .iter()
        .find(|l| l["kind"] == "quantity")
        .expect("a quantity");
    let keys: Vec<&str> = quantity
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys.len(),
        10,
        "kind, text, start, end, low, high, qualifier, unit, subject, denominator: {keys:?}"
    );
    assert_eq!(
        quantity["text"],
        "more than 50 of the country's 370 districts"
    );
    assert_eq!(quantity["low"], 50);
    assert_eq!(quantity["qualifier"], "more_than");
    assert_eq!(quantity["denominator"], 370);
    assert_eq!(quantity["subject"], Value::Null);
    let start = quantity["start"].as_u64().expect("start") as usize;
    let end = quantity["end"].as_u64().expect("end") as usize;
    assert_eq!(&text[start..end], quantity["text"]);
    let date = lines.iter().find(|l| l["kind"] == "date").expect("a date");
    assert_eq!(
        (
            date["text"].as_str(),
            date["date"].as_str(),
            date["precision"].as_str()
        ),
        (Some("Sunday"), Some("2021-06-20"), Some("day"))
    );
    let place = lines
        .iter()
        .find(|l| l["kind"] == "place")
        .expect("a place");
    assert_eq!(place["name"], "Kunduz");
    assert!(
        place["lat"]
            .as_f64()
            .is_some_and(|lat| (36.0..37.5).contains(&lat))
    );
    let actor = lines
        .iter()
        .find(|l| l["kind"] == "actor")
        .expect("an actor");
    assert_eq!(actor["name"], "Taliban");
}

#[test]
fn a_notebooks_own_places_and_actors_are_found_too() {
    use sitrep::model::{ActorId, Notebook, NotebookActor, NotebookPlace, PlaceId};
    let mut notebook = Notebook::new("n".into(), "t", jiff::Timestamp::UNIX_EPOCH);
    notebook.places.push(NotebookPlace {
        id: PlaceId::from_u128(1),
        name: "Qarya-e Sabz".into(),
        aliases: vec!["Qarya Sabz".into()],
        lat: 34.5,
        lon: 69.1,
        country: String::new(),
        scale: Default::default(),
        settled: false,
        unsure: None,
    });
    notebook.actors.push(NotebookActor {
        id: ActorId::from_u128(2),
        name: "Haqqani network".into(),
        aliases: vec!["Haqqanis".into()],
    });
    notebook.actors.push(NotebookActor {
        id: ActorId::from_u128(3),
        name: "Taliban".into(),
        aliases: vec!["Islamic Emirate".into()],
    });
    let extractor = Extractor::for_notebook(&notebook).expect("extractor");
    let text = "The Haqqanis and the Islamic Emirate met in Qarya Sabz.";
    let found: Vec<(String, String)> = extractor
        .extract(text, "2021-06-22".parse().expect("date"))
        .iter()
        .filter_map(|fact| match fact {
            Fact::Place {
                start, end, name, ..
            }
            | Fact::Actor { start, end, name } => {
                Some((text[*start..*end].to_owned(), name.to_string()))
            }
            _ => None,
        })
        .collect();
    let pairs: Vec<(&str, &str)> = found
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("Haqqanis", "Haqqani network"),
            ("Islamic Emirate", "Taliban"),
            ("Qarya Sabz", "Qarya-e Sabz")
        ]
    );
}

#[test]
fn odd_text_yields_sane_facts_and_never_panics() {
    let extractor = Extractor::with_defaults().expect("extractor");
    let published = "2024-05-01".parse().expect("date");
    let one_word = "Q".repeat(1 << 20);
    let numbers: String = (10..60_000).map(|n| format!("{n} , ")).collect();
    let scripts =
        "قصف في حلب ٣٠٠ شخص. Обстрел Харькова: 300 человек. 哈尔科夫 300 人。 ".repeat(2000);
    let capitals = "Kabul Kandahar Herat North Darfur ".repeat(20_000);
    let bytes: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let random = String::from_utf8_lossy(&bytes).into_owned();
    for text in [&one_word, &numbers, &scripts, &capitals, &random] {
        for fact in extractor.extract(text, published) {
            let (start, end) = fact.span();
            assert!(start <= end && text.is_char_boundary(start) && text.is_char_boundary(end));
        }
    }
    // Bare numbers in a sentence that never speaks of people are no counts.
    assert!(
        extractor
            .extract(&numbers, published)
            .iter()
            .all(|f| !matches!(f, Fact::Quantity(_)))
    );
}

/// The counts of a text as `(low, qualifier, unit)`, in order.
fn counts(text: &str) -> Vec<(f64, &'static str, String)> {
    let extractor = Extractor::with_defaults().expect("extractor");
    extractor
        .extract(text, "2024-05-01".parse().expect("date"))
        .into_iter()
        .filter_map(|fact| match fact {
            Fact::Quantity(q) => Some((
                q.figure.low,
                qualifier_name(q.figure.qualifier),
                q.figure.unit,
            )),
            _ => None,
        })
        .collect()
}

fn count(low: f64, qualifier: &'static str, unit: &str) -> (f64, &'static str, String) {
    (low, qualifier, unit.to_owned())
}

#[test]
fn counts_of_more_other_and_new_things() {
    assert_eq!(
        counts("The militia took four more districts and two other border posts."),
        [
            count(4.0, "exact", "districts"),
            count(2.0, "exact", "posts")
        ]
    );
    assert_eq!(
        counts("Aid groups widened the existing camps and opened three new ones."),
        [count(3.0, "exact", "camps")]
    );
}

#[test]
fn the_group_after_of_is_what_is_counted() {
    assert_eq!(
        counts("At least 40 of its observers were withdrawn."),
        [count(40.0, "at_least", "observers")]
    );
    assert_eq!(
        counts("The ministry said 300 of the dead were children."),
        [count(300.0, "exact", "children")]
    );
    assert_eq!(
        counts("Seven of our guards were held. There are 12 missing."),
        [
            count(7.0, "exact", "guards"),
            count(12.0, "exact", "guards")
        ]
    );
    assert_eq!(
        counts("Amina, a mother of three, fled with them."),
        [count(3.0, "exact", "children")]
    );
}

#[test]
fn the_group_a_sentence_is_about_names_a_toll_without_a_noun() {
    assert_eq!(
        counts("Medics were hit hard, with four killed and six others hurt."),
        [count(4.0, "exact", "medics"), count(6.0, "exact", "medics")]
    );
    assert_eq!(
        counts("The toll among the guards was 9 dead and 14 wounded."),
        [
            count(9.0, "exact", "guards"),
            count(14.0, "exact", "guards")
        ]
    );
    assert_eq!(
        counts("Officials put the dead at 120, and 45 are women."),
        [
            count(120.0, "exact", "people"),
            count(45.0, "exact", "women")
        ]
    );
}

#[test]
fn a_toll_after_more_and_a_share_of_things_that_are_no_people() {
    assert_eq!(
        counts("Some 400 more injured were carried out."),
        [count(400.0, "about", "people")]
    );
    assert_eq!(
        counts("The convoy had ten trucks. Six of them are red."),
        [count(10.0, "exact", "trucks")]
    );
}

#[test]
fn modifiers_and_names_between_the_number_and_its_noun() {
    assert_eq!(
        counts("Over 9,000 Burundian returnees and 60 non-UN clinics were counted."),
        [
            count(9000.0, "more_than", "returnees"),
            count(60.0, "exact", "clinics")
        ]
    );
    assert_eq!(
        counts("Looters took 12 Red Crescent ambulances and about 400 “security targets”."),
        [
            count(12.0, "exact", "ambulances"),
            count(400.0, "about", "targets")
        ]
    );
    assert_eq!(
        counts("Some 20,000 Masalit fled; 200 Afghan army officers crossed."),
        [
            count(20000.0, "about", "masalit"),
            count(200.0, "exact", "officers")
        ]
    );
    assert!(counts("Units of the 201 Khalid Corps moved.").is_empty());
}

#[test]
fn qualifiers_in_several_words() {
    assert_eq!(
        counts("Not less than nine people died; as many as 70 homes burned."),
        [
            count(9.0, "at_least", "people"),
            count(70.0, "up_to", "homes")
        ]
    );
    assert_eq!(
        counts("A million people left, close to 500 villages emptied."),
        [
            count(1e6, "exact", "people"),
            count(500.0, "about", "villages")
        ]
    );
}

#[test]
fn ratios_ages_times_and_second_days_are_no_counts() {
    assert!(counts("One in every four people has no water.").is_empty());
    assert!(counts("The raid began at 12 midnight on Friday.").is_empty());
    assert!(counts("Among the hostages freed, the oldest being 81, were women.").is_empty());
    assert!(counts("Two towns fell on Feb. 3 and 9, and more on March 4 and 11.").len() == 1);
}

#[test]
fn a_sixteen_mebibyte_article_and_names_that_look_like_places_never_panic() {
    let extractor = Extractor::with_defaults().expect("extractor");
    let published = "2024-05-01".parse().expect("date");
    // Names with letters outside ASCII where the demonym and list tests cut
    // words: a byte slice on a non-boundary would panic.
    let accented = "Shelling hit the village of Kassian, Ñandúan and Curaçaoan camps, \
                    near Çatalca-Öztürk and Éclair-Ville, in Ådalen. "
        .repeat(2_000);
    let lists =
        "Fighters took Tumbali, Koroba, Bilqana, Omadur and Wuldiya villages. ".repeat(5_000);
    let article = "On Monday more than 40 of the 370 districts near Kunduz fell, and 2,500 \
                   US troops left; officials said 12 were wounded in the town of Tumbali. "
        .repeat(16 << 20 >> 7);
    assert!(article.len() >= 16 << 20);
    for text in [&accented, &lists, &article] {
        let facts = extractor.extract(text, published);
        assert!(!facts.is_empty());
        for fact in &facts {
            let (start, end) = fact.span();
            assert!(start <= end && text.is_char_boundary(start) && text.is_char_boundary(end));
        }
    }
}

/// The dates of a text as `(text, date)`, in order.
fn dates_of(text: &str, published: &str) -> Vec<(String, String)> {
    let extractor = Extractor::with_defaults().expect("extractor");
    extractor
        .extract(text, published.parse().expect("date"))
        .into_iter()
        .filter_map(|fact| match fact {
            Fact::Date(d) => Some((text[d.start..d.end].to_owned(), d.date.iso())),
            _ => None,
        })
        .collect()
}

fn dated(text: &str, date: &str) -> (String, String) {
    (text.to_owned(), date.to_owned())
}

#[test]
fn quake_magnitudes_and_other_scale_readings_are_no_counts() {
    for text in [
        "A 6.4 magnitude quake struck off Sumatra overnight.",
        "The magnitude 7.8 earthquake was felt across Anatolia.",
        "An M6.1 tremor shook Luzon; a 5.9-magnitude aftershock followed.",
        "The shock measured 6.2 on the Richter scale near Herat.",
        "Forecasters expect a category 4 cyclone off Mozambique.",
        "A magnitude 7 earthquake hit Haiti's southern peninsula.",
    ] {
        assert!(counts(text).is_empty(), "{text}: {:?}", counts(text));
    }
    assert_eq!(
        counts("A 6.8 magnitude quake in the Atlas mountains destroyed 2,900 homes."),
        [count(2900.0, "exact", "homes")]
    );
    assert_eq!(
        counts("Seismologists logged six earthquakes and 40 aftershocks."),
        [
            count(6.0, "exact", "earthquakes"),
            count(40.0, "exact", "aftershocks")
        ]
    );
}

#[test]
fn thousands_written_with_dots_or_a_stray_space() {
    assert_eq!(
        counts("Border guards in Moldova counted 12.500 refugees on Sunday."),
        [count(12500.0, "exact", "refugees")]
    );
    assert_eq!(
        counts("Some 310, 000 people have fled Cabo Delgado."),
        [count(310_000.0, "about", "people")]
    );
    assert_eq!(
        counts("More than 1 250 000 people need food aid in Tigray."),
        [count(1_250_000.0, "more_than", "people")]
    );
    assert_eq!(
        counts("Between 2.5 and 3 million Venezuelans have left."),
        [count(2_500_000.0, "exact", "venezuelans")]
    );
    // Decimals, years and lists keep their reading.
    assert_eq!(
        counts("About 2.5 million Syrians live in Turkey."),
        [count(2_500_000.0, "about", "syrians")]
    );
    assert_eq!(
        counts("In 2021, 300 families returned to Marawi."),
        [count(300.0, "exact", "families")]
    );
    assert!(
        counts("Convoys reached 100, 150 and 200 villages in Tigray.")
            .iter()
            .all(|c| c.0 <= 200.0)
    );
}

#[test]
fn days_of_a_range_are_dates_not_counts() {
    let published = "2023-06-01";
    assert!(counts("Fighting raged around Bakhmut between 3 and 17 May.").is_empty());
    assert_eq!(
        dates_of(
            "Fighting raged around Bakhmut between 3 and 17 May.",
            published
        ),
        [dated("3", "2023-05-03"), dated("17 May", "2023-05-17")]
    );
    assert!(counts("Polls in Kinshasa stayed open from 20 to 23 December 2022.").is_empty());
    assert_eq!(
        dates_of(
            "Polls in Kinshasa stayed open from 20 to 23 December 2022.",
            published
        ),
        [
            dated("20", "2022-12-20"),
            dated("23 December 2022", "2022-12-23")
        ]
    );
    assert_eq!(
        counts("Strikes on 12 and 13 April killed 40 fighters in Idlib."),
        [count(40.0, "exact", "fighters")]
    );
    assert_eq!(
        dates_of("Strikes on 12 and 13 April killed 40 fighters.", published),
        [dated("12", "2023-04-12"), dated("13 April", "2023-04-13")]
    );
    assert_eq!(
        counts("Talks in Doha ran on March 3-17, and 14 delegates left early."),
        [count(14.0, "exact", "delegates")]
    );
    assert!(counts("Curfews held on 8-21 January across Juba.").is_empty());
    // Counts stay counts: a range of things, and days out of order.
    assert_eq!(
        counts("Between 30 and 40 soldiers were killed near Kidal."),
        [count(30.0, "exact", "soldiers")]
    );
    assert_eq!(
        counts("Between 3 and 17 villages were hit."),
        [count(3.0, "exact", "villages")]
    );
}

#[test]
fn each_figure_of_a_breakdown_counts_the_first_figure_s_noun() {
    assert_eq!(
        counts(
            "The floods damaged 21,300 homes: 8,100 in Sindh, 5,400 north of Karachi \
             and 7 in the hills."
        ),
        [
            count(21300.0, "exact", "homes"),
            count(8100.0, "exact", "homes"),
            count(5400.0, "exact", "homes"),
            count(7.0, "exact", "homes")
        ]
    );
    assert_eq!(
        counts("The quake destroyed 4,600 buildings: 2,100 Hatay, 1,500 Malatya."),
        [
            count(4600.0, "exact", "buildings"),
            count(2100.0, "exact", "buildings"),
            count(1500.0, "exact", "buildings")
        ]
    );
    assert_eq!(
        counts("Rebels overran 64 villages, 30 in the east and 9 near Goma."),
        [
            count(64.0, "exact", "villages"),
            count(30.0, "exact", "villages"),
            count(9.0, "exact", "villages")
        ]
    );
    assert_eq!(
        counts("Some 12,000 schools were shut. Of these, 4,000 were in Gaza City."),
        [
            count(12000.0, "about", "schools"),
            count(4000.0, "exact", "schools")
        ]
    );
    // A small figure with no count before it stays a bare figure.
    assert!(counts("In round 2, 5 were approved.").is_empty());
    assert_eq!(
        counts("Some 80,000 Rohingya crossed at Teknaf."),
        [count(80000.0, "about", "rohingya")]
    );
}

#[test]
fn a_count_without_its_noun_takes_the_group_of_the_clause_before() {
    assert_eq!(
        counts("Gunmen killed 1,200 villagers in Plateau and injured another 3,100."),
        [
            count(1200.0, "exact", "villagers"),
            count(3100.0, "exact", "villagers")
        ]
    );
    assert_eq!(
        counts("Monsoon floods displaced 5,000 people and left 2,000 homeless."),
        [
            count(5000.0, "exact", "people"),
            count(2000.0, "exact", "people")
        ]
    );
    assert_eq!(
        counts("The cyclone wrecked 300 homes in Rakhine and left 2,000 homeless."),
        [
            count(300.0, "exact", "homes"),
            count(2000.0, "exact", "people")
        ]
    );
    assert_eq!(
        counts("The storm swept away 14 bridges, 30 injured."),
        [
            count(14.0, "exact", "bridges"),
            count(30.0, "exact", "people")
        ]
    );
    assert_eq!(
        counts("The storm swept away 14 bridges, and 30 were injured."),
        [
            count(14.0, "exact", "bridges"),
            count(30.0, "exact", "people")
        ]
    );
    assert_eq!(
        counts("Soldiers killed 40 in a raid on Mopti."),
        [count(40.0, "exact", "people")]
    );
    assert_eq!(
        counts("Journalists were killed in the strikes: 12 in Gaza and 3 in Lebanon."),
        [
            count(12.0, "exact", "journalists"),
            count(3.0, "exact", "journalists")
        ]
    );
    assert_eq!(
        counts("Clashes killed 1,200 in West Darfur."),
        [count(1200.0, "exact", "people")]
    );
    assert_eq!(
        counts("Air strikes killed 120 Palestinians. Another 300 were injured."),
        [
            count(120.0, "exact", "palestinians"),
            count(300.0, "exact", "palestinians")
        ]
    );
    assert_eq!(
        counts("The quake flattened 1,500 buildings in Herat. Another 4,000 were damaged."),
        [
            count(1500.0, "exact", "buildings"),
            count(4000.0, "exact", "buildings")
        ]
    );
    assert_eq!(
        counts("The quake flattened 1,500 buildings. Another 400 were injured."),
        [
            count(1500.0, "exact", "buildings"),
            count(400.0, "exact", "people")
        ]
    );
    assert_eq!(
        counts("Officials counted 80 trucks at Rafah. Later 120 were turned back."),
        [count(80.0, "exact", "trucks")]
    );
}
