//! [`Words`]: rendering a message in the reader's language ([`I18n`]) or in English (unit
//! tests), so wording code that is not a view stays testable without a browser.

use wink_api::i18n::Message;

use super::{format_number, I18n};

/// Renders messages: [`I18n`] in the page's language (reactive), [`English`] in tests.
/// Lets the pure wording code (`notice_text`, a document's announcement) stay unit-tested.
pub trait Words {
    /// `message` in the reader's language.
    fn say(&self, message: impl Message) -> String;
    /// A whole number, grouped for the reader's locale.
    fn number(&self, value: u64) -> String;
}

impl Words for I18n {
    fn say(&self, message: impl Message) -> String {
        self.t(message)
    }

    fn number(&self, value: u64) -> String {
        format_number(self.lang(), value)
    }
}

/// Every message in English, numbers as plain digits.
#[derive(Debug, Clone, Copy, Default)]
pub struct English;

impl Words for English {
    fn say(&self, message: impl Message) -> String {
        message.english()
    }

    fn number(&self, value: u64) -> String {
        value.to_string()
    }
}
