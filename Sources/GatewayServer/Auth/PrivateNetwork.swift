import NIOCore

/// Whether a peer is on loopback or a private network (RFC 1918, RFC 6598 shared space,
/// IPv6 unique-local and link-local): where the kubelet, Prometheus and a sidecar live.
enum PrivateNetwork {
    static func contains(_ address: SocketAddress?) -> Bool {
        guard let address else { return false }
        switch address {
        case .unixDomainSocket:
            return true
        case .v4:
            return address.ipAddress.map(isPrivateIPv4) ?? false
        case .v6:
            guard let text = address.ipAddress?.lowercased() else { return false }
            if text.hasPrefix("::ffff:"), text.contains(".") { return isPrivateIPv4(String(text.dropFirst(7))) }
            if text == "::1" { return true }
            guard let first = text.split(separator: ":", omittingEmptySubsequences: false).first,
                  let word = UInt16(first, radix: 16) else { return false }
            return word & 0xFE00 == 0xFC00 || word & 0xFFC0 == 0xFE80
        }
    }

    static func isPrivateIPv4(_ text: String) -> Bool {
        let octets = text.split(separator: ".").compactMap { UInt8($0) }
        guard octets.count == 4 else { return false }
        switch (octets[0], octets[1]) {
        case (127, _), (10, _), (192, 168): return true
        case (172, 16...31): return true
        case (100, 64...127): return true
        default: return false
        }
    }
}
