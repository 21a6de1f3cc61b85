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
