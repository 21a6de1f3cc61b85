//! Suggestions right the first time: what an imported sentence proposes
//! (a figure's unit, what happened to the counted, its kind, its date and
//! place), the series that proposal goes on, and files from before these
//! fields keeping their bytes.

use sitrep::extract::Extractor;
use sitrep::import::{SeriesChoice, accept_all_edit, propose, suggest_for_proposal};
use sitrep::model::{
    Article, ArticleId, FigureKind, Measure, Notebook, PartialDate, Proposal, ProposalKind, Series,
    SeriesId,
};

fn article(text: &str, published: &str) -> Article {
    let mut article = Article::new(
        ArticleId::from_u128(1),
        "t",
        text,
        jiff::Timestamp::UNIX_EPOCH,
    );
    article.published = PartialDate::parse(published).ok();
    article
}

fn proposals(text: &str, published: &str) -> Vec<Proposal> {
    let extractor = Extractor::with_defaults().expect("extractor");
    let article = article(text, published);
    let reference = article.published.map(|p| p.date).expect("a date");
    propose(&article, &extractor, reference)
}

/// A notebook of one article of `text`, every figure it proposes accepted
/// as one step.
fn every_figure_accepted(text: &str, published: &str) -> Notebook {
    let mut notebook = Notebook::new("n".into(), "t", jiff::Timestamp::UNIX_EPOCH);
    notebook.articles.push(article(text, published));
    notebook.proposals = proposals(text, published);
    notebook.canonicalize();
    let ids: Vec<_> = notebook
        .proposals
        .iter()
        .filter(|p| matches!(p.kind, ProposalKind::Figure { .. }))
        .map(|p| p.id)
        .collect();
    accept_all_edit(&notebook, &ids)
        .expect("accepts")
        .apply(&mut notebook)
        .expect("applies");
    notebook
}

/// Each figure as (value, unit, subject, measure, kind).
fn figures(list: &[Proposal]) -> Vec<(f64, String, String, Option<Measure>, FigureKind)> {
    list.iter()
        .filter_map(|p| match &p.kind {
            ProposalKind::Figure {
                figure,
                measure,
                kind,
                ..
            } => Some((
                figure.low,
                figure.unit.clone(),
                figure.subject.clone(),
                *measure,
                *kind,
            )),
            ProposalKind::Event { .. } => None,
        })
        .collect()
}

fn series(id: u128, name: &str, unit: &str) -> Series {
    Series::new(SeriesId::from_u128(id), name, unit)
}

#[test]
fn a_model_number_is_part_of_a_name_and_more_adds_to_the_group_counted() {
    let found = figures(&proposals(
        "Overnight, 26 US C-17 flights carried 9,000 evacuees out of the city. \
         Two MiG-29 jets and a Boeing 747 stood on the apron.",
        "2021-08-24",
    ));
    let units: Vec<(f64, &str, &str)> = found
        .iter()
        .map(|(v, u, s, _, _)| (*v, u.as_str(), s.as_str()))
        .collect();
    assert!(units.contains(&(26.0, "flights", "US")), "{units:?}");
    assert!(
        !units
            .iter()
            .any(|(v, _, _)| [17.0, 29.0, 747.0].contains(v)),
        "{units:?}"
    );
    let more = figures(&proposals(
        "About 9,000 evacuees left on Monday, and about 1,200 more followed on later flights.",
        "2021-08-24",
    ));
    let units: Vec<(f64, &str)> = more.iter().map(|(v, u, ..)| (*v, u.as_str())).collect();
    assert!(units.contains(&(1200.0, "evacuees")), "{units:?}");
}

#[test]
fn a_killed_count_never_goes_on_a_refugee_series_and_each_toll_finds_its_own() {
    let text = "More than 120 people were killed in the city on Sunday. \
        Some 40 people were wounded, and 3,000 people fled across the border into Chad. \
        The war has killed more than 12,000 people since April.";
    let mut notebook = Notebook::new("n".into(), "t", jiff::Timestamp::UNIX_EPOCH);
    notebook.series = vec![
        series(1, "Refugees in neighbouring countries", "people"),
        series(2, "Deaths", "people"),
    ];
    let list = proposals(text, "2024-05-14");
    let choices: Vec<(f64, SeriesChoice)> = list
        .iter()
        .filter_map(|p| match &p.kind {
            ProposalKind::Figure { figure, .. } => {
                Some((figure.low, suggest_for_proposal(&notebook, p)?))
            }
            ProposalKind::Event { .. } => None,
        })
        .collect();
    let choice = |value: f64| {
        choices
            .iter()
            .find(|(v, _)| *v == value)
            .map(|(_, c)| c.clone())
    };
    let new = |name: &str| Some(SeriesChoice::New { name: name.into() });
    assert_eq!(choice(120.0), new("Deaths (per incident)"));
    assert_eq!(choice(40.0), new("Injured (per incident)"));
    assert_eq!(
        choice(3000.0),
        Some(SeriesChoice::Existing(SeriesId::from_u128(1)))
    );
    assert_eq!(
        choice(12000.0),
        Some(SeriesChoice::Existing(SeriesId::from_u128(2)))
    );
}

#[test]
fn accepted_figures_of_two_kinds_make_two_series_each_of_its_kind() {
    let text = "The war has killed more than 12,000 people since April. \
        More than 120 people were killed in one attack on Sunday.";
    let notebook = every_figure_accepted(text, "2024-05-14");
    let mut made: Vec<(String, FigureKind, Option<Measure>, usize)> = notebook
        .series
        .iter()
        .map(|s| (s.name.clone(), s.kind, s.measure, s.observations.len()))
        .collect();
    made.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        made,
        [
            (
                "Deaths".to_owned(),
                FigureKind::RunningTotal,
                Some(Measure::Deaths),
                1
            ),
            (
                "Deaths (per incident)".to_owned(),
                FigureKind::Incident,
                Some(Measure::Deaths),
                1
            ),
        ]
    );
}

#[test]
fn a_sentence_s_own_day_and_place_win_over_its_dateline() {
    let text = "KHARTOUM, March 6 (Reuters) - Shelling killed 14 people in Omdurman on Sunday. \
        Aid convoys were stopped.";
    let list = proposals(text, "2024-03-07");
    let mut seen = 0;
    for proposal in &list {
        match &proposal.kind {
            ProposalKind::Event { date, place, .. } => {
                assert_eq!(
                    (date.iso().as_str(), place.as_str()),
                    ("2024-03-03", "Omdurman")
                );
                seen += 1;
            }
            ProposalKind::Figure { as_of, place, .. } => {
                let as_of = as_of.map(PartialDate::iso);
                assert_eq!(
                    (as_of.as_deref(), place.as_str()),
                    (Some("2024-03-03"), "Omdurman")
                );
                seen += 1;
            }
        }
    }
    assert_eq!(seen, 2, "{list:?}");
}

#[test]
fn a_dateline_stands_in_only_for_a_sentence_that_gives_nothing_of_its_own() {
    let text = "KHARTOUM, March 6 (Reuters) - Fighting went on into the night.";
    let list = proposals(text, "2024-03-07");
    let events: Vec<(String, String)> = list
        .iter()
        .filter_map(|p| match &p.kind {
            ProposalKind::Event { date, place, .. } => Some((date.iso(), place.clone())),
            ProposalKind::Figure { .. } => None,
        })
        .collect();
    assert_eq!(events, [("2024-03-06".to_owned(), "Khartoum".to_owned())]);
}

#[test]
fn a_notebook_from_before_measures_and_kinds_keeps_its_bytes() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/saves/sudan-2023.ron");
    let bytes = std::fs::read_to_string(path).expect("the sample reads");
    let notebook = sitrep::store::parse(bytes.as_bytes()).expect("the sample parses");
    assert!(notebook.series.iter().all(|s| s.kind == FigureKind::Level));
    assert_eq!(sitrep::store::to_text(&notebook), bytes);
    let mut marked = notebook.clone();
    marked.series[0].kind = FigureKind::Incident;
    marked.series[0].measure = Some(Measure::Deaths);
    let text = sitrep::store::to_text(&marked);
    assert!(text.contains("kind: Incident") && text.contains("measure: Some(Deaths)"));
    let back = sitrep::store::parse(text.as_bytes()).expect("reads back");
    assert_eq!(back.series[0].kind, FigureKind::Incident);
}

#[test]
fn a_sentence_of_thousands_of_counts_is_read_in_linear_time() {
    // One sentence, no full stop: every count and cue in the same reading.
    let text =
        "gunmen killed 12 people and wounded 30 villagers while 40 fled to Chad and ".repeat(4000);
    let started = std::time::Instant::now();
    let list = proposals(&text, "2024-05-14");
    let took = started.elapsed();
    assert!(figures(&list).len() >= 12_000, "{}", figures(&list).len());
    assert!(took.as_secs() < 20, "took {took:?}");
}

#[test]
fn more_takes_the_group_the_text_counted_and_invents_none() {
    let units = |text: &str| -> Vec<(f64, String)> {
        figures(&proposals(text, "2021-08-24"))
            .into_iter()
            .map(|(v, u, ..)| (v, u))
            .collect()
    };
    let carried = units("About 9,000 evacuees left on Monday. About 1,200 more left on Tuesday.");
    assert!(
        carried.contains(&(1200.0, "evacuees".to_owned())),
        "{carried:?}"
    );
    let none = units("Officials gave no figure. About 1,200 more arrived on Tuesday.");
    assert!(!none.iter().any(|(v, _)| *v == 1200.0), "{none:?}");
}

#[test]
fn one_incident_after_another_stands_as_its_own_marks_while_a_total_is_a_line() {
    let text = "By May the war had killed more than 12,000 people in total. \
        By the end of June the war had killed more than 14,000 people in total. \
        Shelling killed 40 people in the market on 3 June. \
        A drone strike killed 12 people at a school on 20 June.";
    let notebook = every_figure_accepted(text, "2024-06-30");
    let of_kind = |kind: FigureKind| {
        notebook
            .series
            .iter()
            .find(|s| s.kind == kind && s.observations.len() == 2)
            .unwrap_or_else(|| panic!("a series of two {kind:?} figures: {:?}", notebook.series))
            .id
    };
    let (total, incidents) = (
        of_kind(FigureKind::RunningTotal),
        of_kind(FigureKind::Incident),
    );
    let svg = sitrep::export::chart::svg(&notebook, &sitrep::export::ChartOptions::new(&notebook));
    // What a series' group draws before its first figure: its trend, or its stems.
    let drawn = |id: SeriesId| {
        let start = svg
            .find(&format!(r#"data-id="{id}""#))
            .expect("the series is drawn");
        let rest = &svg[start..];
        rest[..rest.find(r#"<g class="figure""#).unwrap_or(rest.len())].to_owned()
    };
    assert!(
        drawn(total).contains("<path"),
        "a running total is one line"
    );
    let stems = drawn(incidents);
    assert!(
        !stems.contains("<path"),
        "incidents are never joined: {stems}"
    );
    assert_eq!(stems.matches("<line").count(), 2, "each toll on its stem");
}
