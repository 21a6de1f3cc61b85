//! Tests of the timeline's layout: the calendar axis, event lanes, plots
//! by unit and the columns dense series are reduced to.
use super::*;
use crate::model::{Event, Precision};
use jiff::Timestamp;

fn date(text: &str) -> PartialDate {
    PartialDate::parse(text).expect("valid date")
}

#[test]
fn x_counts_days_from_1970() {
    assert_eq!(day_x(Date::constant(1970, 1, 2)), 1.0);
    let may_first = day_x(Date::constant(2021, 5, 1));
    assert_eq!(x_date(may_first), Date::constant(2021, 5, 1));
    assert_eq!(x_date(may_first + 0.99), Date::constant(2021, 5, 1));
}

#[test]
fn a_month_precision_date_spans_the_month() {
    let (start, end) = date_span(date("2021-06"));
    assert_eq!(end - start, 30.0);
    let (start, end) = date_span(date("2021-06-22"));
    assert_eq!(end - start, 1.0);
}

#[test]
fn the_axis_steps_from_days_to_months_to_years_as_it_zooms_out() {
    let june = day_x(Date::constant(2021, 6, 1));
    let days = calendar_marks(june, june + 10.0, 1.0);
    assert!(days.iter().any(|m| m.step_days == 1.0));
    assert_eq!(mark_label(june + 21.0, 1.0), "22 Jun");
    let months = calendar_marks(june - 200.0, june + 200.0, 20.0);
    assert!(months.iter().all(|m| m.step_days >= DAYS_PER_MONTH));
    assert!(months.iter().any(|m| m.x == june));
    assert_eq!(mark_label(june, DAYS_PER_MONTH), "Jun");
    assert_eq!(
        mark_label(day_x(Date::constant(2021, 1, 1)), DAYS_PER_MONTH),
        "Jan 2021"
    );
    let years = calendar_marks(june - 4000.0, june + 4000.0, 200.0);
    assert!(years.iter().all(|m| m.step_days >= DAYS_PER_YEAR));
    assert_eq!(
        mark_label(day_x(Date::constant(2020, 1, 1)), DAYS_PER_YEAR),
        "2020"
    );
    assert!(
        calendar_marks(0.0, 1e6, 0.001).len() <= 1300,
        "line count stays bounded"
    );
    let mixed = calendar_marks(june - 20.0, june + 20.0, 5.0);
    for pair in mixed.windows(2) {
        assert!(
            pair[1].x - pair[0].x >= 3.0,
            "marks {pair:?} would print over each other"
        );
    }
    assert!(
        mixed
            .iter()
            .any(|m| m.x == june && m.step_days >= DAYS_PER_MONTH),
        "the month mark wins"
    );
}

fn notebook_with_events(events: &[(&str, &str)]) -> Notebook {
    let mut notebook = Notebook::new("n".into(), "t", Timestamp::UNIX_EPOCH);
    for (index, (title, when)) in events.iter().enumerate() {
        notebook.events.push(Event {
            id: EventId::from_u128(index as u128),
            title: (*title).into(),
            start: date(when),
            end: None,
            category: Category::Military,
            tags: vec![],
            place: String::new(),
            actors: vec![],
            notes: String::new(),
            evidence: vec![],
            confidence: None,
        });
    }
    notebook
}

#[test]
fn labels_that_would_overlap_go_to_different_lanes() {
    let notebook = notebook_with_events(&[
        ("Taliban take the border crossing", "2021-06-22"),
        ("UN envoy briefs the Security Council", "2021-06-22"),
        ("Biden meets Ghani", "2021-06-25"),
        ("Much later", "2021-09-01"),
    ]);
    let marks = event_marks(&notebook, &Filter::default(), 4.0, 7.0, 5);
    let lane = |title: &str| {
        marks
            .iter()
            .find(|m| &*m.title == title)
            .expect("mark")
            .lane
    };
    assert_ne!(
        lane("Taliban take the border crossing"),
        lane("UN envoy briefs the Security Council")
    );
    assert_eq!(
        lane("Much later"),
        0,
        "a far-away event reuses the first lane"
    );
    assert!(marks.iter().all(|m| m.label_shown));
    // With a single lane, later overlapping labels hide rather than overlap.
    let crowded = event_marks(&notebook, &Filter::default(), 4.0, 7.0, 1);
    assert_eq!(crowded.iter().filter(|m| !m.label_shown).count(), 2);
}

#[test]
fn a_share_plots_the_figure_as_a_percentage_of_its_whole() {
    let notebook = crate::store::parse(include_bytes!("../../tests/fixtures/one-article.ron"))
        .expect("sample");
    let plots = unit_plots(
        &notebook,
        &Filter {
            as_share: true,
            ..Filter::default()
        },
    );
    assert_eq!(plots.len(), 1, "only the districts have a whole");
    assert_eq!(plots[0].unit, "% of districts");
    let figure = &plots[0].traces[0].figures[0];
    assert!(
        (figure.central - 13.51).abs() < 0.01,
        "50 of 370 is 13.5 %: {}",
        figure.central
    );
}

#[test]
fn windows_and_tags_narrow_what_is_listed() {
    use crate::model::{Article, ArticleId};
    let mut tagged = Article::new(ArticleId::from_u128(1), "a", "t", Timestamp::UNIX_EPOCH);
    tagged.tags = vec!["Border ".into()];
    tagged.published = Some(date("2021-06-22"));
    let undated = Article::new(ArticleId::from_u128(2), "b", "t", Timestamp::UNIX_EPOCH);
    let everything = Filter::default();
    assert!(everything.lists_article(&tagged) && everything.lists_article(&undated));
    let june = Filter {
        window: Some((Date::constant(2021, 6, 1), Date::constant(2021, 6, 30))),
        ..Filter::default()
    };
    assert!(june.lists_article(&tagged));
    assert!(
        !june.lists_article(&undated),
        "an undated article cannot be placed in a window"
    );
    let may = Filter {
        window: Some((Date::constant(2021, 5, 1), Date::constant(2021, 5, 31))),
        ..Filter::default()
    };
    assert!(!may.lists_article(&tagged));
    assert!(
        may.in_window(
            day_x(Date::constant(2021, 5, 31)),
            day_x(Date::constant(2021, 6, 1))
        ),
        "the window's last day is in it"
    );
    let by_tag = Filter {
        tags: vec!["border".into()],
        ..Filter::default()
    };
    assert!(
        by_tag.lists_article(&tagged),
        "tags match without case or spaces"
    );
    assert!(!by_tag.lists_article(&undated));
    assert_eq!(by_tag.without_window(), by_tag);
}

#[test]
fn columns_keep_every_spike_and_cost_what_the_pixels_cost() {
    let figures: Vec<FigureMark> = (0..100_000)
        .map(|i| {
            let value = if i == 54_321 { 9_999.0 } else { (i % 7) as f64 };
            FigureMark {
                id: ObservationId::from_u128(i as u128),
                x_start: i as f64 * 0.01,
                x_end: i as f64 * 0.01 + 1.0,
                low: value,
                high: value,
                central: value,
                qualifier: Qualifier::Exact,
                slot: 0,
                slots: 1,
            }
        })
        .collect();
    let cols = columns(&figures, 0.0, 1001.0, 800);
    assert!(cols.len() <= 800);
    assert_eq!(cols.iter().map(|c| c.count).sum::<usize>(), 100_000);
    assert!(cols.iter().any(|c| c.high == 9_999.0), "the spike survives");
    assert!(cols.windows(2).all(|w| w[0].x < w[1].x));
    let zoomed = columns(&figures, 100.0, 101.0, 800);
    assert!(
        zoomed.iter().all(|c| c.count <= 2),
        "zoomed in, one figure per column"
    );
    assert!(columns(&figures, 5.0, 5.0, 800).is_empty());
}

#[test]
fn series_are_grouped_by_unit_and_keep_same_day_figures_apart() {
    use crate::model::{Observation, Series};
    let mut notebook = Notebook::new("n".into(), "t", Timestamp::UNIX_EPOCH);
    let observation = |id: u128, low: f64| Observation {
        id: ObservationId::from_u128(id),
        as_of: date("2021-06-22"),
        low,
        high: low,
        best: None,
        qualifier: Qualifier::Exact,
        denominator: None,
        place: String::new(),
        evidence: None,
        notes: String::new(),
    };
    for (id, name, unit) in [
        (1, "US troops", "troops"),
        (2, "Districts", "Districts"),
        (3, "NATO troops", "troops"),
    ] {
        notebook.series.push(Series {
            observations: vec![observation(id * 10, 1.0), observation(id * 10 + 1, 2.0)],
            ..Series::new(SeriesId::from_u128(id), name, unit)
        });
    }
    let plots = unit_plots(&notebook, &Filter::default());
    let shares = unit_plots(
        &notebook,
        &Filter {
            as_share: true,
            ..Filter::default()
        },
    );
    assert!(
        shares.is_empty(),
        "no figure here has a whole, so nothing plots as a share"
    );
    assert_eq!(
        plots.iter().map(|p| p.unit.as_str()).collect::<Vec<_>>(),
        ["districts", "troops"]
    );
    assert_eq!(
        plots[1]
            .traces
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>(),
        ["NATO troops", "US troops"]
    );
    let conflicting = &plots[1].traces[0].figures;
    assert_eq!(conflicting.len(), 2, "conflicting figures are both kept");
    let (left, right) = (conflicting[0].x_drawn(0.5), conflicting[1].x_drawn(0.5));
    assert_eq!(
        right - left,
        SIDE_BY_SIDE_PX * 0.5,
        "and drawn side by side, one marker apart"
    );
    assert!(
        (left + right) / 2.0 == conflicting[0].x_mid(),
        "around their day"
    );
    let (min, max) = data_range(&notebook).expect("dated");
    assert!(min < day_x(Date::constant(2021, 6, 22)) && max > day_x(Date::constant(2021, 6, 23)));
    assert_eq!(date("2021").precision, Precision::Year);

    // The analyst can put series of any units in one named plot, and part
    // series of one unit.
    notebook.series[0].plot = "Forces".into();
    notebook.series[1].plot = "Forces".into();
    let plots = unit_plots(&notebook, &Filter::default());
    assert_eq!(
        plots
            .iter()
            .map(|p| (
                p.unit.as_str(),
                p.traces.iter().map(|t| t.name.as_str()).collect::<Vec<_>>()
            ))
            .collect::<Vec<_>>(),
        [
            ("Forces", vec!["Districts", "US troops"]),
            ("troops", vec!["NATO troops"])
        ]
    );
    assert_eq!(plots[0].traces[0].unit, "districts", "each keeps its unit");
}

#[test]
fn a_picked_region_keeps_only_the_events_there_and_leaves_figures_alone() {
    let mut notebook = crate::store::parse(include_bytes!("../../tests/fixtures/one-article.ron"))
        .expect("fixture");
    let doha = locate(&notebook, "Doha").expect("in the gazetteer");
    let filter = Filter {
        region: Some(Region::around("Doha", doha)),
        ..Filter::default()
    };
    let shown: Vec<&str> = notebook
        .events
        .iter()
        .filter(|e| filter.shows_event(&notebook, e))
        .map(|e| e.place.as_str())
        .collect();
    assert!(
        !shown.is_empty() && shown.iter().all(|p| *p == "Doha"),
        "{shown:?}"
    );
    // Testing many events at once, each place located once, agrees.
    let mut test = filter.events(&notebook);
    let at_once: Vec<&str> = notebook
        .events
        .iter()
        .filter(|e| test.shows(e))
        .map(|e| e.place.as_str())
        .collect();
    assert_eq!(at_once, shown);
    let figures = |f: &Filter| {
        unit_plots(&notebook, f)
            .iter()
            .flat_map(|p| &p.traces)
            .map(|t| t.figures.len())
            .sum::<usize>()
    };
    assert_eq!(figures(&filter), figures(&Filter::default()));
    // An event whose place is found nowhere is outside every region.
    notebook.events[0].place = "Nowhere-at-all-xyz".into();
    assert!(!filter.shows_event(&notebook, &notebook.events[0]));
}
