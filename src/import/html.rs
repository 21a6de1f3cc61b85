//! HTML pages to plain text and metadata, with a maintained readability port
//! (dom_smoothie): navigation, ads and footers dropped; title, byline,
//! site name and published date taken from the page's metadata.

use super::html_guard::{self, MAX_ATTRIBUTES, MAX_DEPTH};
use dom_smoothie::{Config, Readability, TextMode};

/// What an HTML page holds, as text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// The headline.
    pub title: String,
    /// The byline, when the page gives one.
    pub byline: Option<String>,
    /// The site's name.
    pub site_name: Option<String>,
    /// The published time as the page writes it (ISO 8601 usually).
    pub published: Option<String>,
    /// The page's own URL, when its metadata says.
    pub url: Option<String>,
    /// The main text, paragraphs separated by blank lines.
    pub text: String,
    /// What had to give for the page to read in linear time (see
    /// [`html_guard`]), one line each.
    pub warnings: Vec<String>,
}

/// Extracts the main content of an HTML page.
pub fn to_text(html: &str) -> Result<Page, String> {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let guarded = html_guard::guard(html);
    let mut warnings = Vec::new();
    if guarded.flattened > 0 {
        warnings.push(format!(
            "{} elements nested deeper than {MAX_DEPTH} levels were merged into their parent (their text is kept)",
            guarded.flattened
        ));
    }
    if guarded.attributes_dropped > 0 {
        warnings.push(format!(
            "{} attributes past the first {MAX_ATTRIBUTES} on one element were ignored",
            guarded.attributes_dropped
        ));
    }
    let mut readability = Readability::new(guarded.html.as_ref(), None, Some(config))
        .map_err(|e| format!("cannot read the HTML: {e}"))?;
    let article = readability
        .parse()
        .map_err(|e| format!("no article text found in the page: {e}"))?;
    Ok(Page {
        title: article.title.trim().to_owned(),
        byline: article
            .byline
            .map(|b| b.trim().to_owned())
            .filter(|b| !b.is_empty()),
        site_name: article
            .site_name
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()),
        published: article.published_time.filter(|p| !p.trim().is_empty()),
        url: article.url.filter(|u| !u.trim().is_empty()),
        text: article.text_content.to_string(),
        warnings,
    })
}
