/// Finds the account that serves an instance id (DESIGN.md §5): an exact id listed by any
/// account wins over every pattern; among patterns the first matching account in file order
/// wins (and, within an account, its first matching pattern).
public struct AccountRouter: Sendable {
    private let exact: [String: AccountSettings]
    private let patterns: [(pattern: InstancePattern, account: AccountSettings)]

    public init(accounts: [AccountSettings]) {
        var exact: [String: AccountSettings] = [:]
        var patterns: [(pattern: InstancePattern, account: AccountSettings)] = []
        for account in accounts {
            for entry in account.instances {
                let pattern = InstancePattern(entry)
                if pattern.isExact {
                    if exact[entry] == nil { exact[entry] = account }
                } else {
                    patterns.append((pattern, account))
                }
            }
        }
        self.exact = exact
        self.patterns = patterns
    }

    /// The account for `instanceId`, or nil when no account lists or matches it.
    public func route(_ instanceId: String) -> AccountSettings? {
        if let account = exact[instanceId] { return account }
        return patterns.first { $0.pattern.matches(instanceId) }?.account
    }
}
