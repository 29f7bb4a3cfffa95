//! What the applicant sees in Smile's widget.

use smile_api::widget::WidgetOptions;

use super::ConfigError;

#[derive(Debug, Clone, clap::Args, serde::Serialize)]
pub struct WidgetSettings {
    /// Currency of declared incomes (ISO 4217).
    #[arg(long, env = "WINK_CURRENCY", default_value = "PHP")]
    pub currency: String,

    /// The lender's name shown in the widget.
    #[arg(long, env = "WINK_COMPANY_NAME", default_value = "Wink Lending")]
    pub company_name: String,

    /// Providers the widget offers (comma-separated Smile ids); empty = all.
    #[arg(long, env = "WINK_WIDGET_PROVIDERS", value_delimiter = ',')]
    pub widget_providers: Vec<String>,

    /// Providers listed first in the widget (comma-separated Smile ids).
    #[arg(
        long,
        env = "WINK_WIDGET_TOP_PROVIDERS",
        value_delimiter = ',',
        default_value = "sss_ph"
    )]
    pub widget_top_providers: Vec<String>,

    /// Let applicants upload documents when they cannot find their employer.
    #[arg(long, env = "WINK_WIDGET_ENABLE_UPLOAD", default_value_t = true, action = clap::ArgAction::Set)]
    pub widget_enable_upload: bool,

    /// Show the widget's provider search bar.
    #[arg(long, env = "WINK_WIDGET_ENABLE_SEARCH_BAR", default_value_t = true, action = clap::ArgAction::Set)]
    pub widget_enable_search_bar: bool,

    /// Show the widget's provider type filter.
    #[arg(long, env = "WINK_WIDGET_ENABLE_TYPE_BAR", default_value_t = true, action = clap::ArgAction::Set)]
    pub widget_enable_type_bar: bool,

    /// Smile consent template id for the widget.
    #[arg(long, env = "SMILE_TEMPLATE_ID")]
    pub smile_template_id: Option<String>,
}

impl WidgetSettings {
    /// The lender's widget options, without a token; `api_host` is the mode's.
    pub fn options(&self, api_host: Option<String>) -> WidgetOptions {
        WidgetOptions {
            user_token: String::new(),
            template_id: self.smile_template_id.clone(),
            api_host,
            top_providers: non_empty(&self.widget_top_providers),
            providers: non_empty(&self.widget_providers),
            enable_search_bar: Some(self.widget_enable_search_bar),
            enable_type_bar: Some(self.widget_enable_type_bar),
            enable_upload: Some(self.widget_enable_upload),
            company_name: Some(self.company_name.clone()),
            enable_consent_page: None,
        }
    }

    pub(super) fn validate(&self) -> Result<(), ConfigError> {
        if self.currency.len() != 3 || !self.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(ConfigError::Invalid(
                "WINK_CURRENCY",
                "expected a three-letter ISO 4217 code such as PHP".into(),
            ));
        }
        Ok(())
    }
}

/// The list's non-blank entries, trimmed; `None` when there are none.
fn non_empty(list: &[String]) -> Option<Vec<String>> {
    let list: Vec<String> = list
        .iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    (!list.is_empty()).then_some(list)
}
