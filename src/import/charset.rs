//! Bytes to text as a browser would read a file it was given without HTTP
//! headers: a byte-order mark first; then UTF-8 when the bytes are valid
//! UTF-8 with letters beyond ASCII (a saved page often keeps a declaration
//! that is no longer true); then, for HTML, the page's own `<meta charset>`
//! or `<meta http-equiv="Content-Type">`; then UTF-8 for plain ASCII; and
//! otherwise the encoding `chardetng` guesses from the bytes. Decoding is
//! `encoding_rs`'s, the one Firefox uses.

use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;

/// [`Decoded::because`] for an encoding guessed from the bytes.
pub const GUESSED: &str = "guessed from the bytes";

/// How far into a page the `<meta>` that names its charset is looked for:
/// the HTML standard's prescan stops at 1024 bytes; pages put it later.
const META_WINDOW: usize = 4096;

/// How the text was decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text.
    pub text: Cow<'a, str>,
    /// The encoding used, by its standard name ("UTF-8", "Shift_JIS").
    pub encoding: &'static str,
    /// Why that encoding: "byte-order mark", "the page's meta charset",
    /// "valid UTF-8" or "guessed from the bytes".
    pub because: &'static str,
    /// Bytes that were not valid in that encoding, each now "�".
    pub replaced: usize,
}

/// Decodes `bytes`; `html` looks for the page's own charset declaration.
pub fn decode(bytes: &[u8], html: bool) -> Decoded<'_> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return decode_with(&bytes[bom..], encoding, "byte-order mark");
    }
    let utf_8 = std::str::from_utf8(bytes).ok();
    let valid_utf_8 = |text| Decoded {
        text: Cow::Borrowed(text),
        encoding: UTF_8.name(),
        because: "valid UTF-8",
        replaced: 0,
    };
    // Letters beyond ASCII that are valid UTF-8 are UTF-8 whatever the page
    // claims: a page saved as UTF-8 often keeps its old declaration, and no
    // legacy text is valid UTF-8 but by contrivance.
    if let Some(text) = utf_8
        && !text.is_ascii()
    {
        return valid_utf_8(text);
    }
    // ASCII reads the same in every declared charset but ISO-2022-JP,
    // whose escapes are ASCII: the declaration decides.
    if html && let Some(encoding) = declared(bytes) {
        return decode_with(bytes, encoding, "the page's meta charset");
    }
    if let Some(text) = utf_8 {
        return valid_utf_8(text);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    decode_with(bytes, encoding, GUESSED)
}

fn decode_with<'a>(
    bytes: &'a [u8],
    encoding: &'static Encoding,
    because: &'static str,
) -> Decoded<'a> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let replaced = if had_errors {
        // UTF-8 text may hold "�" of its own: count only what decoding added.
        let own = if encoding == UTF_8 {
            memchr::memmem::find_iter(bytes, "\u{FFFD}".as_bytes()).count()
        } else {
            0
        };
        text.matches('\u{FFFD}').count().saturating_sub(own).max(1)
    } else {
        0
    };
    Decoded {
        text,
        encoding: encoding.name(),
        because,
        replaced,
    }
}

/// The encoding a page declares in a `<meta>` near its start, as
/// `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">`. A declared UTF-16 means UTF-8, as in browsers: a page
/// that reached this point has no UTF-16 byte-order mark.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_WINDOW)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |p| start + p);
        let tag = &lower[start..end];
        if let Some(label) = charset_in(tag) {
            let encoding = Encoding::for_label(label)?;
            return Some(encoding.output_encoding());
        }
        from = end;
    }
    None
}

/// The label after `charset=` in a tag's attributes, without quotes.
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let at = find(tag, b"charset")?;
    let rest = &tag[at + "charset".len()..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(charset_meta: &str, body: &str, encoding: &'static Encoding) -> Vec<u8> {
        let html = format!(
            "<html><head>{charset_meta}<title>t</title></head><body><p>{body}</p></body></html>"
        );
        encoding.encode(&html).0.into_owned()
    }

    #[test]
    fn a_page_names_its_charset_in_either_meta_form() {
        let body = "Les habitants de Bria ont fui vers l'église";
        let bytes = page(
            r#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">"#,
            body,
            encoding_rs::WINDOWS_1252,
        );
        let decoded = decode(&bytes, true);
        assert!(decoded.text.contains(body), "{}", decoded.text);
        assert_eq!(decoded.encoding, "windows-1252");
        assert_eq!(decoded.because, "the page's meta charset");
        assert_eq!(decoded.replaced, 0);

        let body = "会議は東京で開かれた";
        let bytes = page("<meta charset=shift_jis>", body, encoding_rs::SHIFT_JIS);
        let decoded = decode(&bytes, true);
        assert!(decoded.text.contains(body));
        assert_eq!(decoded.encoding, "Shift_JIS");
    }

    #[test]
    fn a_latin_1_label_reads_as_windows_1252_as_browsers_do() {
        let bytes = page(
            "<META CHARSET='ISO-8859-1'>",
            "“quoted” café",
            encoding_rs::WINDOWS_1252,
        );
        let decoded = decode(&bytes, true);
        assert!(decoded.text.contains("“quoted” café"));
    }

    #[test]
    fn a_page_saved_as_utf_8_under_an_old_declaration_reads_as_utf_8() {
        let bytes = page("<meta charset=gb2312>", "新电脑已可利用记忆自学", UTF_8);
        let decoded = decode(&bytes, true);
        assert!(decoded.text.contains("新电脑已可利用记忆自学"));
        assert_eq!(decoded.because, "valid UTF-8");
        // Plain ASCII under ISO-2022-JP: its escapes are the text.
        let jis = encoding_rs::ISO_2022_JP.encode("東京").0.into_owned();
        let mut bytes = b"<meta charset=iso-2022-jp><p>".to_vec();
        bytes.extend(jis);
        assert!(decode(&bytes, true).text.contains("東京"));
    }

    #[test]
    fn a_byte_order_mark_wins() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Kharkiv".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let decoded = decode(&bytes, false);
        assert_eq!(decoded.text, "Kharkiv");
        assert_eq!(decoded.because, "byte-order mark");
    }

    #[test]
    fn undeclared_bytes_are_guessed() {
        let text = "В Харькове в четверг прозвучали взрывы, сообщили местные власти. \
                    Жители укрылись в метро, а часть города осталась без света.";
        let bytes = encoding_rs::KOI8_R.encode(text).0.into_owned();
        let decoded = decode(&bytes, false);
        assert_eq!(decoded.text, text);
        // KOI8-U adds Ukrainian letters to KOI8-R: either reads this right.
        assert!(decoded.encoding.starts_with("KOI8"), "{}", decoded.encoding);
        assert_eq!(decoded.because, GUESSED);

        // A page in windows-1252 that does not say so.
        let text = "Le préfet a annoncé que les réfugiés seraient relogés à Goma.";
        let bytes = page("", text, encoding_rs::WINDOWS_1252);
        let decoded = decode(&bytes, true);
        assert!(decoded.text.contains(text), "{}", decoded.text);
        assert_eq!(decoded.replaced, 0);
    }

    #[test]
    fn utf_8_stays_borrowed_and_broken_bytes_are_counted() {
        let decoded = decode("Mariupol, Ukraine".as_bytes(), false);
        assert!(matches!(decoded.text, Cow::Borrowed(_)));
        let decoded = decode(b"<meta charset=utf-8>caf\xE9 \xFF", true);
        assert_eq!(decoded.replaced, 2);
        assert!(decoded.text.contains("caf\u{FFFD}"));
    }
}
