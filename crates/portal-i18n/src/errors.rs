//! The domain's messages ([`portal_core::Message`]: refusals and notices
//! by catalog id) in the reader's language.

use crate::{Arg, Locale};
use portal_core::{Message, MessageArg};

impl Locale {
    /// A domain message in this language, e.g.
    /// `locale.message(&error.message())`.
    pub fn message(self, message: &Message) -> String {
        let args: Vec<(&'static str, Arg)> = message
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    MessageArg::Text(text) => Arg::from(text.clone()),
                    MessageArg::Number(n) => Arg::from(*n),
                    MessageArg::Bytes(bytes) => Arg::from(self.file_size(*bytes)),
                };
                (*name, value)
            })
            .collect();
        self.t_args(message.id, &args)
    }
}
