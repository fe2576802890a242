/// One problem in a configuration, located by its path in the file.
public struct ConfigurationIssue: Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is, e.g. `accounts[1].credentials.secretEnv`; empty for the file as a whole.
    public var path: String
    /// What is wrong, in words an operator can act on. Never contains a secret value.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`, or just the message when the path is empty.
    public var description: String {
        path.isEmpty ? message : "\(path): \(message)"
    }
}

/// Every problem found in a configuration (all of them, not just the first).
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var issues: [ConfigurationIssue]

    public init(issues: [ConfigurationIssue]) {
        self.issues = issues
    }

    public init(path: String, message: String) {
        self.issues = [ConfigurationIssue(path: path, message: message)]
    }

    /// One line per issue: `path: message`.
    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
