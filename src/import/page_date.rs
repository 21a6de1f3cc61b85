//! The day a web page was published, from what the page says of itself, in
//! order of trust: schema.org `datePublished` in JSON-LD (`@graph` too),
//! the `<meta>` forms publishers use (`article:published_time`, `date`,
//! `pubdate`, `dc.date`…), a `<time datetime>`, then a date in the page's
//! address. A time is read as the page writes it, in its own time zone: a
//! report stamped 23:30 at UTC-4 on 22 June was published on 22 June.

use crate::model::{DateSource, PartialDate};
use serde_json::Value;

/// `<meta>` names and properties that state the publication time, most
/// trusted first (lower case).
const META_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publishdate",
    "pubdate",
    "date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "citation_publication_date",
];

/// The page's publication day and where it was found; `url` is the page's
/// address when known.
pub fn published(html: &str, url: Option<&str>) -> Option<(PartialDate, DateSource)> {
    let page = Markup::new(html);
    json_ld(&page)
        .map(|d| (d, DateSource::Metadata))
        .or_else(|| meta(&page).map(|d| (d, DateSource::Metadata)))
        .or_else(|| time_element(&page).map(|d| (d, DateSource::TimeStamp)))
        .or_else(|| url.and_then(from_url).map(|d| (d, DateSource::Address)))
}

/// The day of an ISO 8601 date or time ("2021-06-22", "2021-06-22T23:30:00-04:00",
/// "2021/06/22"), else of an RFC 2822 one ("Tue, 22 Jun 2021 10:00:00 +0000").
pub fn day_of(stamp: &str) -> Option<PartialDate> {
    let stamp = stamp.trim();
    if let Some(head) = stamp.get(..10)
        && let Ok(day) = PartialDate::parse(&head.replace('/', "-"))
        && stamp[10..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_ascii_digit())
    {
        return Some(day);
    }
    let time = jiff::fmt::rfc2822::parse(stamp).ok()?;
    PartialDate::parse(&time.date().to_string()).ok()
}

/// The page's own address, as its `<link rel="canonical">` or `og:url`
/// states it (web addresses only).
pub fn address(html: &str) -> Option<String> {
    let page = Markup::new(html);
    let canonical = page.tags("link").into_iter().find_map(|attributes| {
        attribute(attributes, "rel")
            .filter(|rel| {
                rel.split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
            })
            .and_then(|_| attribute(attributes, "href"))
    });
    let og_url = || {
        page.tags("meta").into_iter().find_map(|attributes| {
            ["property", "name"]
                .iter()
                .find_map(|a| attribute(attributes, a))
                .filter(|key| key.eq_ignore_ascii_case("og:url"))
                .and_then(|_| attribute(attributes, "content"))
        })
    };
    canonical
        .into_iter()
        .chain(og_url())
        .map(|url| url.trim().replace("&amp;", "&"))
        .find(|url| url.starts_with("https://") || url.starts_with("http://"))
}

/// `datePublished` of the page's JSON-LD, an article's before any other's.
fn json_ld(page: &Markup) -> Option<PartialDate> {
    let mut any = None;
    for (attributes, body) in page.elements("script") {
        let is_ld = attribute(attributes, "type").is_some_and(|t| t.contains("ld+json"));
        if !is_ld {
            continue;
        }
        let Ok(value) = serde_json::from_str::<Value>(unwrap_cdata(body)) else {
            continue;
        };
        let mut found = Vec::new();
        collect_dates(&value, &mut found, 0);
        if let Some(&(_, date)) = found.iter().find(|(article, _)| *article) {
            return Some(date);
        }
        any = any.or(found.first().map(|&(_, date)| date));
    }
    any
}

/// A script's JSON without the `<![CDATA[ … ]]>` some pages wrap it in
/// (with or without `//` before each marker).
fn unwrap_cdata(body: &str) -> &str {
    let body = body.trim();
    let body = body.strip_prefix("//").unwrap_or(body).trim_start();
    let Some(inner) = body.strip_prefix("<![CDATA[") else {
        return body;
    };
    let inner = inner.trim_end();
    let inner = inner.strip_suffix("]]>").unwrap_or(inner).trim_end();
    inner.strip_suffix("//").unwrap_or(inner).trim()
}

/// Every `datePublished` in a JSON-LD value, with whether its object is an
/// article of some kind; nesting is bounded, as JSON from a page may be deep.
fn collect_dates(value: &Value, found: &mut Vec<(bool, PartialDate)>, depth: usize) {
    if depth > 16 {
        return;
    }
    match value {
        Value::Array(items) => items
            .iter()
            .for_each(|v| collect_dates(v, found, depth + 1)),
        Value::Object(object) => {
            if let Some(date) = object
                .get("datePublished")
                .and_then(Value::as_str)
                .and_then(day_of)
            {
                let kind = match object.get("@type") {
                    Some(Value::String(kind)) => kind.clone(),
                    Some(Value::Array(kinds)) => kinds
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(" "),
                    _ => String::new(),
                };
                let article = ["Article", "Posting", "Report"]
                    .iter()
                    .any(|k| kind.contains(k));
                found.push((article, date));
            }
            object
                .values()
                .for_each(|v| collect_dates(v, found, depth + 1));
        }
        _ => {}
    }
}

/// The most trusted of the page's `<meta>` dates.
fn meta(page: &Markup) -> Option<PartialDate> {
    let mut best: Option<(usize, PartialDate)> = None;
    for attributes in page.tags("meta") {
        let key = ["property", "name", "itemprop"]
            .iter()
            .find_map(|a| attribute(attributes, a));
        let Some(rank) = key.and_then(|k| META_KEYS.iter().position(|m| k.eq_ignore_ascii_case(m)))
        else {
            continue;
        };
        if best.is_some_and(|(b, _)| b <= rank) {
            continue;
        }
        if let Some(date) = attribute(attributes, "content").and_then(day_of) {
            best = Some((rank, date));
        }
    }
    best.map(|(_, date)| date)
}

/// The first `<time datetime>` marked as the publication time, else the first.
fn time_element(page: &Markup) -> Option<PartialDate> {
    let mut first = None;
    for attributes in page.tags("time") {
        let Some(date) = attribute(attributes, "datetime").and_then(day_of) else {
            continue;
        };
        let marked = attribute(attributes, "itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
            || attributes.to_ascii_lowercase().contains("pubdate");
        if marked {
            return Some(date);
        }
        first = first.or(Some(date));
    }
    first
}

/// A date in a page's address: "/2021/06/22/", "/2021-06-22-", "/20210622/",
/// or a month ("/2021/06/") when no day is given.
pub fn from_url(url: &str) -> Option<PartialDate> {
    let path = url.split(['?', '#']).next()?;
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let parts: Vec<&str> = path
        .split(['/', '-', '_', '.'])
        .filter(|p| !p.is_empty())
        .collect();
    let number = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<i16>().ok())?
    };
    for (k, part) in parts.iter().enumerate() {
        if part.len() == 8
            && part.bytes().all(|b| b.is_ascii_digit())
            && let (Some(year), Some(month), Some(day)) = (
                number(&part[..4], 4),
                number(&part[4..6], 2),
                number(&part[6..], 2),
            )
            && (1990..=2100).contains(&year)
            && let Some(date) = PartialDate::day(year, month as i8, day as i8)
        {
            return Some(date);
        }
        let Some(year) = number(part, 4).filter(|y| (1990..=2100).contains(y)) else {
            continue;
        };
        let Some(month) = parts.get(k + 1).and_then(|p| number(p, 2)) else {
            continue;
        };
        if let Some(day) = parts.get(k + 2).and_then(|p| number(p, 2))
            && let Some(date) = PartialDate::day(year, month as i8, day as i8)
        {
            return Some(date);
        }
        if let Some(date) = PartialDate::month(year, month as i8) {
            return Some(date);
        }
    }
    None
}

/// A page and its lower-cased copy, made once for every search of its tags.
struct Markup<'h> {
    html: &'h str,
    lower: String,
}

impl<'h> Markup<'h> {
    fn new(html: &'h str) -> Self {
        Self {
            html,
            lower: html.to_ascii_lowercase(),
        }
    }

    /// Byte spans of the attribute text of every opening `<name …>` tag,
    /// case-insensitive.
    fn tag_spans(&self, name: &str) -> Vec<(usize, usize)> {
        let lower = &self.lower;
        let open = format!("<{name}");
        let mut spans = Vec::new();
        let mut from = 0;
        while let Some(at) = lower[from..].find(&open) {
            let start = from + at + open.len();
            from = start;
            // "<meta " and "<meta>", not "<metadata".
            if lower[start..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_whitespace() || c == '>' || c == '/')
            {
                let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
                spans.push((start, end));
            }
        }
        spans
    }

    /// The attribute text of every opening `<name …>` tag.
    fn tags(&self, name: &str) -> Vec<&'h str> {
        let html = self.html;
        self.tag_spans(name)
            .into_iter()
            .map(|(start, end)| &html[start..end])
            .collect()
    }

    /// The attribute text and the content of every `<name …>…</name>` element.
    fn elements(&self, name: &str) -> Vec<(&'h str, &'h str)> {
        let (html, lower) = (self.html, &self.lower);
        let close = format!("</{name}");
        self.tag_spans(name)
            .into_iter()
            .map(|(start, end)| {
                // The body starts after the tag's ">".
                let body_start = (end + 1).min(html.len());
                let body_end = lower[body_start..]
                    .find(&close)
                    .map_or(html.len(), |e| body_start + e);
                (&html[start..end], &html[body_start..body_end])
            })
            .collect()
    }
}

/// The value of attribute `name` in a tag's attribute text, unquoted.
fn attribute<'t>(attributes: &'t str, name: &str) -> Option<&'t str> {
    let lower = attributes.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find(name) {
        let start = from + at;
        from = start + name.len();
        let before_ok = start == 0
            || lower[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_whitespace());
        let rest = attributes[from..].trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            continue;
        };
        if !before_ok {
            continue;
        }
        let value = value.trim_start();
        let (quote, value) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &value[1..]),
            _ => (None, value),
        };
        let end = match quote {
            Some(q) => value.find(q).unwrap_or(value.len()),
            None => value
                .find(|c: char| c.is_ascii_whitespace() || c == '/')
                .unwrap_or(value.len()),
        };
        return Some(&value[..end]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(html: &str, url: Option<&str>) -> Option<(String, DateSource)> {
        published(html, url).map(|(d, s)| (d.iso(), s))
    }

    #[test]
    fn json_ld_wins_and_its_graph_is_searched() {
        let html = r#"<html><head>
            <meta property="article:published_time" content="2021-06-20T08:00:00Z">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","datePublished":"2009-01-01"},
              {"@type":["NewsArticle"],"headline":"x","datePublished":"2021-06-22T23:30:00-04:00"}]}
            </script></head><body></body></html>"#;
        assert_eq!(
            day(html, None),
            Some(("2021-06-22".into(), DateSource::Metadata))
        );
    }

    #[test]
    fn json_ld_wrapped_in_cdata_is_read() {
        for wrapped in [
            "<![CDATA[ {\"@type\":\"NewsArticle\",\"datePublished\":\"2015-10-15T02:19:15Z\"} ]]>",
            "//<![CDATA[\n{\"@type\":\"NewsArticle\",\"datePublished\":\"2015-10-15\"}\n//]]>",
        ] {
            let html = format!(
                r#"<meta property="article:published_time" content="2015-12-11">
                <script data-rh="true" type="application/ld+json">{wrapped}</script>"#
            );
            assert_eq!(
                day(&html, None),
                Some(("2015-10-15".into(), DateSource::Metadata)),
                "{wrapped}"
            );
        }
    }

    #[test]
    fn each_meta_form_gives_the_date_the_most_trusted_first() {
        for (tag, expected) in [
            (
                r#"<meta property="article:published_time" content="2023-04-15T06:10:00+02:00">"#,
                "2023-04-15",
            ),
            (r#"<META NAME="date" CONTENT="2023-04-16">"#, "2023-04-16"),
            (
                r#"<meta name='pubdate' content='2023/04/17'>"#,
                "2023-04-17",
            ),
            (
                r#"<meta name="DC.date.issued" content="2023-04-18">"#,
                "2023-04-18",
            ),
            (
                r#"<meta itemprop="datePublished" content="Tue, 18 Apr 2023 10:00:00 +0000">"#,
                "2023-04-18",
            ),
        ] {
            let html = format!(
                "<html><head><meta name=\"viewport\" content=\"width=device-width\">{tag}</head></html>"
            );
            assert_eq!(
                day(&html, None),
                Some((expected.into(), DateSource::Metadata)),
                "{tag}"
            );
        }
        let both = r#"<meta name="date" content="2023-01-01"><meta property="article:published_time" content="2023-04-15">"#;
        assert_eq!(day(both, None).map(|d| d.0), Some("2023-04-15".into()));
    }

    #[test]
    fn a_time_element_then_the_address() {
        let html = r#"<article><p>Updated <time datetime="2024-02-03">Saturday</time></p>
            <time pubdate datetime="2024-02-01T09:00">Thursday</time></article>"#;
        assert_eq!(
            day(html, None),
            Some(("2024-02-01".into(), DateSource::TimeStamp))
        );
        let plain = "<html><body><p>No dates here.</p></body></html>";
        for (url, expected) in [
            (
                "https://www.example.org/news/2021/08/15/kabul-falls",
                Some("2021-08-15"),
            ),
            (
                "https://example.org/world/africa-2023-04-17-sudan/",
                Some("2023-04-17"),
            ),
            (
                "https://example.org/archives/2021/06/taliban-districts.php",
                Some("2021-06"),
            ),
            (
                "https://example.org/a/20230417/sudan.html",
                Some("2023-04-17"),
            ),
            ("https://example.org/story/12345/2021", None),
            ("https://example.org/2021/13/40/x", None),
        ] {
            assert_eq!(
                day(plain, Some(url)).map(|d| d.0).as_deref(),
                expected,
                "{url}"
            );
        }
    }

    #[test]
    fn the_address_comes_from_the_canonical_link_then_og_url() {
        let both = r#"<meta property="og:url" content="https://b.example/x">
            <link href="https://a.example/2021/06/22/y?p=1&amp;q=2" rel="canonical">"#;
        assert_eq!(
            address(both).as_deref(),
            Some("https://a.example/2021/06/22/y?p=1&q=2")
        );
        assert_eq!(
            address(r#"<meta property="og:url" content="https://b.example/x">"#).as_deref(),
            Some("https://b.example/x")
        );
        assert_eq!(address(r#"<link rel="canonical" href="/relative">"#), None);
    }

    #[test]
    fn junk_gives_no_date_and_no_panic() {
        for html in [
            "",
            "<meta",
            "<meta name=date content=>",
            "<script type=application/ld+json>{not json</script>",
            "<time datetime=\"yesterday\">",
            "<meta name=\"date\" content=\"2021-02-30\">",
            "<script type=\"application/ld+json\">[[[[[[[[[[[[[[[[[[[[[[{\"datePublished\":\"2021-01-01\"}]]]]]]]]]]]]]]]]]]]]]</script>",
        ] {
            assert_eq!(published(html, None), None, "{html}");
        }
    }
}
