import Yams

/// `accounts[i].credentials`: one reference (environment variable or file) per role, never
/// a value. Literal secrets are refused; no message ever repeats what was written.
extension ConfigurationDecoder {
    enum CredentialRole: String, CaseIterable {
        case id, secret, token

        var required: Bool { self != .token }

        var what: String {
            switch self {
            case .id: "the access key id"
            case .secret: "the secret key"
            case .token: "the session token"
            }
        }
    }

    static let credentialKeys = CredentialRole.allCases.flatMap { ["\($0.rawValue)Env", "\($0.rawValue)File"] }

    /// The message for a key that looks like a literal credential (`secret:`, `secretKey:`,
    /// `id:`, `token:`, `password:` …); nil for other unknown keys.
    static func literalSecretMessage(for key: String) -> String? {
        let lower = key.lowercased()
        if lower.hasSuffix("env") || lower.hasSuffix("file") { return nil }
        let role: CredentialRole
        if lower.contains("token") {
            role = .token
        } else if lower == "id" || lower.hasSuffix("id") || lower == "ak" || lower == "accesskey" {
            role = .id
        } else if ["secret", "password", "passwd", "key", "sk", "credential"].contains(where: lower.contains) {
            role = .secret
        } else {
            return nil
        }
        return "secrets are only accepted by reference: use \(role.rawValue)Env or \(role.rawValue)File"
    }

    mutating func decodeCredentials(_ node: Node, at path: String) -> CredentialReferences? {
        guard let fields = walker.fields(node, at: path, keys: Self.credentialKeys, unknownKey: Self.literalSecretMessage)
        else { return nil }
        var sources: [CredentialRole: SecretSource] = [:]
        var valid = true
        for role in CredentialRole.allCases {
            switch secretReference(fields, prefix: role.rawValue, at: path, what: role.what) {
            case .present(let source):
                sources[role] = source
            case .invalid:
                valid = false
            case .absent where role.required:
                walker.report(path, "missing \(role.rawValue)Env or \(role.rawValue)File (\(role.what))")
                valid = false
            case .absent:
                break
            }
        }
        guard valid, let id = sources[.id], let secret = sources[.secret] else { return nil }
        return CredentialReferences(id: id, secret: secret, token: sources[.token])
    }
}
