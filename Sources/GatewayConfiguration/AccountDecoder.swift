import Foundation
import GatewayCore
import Yams

/// `accounts:` — each account, then the rules across accounts (unique names, an exact
/// instance id listed by one account only).
extension ConfigurationDecoder {
    static let accountKeys = [
        "name", "provider", "region", "endpoint", "projectId", "signatureVersion", "signatureMethod", "apiVersion",
        "credentials", "instances", "rateLimits", "timeouts", "webhookUrl",
    ]

    /// Keys only one provider kind accepts, with their allowed values (nil: checked apart).
    static let providerSpecificKeys: [(key: String, provider: ProviderKind, values: [String]?)] = [
        ("projectId", .huawei, nil),
        ("apiVersion", .huawei, ["v2", "v1.0"]),
        ("signatureVersion", .alibaba, ["v1", "acs3"]),
        ("signatureMethod", .tencentLegacy, ["HmacSHA1", "HmacSHA256"]),
    ]

    mutating func decodeAccounts(_ node: Node, at path: String) -> [AccountSettings] {
        guard let elements = walker.list(node, at: path) else { return [] }
        var accounts: [AccountSettings] = []
        var names: [String: String] = [:]
        var exactIds: [String: String] = [:]
        for element in elements {
            guard let account = decodeAccount(element.node, at: element.path) else { continue }
            if let first = names[account.name] {
                walker.report(YAMLWalker.child(element.path, "name"), "duplicate account name '\(account.name)' (also \(first))")
            } else {
                names[account.name] = element.path
            }
            let entriesPath = YAMLWalker.child(element.path, "instances")
            for (index, entry) in account.instances.enumerated() where InstancePattern(entry).isExact {
                if let owner = exactIds[entry], owner != account.name {
                    walker.report(YAMLWalker.element(entriesPath, index), "instance '\(entry)' is already listed by account '\(owner)'; an exact id may belong to one account only")
                } else {
                    exactIds[entry] = account.name
                }
            }
            accounts.append(account)
        }
        return accounts
    }

    private mutating func decodeAccount(_ node: Node, at path: String) -> AccountSettings? {
        guard let fields = walker.fields(node, at: path, keys: Self.accountKeys) else { return nil }
        let name = walker.string(fields, "name", required: true).flatMap { name in
            check(ConfigurationRules.accountName(name), at: fields.path("name")) ? name : nil
        }
        let provider = decodeProvider(fields)
        let region = walker.string(fields, "region", required: true).flatMap { region in
            check(ConfigurationRules.region(region), at: fields.path("region")) ? region : nil
        }
        var endpoint: URL?
        if let text = walker.string(fields, "endpoint") {
            switch ConfigurationRules.endpoint(text) {
            case .success(let url): endpoint = url
            case .failure(let problem): walker.report(fields.path("endpoint"), problem.message)
            }
        }
        let specific = decodeProviderSpecific(fields, provider: provider)
        var credentials: CredentialReferences?
        if let node = fields["credentials"] {
            credentials = decodeCredentials(node, at: fields.path("credentials"))
        } else {
            walker.report(fields.path("credentials"), "missing required key 'credentials'")
        }
        let instances = decodeInstances(fields)
        let rateLimits = decodeRateLimits(fields)
        let timeouts = decodeTimeouts(fields)
        var webhookUrl: String?
        if let text = walker.string(fields, "webhookUrl") {
            let withoutQuery = String(text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            switch ConfigurationRules.endpoint(withoutQuery) {
            case .success: webhookUrl = text
            case .failure(let problem): walker.report(fields.path("webhookUrl"), problem.message.replacingOccurrences(of: "endpoint", with: "webhook URL"))
            }
        }

        guard let name, let provider, let region, let credentials, let instances, let specific else { return nil }
        return AccountSettings(
            name: name, provider: provider, region: region, endpoint: endpoint, projectId: specific["projectId"],
            signatureVersion: specific["signatureVersion"], signatureMethod: specific["signatureMethod"],
            apiVersion: specific["apiVersion"], credentials: credentials, instances: instances,
            rateLimits: rateLimits ?? [:], requestTimeout: timeouts.request, operationTimeout: timeouts.operation,
            rateLimitWait: timeouts.rateLimitWait, webhookUrl: webhookUrl
        )
    }

    /// Reports `problem` at `path`; true when there is none.
    private mutating func check(_ problem: String?, at path: String) -> Bool {
        guard let problem else { return true }
        walker.report(path, problem)
        return false
    }

    /// The provider kind, even when it is not available in this release (so the account's
    /// other keys are still checked against it); nil when missing or unknown.
    private mutating func decodeProvider(_ fields: YAMLFields) -> ProviderKind? {
        guard let text = walker.string(fields, "provider", required: true) else { return nil }
        let available = ProviderKind.allCases.filter(availableProviders.contains).map(\.rawValue).joined(separator: ", ")
        guard let kind = ProviderKind(rawValue: text) else {
            walker.report(fields.path("provider"), "unknown provider '\(text)' (available: \(available))")
            return nil
        }
        if !availableProviders.contains(kind) {
            walker.report(fields.path("provider"), "provider '\(text)' is not available in this release (available: \(available))")
        }
        return kind
    }

    /// The provider-specific keys present, checked; nil when one of them is wrong.
    private mutating func decodeProviderSpecific(_ fields: YAMLFields, provider: ProviderKind?) -> [String: String]? {
        var values: [String: String] = [:]
        var valid = true
        for (key, owner, allowed) in Self.providerSpecificKeys {
            guard let node = fields[key] else { continue }
            let path = fields.path(key)
            guard let value = walker.string(node, at: path) else {
                valid = false
                continue
            }
            if let provider, provider != owner {
                walker.report(path, "\(key) is only accepted for provider \(owner.rawValue) (this account is \(provider.rawValue))")
                valid = false
            } else if let allowed, !allowed.contains(value) {
                walker.report(path, "unknown \(key) '\(value)' (expected one of: \(allowed.joined(separator: ", ")))")
                valid = false
            } else if key == "projectId", !check(ConfigurationRules.projectId(value), at: path) {
                valid = false
            } else {
                values[key] = value
            }
        }
        if provider == .huawei, !fields.has("projectId") {
            walker.report(fields.path("projectId"), "missing required key 'projectId' (required for provider huawei)")
            valid = false
        }
        return valid ? values : nil
    }

    private mutating func decodeInstances(_ fields: YAMLFields) -> [String]? {
        let path = fields.path("instances")
        guard fields.has("instances") else {
            walker.report(path, "missing required key 'instances' (the instance ids or patterns this account serves, e.g. [\"crs-*\"])")
            return nil
        }
        guard let entries = walker.stringList(fields, "instances") else { return nil }
        guard !entries.isEmpty else {
            walker.report(path, "must list at least one instance id or pattern")
            return nil
        }
        var valid = true
        for (index, entry) in entries.enumerated() where !check(ConfigurationRules.instanceEntry(entry), at: YAMLWalker.element(path, index)) {
            valid = false
        }
        return valid ? entries : nil
    }

    private mutating func decodeRateLimits(_ fields: YAMLFields) -> [String: Double]? {
        guard let node = fields["rateLimits"] else { return nil }
        guard let entries = walker.entries(node, at: fields.path("rateLimits")) else { return nil }
        var limits: [String: Double] = [:]
        for (key, value) in entries {
            let path = YAMLWalker.child(fields.path("rateLimits"), key)
            if key != "default", !check(ConfigurationRules.rateLimitKey(key), at: path) { continue }
            guard let number = walker.number(value, at: path), check(ConfigurationRules.rateLimit(number), at: path) else { continue }
            limits[key] = number
        }
        return limits
    }

    private mutating func decodeTimeouts(_ fields: YAMLFields) -> (request: Duration, operation: Duration, rateLimitWait: Duration) {
        var result = (
            request: AccountSettings.defaultRequestTimeout, operation: AccountSettings.defaultOperationTimeout,
            rateLimitWait: AccountSettings.defaultRateLimitWait
        )
        guard let node = fields["timeouts"],
              let timeouts = walker.fields(node, at: fields.path("timeouts"), keys: ["request", "operation", "rateLimitWait"])
        else { return result }
        if let wait = walker.duration(timeouts, "rateLimitWait", range: AccountSettings.rateLimitWaitRange) {
            result.rateLimitWait = wait
        }
        if let request = walker.duration(timeouts, "request", range: AccountSettings.requestTimeoutRange) {
            result.request = request
        }
        if let operation = walker.duration(timeouts, "operation", range: AccountSettings.operationTimeoutRange) {
            result.operation = operation
        }
        if result.operation <= result.request {
            walker.report(timeouts.path("operation"), "must be longer than timeouts.request (\(DurationText.format(result.request)))")
        }
        return result
    }
}
