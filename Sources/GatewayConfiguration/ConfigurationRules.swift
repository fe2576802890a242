import Foundation

/// The value rules of the configuration file. Each check returns nil when the value is
/// acceptable, else the message for the issue.
enum ConfigurationRules {
    private static func isLowerAlnum(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("0"..."9").contains(c)
    }

    private static func isAlnum(_ c: Unicode.Scalar) -> Bool {
        isLowerAlnum(c) || ("A"..."Z").contains(c)
    }

    static func accountName(_ name: String) -> String? {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, isLowerAlnum(first), scalars.count <= 63,
              scalars.allSatisfy({ isLowerAlnum($0) || $0 == "-" })
        else {
            return "'\(name)' is not a valid account name: 1 to 63 of a-z, 0-9 and '-', starting with a letter or digit"
        }
        return nil
    }

    static func region(_ region: String) -> String? {
        guard !region.isEmpty, region.unicodeScalars.allSatisfy({ isLowerAlnum($0) || $0 == "-" }) else {
            return "'\(region)' is not a valid region: use the provider's region id (a-z, 0-9 and '-'), e.g. ap-guangzhou"
        }
        return nil
    }

    static func projectId(_ id: String) -> String? {
        guard id.unicodeScalars.count == 32, id.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit }) else {
            return "'\(id)' is not a valid project id: exactly 32 hexadecimal characters"
        }
        return nil
    }

    static func environmentVariable(_ name: String) -> String? {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, isAlnum(first) || first == "_", !("0"..."9").contains(first),
              scalars.allSatisfy({ isAlnum($0) || $0 == "_" })
        else {
            // The text is not echoed: a secret pasted here by mistake must not reach a log.
            return "not a valid environment variable name (letters, digits and '_', not starting with a digit)"
        }
        return nil
    }

    static func instanceEntry(_ entry: String) -> String? {
        guard !entry.isEmpty else { return "an instance id or pattern cannot be empty" }
        guard !entry.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) else {
            return "'\(entry)' contains whitespace; write instance ids and patterns without spaces"
        }
        return nil
    }

    static func rateLimitKey(_ key: String) -> String? {
        let scalars = Array(key.unicodeScalars)
        guard let first = scalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first),
              scalars.allSatisfy({ isAlnum($0) || $0 == "." })
        else {
            return "'\(key)' is not a provider action name; use 'default' or an action such as DescribeInstanceBackups"
        }
        return nil
    }

    static func rateLimit(_ value: Double) -> String? {
        guard value > 0, value <= 10_000 else {
            return "must be more than 0 and at most 10000 requests per second"
        }
        return nil
    }

    static func port(_ port: Int) -> String? {
        guard (0...65_535).contains(port) else {
            return "must be between 1 and 65535, or 0 for an ephemeral port (got \(port))"
        }
        return nil
    }

    static func host(_ host: String) -> String? {
        guard !host.isEmpty, !host.contains("/"),
              !host.unicodeScalars.contains(where: { $0.properties.isWhitespace })
        else {
            return "'\(host)' is not an address to listen on; use an IP address or host name, e.g. 127.0.0.1"
        }
        return nil
    }

    static let loopbackHosts: Set<String> = ["127.0.0.1", "::1", "[::1]", "localhost"]

    /// Parses an `endpoint:` override; https, or http on a loopback host.
    static func endpoint(_ text: String) -> Result<URL, EndpointProblem> {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty, let url = components.url
        else {
            return .failure(EndpointProblem(message: "not an absolute URL such as https://redis.tencentcloudapi.com"))
        }
        guard components.user == nil, components.password == nil else {
            return .failure(EndpointProblem(message: "the endpoint must not contain a user name or password"))
        }
        guard components.query == nil, components.fragment == nil else {
            return .failure(EndpointProblem(message: "the endpoint must not have a query or fragment"))
        }
        switch scheme {
        case "https":
            return .success(url)
        case "http" where loopbackHosts.contains(host.lowercased()):
            return .success(url)
        case "http":
            return .failure(EndpointProblem(message: "http:// is only accepted for a loopback host (127.0.0.1, ::1, localhost); use https://"))
        default:
            return .failure(EndpointProblem(message: "scheme '\(scheme)' is not supported; use https://"))
        }
    }

    struct EndpointProblem: Error {
        let message: String
    }

    /// `*` or a browser origin: `http(s)://host[:port]`, lower case, no path.
    static func corsOrigin(_ origin: String) -> String? {
        if origin == "*" { return nil }
        let usage = "'\(origin)' is not an origin; write it as the browser sends it, e.g. https://dash.example.com or https://dash.example.com:8443 (no path), or *"
        let parts = origin.split(separator: "://", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == "https" || parts[0] == "http" else { return usage }
        let authority = parts[1]
        guard !authority.isEmpty, !authority.contains(where: { "/?#@ ".contains($0) }) else { return usage }
        var host = Substring(authority)
        var port: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return usage }
            host = authority[...close]
            let rest = authority[authority.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { return usage }
                port = rest.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        }
        guard host.count > (host.hasPrefix("[") ? 2 : 0) else { return usage }
        if let port {
            guard let number = Int(port), (1...65_535).contains(number), port.allSatisfy(\.isASCII) else { return usage }
        }
        guard host == host.lowercased() else {
            return "'\(origin)' must be written in lower case, as browsers send it"
        }
        return nil
    }

    /// Accepts `sqlite://PATH` and `sqlite::memory:`.
    static func storeURL(_ url: String) -> String? {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            if case .failure(let problem) = PostgresAddress.parse(url) { return problem.message }
            return nil
        }
        if url == StoreSettings.memoryURL { return nil }
        if url.hasPrefix(StoreSettings.sqlitePrefix) {
            return url.count > StoreSettings.sqlitePrefix.count ? nil : "sqlite:// needs a file path, e.g. sqlite://./data/gateway.sqlite"
        }
        return "unsupported store URL; use sqlite://PATH (e.g. sqlite://./data/gateway.sqlite), sqlite::memory: or postgres://USER@HOST[:PORT]/DATABASE"
    }

    /// A PostgreSQL schema name the gateway can use unquoted: lower-case letters, digits and '_',
    /// not starting with a digit, at most 63 characters.
    static func sqlIdentifier(_ name: String) -> String? {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, scalars.count <= 63, ("a"..."z").contains(first) || first == "_",
              scalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else { return "expected lower-case letters, digits and '_' (not starting with a digit, at most 63 characters)" }
        return nil
    }
}
