/// An access key pair, optionally with a session token for temporary credentials.
///
/// `description` never prints the secret or the token.
public struct SigningCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyId: String
    public var secret: String
    public var sessionToken: String?

    public init(accessKeyId: String, secret: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secret = secret
        self.sessionToken = sessionToken
    }

    public var description: String {
        "SigningCredentials(accessKeyId: \(accessKeyId), secret: <redacted>\(sessionToken == nil ? "" : ", sessionToken: <redacted>"))"
    }

    public var debugDescription: String { description }
}
