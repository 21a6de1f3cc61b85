//! Exports as a reader of them would check them: the SVG parses and shows
//! the series and events the app shows; the PNG has the text drawn; the
//! report lists the window's events in order with their sources.

use jiff::Timestamp;
use jiff::civil::Date;
use sitrep::export::{self, ChartOptions, ReportOptions};
use sitrep::model::{
    Article, ArticleId, Category, Event, EventId, Evidence, Notebook, Observation, ObservationId,
    PartialDate, Qualifier, Series, SeriesId, SeriesStyle,
};
use sitrep::timeline::Filter;

fn sample() -> Notebook {
    sitrep::store::load(std::path::Path::new("tests/fixtures/one-article.ron"))
        .expect("sample loads")
}

fn date(text: &str) -> PartialDate {
    PartialDate::parse(text).expect("date")
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\'', "&apos;")
        .replace('"', "&quot;")
}

fn parses(svg: &str) {
    resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
        .unwrap_or_else(|e| panic!("the SVG does not parse: {e}"));
}

#[test]
fn the_svg_parses_and_holds_every_series_and_event() {
    let notebook = sample();
    let svg = export::chart::svg(&notebook, &ChartOptions::new(&notebook));
    parses(&svg);
    for series in &notebook.series {
        assert!(
            svg.contains(&escaped(&series.name)),
            "series {}",
            series.name
        );
        assert!(svg.contains(&series.id.to_string()));
    }
    for event in &notebook.events {
        assert!(
            svg.contains(&escaped(&event.title)),
            "event {}",
            event.title
        );
    }
    assert!(
        svg.contains("more than 50 of 370"),
        "figures as the source states them"
    );
}

#[test]
fn the_svg_draws_what_the_filters_keep() {
    let notebook = sample();
    let hidden = ChartOptions {
        filter: Filter {
            hidden_categories: vec![Category::Diplomatic],
            known_on: Some(Date::constant(2021, 6, 1)),
            ..Filter::default()
        },
        ..ChartOptions::new(&notebook)
    };
    let svg = export::chart::svg(&notebook, &hidden);
    parses(&svg);
    for event in &notebook.events {
        let drawn = svg.contains(&escaped(&event.title));
        assert!(
            !drawn,
            "{} was published on 22 June, after the cursor",
            event.title
        );
    }
    assert!(
        !svg.contains("class=\"figure\""),
        "no figure was known on 1 June"
    );
    let windowed = ChartOptions {
        filter: Filter {
            window: Some((Date::constant(2021, 6, 10), Date::constant(2021, 6, 20))),
            ..Filter::default()
        },
        ..ChartOptions::new(&notebook)
    };
    assert!(export::chart::svg(&notebook, &windowed).contains("class=\"window\""));
    let shares = ChartOptions {
        filter: Filter {
            as_share: true,
            ..Filter::default()
        },
        ..ChartOptions::new(&notebook)
    };
    let svg = export::chart::svg(&notebook, &shares);
    assert!(svg.contains("% of districts"));
    assert!(!svg.contains("NATO troops"), "NATO troops have no whole");
}

#[test]
fn the_png_is_rasterized_from_the_svg_with_its_text_drawn() {
    let notebook = sample();
    let options = ChartOptions {
        width: 800,
        height: 450,
        ..ChartOptions::new(&notebook)
    };
    let png = export::chart::png(&export::chart::svg(&notebook, &options)).expect("png");
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decodes");
    assert_eq!((pixmap.width(), pixmap.height()), (800, 450));
    // Text only: with no font loaded, nothing would be drawn.
    let text_only = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="100%" height="100%" fill="#fff"/><text x="4" y="28" font-size="24" fill="#000">Kunduz</text></svg>"##;
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&export::chart::png(text_only).expect("png"))
        .expect("decodes");
    let inked = pixmap.pixels().iter().filter(|p| p.red() < 128).count();
    assert!(
        inked > 100,
        "the text is drawn without system fonts ({inked} dark pixels)"
    );
    assert!(
        export::chart::png("<svg").is_err(),
        "a broken SVG is an error, not a panic"
    );
}

/// A notebook with events before, inside and after June 2021, and two
/// conflicting figures for the latest date.
fn window_notebook() -> Notebook {
    let mut notebook = Notebook::new("n".into(), "Kunduz *watch*", Timestamp::UNIX_EPOCH);
    let article = ArticleId::from_u128(1);
    notebook.articles.push(Article {
        outlet: "Example Wire".into(),
        url: "https://example.org/kunduz".into(),
        published: Some(date("2021-06-30")),
        ..Article::new(
            article,
            "Fighting near Kunduz",
            "Words of the report.",
            Timestamp::UNIX_EPOCH,
        )
    });
    let evidence = |quote: &str| Evidence {
        article,
        start: 0,
        end: 5,
        quote: quote.into(),
    };
    for (id, title, start) in [
        (1, "Before the window", "2021-05-20"),
        (2, "Late June clash", "2021-06-25"),
        (3, "Early June *raid*", "2021-06-02"),
        (4, "Month-long siege", "2021-06"),
        (5, "After the window", "2021-07-04"),
    ] {
        notebook.events.push(Event {
            id: EventId::from_u128(id),
            title: title.into(),
            start: date(start),
            end: None,
            category: Category::Military,
            tags: Vec::new(),
            place: "Kunduz".into(),
            actors: Vec::new(),
            notes: String::new(),
            evidence: vec![evidence(&format!("quote for {id}"))],
            confidence: None,
        });
    }
    let figure = |id: u128, day: &str, low: f64, high: f64| Observation {
        id: ObservationId::from_u128(id),
        as_of: date(day),
        low,
        high,
        best: None,
        qualifier: Qualifier::Exact,
        denominator: None,
        place: String::new(),
        evidence: Some(evidence(&format!("figure {id}"))),
        notes: String::new(),
    };
    notebook.series.push(Series {
        id: SeriesId::from_u128(9),
        name: "Displaced families".into(),
        unit: "families".into(),
        subject: String::new(),
        denominator: None,
        style: SeriesStyle::Step,
        color: None,
        plot: String::new(),
        kind: Default::default(),
        measure: None,
        observations: vec![
            figure(10, "2021-06-05", 100.0, 100.0),
            figure(11, "2021-06-20", 400.0, 600.0),
            figure(12, "2021-06-20", 900.0, 900.0),
            figure(13, "2021-07-10", 5000.0, 5000.0),
        ],
    });
    notebook
}

#[test]
fn the_report_lists_the_windows_events_in_order_and_the_latest_figures() {
    let notebook = window_notebook();
    let report = export::report::report(
        &notebook,
        &ReportOptions {
            window: (Date::constant(2021, 6, 1), Date::constant(2021, 6, 30)),
            filter: Filter::default(),
            chart: Some("june-chart.svg".into()),
            map: Some("june-map.svg".into()),
            made_on: Some(Date::constant(2026, 11, 23)),
        },
    );
    assert!(
        report.starts_with("# Situation report: Kunduz \\*watch\\*\n"),
        "{report}"
    );
    assert!(report.contains("![Timeline from 2021-06-01 to 2021-06-30](<june-chart.svg>)"));
    assert!(
        report.contains("![Where the events happened, 2021-06-01 to 2021-06-30](<june-map.svg>)")
    );
    let position = |text: &str| {
        report
            .find(text)
            .unwrap_or_else(|| panic!("{text} in {report}"))
    };
    let order = [
        position("Month-long siege"),
        position("Early June \\*raid\\*"),
        position("Late June clash"),
    ];
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "events in date order"
    );
    assert!(!report.contains("Before the window") && !report.contains("After the window"));
    assert!(report.contains("## Events (3)"));
    assert!(
        report.contains("*Fighting near Kunduz* (Example Wire, 30 Jun 2021), <https://example.org/kunduz>: “quote for 2”"),
        "each event with its source: {report}"
    );
    // The latest figures: both conflicting reports for 20 June, not July's, not the average.
    assert!(report.contains("400–600 families"), "{report}");
    assert!(report.contains("900 families"));
    assert!(report.contains("2 reports for the same date disagree"));
    assert!(!report.contains("5,000"), "July is outside the window");
    assert!(!report.contains("750"), "never averaged");
    assert!(report.contains("“figure 11”"));
}

#[test]
fn conflicting_figures_are_drawn_side_by_side() {
    let notebook = window_notebook();
    let svg = export::chart::svg(&notebook, &ChartOptions::new(&notebook));
    parses(&svg);
    let x_of = |id: u128| -> String {
        let marker = format!("data-id=\"{}\"", ObservationId::from_u128(id));
        let at = svg.find(&marker).expect("figure drawn");
        let rest = &svg[at..];
        let circle = rest.find("cx=\"").expect("a marker") + 4;
        rest[circle..]
            .split('"')
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    assert_ne!(x_of(11), x_of(12), "two reports for one day, two places");
}

#[test]
fn a_report_lands_beside_its_chart_and_says_so() {
    let notebook = window_notebook();
    let dir = tempfile::tempdir().expect("temp dir");
    let request = export::Request {
        format: export::Format::Markdown,
        chart: ChartOptions::new(&notebook),
        window: Some((Date::constant(2021, 6, 1), Date::constant(2021, 6, 30))),
        made_on: None,
    };
    let written = export::write(&notebook, &dir.path().join("r.md"), &request).expect("written");
    // The window's events have places: the map of them lands beside it too.
    assert_eq!(
        written,
        [
            dir.path().join("r.md"),
            dir.path().join("r-chart.svg"),
            dir.path().join("r-map.svg")
        ]
    );
    parses(&std::fs::read_to_string(dir.path().join("r-map.svg")).expect("map"));
    let chart = std::fs::read_to_string(dir.path().join("r-chart.svg")).expect("chart");
    parses(&chart);
    assert!(chart.contains("Late June clash") && !chart.contains("After the window"));
    let missing = dir.path().join("no such folder").join("r.md");
    let error = export::write(&notebook, &missing, &request).expect_err("no folder");
    assert!(error.contains("no such folder"), "{error}");
}

#[test]
fn events_with_no_room_for_a_label_are_counted_in_the_chart() {
    let mut notebook = sample();
    let article = notebook.articles[0].id;
    // A dozen events a day apart: too close for every one to be named.
    for day in 1..=12 {
        notebook.events.push(Event {
            id: EventId::from_u128(900 + day),
            title: format!("Shelling reported in district number {day}"),
            start: date(&format!("2021-07-{day:02}")),
            end: None,
            category: Category::Military,
            tags: Vec::new(),
            place: String::new(),
            actors: Vec::new(),
            notes: String::new(),
            evidence: vec![Evidence {
                article,
                start: 0,
                end: 0,
                quote: String::new(),
            }],
            confidence: None,
        });
    }
    notebook.canonicalize();
    let svg = export::chart::svg(&notebook, &ChartOptions::new(&notebook));
    parses(&svg);
    let counted: usize = svg
        .match_indices(r#"class="crowd""#)
        .map(|(at, _)| {
            let text = &svg[at..];
            let start = text.find("</title>").expect("its hover") + "</title>+".len();
            let end = start + text[start..].find('<').expect("its end");
            text[start..end].parse::<usize>().expect("a count")
        })
        .sum();
    // An event named in the lane has its label in its group.
    let named = (1..=12)
        .filter(|day| {
            let id = EventId::from_u128(900 + day).to_string();
            let at = svg.find(&format!(r#"data-id="{id}""#)).expect("drawn");
            let group = &svg[at..at + svg[at..].find("</g>").expect("closed")];
            group.contains("<text")
        })
        .count();
    assert!(counted > 0, "some events are counted");
    assert!(named + counted >= 12, "{named} named, {counted} counted");
}
