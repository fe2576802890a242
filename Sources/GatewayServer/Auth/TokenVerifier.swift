import Crypto
import Foundation
import GatewayConfiguration

/// Checks bearer tokens against `auth.tokens`. Only SHA-256 digests are kept in memory; a
/// presented token is hashed and compared with every configured digest in constant time
/// (no early exit), so neither timing nor the order of tokens reveals anything.
struct TokenVerifier: Sendable {
    private let entries: [(digest: [UInt8], principal: CallerPrincipal)]

    /// Resolves `tokenEnv`/`tokenFile` references; the values are hashed and dropped.
    init(settings: AuthSettings, environment: [String: String]) throws(ConfigurationError) {
        var entries: [(digest: [UInt8], principal: CallerPrincipal)] = []
        var issues: [ConfigurationIssue] = []
        for (index, token) in settings.tokens.enumerated() {
            let digest: [UInt8]
            switch token.credential {
            case .sha256(let hex):
                digest = Self.bytes(fromHex: hex)
            case .source(let source):
                do {
                    let value = try source.resolve(environment: environment, path: "auth.tokens[\(index)]")
                    digest = Array(SHA256.hash(data: Data(value.utf8)))
                } catch {
                    issues += error.issues
                    continue
                }
            }
            entries.append((digest, CallerPrincipal(name: token.name, scopes: Set(token.scopes), instancePatterns: token.instances)))
        }
        guard issues.isEmpty else { throw ConfigurationError(issues: issues) }
        self.entries = entries
    }

    /// The caller whose token this is, or nil.
    func principal(for token: String) -> CallerPrincipal? {
        let presented = Array(SHA256.hash(data: Data(token.utf8)))
        var found: CallerPrincipal?
        for entry in entries {
            var difference: UInt8 = 0
            for (a, b) in zip(entry.digest, presented) { difference |= a ^ b }
            if difference == 0, entry.digest.count == presented.count, found == nil { found = entry.principal }
        }
        return found
    }

    private static func bytes(fromHex hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            bytes.append(nibble(high) << 4 | nibble(low))
        }
        return bytes
    }

    private static func nibble(_ c: UInt8) -> UInt8 {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: 0
        }
    }
}
