//! Which origin and host this server answers as (`WINK_PUBLIC_URL`), for the cross-site
//! and DNS-rebinding checks in `http::cross_site`.

use url::Url;

/// What the cross-site and Host checks compare with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// `WINK_PUBLIC_URL` is set: its origin (`https://loans.example.com`) and host with port.
    Public {
        origin: String,
        host: String,
        port: u16,
    },
    /// Emulator mode on a laptop: loopback hosts only; Origin compared with Host.
    Loopback,
    /// Neither (a test rig): Origin compared with Host.
    SameHost,
}

impl Expected {
    pub fn new(public_url: Option<&str>, loopback_only: bool) -> Self {
        let public = public_url.and_then(|u| Url::parse(u).ok()).and_then(|url| {
            Some(Expected::Public {
                origin: url.origin().ascii_serialization(),
                host: url.host_str()?.to_ascii_lowercase(),
                port: url.port_or_known_default()?,
            })
        });
        match public {
            Some(public) => public,
            None if loopback_only => Expected::Loopback,
            None => Expected::SameHost,
        }
    }

    /// Whether a `Host` header names this server.
    pub fn accepts_host(&self, host: Option<&str>) -> bool {
        let Some(host) = host else {
            // HTTP/1.0 without Host, or HTTP/2 with only :authority (hyper fills Host):
            // nothing a browser on another name would send.
            return true;
        };
        let (name, port) = split_host(host);
        // DNS rebinding needs a name the attacker controls: an address literal, or
        // `localhost`, cannot be one (and is what a proxy that sets its upstream's address,
        // like nginx by default, sends).
        let ip = name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .ok();
        let localhost = name.eq_ignore_ascii_case("localhost");
        match self {
            Expected::Public {
                host: want,
                port: want_port,
                origin,
            } => {
                let default = if origin.starts_with("https:") {
                    443
                } else {
                    80
                };
                ip.is_some()
                    || localhost
                    || (name.eq_ignore_ascii_case(want) && port.unwrap_or(default) == *want_port)
            }
            Expected::Loopback => localhost || ip.is_some_and(|ip| ip.is_loopback()),
            Expected::SameHost => true,
        }
    }
}

/// `host[:port]`, IPv6 literals in brackets.
fn split_host(host: &str) -> (&str, Option<u16>) {
    match host.rsplit_once(':') {
        Some((name, port))
            if !name.ends_with(':') && (!name.contains(':') || name.ends_with(']')) =>
        {
            (name, port.parse().ok())
        }
        _ => (host, None),
    }
}
