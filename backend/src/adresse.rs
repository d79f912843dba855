//! The address a client is counted by: request quotas and login attempts are kept per client, and a client
//! holding a whole IPv6 /64 (what one subscriber gets) must not take a new count with each of its addresses.

use std::net::{IpAddr, Ipv6Addr};

/// `adresse` as it is counted: an IPv4 address as it is, an IPv6 address by its /64 network.
pub fn du_client(adresse: IpAddr) -> IpAddr {
    match adresse {
        IpAddr::V4(_) => adresse,
        IpAddr::V6(v6) => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !((1u128 << 64) - 1))),
    }
}
