import GatewayConfiguration
import GatewayCore
import Testing

/// Each refusal of the loader, with the path it is reported at.
@Suite struct ConfigurationRuleTests {
    @Test func unknownKeysAreErrorsListingTheValidKeys() {
        let found = issues("""
        serverr: {}
        server: {hots: x}
        accounts:
          - name: a
            provider: tencent
            region: r
            credentials: {idEnv: A, secretEnv: B}
            instances: ["*"]
            color: blue
            timeouts: {connect: 1s}
        """)
        #expect(hasIssue(found, "serverr", "unknown key 'serverr' (valid keys: server, store, sandbox, logging, tracing, operations, auth, webhooks, accounts)"))
        #expect(hasIssue(found, "server.hots", "unknown key 'hots' (valid keys: host, port, corsOrigins, drainDelay, gracePeriod)"))
        #expect(hasIssue(found, "accounts[0].color", "unknown key 'color'"))
        #expect(hasIssue(found, "accounts[0].timeouts.connect", "valid keys: request, operation"))
        #expect(found.count == 4)
    }

    @Test func wrongTypes() {
        let found = issues("""
        server: {port: "8080", corsOrigins: "https://a.example"}
        sandbox: "yes"
        store: [x]
        logging: {level: [info]}
        accounts:
          - name: a
            provider: tencent
            region: r
            credentials: {idEnv: A, secretEnv: B}
            instances: "crs-*"
            rateLimits: {default: fast}
            timeouts: {request: 10}
        """)
        #expect(hasIssue(found, "server.port", "expected a whole number, got a string"))
        #expect(hasIssue(found, "server.corsOrigins", "expected a list"))
        #expect(hasIssue(found, "sandbox", "expected true or false"))
        #expect(hasIssue(found, "store", "expected a mapping, got a list"))
        #expect(hasIssue(found, "logging.level", "expected a string, got a list"))
        #expect(hasIssue(found, "accounts[0].instances", "expected a list"))
        #expect(hasIssue(found, "accounts[0].rateLimits.default", "expected a number"))
        #expect(hasIssue(found, "accounts[0].timeouts.request", "expected a duration"))
        #expect(found.count == 8)
    }

    @Test func missingRequiredKeys() {
        let found = issues("accounts:\n  - endpoint: https://x.example\n")
        for key in ["name", "provider", "region", "credentials", "instances"] {
            #expect(hasIssue(found, "accounts[0].\(key)", "missing required key '\(key)'"))
        }
        #expect(found.count == 5)
    }

    @Test func credentialsNeedAnIdAndASecretSource() {
        let found = issues(accountYAML(credentials: "{tokenEnv: T}"))
        #expect(hasIssue(found, "accounts[0].credentials", "missing idEnv or idFile"))
        #expect(hasIssue(found, "accounts[0].credentials", "missing secretEnv or secretFile"))
    }

    @Test func bothEnvAndFileForOneCredentialIsAnError() {
        let found = issues(accountYAML(credentials: "{idEnv: A, idFile: /a, secretEnv: B, tokenEnv: T, tokenFile: /t}"))
        #expect(hasIssue(found, "accounts[0].credentials", "both idEnv and idFile are set"))
        #expect(hasIssue(found, "accounts[0].credentials", "both tokenEnv and tokenFile are set"))
        #expect(found.count == 2)
    }

    @Test(arguments: [
        ("secret", "use secretEnv or secretFile"), ("secretKey", "use secretEnv or secretFile"),
        ("password", "use secretEnv or secretFile"), ("accessKeySecret", "use secretEnv or secretFile"),
        ("id", "use idEnv or idFile"), ("secretId", "use idEnv or idFile"), ("accessKeyId", "use idEnv or idFile"),
        ("token", "use tokenEnv or tokenFile"), ("securityToken", "use tokenEnv or tokenFile"),
    ])
    func literalSecretsAreRefused(key: String, advice: String) {
        let found = issues(accountYAML(credentials: "{idEnv: A, secretEnv: B, \(key): hunter2-VALUE}"))
        #expect(hasIssue(found, "accounts[0].credentials.\(key)", "secrets are only accepted by reference: \(advice)"))
        #expect(!found.description.contains("hunter2-VALUE"))
    }

    @Test func literalSecretMessageIsTheDocumentedOne() {
        let found = issues(accountYAML(credentials: "{idEnv: A, secret: s3cr3t-value}"))
        #expect(found.contains(ConfigurationIssue(
            path: "accounts[0].credentials.secret", message: "secrets are only accepted by reference: use secretEnv or secretFile")))
    }

    @Test func badEnvironmentVariableNameIsNotEchoed() {
        let found = issues(accountYAML(credentials: "{idEnv: A, secretEnv: \"wJalr/XUtnFEMI+K7MDENG\"}"))
        #expect(hasIssue(found, "accounts[0].credentials.secretEnv", "not a valid environment variable name"))
        #expect(!found.description.contains("wJalr"))
    }

    @Test func authTokensNeedScopesAndOneSource() {
        let found = issues("""
        auth:
          tokens:
            - name: dashboard
              tokenEnv: T
            - name: Bad Name
              tokenEnv: T
              tokenSha256: abc
              scopes: [backups:read, backups:delete]
            - name: dashboard
              token: literal
              scopes: [audit:read]
              tokenSha256: 0000000000000000000000000000000000000000000000000000000000000000
          probes: sometimes
        """)
        #expect(hasIssue(found, "auth.tokens[0]", "missing scopes"))
        #expect(hasIssue(found, "auth.tokens[1].name", "a token name is 1-63 characters"))
        #expect(hasIssue(found, "auth.tokens[1]", "give exactly one of tokenEnv, tokenFile, tokenSha256"))
        #expect(hasIssue(found, "auth.tokens[1].scopes[1]", "unknown scope 'backups:delete'"))
        #expect(hasIssue(found, "auth.tokens[2].token", "tokens are only accepted by reference"))
        #expect(hasIssue(found, "auth.probes", "unknown value 'sometimes'"))
        #expect(!found.description.contains("literal"))
    }

    @Test func authIsRequiredOffLoopback() {
        let found = issues("server: {host: 0.0.0.0}\n")
        #expect(hasIssue(found, "auth", "server.host 0.0.0.0 is reachable from other machines"))
        #expect(issues("server: {host: 0.0.0.0}\nauth: {disabled: true}\n").isEmpty)
        #expect(hasIssue(issues("auth: {}\n"), "auth.tokens", "at least one token is required"))
        #expect(hasIssue(issues("auth: {disabled: true, tokens: [{name: a, tokenEnv: A, scopes: [audit:read]}]}\n"), "auth.disabled", "remove one of them"))
        #expect(issues("server: {host: 127.0.0.2}\n").isEmpty)
    }

    @Test func authTokensDecode() throws {
        let config = try ConfigurationLoader.parse(yaml: """
        server: {host: 0.0.0.0}
        auth:
          probes: token
          tokens:
            - name: dashboard
              tokenEnv: DASHBOARD_TOKEN
              scopes: [backups:read, backups:write, backups:read]
              instances: ["crs-*", "r-*"]
            - name: ci.pipeline
              tokenSha256: 9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08
              scopes: [audit:read]
        """)
        let auth = try #require(config.auth)
        #expect(auth.probes == .token)
        #expect(auth.tokens.map(\.name) == ["dashboard", "ci.pipeline"])
        #expect(auth.tokens[0].credential == .source(.environment("DASHBOARD_TOKEN")))
        #expect(auth.tokens[0].scopes == [.backupsRead, .backupsWrite])
        #expect(auth.tokens[0].instances == ["crs-*", "r-*"])
        #expect(auth.tokens[1].credential == .sha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"))
        #expect(auth.tokens[1].instances == ["*"])
        let missing = ConfigurationLoader.validateSecrets(config, environment: [:])
        #expect(missing.map(\.path) == ["auth.tokens[0].tokenEnv"])
    }

    @Test func unavailableProvidersAreRefused() {
        // Every kind is available now; the rule still holds for a build that lacks one.
        let found = issues(accountYAML(provider: "tencent-legacy"), available: [.tencent])
        #expect(found == [ConfigurationIssue(
            path: "accounts[0].provider", message: "provider 'tencent-legacy' is not available in this release (available: tencent)")])
        #expect(hasIssue(issues(accountYAML(provider: "aws")), "accounts[0].provider", "unknown provider 'aws' (available: tencent, tencent-legacy, alibaba, huawei)"))
    }

    @Test func huaweiNeedsAProjectId() {
        let found = issues(accountYAML(provider: "huawei"))
        #expect(found.count == 1)
        #expect(hasIssue(found, "accounts[0].projectId", "required for provider huawei"))
    }

    @Test func providerSpecificKeysOnTheWrongProvider() {
        let found = issues(accountYAML(extra: [
            "projectId: 0123456789abcdef0123456789abcdef", "signatureVersion: v1", "signatureMethod: HmacSHA256", "apiVersion: v2",
        ]))
        #expect(hasIssue(found, "accounts[0].projectId", "projectId is only accepted for provider huawei"))
        #expect(hasIssue(found, "accounts[0].apiVersion", "apiVersion is only accepted for provider huawei"))
        #expect(hasIssue(found, "accounts[0].signatureVersion", "only accepted for provider alibaba"))
        #expect(hasIssue(found, "accounts[0].signatureMethod", "only accepted for provider tencent-legacy"))
        #expect(found.count == 4)
    }

    @Test func providerSpecificValues() {
        let all = Set(ProviderKind.allCases)
        #expect(hasIssue(issues(accountYAML(provider: "huawei", extra: ["projectId: 0123"]), available: all),
                         "accounts[0].projectId", "exactly 32 hexadecimal characters"))
        #expect(hasIssue(issues(accountYAML(provider: "huawei", extra: ["projectId: 0123456789abcdef0123456789abcdef", "apiVersion: v3"]), available: all),
                         "accounts[0].apiVersion", "unknown apiVersion 'v3' (expected one of: v2, v1.0)"))
        #expect(hasIssue(issues(accountYAML(provider: "alibaba", extra: ["signatureVersion: v2"]), available: all),
                         "accounts[0].signatureVersion", "expected one of: v1, acs3"))
        #expect(hasIssue(issues(accountYAML(provider: "tencent-legacy", extra: ["signatureMethod: MD5"]), available: all),
                         "accounts[0].signatureMethod", "expected one of: HmacSHA1, HmacSHA256"))
    }

    @Test func duplicateAccountNames() {
        let yaml = """
        accounts:
          - {name: a, provider: tencent, region: r, credentials: {idEnv: A, secretEnv: B}, instances: ["crs-1*"]}
          - {name: b, provider: tencent, region: r, credentials: {idEnv: A, secretEnv: B}, instances: ["crs-2*"]}
          - {name: a, provider: tencent, region: r, credentials: {idEnv: A, secretEnv: B}, instances: ["crs-3*"]}
        """
        #expect(issues(yaml) == [ConfigurationIssue(path: "accounts[2].name", message: "duplicate account name 'a' (also accounts[0])")])
    }

    @Test func anExactIdBelongsToOneAccount() {
        let yaml = """
        accounts:
          - {name: a, provider: tencent, region: r, credentials: {idEnv: A, secretEnv: B}, instances: ["crs-1"]}
          - {name: b, provider: tencent, region: r, credentials: {idEnv: A, secretEnv: B}, instances: ["crs-*", "crs-1"]}
        """
        #expect(hasIssue(issues(yaml), "accounts[1].instances[1]", "instance 'crs-1' is already listed by account 'a'"))
    }

    @Test func valueRules() {
        let found = issues("""
        server: {host: "http://x", port: 70000, corsOrigins: ["https://dash.example.com/", "ftp://x", "https://Dash.example.com", "https://a.example:0"]}
        logging: {level: verbose}
        operations: {refreshInterval: 20m}
        accounts:
          - name: Bad_Name
            provider: tencent
            region: AP Guangzhou
            endpoint: http://redis.example.com
            credentials: {idEnv: 1ID, secretFile: ""}
            instances: []
            rateLimits: {default: 0, "Bad Action": 5, Describe: 10001}
            timeouts: {request: 50ms, operation: 8d}
          - name: b
            provider: tencent
            region: r
            endpoint: https://x.example/?a=1
            credentials: {idEnv: A, secretEnv: B}
            instances: ["crs 1"]
            timeouts: {request: 5m, operation: 2m}
        """)
        let expected: [(String, String)] = [
            ("server.host", "is not an address to listen on"),
            ("server.port", "must be between 1 and 65535, or 0 for an ephemeral port (got 70000)"),
            ("server.corsOrigins[0]", "is not an origin"),
            ("server.corsOrigins[1]", "is not an origin"),
            ("server.corsOrigins[2]", "must be written in lower case"),
            ("server.corsOrigins[3]", "is not an origin"),
            ("logging.level", "unknown level 'verbose' (expected one of: trace, debug, info, notice, warning, error, critical)"),
            ("operations.refreshInterval", "must be between 100ms and 10m (got 20m)"),
            ("accounts[0].name", "is not a valid account name"),
            ("accounts[0].region", "is not a valid region"),
            ("accounts[0].endpoint", "http:// is only accepted for a loopback host"),
            ("accounts[0].credentials.idEnv", "not a valid environment variable name"),
            ("accounts[0].credentials.secretFile", "the file path cannot be empty"),
            ("accounts[0].instances", "must list at least one instance id or pattern"),
            ("accounts[0].rateLimits.default", "must be more than 0 and at most 10000"),
            ("accounts[0].rateLimits.Bad Action", "is not a provider action name"),
            ("accounts[0].rateLimits.Describe", "must be more than 0 and at most 10000"),
            ("accounts[0].timeouts.request", "must be between 100ms and 5m (got 50ms)"),
            ("accounts[0].timeouts.operation", "must be between 1m and 7d (got 8d)"),
            ("accounts[1].endpoint", "must not have a query or fragment"),
            ("accounts[1].instances[0]", "contains whitespace"),
            ("accounts[1].timeouts.operation", "must be longer than timeouts.request (5m)"),
        ]
        for (path, message) in expected {
            #expect(hasIssue(found, path, message), "\(path): \(message)")
        }
        #expect(found.count == expected.count, "\(found)")
    }

    @Test func endpointSchemes() {
        for ok in ["https://redis.tencentcloudapi.com", "http://127.0.0.1:9000", "http://localhost:1", "http://[::1]:8443/base"] {
            #expect(issues(accountYAML(extra: ["endpoint: \"\(ok)\""])).isEmpty, "\(ok)")
        }
        #expect(hasIssue(issues(accountYAML(extra: ["endpoint: ftp://x.example"])), "accounts[0].endpoint", "scheme 'ftp' is not supported"))
        #expect(hasIssue(issues(accountYAML(extra: ["endpoint: redis.example.com"])), "accounts[0].endpoint", "not an absolute URL"))
    }

    @Test func unsupportedStoreURLIsRefusedWithoutEchoingIt() {
        #expect(hasIssue(issues("store: {url: \"mysql://u:pw@h/db\"}"), "store.url", "unsupported store URL"))
        #expect(!issues("store: {url: \"mysql://u:pw@h/db\"}").description.contains("pw"))
    }

    @Test func topLevelMustBeAMapping() {
        #expect(hasIssue(issues("- a\n- b\n"), "", "must be a mapping"))
        #expect(hasIssue(issues("just text"), "", "must be a mapping"))
    }

    @Test func syntaxErrorIsOneIssueWithLineAndColumn() {
        let found = issues("server:\n  host: [127.0.0.1\n  port: 8080\n")
        #expect(found.count == 1)
        #expect(found.first?.path == "")
        #expect(found.first?.message.contains("invalid YAML at line") == true)
        #expect(found.first?.message.contains("column") == true)
    }

    @Test func duplicateYAMLKeysAreReportedWithTheirLine() {
        let found = issues("sandbox: true\nsandbox: false\n")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("duplicate key 'sandbox'") == true)
        #expect(found.first?.message.contains("line 1, column 1") == true)
    }

    @Test func allIssuesAreCollectedAcrossSections() {
        let found = issues("""
        server: {port: -1}
        logging: {level: loud}
        accounts:
          - {name: a, provider: aws, region: r, credentials: {idEnv: A, secretEnv: B}, instances: ["*"]}
          - {name: b}
        """)
        #expect(found.count >= 6)
        #expect(hasIssue(found, "server.port", "must be between"))
        #expect(hasIssue(found, "logging.level", "unknown level"))
        #expect(hasIssue(found, "accounts[0].provider", "unknown provider"))
        #expect(hasIssue(found, "accounts[1].provider", "missing required key"))
    }

    @Test func errorDescriptionIsOneLinePerIssue() {
        let error = ConfigurationError(issues: [
            ConfigurationIssue(path: "server.port", message: "bad"),
            ConfigurationIssue(path: "", message: "whole file"),
        ])
        #expect(error.description == "server.port: bad\nwhole file")
    }
}
