//! Mail messages (`.eml`) to articles, read as a mail client reads them
//! (`mail-parser`): headers decoded, quoted-printable and base64 bodies,
//! multipart messages, a charset per part. The subject is the headline,
//! the sender the author and the `Date:` the published day, as written in
//! the sender's time zone.

use super::Source;
use crate::model::{DateSource, PartialDate};

/// The article a message holds, or why there is none.
pub fn read(bytes: &[u8]) -> Result<Source, String> {
    let message = mail_parser::MessageParser::default()
        .parse(bytes)
        .ok_or("not a mail message: no headers or body could be read")?;
    let text = message
        .body_text(0)
        .map(|text| text.into_owned())
        .unwrap_or_default();
    let author = message
        .from()
        .and_then(|from| from.first())
        .map(|sender| {
            sender
                .name()
                .filter(|n| !n.trim().is_empty())
                .or(sender.address())
                .unwrap_or_default()
                .trim()
                .to_owned()
        })
        .unwrap_or_default();
    let published = message.date().and_then(|date| {
        PartialDate::day(
            i16::try_from(date.year).ok()?,
            i8::try_from(date.month).ok()?,
            i8::try_from(date.day).ok()?,
        )
    });
    Ok(Source {
        title: message.subject().unwrap_or_default().trim().to_owned(),
        author,
        published_from: published.map(|_| DateSource::MailHeader),
        published,
        text,
        ..Source::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(headers: &str, body: &str) -> Vec<u8> {
        format!("{headers}\r\n\r\n{body}").into_bytes()
    }

    #[test]
    fn plain_headers_give_title_author_and_date() {
        let source = read(&mail(
            "From: Field Desk <desk@example.org>\r\nSubject: Border crossing falls\r\n\
             Date: Tue, 22 Jun 2021 23:30:00 -0400",
            "The crossing was taken on Tuesday.",
        ))
        .expect("reads");
        assert_eq!(source.title, "Border crossing falls");
        assert_eq!(source.author, "Field Desk");
        // The day as the sender wrote it, not the day in UTC.
        assert_eq!(
            source.published.map(PartialDate::iso).as_deref(),
            Some("2021-06-22")
        );
        assert_eq!(source.text.trim(), "The crossing was taken on Tuesday.");
    }

    #[test]
    fn quoted_printable_and_base64_bodies_are_decoded_in_their_charsets() {
        let quoted = read(&mail(
            "Subject: =?UTF-8?Q?R=C3=A9fugi=C3=A9s_=C3=A0_Goma?=\r\nMIME-Version: 1.0\r\n\
             Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable",
            "Le pr=E9fet a relog=E9 3 000 d=E9plac=E9s =E0 Goma apr=E8s les combats.",
        ))
        .expect("reads");
        assert_eq!(quoted.title, "Réfugiés à Goma");
        assert!(
            quoted
                .text
                .contains("Le préfet a relogé 3 000 déplacés à Goma"),
            "{}",
            quoted.text
        );

        let koi8 = encoding_rs::KOI8_R
            .encode("В Харькове отключили свет.")
            .0
            .into_owned();
        let encoded = base64(&koi8);
        let based = read(&mail(
            "Subject: Kharkiv\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=koi8-r\r\n\
             Content-Transfer-Encoding: base64",
            &encoded,
        ))
        .expect("reads");
        assert_eq!(based.text.trim(), "В Харькове отключили свет.");
    }

    #[test]
    fn a_multipart_message_gives_its_text_part() {
        let source = read(&mail(
            "Subject: Update\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b1\"",
            "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAid convoys reached Wad Madani.\r\n\
             --b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Aid convoys reached <b>Wad Madani</b>.</p>\r\n--b1--\r\n",
        ))
        .expect("reads");
        assert_eq!(source.text.trim(), "Aid convoys reached Wad Madani.");
    }

    /// Standard base64, for writing test messages.
    fn base64(bytes: &[u8]) -> String {
        const TABLE: &[u8; 64] =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n =
                chunk.iter().fold(0u32, |n, &b| n << 8 | u32::from(b)) << (8 * (3 - chunk.len()));
            for k in 0..=chunk.len() {
                out.push(char::from(TABLE[(n >> (18 - 6 * k) & 63) as usize]));
            }
            out.push_str(&"=".repeat(3 - chunk.len()));
        }
        out
    }
}
