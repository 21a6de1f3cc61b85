//! Bounds on the markup the readability pass sees, so that any page reads in
//! time proportional to its size.
//!
//! The readability pass scans each element's descendants and ancestors, so a
//! page nested 10,000 levels deep takes time in the square of its size, and
//! the HTML tokenizer compares each attribute with every earlier one on the
//! same element. One linear pass before parsing lifts elements nested deeper
//! than [`MAX_DEPTH`] into their ancestor (their text stays, in order) and
//! drops the attributes past [`MAX_ATTRIBUTES`] on one element. Real pages
//! nest a few dozen levels and carry a handful of attributes, so they pass
//! through untouched (and uncopied).
//!
//! The pass follows the browser's rules only as far as depth needs: comments,
//! doctypes and the raw text of `<script>`, `<style>`, `<textarea>` and the
//! like are skipped whole; void elements and elements whose end tag may be
//! left out (`p`, `li`, `td`…) never count as depth; an end tag closes the
//! nearest open element of its name and everything opened inside it.

use memchr::{memchr, memmem};
use std::borrow::Cow;
use std::collections::HashMap;

/// Elements nested deeper than this are lifted into their ancestor.
pub const MAX_DEPTH: usize = 64;

/// Attributes past this many on one element are dropped.
pub const MAX_ATTRIBUTES: usize = 256;

/// The markup to parse, and what had to change to keep it within bounds.
#[derive(Debug)]
pub struct Guarded<'a> {
    /// The page, borrowed when nothing changed.
    pub html: Cow<'a, str>,
    /// Elements lifted because they were nested deeper than [`MAX_DEPTH`].
    pub flattened: usize,
    /// Attributes dropped past [`MAX_ATTRIBUTES`] on one element.
    pub attributes_dropped: usize,
}

/// Elements that never have content or an end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose end tag may be left out, so a count of them would drift;
/// the parser keeps them shallow itself.
const OPTIONAL_END: &[&str] = &[
    "body", "caption", "colgroup", "dd", "dt", "head", "html", "li", "optgroup", "option", "p",
    "rb", "rp", "rt", "rtc", "tbody", "td", "tfoot", "th", "thead", "tr",
];

/// Elements that set their text apart from what is around them.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Elements whose content is text up to their end tag, not markup.
const RAW_TEXT: &[&str] = &[
    "iframe", "noembed", "noframes", "script", "style", "textarea", "title", "xmp",
];

/// Bounds `html` for the parser: see the module's documentation.
pub fn guard(html: &str) -> Guarded<'_> {
    let mut pass = Pass::new(html);
    pass.run();
    Guarded {
        flattened: pass.flattened,
        attributes_dropped: pass.attributes_dropped,
        html: match pass.out {
            Some(mut out) => {
                out.push_str(&html[pass.copied..]);
                Cow::Owned(out)
            }
            None => Cow::Borrowed(html),
        },
    }
}

/// One scan over the page.
struct Pass<'a> {
    html: &'a str,
    bytes: &'a [u8],
    /// The rewritten page up to `copied`, made only once something changes.
    out: Option<String>,
    /// How much of `html` has been written to `out` or passed over.
    copied: usize,
    /// Open elements: interned name and whether its tags were dropped.
    open: Vec<(u32, bool)>,
    /// How many of each interned name are open.
    open_count: Vec<usize>,
    /// Whether each interned name is a block that sets its text apart.
    is_block: Vec<bool>,
    names: HashMap<Vec<u8>, u32>,
    name_buffer: Vec<u8>,
    flattened: usize,
    attributes_dropped: usize,
}

/// What kind of tag a name opens.
enum Kind {
    /// Counts as depth.
    Tracked(u32),
    /// Void or optional-end: never counts.
    Untracked,
    /// Its content runs to its end tag unparsed.
    RawText,
}

impl<'a> Pass<'a> {
    fn new(html: &'a str) -> Self {
        Self {
            html,
            bytes: html.as_bytes(),
            out: None,
            copied: 0,
            open: Vec::new(),
            open_count: Vec::new(),
            is_block: Vec::new(),
            names: HashMap::new(),
            name_buffer: Vec::new(),
            flattened: 0,
            attributes_dropped: 0,
        }
    }

    fn run(&mut self) {
        let mut at = 0;
        while let Some(offset) = memchr(b'<', &self.bytes[at..]) {
            let lt = at + offset;
            at = match self.bytes.get(lt + 1) {
                Some(b'!') if self.bytes[lt..].starts_with(b"<!--") => self
                    .find(lt + 4, b"-->")
                    .map_or(self.bytes.len(), |end| end + 3),
                Some(b'!' | b'?') => self.after_gt(lt + 2),
                Some(b'/') => self.end_tag(lt),
                Some(c) if c.is_ascii_alphabetic() => self.start_tag(lt),
                _ => lt + 1,
            };
        }
    }

    /// Handles the start tag at `lt`; returns where scanning goes on.
    fn start_tag(&mut self, lt: usize) -> usize {
        let name_end = self.name_end(lt + 1);
        let kind = self.kind(lt + 1, name_end);
        let Some(tag) = self.attributes(name_end) else {
            // Unterminated: the parser drops it, and so the rest of the page.
            return self.bytes.len();
        };
        let lifted =
            matches!(kind, Kind::Tracked(_)) && !tag.self_closing && self.open.len() >= MAX_DEPTH;
        if let (true, Kind::Tracked(id)) = (lifted, &kind) {
            self.flattened += 1;
            self.lift(lt, tag.end, *id);
        } else if let Some(cut) = tag.cut {
            let close: &str = if tag.self_closing { "/>" } else { ">" };
            self.rewrite(lt, tag.end, |out, html| {
                out.push_str(&html[lt..cut]);
                out.push_str(close);
            });
        }
        match kind {
            Kind::Untracked => tag.end,
            _ if tag.self_closing => tag.end,
            Kind::RawText => {
                let name = self.name_buffer.clone();
                self.raw_text_end(tag.end, &name)
            }
            Kind::Tracked(id) => {
                self.open.push((id, lifted));
                self.open_count[id as usize] += 1;
                tag.end
            }
        }
    }

    /// Handles the end tag at `lt`; returns where scanning goes on.
    fn end_tag(&mut self, lt: usize) -> usize {
        let name_end = self.name_end(lt + 2);
        let end = self.after_gt(name_end);
        if name_end == lt + 2 {
            return end;
        }
        self.lower_name(lt + 2, name_end);
        let Some(&id) = self.names.get(&self.name_buffer) else {
            return end;
        };
        if self.open_count[id as usize] == 0 {
            return end;
        }
        while let Some((top, lifted)) = self.open.pop() {
            self.open_count[top as usize] -= 1;
            if top == id {
                if lifted {
                    self.lift(lt, end, id);
                }
                break;
            }
        }
        end
    }

    /// The end of a tag name starting at `from`.
    fn name_end(&self, from: usize) -> usize {
        let rest = &self.bytes[from..];
        from + rest
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
            .unwrap_or(rest.len())
    }

    fn lower_name(&mut self, start: usize, end: usize) {
        self.name_buffer.clear();
        self.name_buffer
            .extend(self.bytes[start..end].iter().map(u8::to_ascii_lowercase));
    }

    fn kind(&mut self, start: usize, end: usize) -> Kind {
        self.lower_name(start, end);
        let name = self.name_buffer.as_slice();
        let is = |list: &[&str]| list.iter().any(|n| n.as_bytes() == name);
        if is(VOID) || is(OPTIONAL_END) {
            return Kind::Untracked;
        }
        if is(RAW_TEXT) || name == b"plaintext" {
            return Kind::RawText;
        }
        if let Some(&id) = self.names.get(name) {
            return Kind::Tracked(id);
        }
        let id = self.open_count.len() as u32;
        self.is_block.push(is(BLOCK));
        self.names.insert(name.to_vec(), id);
        self.open_count.push(0);
        Kind::Tracked(id)
    }

    /// Takes out the tag at `start..end` of a lifted element; a block's
    /// becomes a line break, so its words stay apart from its neighbours'.
    fn lift(&mut self, start: usize, end: usize, id: u32) {
        let block = self.is_block[id as usize];
        self.rewrite(start, end, |out, _| {
            if block {
                out.push_str("<br>");
            }
        });
    }

    /// Scans a start tag's attributes from `from`.
    fn attributes(&mut self, from: usize) -> Option<Tag> {
        let bytes = self.bytes;
        let mut at = from;
        let mut count = 0;
        let mut cut = None;
        loop {
            while bytes.get(at)?.is_ascii_whitespace() {
                at += 1;
            }
            match bytes[at] {
                b'>' => {
                    return Some(Tag {
                        end: at + 1,
                        cut,
                        self_closing: false,
                    });
                }
                b'/' if bytes.get(at + 1) == Some(&b'>') => {
                    return Some(Tag {
                        end: at + 2,
                        cut,
                        self_closing: true,
                    });
                }
                b'/' => {
                    at += 1;
                    continue;
                }
                _ => {}
            }
            count += 1;
            if count > MAX_ATTRIBUTES {
                self.attributes_dropped += 1;
                cut.get_or_insert(at);
            }
            // The name runs to whitespace, '=', '/' or '>' (its first
            // character may be '=', as browsers allow).
            at += 1;
            while !matches!(bytes.get(at)?, b'=' | b'/' | b'>') && !bytes[at].is_ascii_whitespace()
            {
                at += 1;
            }
            let mut value = at;
            while bytes.get(value)?.is_ascii_whitespace() {
                value += 1;
            }
            if bytes[value] != b'=' {
                continue;
            }
            value += 1;
            while bytes.get(value)?.is_ascii_whitespace() {
                value += 1;
            }
            at = match bytes[value] {
                quote @ (b'"' | b'\'') => value + 1 + memchr(quote, &bytes[value + 1..])? + 1,
                b'>' => value,
                _ => {
                    let rest = &bytes[value..];
                    value
                        + rest
                            .iter()
                            .position(|b| b.is_ascii_whitespace() || *b == b'>')
                            .unwrap_or(rest.len())
                }
            };
        }
    }

    /// Where the raw text of the element `name` ends: after its end tag.
    fn raw_text_end(&self, from: usize, name: &[u8]) -> usize {
        if name == b"plaintext" {
            return self.bytes.len();
        }
        let finder = memmem::Finder::new(b"</");
        let mut at = from;
        while let Some(offset) = finder.find(&self.bytes[at..]) {
            let start = at + offset + 2;
            let candidate = self.bytes.get(start..start + name.len());
            let follows = self.bytes.get(start + name.len());
            if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name))
                && follows.is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
            {
                return self.after_gt(start + name.len());
            }
            at = start;
        }
        self.bytes.len()
    }

    fn after_gt(&self, from: usize) -> usize {
        memchr(b'>', &self.bytes[from.min(self.bytes.len())..])
            .map_or(self.bytes.len(), |offset| from + offset + 1)
    }

    fn find(&self, from: usize, needle: &[u8]) -> Option<usize> {
        memmem::find(self.bytes.get(from..)?, needle).map(|offset| from + offset)
    }

    /// Replaces `html[start..end]` with what `write` puts out.
    fn rewrite(&mut self, start: usize, end: usize, write: impl FnOnce(&mut String, &str)) {
        let html = self.html;
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(html.len()));
        out.push_str(&html[self.copied..start]);
        write(out, html);
        self.copied = end;
    }
}

/// A start tag's extent.
struct Tag {
    /// Just past its '>'.
    end: usize,
    /// Where the attributes past the limit begin, when there are too many.
    cut: Option<usize>,
    /// It ends in "/>".
    self_closing: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize, inner: &str) -> String {
        format!("{}{inner}{}", "<div>".repeat(depth), "</div>".repeat(depth))
    }

    #[test]
    fn ordinary_pages_pass_through_uncopied() {
        let page = "<!doctype html><html><head><title>A <b> title</title>\
            <script>if (a<b) { document.write('<div><div>') }</script></head>\
            <body><div class=x><p>One<p>Two<br><img src=a.png alt='a > b'>\
            <!-- <div><div> --><ul><li>a<li>b</ul></div></body></html>";
        let guarded = guard(page);
        assert!(matches!(guarded.html, Cow::Borrowed(_)));
        assert_eq!((guarded.flattened, guarded.attributes_dropped), (0, 0));
    }

    #[test]
    fn deep_nesting_is_lifted_and_its_text_kept() {
        let page = nested(MAX_DEPTH + 500, "deep words");
        let guarded = guard(&page);
        assert_eq!(guarded.flattened, 500);
        let lifted = format!("{}deep words{}", "<br>".repeat(500), "<br>".repeat(500));
        assert_eq!(guarded.html, nested(MAX_DEPTH, &lifted));
        // Inline elements go without a trace.
        let page = format!(
            "{}<span>a</span><span>b</span>{}",
            "<div>".repeat(MAX_DEPTH),
            "</div>".repeat(MAX_DEPTH)
        );
        assert_eq!(guard(&page).html, nested(MAX_DEPTH, "ab"));
    }

    #[test]
    fn siblings_after_a_deep_branch_are_kept_whole() {
        let page = format!(
            "<body>{}<section><h2>After</h2></section></body>",
            nested(MAX_DEPTH + 3, "x")
        );
        let guarded = guard(&page);
        assert_eq!(guarded.flattened, 3);
        assert!(
            guarded
                .html
                .ends_with("<section><h2>After</h2></section></body>")
        );
    }

    #[test]
    fn unclosed_elements_are_closed_by_their_ancestor_end_tag() {
        // Each </div> closes the spans left open inside it, as a browser
        // does, so depth never creeps up across siblings.
        let block = "<div><span><span><em>x</div>";
        let page = block.repeat(10 * MAX_DEPTH);
        let guarded = guard(&page);
        assert_eq!(guarded.flattened, 0);
    }

    #[test]
    fn attributes_past_the_limit_are_dropped() {
        let attrs: String = (0..MAX_ATTRIBUTES + 10)
            .map(|i| format!(" a{i}=\"v{i}\""))
            .collect();
        let page = format!("<p{attrs}>text</p><img{attrs}/>");
        let guarded = guard(&page);
        assert_eq!(guarded.attributes_dropped, 20);
        let kept: String = (0..MAX_ATTRIBUTES)
            .map(|i| format!(" a{i}=\"v{i}\""))
            .collect();
        assert_eq!(guarded.html, format!("<p{kept} >text</p><img{kept} />"));
    }

    #[test]
    fn a_quoted_gt_or_an_unterminated_tag_does_not_derail_the_scan() {
        let page = format!("<a title=\"x > y\">a</a>{}", nested(MAX_DEPTH + 1, "t"));
        assert_eq!(guard(&page).flattened, 1);
        let cut = format!("{}<div class=\"never closed", nested(MAX_DEPTH + 1, "t"));
        assert_eq!(guard(&cut).flattened, 1);
    }

    #[test]
    fn markup_inside_raw_text_and_comments_is_not_counted() {
        let inner = "<div>".repeat(MAX_DEPTH * 2);
        for page in [
            format!("<script>{inner}</script>"),
            format!("<STYLE>{inner}</style >"),
            format!("<textarea>{inner}</textarea>"),
            format!("<!--{inner}-->"),
        ] {
            assert_eq!(guard(&page).flattened, 0, "{page:.40}");
        }
    }

    #[test]
    fn any_bytes_are_scanned_without_panic() {
        for page in [
            "<", "<a", "<a b", "<a b=", "<a b='", "</", "</a", "<!--", "<!", "<?x", "<a/", "<a =>",
        ] {
            let guarded = guard(page);
            assert_eq!(guarded.html, page);
        }
    }
}
