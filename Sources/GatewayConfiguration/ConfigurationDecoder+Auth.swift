import Yams

/// `auth:`: tokens by reference or by SHA-256, scopes from the closed set, instance patterns.
/// A literal `token:` is refused, as are literal credentials elsewhere.
extension ConfigurationDecoder {
    static let authKeys = ["tokens", "probes", "disabled"]
    static let tokenKeys = ["name", "tokenEnv", "tokenFile", "tokenSha256", "scopes", "instances"]

    mutating func decodeAuth(_ node: Node, at path: String) -> AuthSettings {
        var auth = AuthSettings()
        guard let fields = walker.fields(node, at: path, keys: Self.authKeys) else { return auth }
        if let disabled = walker.bool(fields, "disabled") { auth.disabled = disabled }
        if let text = walker.string(fields, "probes") {
            if let probes = ProbeAccess(rawValue: text) {
                auth.probes = probes
            } else {
                walker.report(fields.path("probes"), "unknown value '\(text)' (expected one of: \(ProbeAccess.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        var listed = 0
        if let node = fields["tokens"], let elements = walker.list(node, at: fields.path("tokens")) {
            listed = elements.count
            var names: Set<String> = []
            for element in elements {
                guard let token = decodeToken(element.node, at: element.path) else { continue }
                if !names.insert(token.name).inserted {
                    walker.report(YAMLWalker.child(element.path, "name"), "duplicate token name '\(token.name)'")
                    continue
                }
                auth.tokens.append(token)
            }
        }
        if auth.disabled, !auth.tokens.isEmpty {
            walker.report(fields.path("disabled"), "auth.disabled is true but tokens are configured; remove one of them")
        }
        if !auth.disabled, listed == 0 {
            walker.report(fields.path("tokens"), "at least one token is required (or set auth.disabled: true to accept every caller)")
        }
        return auth
    }

    /// A gateway reachable from other machines must authenticate its callers, or say
    /// explicitly that it does not (`auth.disabled: true`).
    mutating func requireAuthentication(_ config: GatewayConfiguration) {
        guard config.auth == nil, !AuthRules.isLoopback(config.server.host) else { return }
        walker.report(
            "auth",
            "server.host \(config.server.host) is reachable from other machines: configure auth.tokens (or set auth.disabled: true to accept every caller)"
        )
    }

    private mutating func decodeToken(_ node: Node, at path: String) -> CallerTokenSettings? {
        guard let fields = walker.fields(node, at: path, keys: Self.tokenKeys, unknownKey: { key in
            key.lowercased().contains("token") || key.lowercased().contains("secret")
                ? "tokens are only accepted by reference (tokenEnv, tokenFile) or as tokenSha256" : nil
        }) else { return nil }
        var valid = true
        let name = walker.string(fields, "name", required: true)
        if let name, let problem = AuthRules.tokenName(name) {
            walker.report(fields.path("name"), problem)
            valid = false
        }
        let given = ["tokenEnv", "tokenFile", "tokenSha256"].filter { fields.has($0) }
        var credential: TokenCredential?
        if given.count != 1 {
            walker.report(path, given.isEmpty
                ? "missing tokenEnv, tokenFile or tokenSha256"
                : "give exactly one of tokenEnv, tokenFile, tokenSha256 (got \(given.joined(separator: ", ")))")
            valid = false
        } else if let value = walker.string(fields, given[0]) {
            let keyPath = fields.path(given[0])
            switch given[0] {
            case "tokenEnv":
                if let problem = ConfigurationRules.environmentVariable(value) { walker.report(keyPath, problem); valid = false }
                credential = .environment(value)
            case "tokenFile":
                if value.isEmpty { walker.report(keyPath, "the file path cannot be empty"); valid = false }
                credential = .file(value)
            default:
                if let problem = AuthRules.sha256(value) { walker.report(keyPath, problem); valid = false }
                credential = .sha256(value.lowercased())
            }
        } else {
            valid = false
        }
        var scopes: [Scope] = []
        if let node = fields["scopes"], let elements = walker.list(node, at: fields.path("scopes")) {
            for element in elements {
                guard let text = walker.string(element.node, at: element.path) else { valid = false; continue }
                if let scope = Scope(rawValue: text) {
                    if !scopes.contains(scope) { scopes.append(scope) }
                } else {
                    walker.report(element.path, "unknown scope '\(text)' (expected one of: \(Scope.allCases.map(\.rawValue).joined(separator: ", ")))")
                    valid = false
                }
            }
        } else if !fields.has("scopes") {
            walker.report(path, "missing scopes (one or more of: \(Scope.allCases.map(\.rawValue).joined(separator: ", ")))")
            valid = false
        }
        var instances = ["*"]
        if fields.has("instances") {
            guard let list = walker.stringList(fields, "instances") else { return nil }
            if list.isEmpty {
                walker.report(fields.path("instances"), "list at least one instance id or pattern (\"*\" for all)")
                valid = false
            }
            for (index, pattern) in list.enumerated() where pattern.isEmpty {
                walker.report(YAMLWalker.element(fields.path("instances"), index), "an instance pattern cannot be empty")
                valid = false
            }
            instances = list
        }
        guard valid, let name, let credential else { return nil }
        return CallerTokenSettings(name: name, credential: credential, scopes: scopes, instances: instances)
    }
}

extension TokenCredential {
    static func environment(_ name: String) -> TokenCredential { .source(.environment(name)) }
    static func file(_ path: String) -> TokenCredential { .source(.file(path)) }
}

/// Value rules of the `auth` section.
enum AuthRules {
    static func tokenName(_ name: String) -> String? {
        let allowed = name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
        guard (1...63).contains(name.utf8.count), allowed, let first = name.utf8.first,
              (first >= 0x61 && first <= 0x7A) || (first >= 0x30 && first <= 0x39)
        else {
            return "a token name is 1-63 characters: lowercase letters, digits, '.', '_' or '-', starting with a letter or digit"
        }
        return nil
    }

    static func isLoopback(_ host: String) -> Bool {
        ConfigurationRules.loopbackHosts.contains(host.lowercased()) || host.hasPrefix("127.")
    }

    static func sha256(_ text: String) -> String? {
        guard text.utf8.count == 64, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) || ($0 >= 0x41 && $0 <= 0x46) }) else {
            return "tokenSha256 must be 64 hexadecimal characters (the SHA-256 of the token, e.g. from: printf %s \"$TOKEN\" | sha256sum)"
        }
        return nil
    }
}
