//! A refusal or notice as a catalog message: its id and arguments. The
//! domain says what happened; the server writes it in the reader's
//! language (`portal-i18n`), and the frame from the words the server gave
//! it. The errors' English `Display` stays for logs and the REST API.

/// One argument of a [`Message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageArg {
    Text(String),
    Number(i64),
    /// A size in bytes, written as the language writes sizes.
    Bytes(u64),
}

/// A message of the catalogs with its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: &'static str,
    pub args: Vec<(&'static str, MessageArg)>,
}

impl Message {
    pub fn new(id: &'static str) -> Self {
        Self { id, args: Vec::new() }
    }

    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, MessageArg::Text(value.into())));
        self
    }

    pub fn number(mut self, name: &'static str, value: impl TryInto<i64>) -> Self {
        self.args.push((name, MessageArg::Number(value.try_into().unwrap_or(i64::MAX))));
        self
    }

    pub fn bytes(mut self, name: &'static str, value: u64) -> Self {
        self.args.push((name, MessageArg::Bytes(value)));
        self
    }
}
