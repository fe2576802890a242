import Foundation
@testable import GatewayConfiguration
import GatewayCore
import Testing

@Suite struct ValidConfigurationTests {
    static let fullExample = """
    server: {host: 127.0.0.1, port: 8080, corsOrigins: ["https://dash.example.com", "http://localhost:5173"]}
    store: {url: "sqlite://./data/gateway.sqlite"}
    sandbox: false
    logging: {level: info}
    operations: {refreshInterval: 2s}
    accounts:
      - name: tencent-gz
        provider: tencent
        region: ap-guangzhou
        endpoint: https://redis.tencentcloudapi.com
        credentials: {idEnv: TENCENT_SECRET_ID, secretEnv: TENCENT_SECRET_KEY, tokenEnv: TENCENT_TOKEN}   # or idFile/secretFile/tokenFile (path)
        instances: ["crs-*"]
        rateLimits: {default: 20, DescribeInstanceBackups: 50}
        timeouts: {request: 10s, operation: 6h}
      - name: tencent-sh
        provider: tencent
        region: ap-shanghai
        endpoint: http://127.0.0.1:9001
        credentials: {idFile: /run/secrets/id, secretFile: /run/secrets/key}
        instances: [crs-exact1, "crs-??x"]
        rateLimits: {default: 2.5}
        timeouts: {request: 1m30s, operation: 1d}
    """

    @Test func fullExampleParsesEveryField() throws {
        let config = try ConfigurationLoader.parse(yaml: Self.fullExample)
        #expect(config.server == ServerSettings(host: "127.0.0.1", port: 8080, corsOrigins: ["https://dash.example.com", "http://localhost:5173"]))
        #expect(config.store.location == .sqlite(path: "./data/gateway.sqlite"))
        #expect(config.sandbox == false)
        #expect(config.logging.level == .info)
        #expect(config.operations.refreshInterval == .seconds(2))
        #expect(config.accounts.count == 2)

        let gz = config.accounts[0]
        #expect(gz.name == "tencent-gz")
        #expect(gz.provider == .tencent)
        #expect(gz.region == "ap-guangzhou")
        #expect(gz.endpoint == URL(string: "https://redis.tencentcloudapi.com"))
        #expect(gz.credentials == CredentialReferences(
            id: .environment("TENCENT_SECRET_ID"), secret: .environment("TENCENT_SECRET_KEY"), token: .environment("TENCENT_TOKEN")))
        #expect(gz.instances == ["crs-*"])
        #expect(gz.rateLimits == ["default": 20, "DescribeInstanceBackups": 50])
        #expect(gz.rateLimit(for: "DescribeInstanceBackups") == 50)
        #expect(gz.rateLimit(for: "CreateBackup") == 20)
        #expect(gz.requestTimeout == .seconds(10))
        #expect(gz.operationTimeout == .seconds(6 * 3600))
        #expect(gz.projectId == nil && gz.signatureVersion == nil && gz.signatureMethod == nil && gz.apiVersion == nil)

        let sh = config.accounts[1]
        #expect(sh.endpoint == URL(string: "http://127.0.0.1:9001"))
        #expect(sh.credentials == CredentialReferences(id: .file("/run/secrets/id"), secret: .file("/run/secrets/key")))
        #expect(sh.instances == ["crs-exact1", "crs-??x"])
        #expect(sh.rateLimits == ["default": 2.5])
        #expect(sh.requestTimeout == .seconds(90))
        #expect(sh.operationTimeout == .seconds(86_400))
    }

    @Test func renderThenParseGivesTheSameConfiguration() throws {
        let config = try ConfigurationLoader.parse(yaml: Self.fullExample)
        let rendered = ConfigurationLoader.render(config)
        #expect(try ConfigurationLoader.parse(yaml: rendered) == config)
        #expect(try ConfigurationLoader.parse(yaml: ConfigurationLoader.render(.default)) == .default)
    }

    @Test func renderKeepsAuthWebhooksAndAccountExtras() throws {
        let config = try ConfigurationLoader.parse(yaml: """
        server: {host: 0.0.0.0}
        auth:
          probes: open
          tokens:
            - {name: dash, tokenEnv: DASH, scopes: [backups:read, restores:write], instances: ["crs-*"]}
            - {name: audit, tokenSha256: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8, scopes: [audit:read]}
        webhooks: {secretFile: /run/secrets/hook, timeout: 3s, maxAttempts: 4}
        accounts:
          - name: a
            provider: tencent
            region: ap-guangzhou
            credentials: {idEnv: A, secretEnv: B}
            instances: ["*"]
            webhookUrl: "https://hooks.example.com/x?token=t"
            timeouts: {rateLimitWait: 500ms}
        """)
        #expect(config.accounts[0].webhookUrl == "https://hooks.example.com/x?token=t")
        #expect(config.accounts[0].rateLimitWait == .milliseconds(500))
        let rendered = ConfigurationLoader.render(config)
        #expect(try ConfigurationLoader.parse(yaml: rendered) == config)
    }

    @Test func renderQuotesStringsThatLookLikeOtherTypes() throws {
        var config = GatewayConfiguration.default
        config.accounts = [AccountSettings(
            name: "123", provider: .tencent, region: "null",
            credentials: CredentialReferences(id: .environment("ID"), secret: .file("yes")), instances: ["1", "true"])]
        #expect(try ConfigurationLoader.parse(yaml: ConfigurationLoader.render(config)) == config)
    }

    @Test func otherProvidersParseWithTheirDefaultsWhenAvailable() throws {
        let yaml = """
        accounts:
          - name: huawei-ap
            provider: huawei
            region: ap-southeast-1
            projectId: 0123456789abcdef0123456789abcdef
            credentials: {idEnv: HW_AK, secretEnv: HW_SK}
            instances: ["*"]
          - name: ali
            provider: alibaba
            region: cn-hangzhou
            signatureVersion: v1
            credentials: {idEnv: ALI_ID, secretEnv: ALI_SECRET}
            instances: ["r-*"]
          - name: legacy
            provider: tencent-legacy
            region: gz
            credentials: {idEnv: ID, secretEnv: KEY}
            instances: ["crs-old*"]
        """
        let config = try ConfigurationLoader.parse(yaml: yaml, availableProviders: Set(ProviderKind.allCases))
        #expect(config.accounts[0].projectId == "0123456789abcdef0123456789abcdef")
        #expect(config.accounts[0].apiVersion == "v2")
        #expect(config.accounts[1].signatureVersion == "v1")
        #expect(config.accounts[2].signatureMethod == "HmacSHA1")
        #expect(try ConfigurationLoader.parse(yaml: ConfigurationLoader.render(config), availableProviders: Set(ProviderKind.allCases)) == config)
    }

    @Test(arguments: ["", "\n", "# only a comment\n", "~", "---\n"])
    func emptyFileGivesDefaults(yaml: String) throws {
        #expect(try ConfigurationLoader.parse(yaml: yaml) == .default)
    }

    @Test func defaults() {
        let config = GatewayConfiguration.default
        #expect(config.server.host == "127.0.0.1")
        #expect(config.server.port == 8080)
        #expect(config.server.corsOrigins.isEmpty)
        #expect(config.store.url == "sqlite://./data/gateway.sqlite")
        #expect(config.store.location == .sqlite(path: "./data/gateway.sqlite"))
        #expect(config.sandbox == false)
        #expect(config.logging.level == .info)
        #expect(config.operations.refreshInterval == .seconds(2))
        #expect(config.accounts.isEmpty)
    }

    @Test func accountDefaults() throws {
        let account = try #require(try ConfigurationLoader.parse(yaml: accountYAML()).accounts.first)
        #expect(account.endpoint == nil)
        #expect(account.credentials.token == nil)
        #expect(account.rateLimits.isEmpty)
        #expect(account.requestTimeout == .seconds(10))
        #expect(account.operationTimeout == .seconds(6 * 3600))
    }

    @Test func memoryStoreSandboxAndOtherSettings() throws {
        let config = try ConfigurationLoader.parse(yaml: """
        store: {url: "sqlite::memory:"}
        sandbox: true
        server: {host: 0.0.0.0, port: 0, corsOrigins: ["*"]}
        auth: {disabled: true}
        logging: {level: debug}
        operations: {refreshInterval: 100ms}
        """)
        #expect(config.store.location == .memory)
        #expect(config.sandbox)
        #expect(config.server.port == 0)
        #expect(config.server.host == "0.0.0.0")
        #expect(config.server.corsOrigins == ["*"])
        #expect(config.logging.level == .debug)
        #expect(config.operations.refreshInterval == .milliseconds(100))
        #expect(StoreSettings(url: "sqlite:///var/lib/gw.sqlite").location == .sqlite(path: "/var/lib/gw.sqlite"))
    }

    @Test func loadReadsAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gw-config-\(UUID().uuidString).yaml")
        try Self.fullExample.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try ConfigurationLoader.load(path: url.path) == ConfigurationLoader.parse(yaml: Self.fullExample))
    }

    @Test func loadOfAMissingFileIsOneIssueWithAnEmptyPath() {
        let path = "/nonexistent/dir/gateway.yaml"
        #expect {
            try ConfigurationLoader.load(path: path)
        } throws: { error in
            guard let error = error as? ConfigurationError, error.issues.count == 1 else { return false }
            return error.issues[0].path == "" && error.issues[0].message.contains(path)
        }
    }

    @Test func everyProviderKindIsAvailable() {
        #expect(ConfigurationLoader.availableProviders == Set(ProviderKind.allCases))
    }
}
