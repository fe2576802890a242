import Foundation
import GatewayCore
import Yams

/// Reads and checks the configuration file (DESIGN.md §5). Every problem is reported with
/// its path, all of them at once; unknown keys are errors.
public enum ConfigurationLoader {
    /// The provider kinds this release can drive. Later releases add kinds here, and only here.
    public static var availableProviders: Set<ProviderKind> { Set(ProviderKind.allCases) }

    /// Parses YAML text. An empty document gives `GatewayConfiguration.default`.
    public static func parse(yaml: String) throws(ConfigurationError) -> GatewayConfiguration {
        try parse(yaml: yaml, availableProviders: availableProviders)
    }

    /// `parse(yaml:)` against another set of available providers (tests of provider rules).
    static func parse(yaml: String, availableProviders: Set<ProviderKind>) throws(ConfigurationError) -> GatewayConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigurationError(path: "", message: syntaxMessage(error))
        }
        var decoder = ConfigurationDecoder(availableProviders: availableProviders)
        let config = decoder.decode(root)
        guard decoder.walker.issues.isEmpty else { throw ConfigurationError(issues: decoder.walker.issues) }
        return config
    }

    /// Reads and parses the file at `path`. An unreadable file is one issue with an empty path.
    public static func load(path: String) throws(ConfigurationError) -> GatewayConfiguration {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "it cannot be read" : "it does not exist"
            throw ConfigurationError(path: "", message: "cannot read configuration file \(path): \(reason)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(path: "", message: "configuration file \(path) is not UTF-8 text")
        }
        return try parse(yaml: text)
    }

    /// Checks that every credential reference of every account resolves (variable set and
    /// non-empty, file readable and non-empty). Issues name the reference, never a value.
    public static func validateSecrets(_ config: GatewayConfiguration, environment: [String: String]) -> [ConfigurationIssue] {
        var issues: [ConfigurationIssue] = []
        for (index, account) in config.accounts.enumerated() {
            do {
                _ = try account.resolveCredentials(environment: environment, pathPrefix: "accounts[\(index)]")
            } catch {
                issues += error.issues
            }
        }
        do {
            _ = try config.webhooks?.resolveSecret(environment: environment)
        } catch {
            issues += error.issues
        }
        do {
            _ = try config.store.resolvePassword(environment: environment)
        } catch {
            issues += error.issues
        }
        for (index, token) in (config.auth?.tokens ?? []).enumerated() {
            guard case .source(let source) = token.credential else { continue }
            let key = if case .environment = source { "tokenEnv" } else { "tokenFile" }
            do {
                _ = try source.resolve(environment: environment, path: "auth.tokens[\(index)].\(key)")
            } catch {
                issues += error.issues
            }
        }
        return issues
    }

    /// One line for a Yams error, with the line and column it reports.
    private static func syntaxMessage(_ error: any Error) -> String {
        guard let yamlError = error as? YamlError else { return "invalid YAML: \(error)" }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let contextText = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return "invalid YAML at line \(mark.line), column \(mark.column): \(problem)\(contextText)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            // Yams marks the first occurrence of the key, not the repeated one.
            return "invalid YAML: duplicate key \(keys) in one mapping (first written at line \(context.mark.line), column \(context.mark.column))"
        case .reader(let problem, _, _, _):
            let location = String(describing: yamlError).split(separator: ":", maxSplits: 2)
            if location.count == 3, let line = Int(location[0]), let column = Int(location[1]) {
                return "invalid YAML at line \(line), column \(column): \(problem)"
            }
            return "invalid YAML: \(problem)"
        default:
            return "invalid YAML: \(yamlError)"
        }
    }
}
