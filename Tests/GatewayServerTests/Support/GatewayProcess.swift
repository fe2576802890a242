import Foundation
import GatewayConfiguration
import Synchronization
import Testing

/// The real `backup-gateway` executable (built by `swift build` / `swift test` next to the test
/// bundle) run as a child process with a rendered configuration file, listening on an
/// ephemeral loopback port read from its "listening" log line.
final class GatewayProcess: Sendable {
    let port: Int
    private let process: ChildProcess
    private let output: OutputBuffer
    let configPath: String
    /// What it was started with (`killAndRestart()` starts the next process with the same).
    let configuration: GatewayConfiguration
    let environment: [String: String]

    /// The executable next to the test bundle.
    static var executable: URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        // `.../debug/redis-backup-gatewayPackageTests.xctest` is a file on Linux; be lenient if a
        // bundle directory ever appears in the path.
        while directory.lastPathComponent.hasSuffix(".xctest") { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("backup-gateway")
    }

    private init(
        port: Int, process: ChildProcess, output: OutputBuffer, configPath: String, configuration: GatewayConfiguration, environment: [String: String]
    ) {
        self.port = port
        self.process = process
        self.output = output
        self.configPath = configPath
        self.configuration = configuration
        self.environment = environment
    }

    /// Starts `serve --config` with `configuration` (its port forced to 0) and waits until it
    /// listens (at most `startTimeout`).
    static func start(
        _ configuration: GatewayConfiguration, environment: [String: String] = [:], startTimeout: Duration = .seconds(60)
    ) async throws -> GatewayProcess {
        let original = configuration
        var configuration = configuration
        configuration.server.host = "127.0.0.1"
        configuration.server.port = 0
        let configPath = NSTemporaryDirectory() + "gateway-process-\(UUID().uuidString).yaml"
        try ConfigurationLoader.render(configuration).write(toFile: configPath, atomically: true, encoding: .utf8)

        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        let output = OutputBuffer()
        let process = try ChildProcess(
            executable: executable.path, arguments: ["serve", "--config", configPath], environment: env
        ) { output.append($0) }

        let clock = ContinuousClock()
        let deadline = clock.now + startTimeout
        while clock.now < deadline {
            if let port = output.listeningPort() {
                return GatewayProcess(
                    port: port, process: process, output: output, configPath: configPath, configuration: original, environment: environment
                )
            }
            if !process.isRunning {
                let status = process.status ?? -1
                Issue.record("backup-gateway exited with \(status) before listening:\n\(output.text)")
                throw GatewayProcessError.exited(status)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.send(SIGTERM)
        Issue.record("backup-gateway did not listen within \(startTimeout):\n\(output.text)")
        throw GatewayProcessError.notListening
    }

    /// Everything the process printed so far.
    var log: String { output.text }

    var isRunning: Bool { process.isRunning }

    /// Sends SIGTERM (graceful shutdown).
    func terminate() { process.send(SIGTERM) }

    /// Sends SIGKILL.
    func kill() { process.send(SIGKILL) }

    /// SIGKILL, wait for the exit, remove the configuration file, then start a new process with
    /// the same configuration and environment (same store; a new port).
    func killAndRestart() async throws -> GatewayProcess {
        kill()
        _ = await waitForExit(timeout: .seconds(30))
        await stop()
        return try await Self.start(configuration, environment: environment)
    }

    /// The child's resident set size (`VmRSS` of `/proc/<pid>/status`), nil once it exited.
    var residentBytes: Int? {
        guard process.isRunning,
              let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(whereSeparator: \.isWhitespace).dropFirst().first ?? "")
        else { return nil }
        return kilobytes * 1024
    }

    /// Waits for the process to exit (at most `timeout`) and returns its status; nil if it is
    /// still running then (it is killed).
    func waitForExit(timeout: Duration = .seconds(60)) async -> Int32? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while process.isRunning, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(25))
        }
        guard !process.isRunning else {
            kill()
            return nil
        }
        return process.status
    }

    /// Stops the process (SIGTERM, then SIGKILL) and removes the configuration file.
    func stop() async {
        if process.isRunning {
            terminate()
            _ = await waitForExit(timeout: .seconds(30))
        }
        try? FileManager.default.removeItem(atPath: configPath)
    }
}

enum GatewayProcessError: Error {
    case exited(Int32)
    case notListening
}

/// The child's combined output, appended from the pipe's reader thread.
private final class OutputBuffer: Sendable {
    private let data = Mutex(Data())

    func append(_ chunk: Data) {
        data.withLock { $0.append(chunk) }
    }

    var text: String {
        data.withLock { String(decoding: $0, as: UTF8.self) }
    }

    /// The port of the "backup-gateway listening" line (text or JSON logs).
    func listeningPort() -> Int? {
        for line in text.split(separator: "\n") where line.contains("backup-gateway listening") {
            guard let range = line.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression) else { continue }
            let match = line[range]
            if let colon = match.lastIndex(of: ":"), let port = Int(match[match.index(after: colon)...]) { return port }
        }
        return nil
    }
}
