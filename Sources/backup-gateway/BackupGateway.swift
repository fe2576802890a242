import ArgumentParser
import Foundation
import GatewayConfiguration
import GatewayServer
import Hummingbird
import Logging

/// `backup-gateway`: one HTTP API for managed-Redis backups and restores.
@main
struct BackupGateway: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup-gateway",
        abstract: "One HTTP API for backing up and restoring managed Redis on several clouds.",
        subcommands: [Serve.self, CheckConfig.self, Version.self]
    )
}

/// `serve --config FILE` / `serve --sandbox`.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the gateway.",
        discussion: """
            --sandbox starts the built-in provider simulators with sample instances and routes them \
            (store: sqlite://./data/sandbox.sqlite unless --config says otherwise).
            """
    )

    @Option(name: .long, help: "The YAML configuration file.")
    var config: String?

    @Flag(name: .long, help: "Run the built-in provider simulators with sample data.")
    var sandbox = false

    @Option(name: .long, help: "Override server.port.")
    var port: Int?

    func run() async throws {
        var configuration: GatewayConfiguration
        if let config {
            do {
                configuration = try ConfigurationLoader.load(path: config)
            } catch {
                FileHandle.standardError.write(Data("backup-gateway: \(config) is not valid:\n\(error.description)\n".utf8))
                throw ExitCode(2)
            }
        } else if sandbox {
            configuration = .default
            configuration.store = StoreSettings(url: "sqlite://./data/sandbox.sqlite")
        } else {
            throw ValidationError("Give --config FILE, or --sandbox to try the gateway against its built-in simulators.")
        }
        if sandbox { configuration.sandbox = true }
        if let port { configuration.server.port = port }

        // Logs: `logging.format` and `.level`, secrets masked once `buildApplication` resolved
        // them, request facts (and trace ids when tracing) on every line.
        let secrets = SecretRegistry()
        GatewayLogging.bootstrap(
            settings: configuration.logging, secrets: secrets,
            extraMetadata: configuration.tracing.enabled ? [GatewayTracing.logMetadataProvider] : []
        )
        let logger = Logger(label: "backup-gateway")
        let shutdown = ShutdownState()
        let app: any ApplicationProtocol
        do {
            // Spans are exported only with `tracing.enabled`; the exporter runs with the application.
            let tracing = configuration.tracing.enabled
                ? try GatewayTracing.bootstrap(configuration.tracing, logger: Logger(label: "backup-gateway.otel")) : nil
            app = try await buildApplication(
                configuration: configuration, logger: logger, shutdown: shutdown, secrets: secrets,
                additionalServices: tracing.map { [$0] } ?? []
            )
        } catch let error as ConfigurationError {
            FileHandle.standardError.write(Data("backup-gateway: the configuration cannot be used:\n\(error.description)\n".utf8))
            throw ExitCode(2)
        }
        try await runGateway(app, shutdown: shutdown, server: configuration.server, logger: logger)
    }
}

/// `check-config FILE`: every problem with its path; exit 1 when there is any.
struct CheckConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a configuration file (and that its credential references resolve)."
    )

    @Argument(help: "The YAML configuration file.")
    var file: String

    func run() async throws {
        do {
            let configuration = try ConfigurationLoader.load(path: file)
            let issues = ConfigurationLoader.validateSecrets(configuration, environment: ProcessInfo.processInfo.environment)
            guard issues.isEmpty else {
                print(ConfigurationError(issues: issues).description)
                throw ExitCode(1)
            }
            let names = configuration.accounts.map { "\($0.name) (\($0.provider.rawValue))" }
            print("\(file): OK — \(configuration.accounts.count) account(s)\(names.isEmpty ? "" : ": " + names.joined(separator: ", "))")
        } catch let error as ConfigurationError {
            print(error.description)
            throw ExitCode(1)
        }
    }
}

/// `version`.
struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version.")

    func run() {
        print("backup-gateway \(GatewayVersion.current)")
    }
}
