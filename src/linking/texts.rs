//! The link side's words: the page and its panels ([`LinkText`]), the notices after widget
//! events ([`NoticeWords`]) and the mode badge ([`ModeText`]).

use wink_api::messages;

messages! {
    /// The link page's words, and those of the lists and buttons on it.
    pub enum LinkText {
        Title = "link.title" => "Link your income accounts",
        LoadingApplication = "link.loading_application" => "Loading your application…",
        Reference { reference } = "link.reference" => "Your reference is {reference}.",
        Sending = "link.sending" => "Sending…",
        Done = "link.done" => "I'm done",
        FinishFailed = "link.finish_failed" => "We couldn't record that you're done.",
        ManualTitle = "link.manual_title" => "Our team will verify your application",
        ManualLead = "link.manual_lead" => "This application is verified manually by our lending team, from what you declared: your employer and your monthly income. You don't need to link any account.",
        ManualNextHeading = "link.manual_next_heading" => "What happens next",
        ManualDayLead = "link.manual_day_lead" => "Usually within one business day.",
        ManualDay = "link.manual_day" => "A loan officer reviews what you declared.",
        ManualThenLead = "link.manual_then_lead" => "Then.",
        ManualThenKnown { email, mobile } = "link.manual_then_known" => "We contact you by email at {email} or by text message at {mobile}, to ask for documents that show your income (such as recent payslips) or with a decision.",
        ManualThen = "link.manual_then" => "We contact you by email or text message, to ask for documents that show your income (such as recent payslips) or with a decision.",
        ManualFinishHeading = "link.manual_finish_heading" => "Finish your application",
        ManualFinish = "link.manual_finish" => "There is nothing else to do here. Let us know you're done and we'll take it from there.",
        ReconnectHeading = "link.reconnect_heading" => "Connect your account again",
        Reconnect = "link.reconnect" => "Your lender could not refresh the data from one of your accounts. Open Smile and connect it again: press the button below, choose the same employer, SSS or gig platform, and log in. If you changed your password there, use the new one.",
        Lead = "link.lead" => "Choose your employer, SSS, or the gig platform you earn through, and log in to it in Smile's secure window. It takes about 2 minutes, and we never see your password.",
        Preparing = "link.preparing" => "Preparing the secure linking window…",
        Opening = "link.opening" => "Opening the secure linking window…",
        Reopening = "link.reopening" => "Getting a fresh secure link…",
        WindowOpen = "link.window_open" => "The secure linking window is open.",
        LinkAccount = "link.link_account" => "Link an account",
        ManageConnections = "link.manage_connections" => "Manage connections",
        OpenHint = "link.open_hint" => "Opens Smile's secure window over this page.",
        ManageHint = "link.manage_hint" => "Link another account, or disconnect one you linked.",
        WidgetInEnglish = "link.widget_in_english" => "The secure Smile window that opens next is in English.",
        PrepareFailed = "link.prepare_failed" => "We couldn't prepare the linking window.",
        KeptExpiring = "link.kept_expiring" => "The secure link kept expiring before the linking window could use it. Please reload the page, and contact us if it keeps happening.",
        AccountsHeading = "link.accounts_heading" => "Your linked accounts",
        LoadingAccounts = "link.loading_accounts" => "Loading your accounts…",
        ListFailed = "link.list_failed" => "We couldn't update this list.",
        Refresh = "link.refresh" => "Refresh",
        NoAccounts = "link.no_accounts" => "No accounts linked yet. Linked accounts will appear here.",
        FinishHeading = "link.finish_heading" => "Finished linking?",
        FinishLinked = "link.finish_linked" => "When you've linked the accounts that show your income, let us know and a loan officer will review your application.",
        FinishUploaded = "link.finish_uploaded" => "When you've uploaded the documents that show your income, let us know and a loan officer will review your application.",
        FinishNothing = "link.finish_nothing" => "You haven't linked an account yet. You can still finish: a loan officer will then contact you about other ways to show your income.",
        UploadInstead = "link.upload_instead" => "Can't find your employer? Upload a payslip instead",
        UploadInsteadHint = "link.upload_instead_hint" => "In Smile's window, choose \u{201c}Can't find your employer?\u{201d} below the list, then the type of document (a payslip, or a certificate of employment) and your file.",
        DocumentsHeading = "link.documents_heading" => "Documents you uploaded",
        DocumentsHint = "link.documents_hint" => "A loan officer will check these along with your linked accounts.",
        UploadAgain = "link.upload_again" => "Upload again",
    }
}

messages! {
    /// The link page's notices after the widget's news.
    pub enum NoticeWords {
        Connected { provider } = "notice.connected" => "{provider} is connected. Finish in the window, or link another account there.",
        Removed { provider } = "notice.removed" => "{provider} is disconnected and no longer shares your records.",
        Reopening = "notice.reopening" => "Your secure link timed out. Reopening the window with a new one…",
        Changed = "notice.changed" => "Your connections are updated.",
        LinkedHeading = "notice.linked_heading" => "You're connected",
        DocumentsUploaded = "notice.documents_uploaded" => "Your documents are uploaded.",
        OneConnected { provider } = "notice.one_connected" => "{provider} is connected.",
        ManyConnected { providers } = "notice.many_connected" => "{providers} are connected.",
        /// The last two of a list of names: "SSS, Grab and Upwork" (`names` is "SSS, Grab").
        Names { names, last } = "notice.names" => "{names} and {last}",
        LinkedNext = "notice.linked_next" => "A loan officer can now check your income. Link another account for a fuller picture, or finish now.",
        LinkAnother = "notice.link_another" => "Link another account",
        ClosedEarlyHeading = "notice.closed_early_heading" => "No account was linked",
        ClosedEarly = "notice.closed_early" => "The window closed before an account was connected. Try again whenever you're ready. Can't find your employer? Choose SSS or a gig platform you earn through.",
        ClosedEarlyUpload = "notice.closed_early_upload" => "The window closed before an account was connected. Try again whenever you're ready. Can't find your employer? Choose SSS or a gig platform you earn through, or upload your payslips.",
        FailedHeading { provider } = "notice.failed_heading" => "{provider} couldn't be connected",
        FailedHeadingUnknown = "notice.failed_heading_unknown" => "The account couldn't be connected",
        ContactUs = "notice.contact_us" => "Contact us: tell your loan officer what happened. Meanwhile you can try a different account.",
        ContactUsQuoting { reference } = "notice.contact_us_quoting" => "Contact us: tell your loan officer what happened and quote your reference {reference}. Meanwhile you can try a different account.",
        TryDifferentAccount = "notice.try_different_account" => "Try a different account",
    }
}

messages! {
    /// Which Smile the server talks to (small print on the start page).
    pub enum ModeText {
        /// Around the badge with the mode's wire name (`emulator`, `sandbox`, `production`).
        Name { mode } = "mode.name" => "{mode} mode.",
        Emulator = "mode.emulator" => "Smile's sandbox is emulated on this machine: no credentials, no real data, nothing leaves it.",
        Sandbox = "mode.sandbox" => "Connected to Smile's sandbox: test personas only, no real accounts.",
        Production = "mode.production" => "Connected to Smile's production service: real applicants, real data.",
    }
}
