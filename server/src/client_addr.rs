//! Who is asking: the client's address, for abuse budgets and sign-in limits.
//!
//! The socket's peer, unless that peer is a proxy listed in `WINK_TRUSTED_PROXIES`: then the
//! right-most `X-Forwarded-For` entry that is not itself a trusted proxy. Entries to the left
//! of it were written by the client and are never read, so a spoofed header buys nothing.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::str::FromStr;

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The client's address; `None` only when the server runs without connection info.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub Option<IpAddr>);

impl ClientAddr {
    /// The key budgets count under: an IPv6 client is one /64 (one customer's network,
    /// whose addresses it may rotate freely), an IPv4 client one address.
    pub fn budget_key(&self) -> String {
        match self.0 {
            Some(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
                let [a, b, c, d, ..] = v6.segments();
                format!("{}/64", Ipv6Addr::new(a, b, c, d, 0, 0, 0, 0))
            }
            Some(IpAddr::V6(v6)) => v6.to_canonical().to_string(),
            Some(ip) => ip.to_string(),
            None => "unknown".to_owned(),
        }
    }
}

/// `WINK_TRUSTED_PROXIES`: addresses or networks (`10.0.0.0/8`, `::1`), comma-separated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client behind `peer`: `peer` itself unless it is trusted, else the right-most
    /// forwarded entry that is not trusted. An entry that is not an address ends the walk at
    /// the hop that added it (the last trusted one), which is then the client.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = canonical(peer);
        if !self.trusts(client) {
            return client;
        }
        let forwarded: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .collect();
        for entry in forwarded.iter().rev() {
            let Some(hop) = parse_hop(entry.trim()) else {
                return client;
            };
            client = hop;
            if !self.trusts(hop) {
                return hop;
            }
        }
        client
    }

    /// The networks, for `check-config`.
    pub fn to_strings(&self) -> Vec<String> {
        self.0.iter().map(ToString::to_string).collect()
    }
}

impl FromStr for TrustedProxies {
    type Err = String;

    fn from_str(list: &str) -> Result<Self, Self::Err> {
        list.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("{entry:?} is not an IP address or a network (CIDR)"))
            })
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }
}

/// An `X-Forwarded-For` entry: an address, possibly with a port (`1.2.3.4:5`, `[::1]:5`).
fn parse_hop(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .map(canonical)
}

/// `::ffff:1.2.3.4` is the IPv4 client 1.2.3.4 (a dual-stack listener reports it so).
fn canonical(ip: IpAddr) -> IpAddr {
    ip.to_canonical()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn forwarded(values: &[&'static str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", HeaderValue::from_static(value));
        }
        headers
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says() {
        let none = TrustedProxies::default();
        let headers = forwarded(&["1.1.1.1"]);
        assert_eq!(none.client(ip("203.0.113.9"), &headers), ip("203.0.113.9"));
    }

    #[test]
    fn behind_a_trusted_proxy_the_right_most_untrusted_entry_is_the_client() {
        let proxies: TrustedProxies = "10.0.0.0/8, 192.0.2.1".parse().unwrap();
        // The client spoofed 1.1.1.1; the proxy appended the real address.
        let headers = forwarded(&["1.1.1.1, 198.51.100.7", "10.1.2.3"]);
        assert_eq!(
            proxies.client(ip("192.0.2.1"), &headers),
            ip("198.51.100.7")
        );
        // A peer that is not a listed proxy is the client, header or not.
        assert_eq!(
            proxies.client(ip("198.51.100.8"), &headers),
            ip("198.51.100.8")
        );
        // Only proxies in the chain: the left-most of them.
        assert_eq!(
            proxies.client(ip("10.0.0.1"), &forwarded(&["10.0.0.2"])),
            ip("10.0.0.2")
        );
        // Garbage stops the walk at the hop that wrote it.
        assert_eq!(
            proxies.client(
                ip("10.0.0.1"),
                &forwarded(&["1.1.1.1, not-an-ip, 10.0.0.2"])
            ),
            ip("10.0.0.2")
        );
        assert_eq!(
            proxies.client(ip("10.0.0.1"), &forwarded(&["[2001:db8::1]:443"])),
            ip("2001:db8::1")
        );
    }

    #[test]
    fn ipv6_clients_share_a_budget_per_64() {
        let a = ClientAddr(Some(ip("2001:db8:1:2:aaaa::1"))).budget_key();
        let b = ClientAddr(Some(ip("2001:db8:1:2:bbbb::9"))).budget_key();
        let c = ClientAddr(Some(ip("2001:db8:1:3::1"))).budget_key();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(
            ClientAddr(Some(ip("::ffff:192.0.2.5"))).budget_key(),
            "192.0.2.5"
        );
    }

    #[test]
    fn bad_lists_are_named() {
        assert!("10.0.0.0/8,nope"
            .parse::<TrustedProxies>()
            .unwrap_err()
            .contains("nope"));
        assert!("".parse::<TrustedProxies>().unwrap().is_empty());
    }
}
