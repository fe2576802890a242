import Foundation
import GatewayConfiguration
import GatewayCore
import Testing

@Suite struct SecretResolutionTests {
    private let secretValue = "S3cr3t-Value-Do-Not-Print"

    private func account(_ credentials: CredentialReferences) -> AccountSettings {
        AccountSettings(name: "tc", provider: .tencent, region: "ap-guangzhou", credentials: credentials, instances: ["*"])
    }

    private func temporaryFile(_ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gw-secret-\(UUID().uuidString)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func issues(_ body: () throws -> Void) -> [ConfigurationIssue] {
        do {
            try body()
            return []
        } catch let error as ConfigurationError {
            return error.issues
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    @Test func environmentVariableSet() throws {
        #expect(try SecretSource.environment("KEY").resolve(environment: ["KEY": secretValue]) == secretValue)
    }

    @Test func environmentVariableMissingOrEmpty() {
        let missing = issues { _ = try SecretSource.environment("KEY").resolve(environment: [:], path: "accounts[0].credentials.secretEnv") }
        #expect(missing == [ConfigurationIssue(path: "accounts[0].credentials.secretEnv", message: "environment variable KEY is not set")])
        let empty = issues { _ = try SecretSource.environment("KEY").resolve(environment: ["KEY": ""]) }
        #expect(empty.first?.message == "environment variable KEY is empty")
    }

    @Test func fileWithTrailingNewlineIsTrimmed() throws {
        let path = try temporaryFile(secretValue + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try SecretSource.file(path).resolve(environment: [:]) == secretValue)
        let crlf = try temporaryFile("line one\nline two\r\n")
        defer { try? FileManager.default.removeItem(atPath: crlf) }
        #expect(try SecretSource.file(crlf).resolve(environment: [:]) == "line one\nline two")
    }

    @Test func unreadableOrEmptyFile() throws {
        let missing = issues { _ = try SecretSource.file("/nonexistent/secret").resolve(environment: [:], path: "p") }
        #expect(missing.first?.path == "p")
        #expect(missing.first?.message.contains("/nonexistent/secret") == true)
        let emptyPath = try temporaryFile("\n")
        defer { try? FileManager.default.removeItem(atPath: emptyPath) }
        #expect(issues { _ = try SecretSource.file(emptyPath).resolve(environment: [:]) }.first?.message == "file \(emptyPath) is empty")
        let directory = issues { _ = try SecretSource.file(FileManager.default.temporaryDirectory.path).resolve(environment: [:]) }
        #expect(directory.first?.message.contains("directory") == true)
    }

    @Test func accountCredentialsResolveFromEnvironmentAndFile() throws {
        let path = try temporaryFile(secretValue + "\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let account = account(CredentialReferences(id: .environment("ID"), secret: .file(path), token: .environment("TOKEN")))
        let resolved = try account.resolveCredentials(environment: ["ID": "AKIDEXAMPLE123", "TOKEN": "tok-\(secretValue)"])
        #expect(resolved == ResolvedCredentials(accessKeyId: "AKIDEXAMPLE123", secret: secretValue, token: "tok-\(secretValue)"))
    }

    @Test func everyUnresolvedReferenceIsReportedWithItsPathAndNeverTheValue() {
        let account = account(CredentialReferences(id: .environment("ID"), secret: .environment("SECRET"), token: .file("/nonexistent/t")))
        let found = issues { _ = try account.resolveCredentials(environment: ["ID": "", "OTHER": secretValue]) }
        #expect(found.map(\.path) == ["accounts[tc].credentials.idEnv", "accounts[tc].credentials.secretEnv", "accounts[tc].credentials.tokenFile"])
        #expect(!ConfigurationError(issues: found).description.contains(secretValue))
    }

    @Test func validateSecretsUsesIndexedPaths() throws {
        let config = try ConfigurationLoader.parse(yaml: """
        accounts:
          - {name: a, provider: tencent, region: r, credentials: {idEnv: A_ID, secretEnv: A_KEY}, instances: ["crs-a*"]}
          - {name: b, provider: tencent, region: r, credentials: {idEnv: B_ID, secretEnv: B_KEY, tokenEnv: B_TOKEN}, instances: ["crs-b*"]}
        """)
        let environment = ["A_ID": "id", "A_KEY": secretValue, "B_ID": "id", "B_KEY": ""]
        let found = ConfigurationLoader.validateSecrets(config, environment: environment)
        #expect(found == [
            ConfigurationIssue(path: "accounts[1].credentials.secretEnv", message: "environment variable B_KEY is empty"),
            ConfigurationIssue(path: "accounts[1].credentials.tokenEnv", message: "environment variable B_TOKEN is not set"),
        ])
        #expect(ConfigurationLoader.validateSecrets(config, environment: environment.merging(["B_KEY": "k", "B_TOKEN": "t"]) { $1 }).isEmpty)
    }

    @Test func resolvedCredentialsNeverPrintTheSecretOrToken() {
        let credentials = ResolvedCredentials(accessKeyId: "AKIDEXAMPLE123", secret: secretValue, token: "tok-\(secretValue)")
        let printed = [
            credentials.description, "\(credentials)", String(reflecting: credentials),
            { var out = ""; dump(credentials, to: &out); return out }(),
        ]
        for text in printed {
            #expect(!text.contains(secretValue), "\(text)")
            #expect(!text.contains("AKIDEXAMPLE123"), "\(text)")
        }
        #expect(credentials.description.contains("AKID…"))
    }

    @Test func secretSourceDescriptionNamesTheReference() {
        #expect(SecretSource.environment("KEY").description == "environment variable KEY")
        #expect(SecretSource.file("/run/s").description == "file /run/s")
    }
}
