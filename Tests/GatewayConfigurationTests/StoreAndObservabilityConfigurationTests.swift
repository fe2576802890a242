import Foundation
import Testing
@testable import GatewayConfiguration

/// `store:` (SQLite and PostgreSQL), `logging:`, `tracing:` and the server's shutdown timings.
@Suite struct StoreAndObservabilityConfigurationTests {
    @Test func postgresURLWithItsKeys() throws {
        let config = try ConfigurationLoader.parse(yaml: """
            store:
              url: postgres://gateway@db.internal:6543/gateway_prod
              passwordEnv: GATEWAY_DB_PASSWORD
              tls: verify-full
              schema: gw
              poolSize: 20
            """)
        #expect(config.store.location == .postgres(PostgresAddress(host: "db.internal", port: 6543, user: "gateway", database: "gateway_prod")))
        #expect(config.store.password == .environment("GATEWAY_DB_PASSWORD"))
        #expect(config.store.tls == .verifyFull)
        #expect(config.store.schema == "gw")
        #expect(config.store.poolSize == 20)
    }

    @Test func postgresDefaults() throws {
        let config = try ConfigurationLoader.parse(yaml: "store: {url: \"postgresql://gw@[::1]/db\"}")
        #expect(config.store.location == .postgres(PostgresAddress(host: "::1", port: 5432, user: "gw", database: "db")))
        #expect(config.store.password == nil)
        #expect(config.store.tls == .prefer)
        #expect(config.store.schema == "public")
        #expect(config.store.poolSize == 10)
    }

    @Test func aPasswordInTheURLIsRefusedWithoutRepeatingIt() {
        let found = issues("store: {url: \"postgres://gw:hunter2@db:5432/gateway\"}")
        #expect(hasIssue(found, "store.url", "must not contain a password"))
        #expect(!found.description.contains("hunter2"))
        let literal = issues("store: {url: \"postgres://gw@db/gateway\", password: hunter2}")
        #expect(hasIssue(literal, "store.password", "only accepted by reference"))
        #expect(!literal.description.contains("hunter2"))
    }

    @Test func malformedPostgresSettings() {
        #expect(hasIssue(issues("store: {url: \"postgres://db/gateway\"}"), "store.url", "USER@HOST"))
        #expect(hasIssue(issues("store: {url: \"postgres://gw@db:99999/gateway\"}"), "store.url", "port"))
        #expect(hasIssue(issues("store: {url: \"postgres://gw@db/gateway?sslmode=require\"}"), "store.url", "query parameters"))
        #expect(hasIssue(issues("store: {url: \"postgres://gw@db/gateway\", tls: sometimes}"), "store.tls", "unknown TLS mode"))
        #expect(hasIssue(issues("store: {url: \"postgres://gw@db/gateway\", schema: \"Drop Table\"}"), "store.schema", "lower-case"))
        #expect(hasIssue(issues("store: {url: \"postgres://gw@db/gateway\", poolSize: 0}"), "store.poolSize", "between 1 and 100"))
        #expect(hasIssue(issues("store: {url: \"postgres://gw@db/gateway\", passwordEnv: A, passwordFile: /x}"), "store", "both passwordEnv and passwordFile"))
        #expect(hasIssue(issues("store: {url: \"postgres://gw@db/gateway\", passwordEnv: \"1bad\"}"), "store.passwordEnv", "environment variable name"))
    }

    @Test func postgresKeysNeedAPostgresURL() {
        #expect(hasIssue(issues("store: {url: \"sqlite://./x.sqlite\", poolSize: 5}"), "store.poolSize", "only used with a postgres:// store URL"))
        #expect(hasIssue(issues("store: {passwordEnv: PW}"), "store.passwordEnv", "only used with a postgres:// store URL"))
    }

    @Test func thePasswordReferenceMustResolve() throws {
        let config = try ConfigurationLoader.parse(yaml: "store: {url: \"postgres://gw@db/gateway\", passwordEnv: GW_DB_PW}")
        let missing = ConfigurationLoader.validateSecrets(config, environment: [:])
        #expect(missing == [ConfigurationIssue(path: "store.passwordEnv", message: "environment variable GW_DB_PW is not set")])
        #expect(ConfigurationLoader.validateSecrets(config, environment: ["GW_DB_PW": "s3cret"]).isEmpty)
        #expect(try config.store.resolvePassword(environment: ["GW_DB_PW": "s3cret"]) == "s3cret")
    }

    @Test func loggingAndTracing() throws {
        let config = try ConfigurationLoader.parse(yaml: """
            logging: {level: debug, format: json}
            tracing: {enabled: true, endpoint: "http://otel-collector:4318", serviceName: gw-eu, sampleRatio: 0.25}
            """)
        #expect(config.logging == LoggingSettings(level: .debug, format: .json))
        #expect(config.tracing == TracingSettings(enabled: true, endpoint: URL(string: "http://otel-collector:4318")!, serviceName: "gw-eu", sampleRatio: 0.25))
        #expect(GatewayConfiguration.default.tracing.enabled == false)
        #expect(GatewayConfiguration.default.logging.format == .text)
    }

    @Test func badLoggingAndTracing() {
        #expect(hasIssue(issues("logging: {format: xml}"), "logging.format", "unknown format 'xml'"))
        #expect(hasIssue(issues("tracing: {endpoint: \"otel:4318\"}"), "tracing.endpoint", "http(s) URL"))
        #expect(hasIssue(issues("tracing: {sampleRatio: 2}"), "tracing.sampleRatio", "between 0 and 1"))
        #expect(hasIssue(issues("tracing: {enabled: yes please}"), "tracing.enabled", "true or false"))
        #expect(issues("tracing: {exporter: zipkin}").contains { $0.message.contains("unknown key 'exporter'") })
    }

    @Test func shutdownTimings() throws {
        let config = try ConfigurationLoader.parse(yaml: "server: {drainDelay: 5s, gracePeriod: 20s}")
        #expect(config.server.drainDelay == .seconds(5))
        #expect(config.server.gracePeriod == .seconds(20))
        #expect(GatewayConfiguration.default.server.drainDelay == .zero)
        #expect(GatewayConfiguration.default.server.gracePeriod == .seconds(25))
        #expect(hasIssue(issues("server: {drainDelay: 2m}"), "server.drainDelay", "between"))
        #expect(hasIssue(issues("server: {gracePeriod: 0s}"), "server.gracePeriod", "between"))
    }

    @Test func everythingNewRoundTripsThroughRender() throws {
        let config = try ConfigurationLoader.parse(yaml: """
            server: {drainDelay: 5s, gracePeriod: 20s}
            store: {url: "postgres://gw@db:5433/gateway", passwordFile: /run/secrets/db, tls: require, schema: gw, poolSize: 4}
            logging: {level: warning, format: json}
            tracing: {enabled: true, endpoint: "https://collector.example:4318", serviceName: gw, sampleRatio: 0.5}
            """)
        let rendered = ConfigurationLoader.render(config)
        #expect(try ConfigurationLoader.parse(yaml: rendered) == config)
        #expect(rendered.contains("passwordFile: /run/secrets/db"))
    }
}
