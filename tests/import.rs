//! Importing article files: HTML main content and metadata, and the limits.

use sitrep::import;
use sitrep::model::PartialDate;

#[test]
fn an_html_page_gives_its_main_text_and_metadata_without_navigation_or_footers() {
    let source = import::read_file("tests/fixtures/article.html".as_ref()).expect("imports");
    assert_eq!(source.title, "Taliban seize border post near Kunduz");
    assert_eq!(source.outlet, "Example Wire");
    assert_eq!(
        source.published.map(PartialDate::iso).as_deref(),
        Some("2021-06-22")
    );
    assert!(source.author.contains("A. Reporter"), "{}", source.author);
    assert!(
        source
            .text
            .contains("more than 50 of the country's 370 districts"),
        "{}",
        source.text
    );
    assert!(source.text.contains("dozens of civilians"));
    assert!(
        source.text.starts_with("Taliban fighters took control"),
        "the byline line is not text: {}",
        source.text
    );
    for boilerplate in [
        "Subscribe now",
        "cheap flights",
        "Cookie settings",
        "All rights reserved",
    ] {
        assert!(
            !source.text.contains(boilerplate),
            "{boilerplate:?} left in: {}",
            source.text
        );
    }
}

#[test]
fn files_over_16_mib_are_refused_before_reading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(import::MAX_IMPORT_BYTES + 1)
        .expect("sparse file");
    let error = import::read_file(&path).expect_err("too large");
    assert!(error.to_string().contains("too large"), "{error}");
    assert!(error.to_string().starts_with(&path.display().to_string()));
}

#[test]
fn a_folder_imports_its_article_files_in_name_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["b.md", "a.txt", "c.html", "notes.docx", "photo.jpg"] {
        std::fs::write(dir.path().join(name), "x").expect("write");
    }
    let files = import::expand(&[dir.path().to_owned()]);
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.txt", "b.md", "c.html"]);
}

#[test]
fn duplicates_are_recognised_through_whitespace_and_line_ends() {
    let mut notebook =
        sitrep::store::load("tests/fixtures/one-article.ron".as_ref()).expect("sample");
    let text = notebook.articles[0].text.clone();
    assert!(import::is_duplicate(
        &notebook,
        &format!("\r\n{}\r\n\r\n", text.replace('\n', "\r\n"))
    ));
    assert!(!import::is_duplicate(&notebook, "A different report."));
    notebook.articles.clear();
    assert!(!import::is_duplicate(&notebook, &text));
}

/// A page in a legacy charset, written for this test, as its outlet's
/// server would have stored it.
fn legacy_page(
    meta: &str,
    title: &str,
    body: &str,
    encoding: &'static encoding_rs::Encoding,
) -> Vec<u8> {
    let html = format!(
        "<html><head>{meta}<title>{title}</title></head><body><article>\
         <h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>"
    );
    encoding.encode(&html).0.into_owned()
}

#[test]
fn pages_in_other_charsets_arrive_with_their_characters_right() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = [
        (
            "<meta charset=\"shift_jis\">",
            "東京で停戦協議",
            "政府と武装勢力の代表は火曜日に東京で会い、三日間の停戦について協議した。",
            encoding_rs::SHIFT_JIS,
        ),
        (
            "",
            "Харків без світла",
            "Після нічного обстрілу в Харкові без електроенергії залишилися десятки тисяч людей, повідомили місцеві власті.",
            encoding_rs::KOI8_U,
        ),
        (
            "",
            "Évacués de Gao",
            "Les habitants évacués vers Sévaré décrivent des tirs nourris près de l'aéroport, où 2 000 déplacés attendent déjà une aide alimentaire.",
            encoding_rs::WINDOWS_1252,
        ),
        (
            "<meta charset=koi8-r>",
            "Обстрел под Херсоном",
            "По словам местных властей, после ночного обстрела более двухсот домов остались без воды и отопления.",
            encoding_rs::KOI8_R,
        ),
        (
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">",
            "Déplacés à Goma",
            "Selon le préfet, près de 3 000 déplacés ont été relogés à Goma après les combats de la semaine dernière.",
            encoding_rs::WINDOWS_1252,
        ),
    ];
    for (n, (meta, title, body, encoding)) in cases.into_iter().enumerate() {
        let path = dir.path().join(format!("page-{n}.html"));
        std::fs::write(&path, legacy_page(meta, title, body, encoding)).expect("written");
        let source = import::read_file(&path).expect("imports");
        assert_eq!(source.title, title);
        assert!(
            source.text.contains(body),
            "{}: {}",
            encoding.name(),
            source.text
        );
        assert!(!source.text.contains('\u{FFFD}'));
        // Only a charset the page does not state is reported, as a guess.
        assert_eq!(
            source.warnings.iter().any(|w| w.contains("guessed")),
            meta.is_empty(),
            "{:?}",
            source.warnings
        );
    }
}

#[test]
fn refuses_empty_binary_and_keeps_bad_utf8_with_a_warning() {
    assert!(
        import::from_bytes("txt", "a", b"  \n ")
            .unwrap_err()
            .contains("empty")
    );
    assert!(
        import::from_bytes("txt", "a", b"PK\x03\x04\x00\x00binary")
            .unwrap_err()
            .contains("binary")
    );
    // Not UTF-8, and no charset stated: the likeliest one is guessed.
    let source = import::from_bytes("txt", "a", b"Kunduz fell on Sunday, the gov\xe9rnor said\n")
        .expect("guessed");
    assert!(source.text.contains("govérnor"), "{}", source.text);
    assert!(
        source.warnings[0].contains("guessed from the bytes"),
        "{:?}",
        source.warnings
    );
    // A page that says UTF-8 and is not: decoded lossily, and counted.
    let page = b"<html><head><meta charset=utf-8><title>Kunduz</title></head>\
        <body><article><p>Kunduz \xff fell on Sunday after a week of fighting \
        around the city, officials said.</p></article></body></html>";
    let source = import::from_bytes("html", "a", page).expect("lossy");
    assert!(source.text.contains('\u{fffd}'), "{}", source.text);
    assert!(
        source
            .warnings
            .iter()
            .any(|w| w.contains("not valid UTF-8: 1 undecodable byte sequence was replaced")),
        "{:?}",
        source.warnings
    );
}

/// A page whose body says `lede`, with `head` in its `<head>`.
fn page_with(head: &str, lede: &str) -> Vec<u8> {
    format!(
        "<html><head>{head}<title>Convoy reaches the camp</title></head><body><article>\
         <h1>Convoy reaches the camp</h1><p>{lede}</p><p>A convoy of 40 trucks carrying \
         food and medicine reached the camp after three days on the road, aid workers \
         said, and more are expected within the week.</p></article></body></html>"
    )
    .into_bytes()
}

#[test]
fn a_page_date_comes_from_the_most_trusted_statement_and_says_where() {
    use sitrep::model::DateSource;
    let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org",
        "@type":"NewsArticle","datePublished":"2023-04-16T01:30:00+03:00"}</script>"#;
    let meta = r#"<meta property="article:published_time" content="2023-04-14T08:00:00Z">"#;
    let address =
        r#"<meta property="og:url" content="https://news.example.org/2023/04/12/convoy">"#;
    let cases = [
        // JSON-LD over a <meta>, in the page's own time zone (not UTC's 15th).
        (
            format!("{ld}{meta}{address}"),
            "Aid workers said the road was open.",
            Some(("2023-04-16", DateSource::Metadata)),
        ),
        (
            format!("{meta}{address}"),
            "Aid workers said the road was open.",
            Some(("2023-04-14", DateSource::Metadata)),
        ),
        // A dateline beats the address.
        (
            address.to_owned(),
            "Published 13 April 2023",
            Some(("2023-04-13", DateSource::Dateline)),
        ),
        (
            address.to_owned(),
            "Aid workers said the road was open.",
            Some(("2023-04-12", DateSource::Address)),
        ),
        // A date in the prose is when something happened, not the article's date.
        (
            String::new(),
            "The road reopened on 11 April 2023, aid workers said.",
            None,
        ),
    ];
    for (head, lede, expected) in cases {
        let source =
            import::from_bytes("html", "page.html", &page_with(&head, lede)).expect("imports");
        let found = source.published.map(PartialDate::iso);
        assert_eq!(
            found.as_deref().zip(source.published_from),
            expected,
            "{head} / {lede}"
        );
    }
    let time = r#"<p><time datetime="2023-04-10T22:00:00-05:00">10 April</time></p>"#;
    let source = import::from_bytes("html", "page.html", &page_with("", time)).expect("imports");
    assert_eq!(
        source.published.map(PartialDate::iso).as_deref(),
        Some("2023-04-10")
    );
    assert_eq!(source.published_from, Some(DateSource::TimeStamp));
}

#[test]
fn deeply_nested_or_attribute_heavy_pages_import_whole_with_a_warning() {
    let depth = 20_000;
    let deep = format!(
        "<html><body><article><p>Shelling closed the bridge on Monday, officials said.</p>\
         {}<p>Deep inside, 300 families waited for water.</p>{}</article></body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let source = import::from_bytes("html", "deep.html", deep.as_bytes()).expect("imports");
    assert!(
        source.text.contains("300 families waited"),
        "{}",
        source.text
    );
    assert!(
        source
            .warnings
            .iter()
            .any(|w| w.contains("nested deeper than 64 levels")),
        "{:?}",
        source.warnings
    );
    let attributes: String = (0..5_000).map(|i| format!(" data-x{i}=\"{i}\"")).collect();
    let heavy = format!(
        "<html><body><article><p{attributes}>The ferry carried 120 people across the lake \
         before dawn, the harbour master said.</p></article></body></html>"
    );
    let source = import::from_bytes("html", "heavy.html", heavy.as_bytes()).expect("imports");
    assert!(source.text.contains("120 people"), "{}", source.text);
    assert!(
        source
            .warnings
            .iter()
            .any(|w| w.contains("4744 attributes past the first 256")),
        "{:?}",
        source.warnings
    );
}

#[test]
fn relative_dates_in_an_undated_article_wait_for_its_date_then_follow_it() {
    use sitrep::extract::Extractor;
    use sitrep::model::{Notebook, ProposalKind};
    let extractor = Extractor::with_defaults().expect("extractor");
    let source = import::from_bytes(
        "txt",
        "report.txt",
        b"Market attack\n\nGunmen attacked the market on Tuesday and 14 traders were killed.\n\n\
          A curfew imposed on 3 May 2023 is still in force.\n",
    )
    .expect("imports");
    assert_eq!(source.published, None);
    let mut notebook = Notebook::new("n".into(), "t", jiff::Timestamp::UNIX_EPOCH);
    let (edit, _) = import::article_edit(&source, &extractor, jiff::Timestamp::now());
    edit.apply(&mut notebook).expect("applies");
    let article = notebook.articles[0].id;
    let event = |notebook: &Notebook, starts: &str| {
        notebook
            .proposals
            .iter()
            .find(|p| matches!(&p.kind, ProposalKind::Event { title, .. } if title.starts_with(starts)))
            .cloned()
            .expect("event proposal")
    };
    let tuesday = event(&notebook, "Gunmen");
    let curfew = event(&notebook, "A curfew");
    assert!(tuesday.date_relative && !curfew.date_relative);
    let error = import::accept_edit(&notebook, tuesday.id, None, None).expect_err("waits");
    assert!(error.contains("set the article's date first"), "{error}");
    import::accept_edit(&notebook, curfew.id, None, None)
        .expect("a stated year needs no article date");

    let friday = PartialDate::parse("2023-05-12").ok();
    import::date_article_edit(&notebook, article, friday, Some(&extractor))
        .expect("dates")
        .apply(&mut notebook)
        .expect("applies");
    let tuesday = event(&notebook, "Gunmen");
    assert!(matches!(tuesday.kind, ProposalKind::Event { date, .. } if date.iso() == "2023-05-09"));
    import::accept_edit(&notebook, tuesday.id, None, None).expect("dated now");
    // A correction of the article's date moves it again, until accepted.
    import::date_article_edit(
        &notebook,
        article,
        PartialDate::parse("2023-05-20").ok(),
        Some(&extractor),
    )
    .expect("dates")
    .apply(&mut notebook)
    .expect("applies");
    assert!(
        matches!(event(&notebook, "Gunmen").kind, ProposalKind::Event { date, .. } if date.iso() == "2023-05-16")
    );
}

/// A figure tagged by hand goes where the same words go when their
/// proposal is accepted: one rule makes both (series, unit, measure, kind).
#[test]
fn a_hand_tagged_figure_lands_on_the_series_its_proposal_would() {
    use sitrep::extract::Extractor;
    use sitrep::model::{FigureKind, Measure, Notebook, ProposalKind};
    let extractor = Extractor::with_defaults().expect("extractor");
    let source = import::from_bytes(
        "txt",
        "report.txt",
        b"Published: 2024-03-02\n\nClashes\n\nThe militia's raid on Friday killed 1,200 \
          soldiers, local officials said. Aid workers counted 300 tents.\n",
    )
    .expect("imports");
    let mut accepted = Notebook::new("n".into(), "t", jiff::Timestamp::UNIX_EPOCH);
    let (edit, _) = import::article_edit(&source, &extractor, jiff::Timestamp::now());
    edit.apply(&mut accepted).expect("applies");
    let mut tagged = accepted.clone();
    let proposal = accepted
        .proposals
        .iter()
        .find(|p| matches!(&p.kind, ProposalKind::Figure { figure, .. } if figure.low == 1200.0))
        .cloned()
        .expect("the toll is proposed");
    import::accept_edit(&accepted, proposal.id, None, None)
        .expect("accepts")
        .apply(&mut accepted)
        .expect("applies");
    let by_proposal = accepted.series[0].clone();
    assert_eq!(by_proposal.unit, "troops", "soldiers are counted as troops");
    assert_eq!(by_proposal.measure, Some(Measure::Deaths));
    assert_eq!(by_proposal.kind, FigureKind::Incident);

    // The analyst selects the same words by hand.
    let article = tagged.articles[0].clone();
    let span = (proposal.evidence.start, proposal.evidence.end);
    let reading = import::read_selection(Some(&extractor), &article.text, span, article.published)
        .expect("a figure");
    let choice = reading.suggested_series(&tagged);
    let entry = import::FigureEntry {
        reading,
        best: None,
        as_of: article.published.expect("dated"),
        place: String::new(),
        evidence: Some(proposal.evidence.clone()),
        notes: String::new(),
    };
    import::figure_edit(&entry, &choice)
        .expect("builds")
        .apply(&mut tagged)
        .expect("applies");
    let by_hand = &tagged.series[0];
    assert_eq!(
        (&by_hand.name, &by_hand.unit, by_hand.measure, by_hand.kind),
        (
            &by_proposal.name,
            &by_proposal.unit,
            by_proposal.measure,
            by_proposal.kind
        )
    );
    // Once the series is there, the same words are offered onto it.
    let again = import::read_selection(Some(&extractor), &article.text, span, article.published)
        .expect("a figure");
    assert_eq!(
        again.suggested_series(&accepted),
        import::SeriesChoice::Existing(by_proposal.id)
    );
    // Words with no number give nothing to tag; a bare number is offered alone.
    let text = "No figure here, then 42.";
    assert_eq!(
        import::read_selection(Some(&extractor), text, (0, 14), None),
        None
    );
    let bare = import::read_selection(None, text, (21, 23), None).expect("a number");
    assert_eq!((bare.value.low, bare.value.unit.as_str()), (42.0, ""));
}
