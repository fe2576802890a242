import GatewayConfiguration
import GatewayCore

/// A configured account with the driver that speaks for it.
struct RoutedAccount: Sendable {
    let settings: AccountSettings
    let driver: any ProviderDriver

    func ref(for instanceId: String) -> InstanceRef {
        InstanceRef(instanceId: instanceId, provider: settings.provider, account: settings.name, region: settings.region)
    }
}

/// Instance id → account (DESIGN.md §5: exact ids win over patterns, first match wins), and
/// account name → account for operations already recorded.
struct AccountDirectory: Sendable {
    private let router: AccountRouter
    private let byName: [String: RoutedAccount]
    let accounts: [RoutedAccount]

    init(accounts: [RoutedAccount]) {
        self.accounts = accounts
        self.router = AccountRouter(accounts: accounts.map(\.settings))
        self.byName = Dictionary(accounts.map { ($0.settings.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func route(_ instanceId: String) throws(GatewayError) -> RoutedAccount {
        guard let settings = router.route(instanceId), let account = byName[settings.name] else {
            throw GatewayError.notFound(
                "INSTANCE_NOT_ROUTED",
                "No configured account serves instance \(instanceId); add it (or a matching pattern) to an account's instances."
            )
        }
        return account
    }

    func account(named name: String) -> RoutedAccount? { byName[name] }
}
