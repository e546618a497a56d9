//! Files attached to replies and new tickets: which kinds are allowed, how
//! names and sizes are checked, and (feature `sniff`, server only) whether a
//! file's content is what its extension says.
//!
//! Every refusal names the file and says why, so the portal can show it
//! beside the file the customer picked.

use crate::model::AttachmentId;
use serde::{Deserialize, Serialize};

/// The kinds of file a customer may attach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FileKind {
    Xlsx,
    Csv,
    Doc,
    Docx,
    Xml,
    Pdf,
    Gif,
    Jpg,
    Png,
}

impl FileKind {
    pub const ALL: [Self; 9] =
        [Self::Xlsx, Self::Csv, Self::Doc, Self::Docx, Self::Xml, Self::Pdf, Self::Gif, Self::Jpg, Self::Png];

    /// The extensions that name this kind, lower case, the usual one first.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Xlsx => &["xlsx"],
            Self::Csv => &["csv"],
            Self::Doc => &["doc"],
            Self::Docx => &["docx"],
            Self::Xml => &["xml"],
            Self::Pdf => &["pdf"],
            Self::Gif => &["gif"],
            Self::Jpg => &["jpg", "jpeg"],
            Self::Png => &["png"],
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Csv => "text/csv",
            Self::Doc => "application/msword",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Xml => "application/xml",
            Self::Pdf => "application/pdf",
            Self::Gif => "image/gif",
            Self::Jpg => "image/jpeg",
            Self::Png => "image/png",
        }
    }

    /// The kind a file name's extension names, ignoring case.
    pub fn from_name(name: &str) -> Option<Self> {
        let (_, extension) = name.rsplit_once('.')?;
        let extension = extension.to_ascii_lowercase();
        Self::ALL.into_iter().find(|kind| kind.extensions().contains(&extension.as_str()))
    }

    /// `xlsx, csv, …`: for messages and the file picker's `accept`.
    pub fn all_extensions(separator: &str) -> String {
        let all: Vec<&str> = Self::ALL.iter().flat_map(|kind| kind.extensions().iter().copied()).collect();
        all.join(separator)
    }
}

/// Why a file was refused. Each message starts with the file's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AttachmentError {
    #[error("the file has no name")]
    NoName,
    #[error("{0}: the name is longer than {max} characters", max = AttachmentName::MAX_CHARS)]
    NameTooLong(String),
    #[error("{0}: file names must not contain '/' or '\\'")]
    NameHasSeparator(String),
    #[error("{0}: file names must not contain control characters")]
    NameHasControlChars(String),
    #[error("{name}: this type of file is not allowed (allowed: {allowed})", allowed = FileKind::all_extensions(", "))]
    KindNotAllowed { name: String },
    #[error("{0}: the file is empty")]
    Empty(String),
    #[error("{name}: the file is larger than {limit}", limit = format_size(*max_bytes))]
    TooLarge { name: String, max_bytes: u64 },
    #[error("{name}: the content is not a {kind} file, whatever its name says", kind = kind.extensions()[0].to_uppercase())]
    ContentMismatch { name: String, kind: FileKind },
    #[error("at most {max} files can be attached to one message")]
    TooMany { max: u32 },
    #[error("this workspace does not accept attachments")]
    Disabled,
}

/// A file name as the customer's computer named it: kept for display and
/// for the download's name, never used to name anything on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentName {
    name: String,
    kind: FileKind,
}

impl AttachmentName {
    pub const MAX_CHARS: usize = 200;

    /// Refuses (rather than cleans) names with path separators or control
    /// characters, and names whose extension is not an allowed kind.
    pub fn parse(raw: &str) -> Result<Self, AttachmentError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(AttachmentError::NoName);
        }
        let shown = || name.chars().filter(|c| !c.is_control()).take(Self::MAX_CHARS).collect::<String>();
        if name.chars().count() > Self::MAX_CHARS {
            return Err(AttachmentError::NameTooLong(shown()));
        }
        if name.contains(['/', '\\']) {
            return Err(AttachmentError::NameHasSeparator(shown()));
        }
        if name.chars().any(char::is_control) {
            return Err(AttachmentError::NameHasControlChars(shown()));
        }
        let kind = FileKind::from_name(name).ok_or_else(|| AttachmentError::KindNotAllowed { name: shown() })?;
        Ok(Self { name: name.to_string(), kind })
    }

    pub fn as_str(&self) -> &str {
        &self.name
    }

    pub fn kind(&self) -> FileKind {
        self.kind
    }
}

/// How many files one message may carry and how large each may be. The
/// product's ceiling is [`Self::MAX`]; a workspace may lower both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentLimits {
    pub max_files: u32,
    pub max_bytes: u64,
}

impl AttachmentLimits {
    /// 6 files of 3 MB (3 × 1024 × 1024 bytes) each.
    pub const MAX: Self = Self { max_files: 6, max_bytes: 3 * 1024 * 1024 };
    /// The smallest per-file limit a workspace may set.
    pub const MIN_BYTES: u64 = 1024;

    /// `max_files` 0 (attachments off) to 6, `max_bytes` 1 KB to 3 MB.
    pub fn new(max_files: u32, max_bytes: u64) -> Result<Self, String> {
        if max_files > Self::MAX.max_files {
            return Err(format!("at most {} files per message can be allowed", Self::MAX.max_files));
        }
        if !(Self::MIN_BYTES..=Self::MAX.max_bytes).contains(&max_bytes) {
            return Err(format!(
                "the file size limit must be between {} and {}",
                format_size(Self::MIN_BYTES),
                format_size(Self::MAX.max_bytes)
            ));
        }
        Ok(Self { max_files, max_bytes })
    }

    /// Checks a file's name and size before its content is read.
    pub fn check_file(&self, raw_name: &str, size: u64) -> Result<AttachmentName, AttachmentError> {
        if self.max_files == 0 {
            return Err(AttachmentError::Disabled);
        }
        let name = AttachmentName::parse(raw_name)?;
        self.check_size(&name, size)?;
        Ok(name)
    }

    pub fn check_size(&self, name: &AttachmentName, size: u64) -> Result<(), AttachmentError> {
        match size {
            0 => Err(AttachmentError::Empty(name.as_str().to_string())),
            n if n > self.max_bytes => {
                Err(AttachmentError::TooLarge { name: name.as_str().to_string(), max_bytes: self.max_bytes })
            }
            _ => Ok(()),
        }
    }

    pub fn check_count(&self, count: usize) -> Result<(), AttachmentError> {
        if self.max_files == 0 && count > 0 {
            return Err(AttachmentError::Disabled);
        }
        if count > self.max_files as usize {
            return Err(AttachmentError::TooMany { max: self.max_files });
        }
        Ok(())
    }
}

impl Default for AttachmentLimits {
    fn default() -> Self {
        Self::MAX
    }
}

/// A file attached to a message, as customers and agents see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    pub id: AttachmentId,
    pub name: String,
    pub content_type: String,
    pub size: u64,
}

/// `512 B`, `12 KB`, `3 MB` (powers of 1024, as file managers count).
pub fn format_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = KB * KB;
    match bytes {
        b if b >= MB && b % MB == 0 => format!("{} MB", b / MB),
        // Tenths in integers: formatting a float would add the float
        // printer to the browser bundle.
        b if b >= MB => {
            let tenths = (b * 10 + MB / 2) / MB;
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
        b if b >= KB => format!("{} KB", b.div_ceil(KB)),
        b => format!("{b} B"),
    }
}

/// Whether `content` is what `name`'s extension says: the magic bytes of
/// the binary kinds, and for the text kinds (csv, xml) text that is not
/// markup a browser would run (HTML, SVG; for XML, see [`is_inert_xml`]).
#[cfg(feature = "sniff")]
pub fn check_content(name: &AttachmentName, content: &[u8]) -> Result<(), AttachmentError> {
    let matches = match name.kind() {
        FileKind::Png => infer::image::is_png(content),
        FileKind::Jpg => infer::image::is_jpeg(content),
        FileKind::Gif => infer::image::is_gif(content),
        // A PDF must start with its header; a page that merely mentions
        // "%PDF" somewhere in its first kilobyte is not one.
        FileKind::Pdf => content.starts_with(b"%PDF-"),
        FileKind::Docx => infer::doc::is_docx(content),
        FileKind::Xlsx => infer::doc::is_xlsx(content),
        FileKind::Doc => infer::doc::is_doc(content),
        FileKind::Xml => infer::text::is_xml(content) && is_inert_xml(content),
        FileKind::Csv => is_plain_text(content) && !starts_like_markup(content),
    };
    if matches {
        Ok(())
    } else {
        Err(AttachmentError::ContentMismatch { name: name.as_str().to_string(), kind: name.kind() })
    }
}

/// Text without NUL bytes (UTF-8 or a legacy 8-bit encoding, as spreadsheet
/// programs export CSV).
#[cfg(feature = "sniff")]
fn is_plain_text(content: &[u8]) -> bool {
    !content.contains(&0) && !infer::is_app(content) && !infer::is_archive(content)
}

#[cfg(feature = "sniff")]
fn starts_like_markup(content: &[u8]) -> bool {
    let text = content.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(content);
    text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') || infer::text::is_html(content)
}

/// Namespaces whose elements a browser renders as a page, an image or
/// formulas that may run script, load content or link.
#[cfg(feature = "sniff")]
const ACTIVE_NAMESPACES: [&str; 3] =
    ["http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg", "http://www.w3.org/1998/Math/MathML"];

/// Declared encodings under which every byte of markup reads as it does in
/// UTF-8, so a browser sees the document this check parsed.
#[cfg(feature = "sniff")]
const SAME_MARKUP_ENCODINGS: [&str; 5] = ["utf-8", "utf8", "us-ascii", "iso-8859-1", "windows-1252"];

/// Whether `content` is XML a browser would only ever show as data. It is
/// decided by parsing, since a prefix or a default namespace makes any
/// element name XHTML: the document must be well-formed, namespace
/// well-formed UTF-8 with one root element, bind no active namespace (nor
/// put an element or attribute in one), have no DTD (its entities could
/// hide markup from this check) and no `xml-stylesheet` instruction.
#[cfg(feature = "sniff")]
fn is_inert_xml(content: &[u8]) -> bool {
    use quick_xml::XmlVersion;
    use quick_xml::events::Event;
    use quick_xml::name::ResolveResult;
    use quick_xml::reader::NsReader;

    let inert = |namespace: ResolveResult<'_>| match namespace {
        ResolveResult::Unbound => true,
        ResolveResult::Bound(namespace) => !ACTIVE_NAMESPACES.contains(&namespace.0),
        ResolveResult::Unknown(_) => false,
    };
    let content = content.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(content);
    let Ok(text) = std::str::from_utf8(content) else { return false };
    let mut reader = NsReader::from_str(text);
    reader.config_mut().enable_all_checks(true);
    let (mut depth, mut roots, mut first) = (0usize, 0usize, true);
    loop {
        let Ok(event) = reader.read_event() else { return false };
        match &event {
            Event::Start(element) | Event::Empty(element) => {
                if depth == 0 {
                    roots += 1;
                }
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
                let resolver = reader.resolver();
                if roots > 1 || !inert(resolver.resolve_element(element.name()).0) {
                    return false;
                }
                for attribute in element.attributes() {
                    let Ok(attribute) = attribute else { return false };
                    let Ok(value) = attribute.normalized_value(XmlVersion::Implicit1_0) else { return false };
                    if attribute.key.as_namespace_binding().is_some() {
                        // The resolver reads the raw value: a character
                        // reference could spell a namespace it would not see.
                        if value != attribute.value || ACTIVE_NAMESPACES.contains(&value.as_ref()) {
                            return false;
                        }
                    } else if !inert(resolver.resolve_attribute(attribute.key).0) {
                        return false;
                    }
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Text(text) if depth == 0 && !text.as_ref().trim_ascii().is_empty() => return false,
            Event::Text(_) | Event::Comment(_) => {}
            Event::CData(_) => {
                if depth == 0 {
                    return false;
                }
            }
            Event::GeneralRef(reference) => {
                let predefined = ["lt", "gt", "amp", "apos", "quot"].contains(&reference.as_ref());
                if depth == 0 || !(predefined || matches!(reference.resolve_char_ref(), Ok(Some(_)))) {
                    return false;
                }
            }
            Event::Decl(declaration) => {
                let encoding = match declaration.encoding() {
                    None => true,
                    Some(Ok(name)) => SAME_MARKUP_ENCODINGS.iter().any(|known| name.eq_ignore_ascii_case(known)),
                    Some(Err(_)) => false,
                };
                if !first || !encoding {
                    return false;
                }
            }
            Event::PI(instruction) => {
                if instruction.target().eq_ignore_ascii_case("xml-stylesheet") {
                    return false;
                }
            }
            Event::DocType(_) => return false,
            Event::Eof => return roots == 1 && depth == 0,
        }
        first = false;
    }
}

impl AttachmentError {
    /// What to tell the customer, as a catalog message (starting with the
    /// file's name where it has one).
    pub fn message(&self) -> crate::Message {
        use crate::Message as M;
        match self {
            Self::NoName => M::new("file-error-no-name"),
            Self::NameTooLong(name) => {
                M::new("file-error-name-too-long").text("name", name.as_str()).number("max", AttachmentName::MAX_CHARS)
            }
            Self::NameHasSeparator(name) => M::new("file-error-separator").text("name", name.as_str()),
            Self::NameHasControlChars(name) => M::new("file-error-control").text("name", name.as_str()),
            Self::KindNotAllowed { name } => {
                M::new("file-error-kind").text("name", name.as_str()).text("allowed", FileKind::all_extensions(", "))
            }
            Self::Empty(name) => M::new("file-error-empty").text("name", name.as_str()),
            Self::TooLarge { name, max_bytes } => {
                M::new("file-error-too-large").text("name", name.as_str()).bytes("limit", *max_bytes)
            }
            Self::ContentMismatch { name, kind } => M::new("file-error-mismatch")
                .text("name", name.as_str())
                .text("kind", kind.extensions()[0].to_uppercase()),
            Self::TooMany { max } => M::new("file-error-too-many").number("max", *max),
            Self::Disabled => M::new("file-error-disabled"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(AttachmentName::parse(" Report.PDF ").unwrap().kind(), FileKind::Pdf);
        assert_eq!(AttachmentName::parse("photo.jpeg").unwrap().kind(), FileKind::Jpg);
        assert_eq!(
            AttachmentName::parse("../etc/passwd.png"),
            Err(AttachmentError::NameHasSeparator("../etc/passwd.png".into()))
        );
        assert_eq!(AttachmentName::parse("a\\b.png"), Err(AttachmentError::NameHasSeparator("a\\b.png".into())));
        assert_eq!(
            AttachmentName::parse("bell\u{7}.png"),
            Err(AttachmentError::NameHasControlChars("bell.png".into()))
        );
        assert_eq!(
            AttachmentName::parse("setup.exe"),
            Err(AttachmentError::KindNotAllowed { name: "setup.exe".into() })
        );
        assert_eq!(
            AttachmentName::parse("noextension"),
            Err(AttachmentError::KindNotAllowed { name: "noextension".into() })
        );
        assert_eq!(AttachmentName::parse("   "), Err(AttachmentError::NoName));
        assert!(matches!(
            AttachmentName::parse(&format!("{}.png", "a".repeat(200))),
            Err(AttachmentError::NameTooLong(_))
        ));
    }

    #[test]
    fn limits() {
        let limits = AttachmentLimits::default();
        assert!(limits.check_file("a.png", 3 * 1024 * 1024).is_ok());
        let refused = limits.check_file("a.png", 3 * 1024 * 1024 + 1).unwrap_err();
        assert_eq!(refused.to_string(), "a.png: the file is larger than 3 MB");
        assert_eq!(limits.check_file("a.png", 0).unwrap_err().to_string(), "a.png: the file is empty");
        assert!(limits.check_count(6).is_ok());
        assert_eq!(limits.check_count(7).unwrap_err().to_string(), "at most 6 files can be attached to one message");
        assert!(AttachmentLimits::new(7, 1024).is_err());
        assert!(AttachmentLimits::new(6, 3 * 1024 * 1024 + 1).is_err());
        assert!(AttachmentLimits::new(6, 10).is_err());
        let off = AttachmentLimits::new(0, 1024).unwrap();
        assert_eq!(off.check_file("a.png", 1), Err(AttachmentError::Disabled));
        assert_eq!(off.check_count(0), Ok(()));
    }

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(format_size(3 * 1024 * 1024), "3 MB");
        assert_eq!(format_size(1536 * 1024), "1.5 MB");
        assert_eq!(format_size(3 * 1024 * 1024 - 1), "3.0 MB");
        assert_eq!(format_size(1024 * 1024 + 1024 * 1024 / 20 - 1), "1.0 MB");
        assert_eq!(format_size(1025), "2 KB");
        assert_eq!(format_size(12), "12 B");
    }

    #[cfg(feature = "sniff")]
    #[test]
    fn content_must_match_the_extension() {
        let name = |n: &str| AttachmentName::parse(n).unwrap();
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        let svg = b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        let html = b"<!DOCTYPE html><html><script>alert(1)</script></html>";
        assert!(check_content(&name("a.png"), png).is_ok());
        assert_eq!(
            check_content(&name("a.png"), svg).unwrap_err().to_string(),
            "a.png: the content is not a PNG file, whatever its name says"
        );
        assert!(check_content(&name("a.pdf"), b"%PDF-1.7\n%\xE2\xE3").is_ok());
        assert!(check_content(&name("a.pdf"), b"<html>%PDF-</html>").is_err());
        assert!(check_content(&name("a.jpg"), b"\xFF\xD8\xFF\xE0\0\x10JFIF").is_ok());
        assert!(check_content(&name("a.gif"), b"GIF89a\x01\0\x01\0").is_ok());
        assert!(check_content(&name("a.csv"), b"name,amount\nalice,3\n").is_ok());
        assert!(check_content(&name("a.csv"), html).is_err());
        assert!(check_content(&name("a.csv"), b"  <script>alert(1)</script>").is_err());
        assert!(check_content(&name("a.csv"), b"a,b\0c").is_err());
        assert!(check_content(&name("a.xml"), b"<?xml version=\"1.0\"?><order id=\"1\"/>").is_ok());
        assert!(check_content(&name("a.xml"), svg).is_err());
        assert!(check_content(&name("a.xml"), html).is_err());
        let zip_of = |first: &[u8]| [b"PK\x03\x04".as_slice(), &[0; 26], first].concat();
        assert!(check_content(&name("a.docx"), &zip_of(b"word/document.xml")).is_ok());
        assert!(check_content(&name("a.xlsx"), &zip_of(b"xl/workbook.xml")).is_ok());
        assert!(check_content(&name("a.docx"), &zip_of(b"xl/workbook.xml")).is_err());
        assert!(check_content(&name("a.docx"), png).is_err());
        assert!(check_content(&name("a.doc"), b"PK\x03\x04").is_err());
    }

    #[cfg(feature = "sniff")]
    #[test]
    fn xml_is_decided_by_parsing() {
        let xml = |body: &str| check_content(&AttachmentName::parse("a.xml").unwrap(), body.as_bytes());
        let refused = [
            // Prefixed XHTML: no literal "<html" or "<script" anywhere.
            r#"<?xml version="1.0"?><x:html xmlns:x="http://www.w3.org/1999/xhtml"><x:script>alert(1)</x:script></x:html>"#,
            r#"<?xml version="1.0"?><s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>"#,
            // XHTML as the default namespace of an innocent-looking root.
            r#"<?xml version="1.0"?><order xmlns='http://www.w3.org/1999/xhtml'><iframe src="https://evil.example"/></order>"#,
            // Declared on the root, used further down.
            r#"<?xml version="1.0"?><order xmlns:h="http://www.w3.org/1999/xhtml"><line><h:img src="x"/></line></order>"#,
            // Bound, even if unused, and spelled with a character reference.
            r#"<?xml version="1.0"?><order xmlns:h="http://www.w3.org/1999/&#120;html"><h:a/></order>"#,
            r#"<?xml version="1.0"?><order xmlns:m="http://www.w3.org/1998/Math/MathML"/>"#,
            r#"<?xml version="1.0"?><order s:onload="x" xmlns:s="http://www.w3.org/2000/svg"/>"#,
            r#"<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="evil.xsl"?><order/>"#,
            r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "&#60;html xmlns='http://www.w3.org/1999/xhtml'&#62;">]><r>&x;</r>"#,
            r#"<?xml version="1.0"?><!DOCTYPE html><order/>"#,
            // Not XML at all, or not well-formed.
            r#"<?xml version="1.0"?><order>"#,
            r#"<?xml version="1.0"?><order></line>"#,
            r#"<?xml version="1.0"?><order/><order/>"#,
            r#"<?xml version="1.0"?><order/>trailing"#,
            r#"<?xml version="1.0"?><x:order/>"#,
            r#"<?xml version="1.0"?><order a="1" a="2"/>"#,
            r#"<?xml version="1.0"?><order>&nbsp;</order>"#,
            r#"<?xml version="1.0"?><order>fish & chips</order>"#,
            r#"<?xml version="1.0"?>"#,
            r#"<?xml version="1.0" encoding="UTF-16"?><order/>"#,
            r#"<?xml version="1.0" encoding="ISO-2022-JP"?><order/>"#,
        ];
        for body in refused {
            assert!(xml(body).is_err(), "accepted {body}");
        }
        assert!(
            check_content(&AttachmentName::parse("a.xml").unwrap(), b"<?xml version=\"1.0\"?><a>\xFF</a>").is_err()
        );
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("<?xml version=\"1.0\"?><a/>".bytes().flat_map(|b| [b, 0])).collect();
        assert!(check_content(&AttachmentName::parse("a.xml").unwrap(), &utf16).is_err());

        let accepted = [
            r#"<?xml version="1.0"?><order id="1"/>"#,
            "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- export -->\n<orders xmlns=\"urn:example:orders\" \
             xmlns:x=\"urn:example:extra\">\n  <order x:id=\"1\">Fish &amp; chips &#8364;3 &lt;hot&gt;<![CDATA[<html>]]></order>\n</orders>\n",
            // Excel's XML spreadsheet names the old HTML 4 namespace, which browsers do not render.
            r#"<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40"><Worksheet/></Workbook>"#,
            r#"<?xml version="1.0" encoding="iso-8859-1"?><order lang="fr">Crème brûlée</order>"#,
            r#"<?xml version="1.0"?><order><html><script>not in a namespace, so not HTML</script></html></order>"#,
        ];
        for body in accepted {
            assert!(xml(body).is_ok(), "refused {body}");
        }
    }
}
