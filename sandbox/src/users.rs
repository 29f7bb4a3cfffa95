//! Users and link tokens.

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use smile_api::event::UserCreatedData;
use smile_api::{ConnectionStatus, EventData, Mode, Token, User};

use crate::clock;
use crate::envelope::ApiError;
use crate::ids;
use crate::state::{Store, TokenRecord};

impl Store {
    /// Creates a user and its first link token (`POST /users`).
    pub fn create_user(
        &mut self,
        tenant_id: &str,
        external_metadata: BTreeMap<String, String>,
        ttl: Duration,
    ) -> (User, Token, Vec<EventData>) {
        let user = User {
            id: ids::new_id(&format!("{tenant_id}-")),
            // The spec's `User.externalMetadata` is a required object, not nullable: `{}`
            // when none was given.
            external_metadata: Some(external_metadata),
            created_at: clock::now_string(),
            providers: Vec::new(),
            session: None,
        };
        self.users.push(user.clone());
        let token = self.mint_token(&user.id, ttl);
        let events = vec![EventData::UserCreated(UserCreatedData {
            user_id: user.id.clone(),
            session: None,
        })];
        (user, token, events)
    }

    fn mint_token(&mut self, user_id: &str, ttl: Duration) -> Token {
        let now = SystemTime::now();
        let expires = clock::add(now, ttl);
        let token = Token {
            id: Some(ids::new_id("tk-")),
            expires_at: clock::format_datetime(expires),
            mode: Mode::Sandbox,
            access_token: ids::access_token(),
        };
        self.tokens.insert(
            token.access_token.clone(),
            TokenRecord {
                token: token.clone(),
                user_id: user_id.to_owned(),
                expires,
            },
        );
        token
    }

    /// A new link token for an existing user (`POST /tokens?userId=`).
    pub fn issue_token(&mut self, user_id: &str, ttl: Duration) -> Result<Token, ApiError> {
        if !self.users.iter().any(|u| u.id == user_id) {
            return Err(ApiError::not_found("user"));
        }
        Ok(self.mint_token(user_id, ttl))
    }

    /// A user with `providers` filled from its connected accounts.
    pub fn user(&self, user_id: &str) -> Option<User> {
        let mut user = self.users.iter().find(|u| u.id == user_id)?.clone();
        for record in &self.accounts {
            let account = &record.account;
            if account.user_id == user.id
                && account.connection_status == ConnectionStatus::Connected
                && !user.providers.contains(&account.provider_id)
            {
                user.providers.push(account.provider_id.clone());
            }
        }
        Some(user)
    }

    /// Makes tokens expire now: the one given, all of a user's, or (neither) every token.
    /// Returns how many were expired.
    pub fn expire_tokens(&mut self, access_token: Option<&str>, user_id: Option<&str>) -> usize {
        let now = SystemTime::now();
        let mut count = 0;
        for (token, record) in &mut self.tokens {
            let hit = match (access_token, user_id) {
                (Some(t), _) => t == token,
                (None, Some(u)) => u == record.user_id,
                (None, None) => true,
            };
            if hit {
                record.expires = now;
                record.token.expires_at = clock::format_datetime(now);
                count += 1;
            }
        }
        count
    }
}
