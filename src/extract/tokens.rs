//! Splitting text into the tokens and sentences the phrase finders walk.
//! Tokens carry byte offsets into the original text; nothing is copied.

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Letters, with inner apostrophes, hyphens and dots ("country's", "mid-June", "U.S.").
    Word,
    /// Digits with inner thousands separators or a decimal point ("2,500", "2.5").
    Number,
    /// Digits run straight into letters ("1990s", "21st", "50km"): never a count.
    Mixed,
    /// One other visible character ("-", "%", "$", "/").
    Punct,
}

/// A token: its kind and byte span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is made of.
    pub kind: Kind,
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
}

impl Token {
    /// Its text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// A short word in lower case, without allocating: `None` for words longer
/// than 16 bytes or not ASCII (no keyword is either).
pub fn lower(word: &str) -> Option<LowerWord> {
    let bytes = word.as_bytes();
    if bytes.len() > 16 {
        return None;
    }
    // The word as two 8-byte lanes, tested and lower-cased a lane at a
    // time: this runs for most words of every text.
    let lanes = lanes_of(bytes);
    if (lanes[0] | lanes[1]) & HIGH_BITS != 0 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..8].copy_from_slice(&lower_lane(lanes[0]).to_le_bytes());
    buf[8..].copy_from_slice(&lower_lane(lanes[1]).to_le_bytes());
    Some(LowerWord {
        buf,
        len: bytes.len(),
    })
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The bytes of a word of at most 16 bytes as two little-endian lanes, zero
/// past its end: read with overlapping loads, since a copy of a length known
/// only now is a call to `memcpy`, and this runs for most words.
fn lanes_of(bytes: &[u8]) -> [u64; 2] {
    let n = bytes.len();
    let load8 = |at: usize| {
        let mut lane = [0u8; 8];
        lane.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(lane)
    };
    let load4 = |at: usize| {
        let mut lane = [0u8; 4];
        lane.copy_from_slice(&bytes[at..at + 4]);
        u64::from(u32::from_le_bytes(lane))
    };
    match n {
        // The second load ends at the word's end: shifted down, its bytes
        // past the first lane's land at the second lane's start.
        9..=16 => [load8(0), load8(n - 8) >> (8 * (16 - n))],
        8 => [load8(0), 0],
        // Two loads that overlap put the same bytes in the same places.
        4..=7 => [load4(0) | (load4(n - 4) << (8 * (n - 4))), 0],
        _ => {
            let low = bytes
                .iter()
                .enumerate()
                .fold(0, |lane, (i, &b)| lane | (u64::from(b) << (8 * i)));
            [low, 0]
        }
    }
}

/// The high bit of each byte of `lane` that is an ASCII letter. Bytes are
/// cut to seven bits and lower-cased first, so no sum carries into the next
/// byte; bytes beyond ASCII are then left out.
fn ascii_letters(lane: u64) -> u64 {
    let ones = 0x0101_0101_0101_0101u64;
    let folded = (lane | (ones * 0x20)) & !HIGH_BITS;
    let at_least_a = folded + ones * (0x80 - u64::from(b'a'));
    let past_z = folded + ones * (0x80 - u64::from(b'z') - 1);
    at_least_a & !past_z & !lane & HIGH_BITS
}

/// Eight ASCII bytes with `A`-`Z` made lower case: a byte is upper case
/// when adding 0x3f sets its high bit (it is at least `A`) and adding 0x25
/// does not (it is below `[`); no sum carries into the next byte, since
/// every byte is below 0x80.
fn lower_lane(lane: u64) -> u64 {
    let ones = 0x0101_0101_0101_0101u64;
    let at_least_a = lane + ones * 0x3f;
    let past_z = lane + ones * 0x25;
    let upper = at_least_a & !past_z & HIGH_BITS;
    lane | (upper >> 2)
}

/// Calls `f` with the word in lower case, on the stack when it is short ASCII.
pub fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    match lower(word) {
        Some(short) => f(short.as_str()),
        None => f(&word.to_lowercase()),
    }
}

/// A lower-cased copy of a short ASCII word, on the stack.
#[derive(Clone, Copy)]
pub struct LowerWord {
    buf: [u8; 16],
    len: usize,
}

impl LowerWord {
    /// The word.
    pub fn as_str(&self) -> &str {
        let bytes = &self.buf[..self.len];
        debug_assert!(bytes.is_ascii());
        // SAFETY: `lower` fills the buffer only from an ASCII word, lower-cased
        // byte by byte, and ASCII is valid UTF-8. Checking it again cost a
        // twentieth of extraction time, for every word of every text.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }

    /// The word's bytes: for matching without a UTF-8 check.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// Appends the word to `out`: one copy of a fixed 16 bytes, then cut to
    /// length, which costs less than a copy of a length known only now.
    pub fn push_to(&self, out: &mut String) {
        let keep = out.len() + self.len;
        // SAFETY: the buffer holds the lower-cased ASCII word padded with
        // zero bytes, all ASCII, so the string stays UTF-8 throughout.
        let bytes = unsafe { out.as_mut_vec() };
        bytes.extend_from_slice(&self.buf);
        bytes.truncate(keep);
    }
}

/// A set of two-letter openings of words, blind to case: the finders tell
/// most words apart by their first two bytes with one table load, before
/// reading any further.
pub struct Openings([u32; 32]);

impl Openings {
    /// The set of these lower-case pairs.
    pub const fn new(pairs: &[&[u8; 2]]) -> Self {
        let mut rows = [0u32; 32];
        let mut k = 0;
        while k < pairs.len() {
            let [a, b] = *pairs[k];
            rows[(a & 31) as usize] |= 1 << (b & 31);
            k += 1;
        }
        Self(rows)
    }

    /// Whether a word opening with bytes `a` and `b` opens with a pair of the set.
    pub fn hold(&self, a: u8, b: u8) -> bool {
        let (a, b) = (a | 0x20, b | 0x20);
        a.is_ascii_lowercase()
            && b.is_ascii_lowercase()
            && self.0[usize::from(a & 31)] >> (b & 31) & 1 == 1
    }
}

/// The word without a possessive "'s" or "’s".
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic()
}

/// What one byte opens, looked up once per byte: most bytes of news are
/// ASCII letters and spaces, and one table load beats a chain of ranges.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    Space,
    Digit,
    Letter,
    /// ASCII punctuation and control bytes (among them the vertical tab,
    /// which only `char` calls white space).
    Punct,
    /// The first or a later byte of a character beyond ASCII.
    Wide,
}

const BYTE_CLASS: [ByteClass; 256] = {
    let mut table = [ByteClass::Wide; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_whitespace() {
            ByteClass::Space
        } else if byte.is_ascii_digit() {
            ByteClass::Digit
        } else if byte.is_ascii_alphabetic() {
            ByteClass::Letter
        } else {
            ByteClass::Punct
        };
        b += 1;
    }
    table
};

fn class(b: u8) -> ByteClass {
    BYTE_CLASS[usize::from(b)]
}

/// Appends the tokens of `text[range]` to `out`; offsets are into `text`.
pub fn tokenize(text: &str, from: usize, to: usize, out: &mut Vec<Token>) {
    // Cut at `to`, so that one bound serves the loop and the indexing.
    let Some(bytes) = text.as_bytes().get(..to) else {
        return;
    };
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        let opens = class(b);
        if opens == ByteClass::Space {
            i += 1;
            continue;
        }
        if opens == ByteClass::Digit {
            let start = i;
            i += 1;
            while i < bytes.len() {
                let c = bytes[i];
                let inner_separator = (c == b',' || c == b'.')
                    && i + 1 < bytes.len()
                    && bytes[i + 1].is_ascii_digit();
                if c.is_ascii_digit() || inner_separator {
                    i += if inner_separator { 2 } else { 1 };
                } else {
                    break;
                }
            }
            let mut kind = Kind::Number;
            // Letters glued on make "1990s", "21st", "4am".
            while i < bytes.len() && text[i..].chars().next().is_some_and(is_word_char) {
                kind = Kind::Mixed;
                i += text[i..].chars().next().map_or(1, char::len_utf8);
            }
            out.push(Token {
                kind,
                start,
                end: i,
            });
            continue;
        }
        if opens == ByteClass::Letter {
            // The common case: a plain ASCII word, scanned eight bytes at a
            // time, then byte by byte near the end.
            let start = i;
            i += 1;
            while let Some(lane) = bytes.get(i..i + 8) {
                let mut eight = [0u8; 8];
                eight.copy_from_slice(lane);
                let letters = ascii_letters(u64::from_le_bytes(eight));
                if letters != HIGH_BITS {
                    // The first byte that is no letter ends the word.
                    i += (!letters & HIGH_BITS).trailing_zeros() as usize / 8;
                    break;
                }
                i += 8;
            }
            while i < bytes.len() && class(bytes[i]) == ByteClass::Letter {
                i += 1;
            }
            // A dot ends a word of two or more letters ("fighting."): only
            // "U.S." keeps its dots, and that goes the long way round.
            let next_is_plain = i >= bytes.len()
                || (bytes[i].is_ascii() && !matches!(bytes[i], b'\'' | b'-' | b'.'))
                || (bytes[i] == b'.' && i - start > 1);
            if next_is_plain {
                out.push(Token {
                    kind: Kind::Word,
                    start,
                    end: i,
                });
                continue;
            }
            i = start;
        } else if opens == ByteClass::Punct && b != 0x0B {
            // ASCII punctuation: one byte, one token. (A vertical tab is
            // white space to `char`, though not to `is_ascii_whitespace`.)
            out.push(Token {
                kind: Kind::Punct,
                start: i,
                end: i + 1,
            });
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if is_word_char(c) {
            let start = i;
            i += c.len_utf8();
            while i < bytes.len() {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                if is_word_char(c) {
                    i += c.len_utf8();
                } else if matches!(c, '\'' | '’' | '-' | '.')
                    && text[i + c.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_word_char)
                {
                    // "country's", "mid-June", "U.S" — a dot only between single letters.
                    if c == '.' && i - start > 1 && !text[start..i].contains('.') {
                        break;
                    }
                    i += c.len_utf8();
                } else {
                    break;
                }
            }
            // "U.S." keeps its final dot.
            if i < bytes.len() && bytes[i] == b'.' && text[start..i].contains('.') {
                i += 1;
            }
            out.push(Token {
                kind: Kind::Word,
                start,
                end: i,
            });
            continue;
        }
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        out.push(Token {
            kind: Kind::Punct,
            start: i,
            end: i + c.len_utf8(),
        });
        i += c.len_utf8();
    }
}

/// Byte spans of the sentences of `text`: split after `.`, `!` or `?`
/// followed by white space, and at blank lines and line ends.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::with_capacity(text.len() / 100 + 1);
    let mut start = 0;
    let mut i = 0;
    // The next line end and the next stop at or after `i`, found with memchr:
    // most bytes end nothing.
    let find = |from: usize, finder: &dyn Fn(&[u8]) -> Option<usize>| {
        finder(&bytes[from..]).map_or(bytes.len(), |at| from + at)
    };
    let lines = |b: &[u8]| memchr::memchr(b'\n', b);
    let stops = |b: &[u8]| memchr::memchr3(b'.', b'!', b'?', b);
    let mut next_line = find(0, &lines);
    let mut next_stop = find(0, &stops);
    while i < bytes.len() {
        if next_line < i {
            next_line = find(i, &lines);
        }
        if next_stop < i {
            next_stop = find(i, &stops);
        }
        i = next_line.min(next_stop);
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        let ends = match b {
            b'\n' => true,
            b'.' | b'!' | b'?' => {
                let next = bytes.get(i + 1).copied();
                let after = bytes.get(i + 2).copied();
                // "U.S. troops" does not end a sentence; ". The" does.
                next.is_none_or(|n| n.is_ascii_whitespace())
                    && after.is_none_or(|a| {
                        a.is_ascii_uppercase() || a == b'"' || a == b'\n' || !a.is_ascii()
                    })
                    && !ends_with_abbreviation(&text[start..i])
            }
            _ => false,
        };
        if ends {
            push_trimmed(text, start, i + 1, &mut spans);
            start = i + 1;
        }
        i += 1;
    }
    push_trimmed(text, start, bytes.len(), &mut spans);
    spans
}

fn ends_with_abbreviation(before: &str) -> bool {
    let last = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    matches!(
        last,
        "U.S" | "U.N" | "Mr" | "Mrs" | "Ms" | "Dr" | "Gen" | "Lt" | "Col" | "St" | "a.m" | "p.m"
    ) || (last.len() == 1 && last.chars().all(|c| c.is_ascii_uppercase()))
}

fn push_trimmed(text: &str, start: usize, end: usize, spans: &mut Vec<(usize, usize)>) {
    let piece = &text[start..end];
    let trimmed_start = start + (piece.len() - piece.trim_start().len());
    let trimmed_end = end - (piece.len() - piece.trim_end().len());
    if trimmed_end > trimmed_start {
        spans.push((trimmed_start, trimmed_end));
    }
}

/// A selection of `text` (byte offsets) widened so that neither end falls
/// inside a word: "…El Fasher o" takes the whole of the word it cut. Ends
/// already between words (or out of the text) stay where they are.
pub fn snap_to_words(text: &str, start: usize, end: usize) -> (usize, usize) {
    let inside_word = |at: usize| {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        let after = text.get(at..).and_then(|t| t.chars().next());
        matches!((before, after), (Some(b), Some(a)) if b.is_alphanumeric() && a.is_alphanumeric())
    };
    let (mut start, mut end) = (start.min(text.len()), end.min(text.len()));
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) || start >= end {
        return (start, end);
    }
    while start > 0 && inside_word(start) {
        start -= text[..start].chars().next_back().map_or(1, char::len_utf8);
    }
    while end < text.len() && inside_word(end) {
        end += text[end..].chars().next().map_or(1, char::len_utf8);
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        let mut out = Vec::new();
        tokenize(text, 0, text.len(), &mut out);
        out.iter().map(|t| (t.kind, t.text(text))).collect()
    }

    #[test]
    fn numbers_words_and_glued_suffixes() {
        assert_eq!(
            kinds("2,500-3,500 U.S. troops in the 1990s, mid-June"),
            vec![
                (Kind::Number, "2,500"),
                (Kind::Punct, "-"),
                (Kind::Number, "3,500"),
                (Kind::Word, "U.S."),
                (Kind::Word, "troops"),
                (Kind::Word, "in"),
                (Kind::Word, "the"),
                (Kind::Mixed, "1990s"),
                (Kind::Punct, ","),
                (Kind::Word, "mid-June"),
            ]
        );
        assert_eq!(
            kinds("country’s 9/11"),
            vec![
                (Kind::Word, "country’s"),
                (Kind::Number, "9"),
                (Kind::Punct, "/"),
                (Kind::Number, "11")
            ]
        );
    }

    #[test]
    fn the_letter_lanes_agree_with_the_byte_classes() {
        for byte in 0u8..=255 {
            for at in 0..8 {
                let mut lane = [b'a'; 8];
                lane[at] = byte;
                let letters = ascii_letters(u64::from_le_bytes(lane));
                let is_letter = letters >> (at * 8 + 7) & 1 == 1;
                assert_eq!(is_letter, byte.is_ascii_alphabetic(), "byte {byte} at {at}");
                assert_eq!(
                    letters | 0x80 << (at * 8),
                    HIGH_BITS,
                    "neighbours of {byte}"
                );
            }
        }
    }

    #[test]
    fn lower_agrees_with_the_standard_library_on_every_byte() {
        for byte in 0u8..=127 {
            let word = String::from(char::from(byte)).repeat(16);
            let lowered = lower(&word).expect("short ASCII");
            assert_eq!(lowered.as_str(), word.to_ascii_lowercase(), "byte {byte}");
        }
        for word in ["", "A", "Kunduz", "MAZAR-I-SHARIF", "sixteen-letters!"] {
            assert_eq!(
                lower(word).map(|w| w.as_str().to_owned()),
                Some(word.to_ascii_lowercase())
            );
        }
        // Every length reads every byte once, and nothing past the end.
        let letters = "AbCdEfGhIjKlMnOp";
        for n in 0..=16 {
            let word = &letters[..n];
            assert_eq!(lower(word).map(|w| w.buf), {
                let mut buf = [0u8; 16];
                buf[..n].copy_from_slice(word.to_ascii_lowercase().as_bytes());
                Some(buf)
            });
        }
        let mut key = String::from("al ");
        lower("Fasher").expect("short").push_to(&mut key);
        assert_eq!(key, "al fasher");
        assert!(lower("seventeen letters").is_none());
        assert!(lower("Curaçao").is_none());
    }

    #[test]
    fn openings_hold_their_pairs_in_either_case_and_nothing_else() {
        let pairs: [&[u8; 2]; 3] = [b"on", b"tw", b"ze"];
        let set = Openings::new(&pairs);
        for a in 0u8..=255 {
            for b in 0u8..=255 {
                let lower = [a.to_ascii_lowercase(), b.to_ascii_lowercase()];
                let expected = pairs.iter().any(|p| **p == lower);
                assert_eq!(set.hold(a, b), expected, "{a} {b}");
            }
        }
    }

    #[test]
    fn sentences_split_at_stops_but_not_at_abbreviations() {
        let text = "The U.S. Army left. Then the Taliban came!\nNew line here";
        let spans: Vec<&str> = sentences(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(
            spans,
            [
                "The U.S. Army left.",
                "Then the Taliban came!",
                "New line here"
            ]
        );
    }

    #[test]
    fn a_selection_cut_inside_a_word_takes_the_whole_word() {
        let text = "Fighting reached El Fasher overnight, 1,200 fled.";
        let cut = text.find("El Fasher o").expect("in the text");
        let (start, end) = snap_to_words(text, cut + 1, cut + "El Fasher o".len());
        assert_eq!(&text[start..end], "El Fasher overnight");
        let figure = text.find("1,2").expect("in the text");
        let (start, end) = snap_to_words(text, figure, figure + 3);
        assert_eq!(&text[start..end], "1,200");
        let whole = text.find("reached").expect("in the text");
        assert_eq!(
            snap_to_words(text, whole, whole + "reached".len()),
            (whole, whole + "reached".len()),
            "whole words stay as they are"
        );
        let other = "Şehir ağır hasar gördü";
        assert_eq!(snap_to_words(other, 2, 4), (0, "Şehir".len()));
    }
}
